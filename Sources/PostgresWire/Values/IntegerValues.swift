/// Decoding and encoding of `bool`, the integer types and `"char"`.
enum IntegerDecoding {
    /// The integer types whose binary layouts the integer decoders read (listed in error messages).
    static let nativeTypes: [PostgresOID] = [PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8, PostgresTypeOID.oid]

    /// Whether `type` is one of ``nativeTypes`` (a switch: this runs for every integer decoded).
    @inline(__always)
    static func isNative(_ type: PostgresOID) -> Bool {
        switch type {
        case PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8, PostgresTypeOID.oid: return true
        default: return false
        }
    }

    /// Reads an integer value of any integer type (widening to Int64), then narrows it to `T` if it fits.
    static func decode<T: FixedWidthInteger>(
        _ bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID
    ) throws -> T {
        let wide = try decodeWide(bytes, format: format, type: type, as: T.self)
        guard let value = T(exactly: wide) else {
            throw PostgresDecodingError(T.self, type, format, "value \(wide) does not fit in \(T.self)")
        }
        return value
    }

    private static func decodeWide<T>(
        _ bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID, as swiftType: T.Type
    ) throws -> Int64 {
        let native = isNative(type)
        if format == .binary, native {
            switch type {
            case PostgresTypeOID.int2:
                try DecodingRoute.requireLength(bytes, 2, swiftType, type)
                return Int64(BigEndian.load(Int16.self, from: bytes))
            case PostgresTypeOID.int4:
                try DecodingRoute.requireLength(bytes, 4, swiftType, type)
                return Int64(BigEndian.load(Int32.self, from: bytes))
            case PostgresTypeOID.oid:
                try DecodingRoute.requireLength(bytes, 4, swiftType, type)
                return Int64(BigEndian.load(UInt32.self, from: bytes))
            default:
                try DecodingRoute.requireLength(bytes, 8, swiftType, type)
                return BigEndian.load(Int64.self, from: bytes)
            }
        }
        guard DecodingRoute.allowsText(format: format, type: type, isNative: native) else {
            throw PostgresDecodingError(swiftType, type, format, PostgresDecodingError.typeReason(accepted: nativeTypes))
        }
        guard let value = ASCII.parseInt64(bytes) else {
            throw PostgresDecodingError(
                swiftType, type, format, "\(PostgresDecodingError.preview(bytes)) is not an integer in range")
        }
        return value
    }
}

extension Int16: PostgresDecodable, PostgresEncodable {
    /// Decodes `int2`, or `int4`/`int8`/`oid` values that fit.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Int16 {
        try IntegerDecoding.decode(bytes, format: format, type: type)
    }
    /// `int2`
    public static var postgresType: PostgresOID { PostgresTypeOID.int2 }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends two big-endian bytes.
    public func encode(into buffer: inout [UInt8]) { BigEndian.append(self, to: &buffer) }
}

extension Int32: PostgresDecodable, PostgresEncodable {
    /// Decodes `int4` or `int2`, or `int8`/`oid` values that fit.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Int32 {
        try IntegerDecoding.decode(bytes, format: format, type: type)
    }
    /// `int4`
    public static var postgresType: PostgresOID { PostgresTypeOID.int4 }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends four big-endian bytes.
    public func encode(into buffer: inout [UInt8]) { BigEndian.append(self, to: &buffer) }
}

extension Int64: PostgresDecodable, PostgresEncodable {
    /// Decodes `int8`, `int4`, `int2` and `oid`.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Int64 {
        try IntegerDecoding.decode(bytes, format: format, type: type)
    }
    /// `int8`
    public static var postgresType: PostgresOID { PostgresTypeOID.int8 }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends eight big-endian bytes.
    public func encode(into buffer: inout [UInt8]) { BigEndian.append(self, to: &buffer) }
}

extension Int: PostgresDecodable, PostgresEncodable {
    /// Decodes `int8`, `int4`, `int2` and `oid` (values that fit `Int` on this platform).
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Int {
        try IntegerDecoding.decode(bytes, format: format, type: type)
    }
    /// `int8`
    public static var postgresType: PostgresOID { PostgresTypeOID.int8 }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends eight big-endian bytes.
    public func encode(into buffer: inout [UInt8]) { BigEndian.append(Int64(self), to: &buffer) }
}

extension UInt32: PostgresDecodable, PostgresEncodable {
    /// Decodes `oid`, or integer values that are non-negative and fit.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> UInt32 {
        try IntegerDecoding.decode(bytes, format: format, type: type)
    }
    /// `oid`
    public static var postgresType: PostgresOID { PostgresTypeOID.oid }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends four big-endian bytes.
    public func encode(into buffer: inout [UInt8]) { BigEndian.append(self, to: &buffer) }
}

extension UInt8: PostgresDecodable, PostgresEncodable {
    /// Decodes the single-byte `"char"` type, or integer values from 0 to 255.
    ///
    /// `[UInt8]` is not an array of these: it decodes `bytea` (see `Array.decode(from:format:type:)`).
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> UInt8 {
        guard type == PostgresTypeOID.char else { return try IntegerDecoding.decode(bytes, format: format, type: type) }
        if format == .binary || bytes.count <= 1 {
            // charsend sends exactly one byte; charout prints "" for the zero byte.
            guard bytes.count <= 1 else {
                throw PostgresDecodingError(UInt8.self, type, format, PostgresDecodingError.lengthReason(expected: 1, got: bytes.count))
            }
            return bytes.first ?? 0
        }
        // charout prints bytes with the high bit set as a backslash and three octal digits.
        guard bytes.count == 4, bytes[0] == UInt8(ascii: "\\"),
              let value = ByteaText.octalByte(bytes[1], bytes[2], bytes[3]) else {
            throw PostgresDecodingError(UInt8.self, type, format, "\(PostgresDecodingError.preview(bytes)) is not a \"char\" value")
        }
        return value
    }
    /// `"char"`
    public static var postgresType: PostgresOID { PostgresTypeOID.char }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends the byte.
    public func encode(into buffer: inout [UInt8]) { buffer.append(self) }
}

extension Bool: PostgresDecodable, PostgresEncodable {
    /// Decodes `bool`: one byte (non-zero is true) in binary, `t`/`f` (or `true`/`false`) in text.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Bool {
        let isNative = type == PostgresTypeOID.bool
        if format == .binary, isNative {
            try DecodingRoute.requireLength(bytes, 1, Bool.self, type)
            return bytes[0] != 0
        }
        guard DecodingRoute.allowsText(format: format, type: type, isNative: isNative) else {
            throw PostgresDecodingError(Bool.self, type, format, PostgresDecodingError.typeReason(accepted: [PostgresTypeOID.bool]))
        }
        let text = ASCII.trimmed(bytes)
        if ASCII.equalsIgnoringCase(text, "t") || ASCII.equalsIgnoringCase(text, "true") { return true }
        if ASCII.equalsIgnoringCase(text, "f") || ASCII.equalsIgnoringCase(text, "false") { return false }
        throw PostgresDecodingError(Bool.self, type, format, "\(PostgresDecodingError.preview(bytes)) is not a boolean")
    }
    /// `bool`
    public static var postgresType: PostgresOID { PostgresTypeOID.bool }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends 1 or 0.
    public func encode(into buffer: inout [UInt8]) { buffer.append(self ? 1 : 0) }
}
