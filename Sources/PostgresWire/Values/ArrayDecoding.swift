/// Decoding of one-dimensional arrays, and of `bytea` as `[UInt8]`.
extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// Decodes a one-dimensional array (or an empty one) in the binary array format or as `{…}` text.
    /// Elements are decoded as `Element` from their own type; a NULL element becomes `Element.decodeNull`,
    /// so `[Int?]` accepts NULLs and `[Int]` refuses them.
    ///
    /// `[UInt8]` is the exception: it decodes `bytea` (raw bytes in binary, `\x…` or escape text) and only
    /// reads an array when the value's type is an array type or its text starts with `{`.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> [Element] {
        if Element.self == UInt8.self, ArrayDecoding.isBytea(bytes, format: format, type: type) {
            let raw = try ByteaText.decode(bytes, format: format, type: type, as: [UInt8].self)
            return unsafeBitCast(raw, to: [Element].self)  // Element is UInt8: the same type
        }
        if format == .binary, !PostgresTypeOID.isTextLike(type) {
            return try ArrayDecoding.decodeBinary(bytes, type: type, as: Element.self)
        }
        return try ArrayTextParser.decode(bytes, format: format, type: type, as: Element.self)
    }
}

/// The binary array format (`array_send`): int32 dimension count, int32 has-NULL flag, element type OID,
/// per dimension int32 size and int32 lower bound, then each element as int32 length (-1: NULL) and bytes.
enum ArrayDecoding {
    /// Whether a value requested as `[UInt8]` is a `bytea` rather than an array of `"char"`/small integers.
    static func isBytea(_ bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) -> Bool {
        if type == PostgresTypeOID.bytea { return true }
        if PostgresTypeOID.elementOID(forArray: type) != nil { return false }
        if format == .binary { return PostgresTypeOID.isTextLike(type) }
        let first = ASCII.trimmed(bytes).first
        return first != UInt8(ascii: "{") && first != UInt8(ascii: "[")
    }

    static func decodeBinary<Element: PostgresDecodable>(
        _ bytes: UnsafeRawBufferPointer, type: PostgresOID, as _: Element.Type
    ) throws -> [Element] {
        func failure(_ reason: String) -> PostgresDecodingError {
            PostgresDecodingError([Element].self, type, .binary, reason)
        }
        guard bytes.count >= 12 else { throw failure("array header needs 12 bytes, got \(bytes.count)") }
        let dimensions = BigEndian.load(Int32.self, from: bytes, at: 0)
        let flags = BigEndian.load(Int32.self, from: bytes, at: 4)
        let elementType = BigEndian.load(UInt32.self, from: bytes, at: 8)
        guard flags == 0 || flags == 1 else { throw failure("invalid array flags \(flags)") }
        if dimensions == 0 {
            guard bytes.count == 12 else { throw failure("empty array with \(bytes.count - 12) trailing bytes") }
            return []
        }
        guard dimensions == 1 else {
            throw failure(dimensions > 1 ? "\(dimensions)-dimensional arrays are not supported, only one dimension"
                                         : "invalid dimension count \(dimensions)")
        }
        guard bytes.count >= 20 else { throw failure("array dimension needs 20 header bytes, got \(bytes.count)") }
        let count = Int(BigEndian.load(Int32.self, from: bytes, at: 12))
        guard count >= 0 else { throw failure("negative element count \(count)") }
        var result: [Element] = []
        // Every element takes at least its 4-byte length, which bounds a lying count.
        result.reserveCapacity(min(count, (bytes.count - 20) / 4))
        var offset = 20
        for index in 0..<count {
            guard bytes.count - offset >= 4 else { throw failure("element \(index + 1) of \(count) is missing") }
            let length = Int(BigEndian.load(Int32.self, from: bytes, at: offset))
            offset += 4
            do {
                if length == -1 {
                    result.append(try Element.decodeNull(type: elementType, format: .binary))
                    continue
                }
                guard length >= 0, bytes.count - offset >= length else {
                    throw failure("element \(index + 1) announces \(length) bytes, \(bytes.count - offset) left")
                }
                let element = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
                offset += length
                result.append(try Element.decode(from: element, format: .binary, type: elementType))
            } catch let error as PostgresDecodingError where error.swiftType != String(describing: [Element].self) {
                throw failure("element \(index + 1): \(error)")
            }
        }
        guard offset == bytes.count else { throw failure("\(bytes.count - offset) bytes after the last element") }
        return result
    }
}
