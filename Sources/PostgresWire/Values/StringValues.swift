/// Decoding and encoding of `String`.
extension String: PostgresDecodable, PostgresEncodable {
    /// Decodes any value in text format (the text PostgreSQL printed), and in binary format the types whose
    /// binary form is text: `text`, `varchar`, `bpchar`, `name`, `unknown`, `"char"`, `json`, and `jsonb`
    /// (after its version byte). Invalid UTF-8 is repaired with U+FFFD rather than rejected.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> String {
        if format == .text || PostgresTypeOID.isTextLike(type) || type == PostgresTypeOID.json {
            return String(decoding: bytes, as: UTF8.self)
        }
        switch type {
        case PostgresTypeOID.char:
            try DecodingRoute.requireLength(bytes, 1, String.self, type)
            return String(decoding: bytes, as: UTF8.self)
        case PostgresTypeOID.jsonb:
            return String(decoding: try JSONBBinary.text(of: bytes, as: String.self), as: UTF8.self)
        default:
            throw PostgresDecodingError(
                String.self, type, format,
                "the binary form of this type is not text (request text format, or render it with PostgresTextRenderer)")
        }
    }

    /// 0: the server infers the parameter's type from the statement, as it does for a quoted literal.
    public static var postgresType: PostgresOID { 0 }
    /// Text.
    public var postgresFormat: PostgresFormat { .text }
    /// `text`: inside a binary array the UTF-8 bytes are a `text` element.
    public static var postgresArrayElementType: PostgresOID { PostgresTypeOID.text }
    /// Appends the UTF-8 bytes.
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: utf8) }
}

/// The binary form of `jsonb`: a version byte (1) followed by the JSON text.
enum JSONBBinary {
    /// The JSON text of a binary `jsonb` value, as a view.
    static func text<T>(of bytes: UnsafeRawBufferPointer, as swiftType: T.Type) throws -> UnsafeRawBufferPointer {
        guard let version = bytes.first else {
            throw PostgresDecodingError(swiftType, PostgresTypeOID.jsonb, .binary, "empty jsonb value (no version byte)")
        }
        guard version == 1 else {
            throw PostgresDecodingError(swiftType, PostgresTypeOID.jsonb, .binary, "unsupported jsonb binary version \(version) (expected 1)")
        }
        return UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
    }
}
