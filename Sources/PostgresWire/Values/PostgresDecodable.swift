/// A Swift type that can be built from one PostgreSQL column value, in text or binary format.
///
/// Decoders read straight from the borrowed bytes of the read buffer and copy only what the result itself
/// needs. They check the PostgreSQL type before interpreting binary bytes, and throw
/// ``PostgresDecodingError`` (never crash) on a type mismatch, a malformed payload or a value that does not fit.
public protocol PostgresDecodable {
    /// Decodes a non-NULL value. `bytes` is only valid during the call.
    ///
    /// - Parameters:
    ///   - bytes: the value's payload, without its length prefix.
    ///   - format: whether `bytes` is the type's text or binary representation.
    ///   - type: the value's type OID from `RowDescription` (0 when unknown; then text is parsed as this type).
    static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Self

    /// Produces the value for SQL NULL.
    ///
    /// The default throws "unexpected NULL"; `Optional` answers `nil`, which is how `[Int?]` and `String?`
    /// accept NULLs while `[Int]` and `String` refuse them.
    static func decodeNull(type: PostgresOID, format: PostgresFormat) throws -> Self
}

extension PostgresDecodable {
    /// Refuses SQL NULL: a non-optional Swift type has no value for it.
    public static func decodeNull(type: PostgresOID, format: PostgresFormat) throws -> Self {
        throw PostgresDecodingError(
            Self.self, type, format, "unexpected NULL (decode as an Optional to accept NULL)")
    }

    /// Decodes a column value whose payload is `nil` for SQL NULL, as a `DataRow` delivers it.
    public static func decode(
        fromNullable bytes: UnsafeRawBufferPointer?, format: PostgresFormat, type: PostgresOID
    ) throws -> Self {
        guard let bytes else { return try decodeNull(type: type, format: format) }
        return try decode(from: bytes, format: format, type: type)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// Decodes a non-NULL value as the wrapped type.
    public static func decode(
        from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID
    ) throws -> Wrapped? {
        try Wrapped.decode(from: bytes, format: format, type: type)
    }

    /// SQL NULL is `nil`.
    public static func decodeNull(type: PostgresOID, format: PostgresFormat) throws -> Wrapped? {
        nil
    }
}

/// The decision every decoder makes before touching the bytes.
enum DecodingRoute {
    /// Whether a payload that is not in one of the Swift type's native binary layouts may be parsed as text.
    ///
    /// Text-like types (text, varchar, bpchar, name, unknown) carry the same UTF-8 in both formats, so their
    /// content is parsed as the target type's text form (`SELECT '42'` decodes as `Int`). Otherwise only the
    /// text format of a native type, or of an unspecified type (OID 0), is parsed.
    static func allowsText(format: PostgresFormat, type: PostgresOID, isNative: Bool) -> Bool {
        if PostgresTypeOID.isTextLike(type) { return true }
        return format == .text && (isNative || type == 0)
    }

    /// Throws unless `bytes` has exactly `count` bytes.
    static func requireLength<T>(
        _ bytes: UnsafeRawBufferPointer, _ count: Int, _ swiftType: T.Type, _ type: PostgresOID
    ) throws {
        guard bytes.count == count else {
            throw PostgresDecodingError(
                swiftType, type, .binary, PostgresDecodingError.lengthReason(expected: count, got: bytes.count))
        }
    }
}
