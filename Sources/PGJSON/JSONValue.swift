import Foundation

/// A JSON value: what a snapshot diff reports a changed property's old and new values, and an added
/// or removed object, as.
///
/// Integers keep their exact 64-bit value (a sequence's `maxValue` is 9223372036854775807, which a
/// `Double` would round); objects encode with their keys sorted when the encoder sorts keys.
public enum JSONValue: Codable, Sendable, Hashable {
    /// `null`, also standing for a field that is absent on one side.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without a fractional part.
    case integer(Int64)
    /// Any other number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])

    /// Reads any JSON value: null, then a boolean, an integer that fits 64 bits, any other number, a
    /// string, an array, an object, in that order.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Writes the value as the JSON value it stands for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The JSON value of any `Encodable` (a snapshot or one of its objects): exactly what encoding it
    /// with `JSONEncoder` and decoding the bytes back as a `JSONValue` gives, built straight from its
    /// `encode(to:)` without JSON text in between.
    ///
    /// - Throws: what the value's `encode(to:)` throws, or the `EncodingError`/`DecodingError` that the
    ///   encode-then-decode round trip throws for a value JSON cannot hold (a NaN, a `Decimal.nan`,
    ///   containers nested 512 deep, a top level that encodes nothing).
    public init(encoding value: some Encodable) throws {
        do {
            self = try JSONTreeEncoder.tree(of: value).value
        } catch is JSONTreeEncoder.Unrepresentable {
            // Rare and never the case for a snapshot: let the round trip itself say what is wrong.
            self = try Self.foundationRoundTrip(of: value)
        }
    }

    /// The reference behaviour ``init(encoding:)`` reproduces: JSON text from `JSONEncoder`, read back.
    static func foundationRoundTrip(of value: some Encodable) throws -> JSONValue {
        let data = try JSONEncoder().encode(value)
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The members of an object; nil for anything else.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The text of a string; nil for anything else.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements of an array; nil for anything else.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// A boolean's value; nil for anything else.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// An integer's value; nil for anything else.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// Member `key` of an object (nil when absent or when this is not an object).
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// Compact JSON text with sorted keys, e.g. `{"column":"admin_id","order":"asc"}`: the bytes
    /// `JSONEncoder` writes with `[.sortedKeys, .withoutEscapingSlashes]`.
    public var compactText: String {
        guard let bytes = try? CanonicalJSONWriter.bytes(of: self, style: .compact) else {
            return String(describing: self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
