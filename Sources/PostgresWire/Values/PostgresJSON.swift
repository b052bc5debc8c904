import Foundation

/// A `json` or `jsonb` value as its JSON text (for `jsonb`, the server's normalised text).
public struct PostgresJSON: Sendable, Hashable, CustomStringConvertible {
    /// The JSON text.
    public var text: String

    /// Wraps JSON text (not validated here: the server validates it on input).
    public init(_ text: String) {
        self.text = text
    }

    /// Encodes `value` with `encoder` (a default `JSONEncoder` unless given).
    public init<T: Encodable>(encoding value: T, encoder: JSONEncoder = JSONEncoder()) throws {
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the JSON text as `type` with `decoder` (a default `JSONDecoder` unless given).
    public func decode<T: Decodable>(as type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }

    /// The JSON text.
    public var description: String { text }
}

extension PostgresJSON: PostgresDecodable, PostgresEncodable {
    /// Decodes `json` (text in both formats), `jsonb` (text, or the binary version byte 1 and text) and
    /// text-like types.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> PostgresJSON {
        switch type {
        case PostgresTypeOID.jsonb where format == .binary:
            return PostgresJSON(String(decoding: try JSONBBinary.text(of: bytes, as: PostgresJSON.self), as: UTF8.self))
        case PostgresTypeOID.json, PostgresTypeOID.jsonb:
            return PostgresJSON(String(decoding: bytes, as: UTF8.self))
        default:
            guard DecodingRoute.allowsText(format: format, type: type, isNative: false) else {
                throw PostgresDecodingError(PostgresJSON.self, type, format, PostgresDecodingError.typeReason(
                    accepted: [PostgresTypeOID.json, PostgresTypeOID.jsonb]))
            }
            return PostgresJSON(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `json`; the server casts it to `jsonb` where a `jsonb` is needed.
    public static var postgresType: PostgresOID { PostgresTypeOID.json }
    /// Text (the binary form of `json` is the same bytes).
    public var postgresFormat: PostgresFormat { .text }
    /// Appends the JSON text as UTF-8.
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: text.utf8) }
}
