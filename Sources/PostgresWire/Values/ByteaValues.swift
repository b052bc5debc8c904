import Foundation

/// `bytea` in both formats: raw bytes in binary; `\x` hex or the old escape format in text.
enum ByteaText {
    /// Decodes a `bytea` payload into a fresh array (the one copy the caller asked for).
    static func decode<T>(
        _ bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID, as swiftType: T.Type
    ) throws -> [UInt8] {
        let isNative = type == PostgresTypeOID.bytea
        if format == .binary, isNative { return Array(bytes) }
        guard DecodingRoute.allowsText(format: format, type: type, isNative: isNative) else {
            throw PostgresDecodingError(swiftType, type, format, PostgresDecodingError.typeReason(accepted: [PostgresTypeOID.bytea]))
        }
        guard let decoded = parse(bytes) else {
            throw PostgresDecodingError(swiftType, type, format, "\(PostgresDecodingError.preview(bytes)) is not valid bytea text")
        }
        return decoded
    }

    /// Parses `byteaout`'s output: `\x` followed by hex pairs (whitespace allowed between pairs), or the
    /// escape format where `\\` is a backslash and `\ooo` an octal byte and every other byte stands for itself.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        if bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") {
            return parseHex(UnsafeRawBufferPointer(rebasing: bytes.dropFirst(2)))
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                index += 1
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
                result.append(byte)
                index += 2
            } else if index + 3 < bytes.count, let value = octalByte(bytes[index + 1], bytes[index + 2], bytes[index + 3]) {
                result.append(value)
                index += 4
            } else {
                return nil
            }
        }
        return result
    }

    /// The byte written as three octal digits `[0-3][0-7][0-7]`, or nil.
    static func octalByte(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> UInt8? {
        func octal(_ byte: UInt8) -> UInt8? { byte >= 0x30 && byte <= 0x37 ? byte - 0x30 : nil }
        guard let high = octal(first), high <= 3, let middle = octal(second), let low = octal(third) else { return nil }
        return high << 6 | middle << 3 | low
    }

    private static func parseHex(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            if ASCII.isSpace(bytes[index]) {
                index += 1
                continue
            }
            guard index + 1 < bytes.count, let high = ASCII.hexValue(bytes[index]),
                  let low = ASCII.hexValue(bytes[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }
}

extension Data: PostgresDecodable, PostgresEncodable {
    /// Decodes `bytea` (raw bytes in binary, `\x…` hex or escape format in text).
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Data {
        if format == .binary, type == PostgresTypeOID.bytea { return Data(bytes) }
        return Data(try ByteaText.decode(bytes, format: format, type: type, as: Data.self))
    }
    /// `bytea`
    public static var postgresType: PostgresOID { PostgresTypeOID.bytea }
    /// Binary: the raw bytes.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends the raw bytes.
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: self) }
}
