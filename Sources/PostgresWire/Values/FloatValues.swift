/// Decoding and encoding of `float4` and `float8` (and reading other numeric types as floating point).
extension Double: PostgresDecodable, PostgresEncodable {
    /// The types a `Double` decodes from (listed in error messages).
    private static let sourceTypes: [PostgresOID] = [
        PostgresTypeOID.float8, PostgresTypeOID.float4, PostgresTypeOID.int2, PostgresTypeOID.int4,
        PostgresTypeOID.int8, PostgresTypeOID.numeric,
    ]

    /// Decodes `float8` and `float4` exactly (including NaN and the infinities), `int2`/`int4`, `int8` values
    /// that a `Double` represents exactly, and `numeric` rounded to the nearest `Double`.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Double {
        if format == .binary {
            switch type {
            case PostgresTypeOID.float8:
                try DecodingRoute.requireLength(bytes, 8, Double.self, type)
                return Double(bitPattern: BigEndian.load(UInt64.self, from: bytes))
            case PostgresTypeOID.float4:
                try DecodingRoute.requireLength(bytes, 4, Double.self, type)
                return Double(Float(bitPattern: BigEndian.load(UInt32.self, from: bytes)))
            case PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8:
                let integer: Int64 = try IntegerDecoding.decode(bytes, format: format, type: type)
                guard let value = Double(exactly: integer) else {
                    throw PostgresDecodingError(Double.self, type, format, "value \(integer) has no exact Double")
                }
                return value
            case PostgresTypeOID.numeric:
                let numeric = try PostgresNumeric.decode(from: bytes, format: format, type: type)
                guard let value = numeric.doubleValue else {
                    throw PostgresDecodingError(Double.self, type, format, "numeric \(numeric.description.prefix(40)) is out of Double's range")
                }
                return value
            default:
                break
            }
        }
        guard DecodingRoute.allowsText(format: format, type: type, isNative: sourceTypes.contains(type)) else {
            throw PostgresDecodingError(Double.self, type, format, PostgresDecodingError.typeReason(accepted: sourceTypes))
        }
        guard let value = FloatText.parseDouble(bytes) else {
            throw PostgresDecodingError(Double.self, type, format, "\(PostgresDecodingError.preview(bytes)) is not a number")
        }
        return value
    }

    /// `float8`
    public static var postgresType: PostgresOID { PostgresTypeOID.float8 }
    /// Binary: the IEEE 754 bits, exact.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends the eight bytes of the IEEE 754 bit pattern, big-endian.
    public func encode(into buffer: inout [UInt8]) { BigEndian.append(bitPattern, to: &buffer) }
}

extension Float: PostgresDecodable, PostgresEncodable {
    /// The types a `Float` decodes from (listed in error messages).
    private static let sourceTypes: [PostgresOID] = [PostgresTypeOID.float4, PostgresTypeOID.float8, PostgresTypeOID.int2]

    /// Decodes `float4` exactly, `float8` rounded to the nearest `Float` (a finite value too large is an error)
    /// and `int2`.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Float {
        if format == .binary {
            switch type {
            case PostgresTypeOID.float4:
                try DecodingRoute.requireLength(bytes, 4, Float.self, type)
                return Float(bitPattern: BigEndian.load(UInt32.self, from: bytes))
            case PostgresTypeOID.float8:
                try DecodingRoute.requireLength(bytes, 8, Float.self, type)
                return try narrowed(Double(bitPattern: BigEndian.load(UInt64.self, from: bytes)), type: type, format: format)
            case PostgresTypeOID.int2:
                let integer: Int16 = try IntegerDecoding.decode(bytes, format: format, type: type)
                return Float(integer)
            default:
                break
            }
        }
        guard DecodingRoute.allowsText(format: format, type: type, isNative: sourceTypes.contains(type)) else {
            throw PostgresDecodingError(Float.self, type, format, PostgresDecodingError.typeReason(accepted: sourceTypes))
        }
        guard let value = FloatText.parseFloat(bytes) else {
            throw PostgresDecodingError(Float.self, type, format, "\(PostgresDecodingError.preview(bytes)) is not a number")
        }
        if value.isInfinite, let wide = FloatText.parseDouble(bytes), wide.isFinite {
            throw PostgresDecodingError(Float.self, type, format, "value \(wide) is out of Float's range")
        }
        return value
    }

    /// Rounds a `float8` to `Float`, refusing a finite value that would become infinite.
    private static func narrowed(_ wide: Double, type: PostgresOID, format: PostgresFormat) throws -> Float {
        let value = Float(wide)
        if value.isInfinite, wide.isFinite {
            throw PostgresDecodingError(Float.self, type, format, "value \(wide) is out of Float's range")
        }
        return value
    }

    /// `float4`
    public static var postgresType: PostgresOID { PostgresTypeOID.float4 }
    /// Binary: the IEEE 754 bits, exact.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends the four bytes of the IEEE 754 bit pattern, big-endian.
    public func encode(into buffer: inout [UInt8]) { BigEndian.append(bitPattern, to: &buffer) }
}
