import Foundation

/// A `Decoder` over a ``JSONTape``: what reads a snapshot after ``JSONParser``.
///
/// It decodes what `JSONDecoder` decodes from the same JSON text, the same way, for the values it
/// accepts: strings, booleans, integers (from an exact integer, or from a whole number below 2^53
/// written with a fraction or an exponent), floating-point numbers, null for optionals, arrays,
/// objects (a member found as a dictionary lookup would find it). Where the tape no longer holds enough
/// to be sure of `JSONDecoder`'s answer (an integer written as `1e16`, a `Float` from a fraction,
/// `Decimal`, `Date`, `Data`, `URL`), it throws a `DecodingError` rather than guess, so a caller that
/// must match `JSONDecoder` exactly falls back to it.
final class JSONTapeDecoder: Decoder {
    /// Decodes a `T` from the top-level value of `tape`.
    static func decode<T: Decodable>(_ type: T.Type, from tape: JSONTape) throws -> T {
        try T(from: JSONTapeDecoder(tape: tape, node: tape.root, owner: nil, position: nil))
    }

    let tape: JSONTape
    /// The position of this decoder's value in the tape.
    let node: Int
    private let owner: JSONTapeDecoder?
    private let position: JSONCodingPathComponent?

    init(tape: JSONTape, node: Int, owner: JSONTapeDecoder?, position: JSONCodingPathComponent?) {
        self.tape = tape
        self.node = node
        self.owner = owner
        self.position = position
    }

    var value: JSONTape.Node { tape.nodes[node] }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var decoder: JSONTapeDecoder? = self
        while let current = decoder, let position = current.position {
            path.append(position.codingKey)
            decoder = current.owner
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch value {
        case .object(let first, let count):
            return KeyedDecodingContainer(JSONTapeKeyedDecodingContainer<Key>(decoder: self, members: first..<first + count))
        case .null:
            throw DecodingError.valueNotFound([String: Any].self, .init(
                codingPath: codingPath, debugDescription: "Cannot get keyed decoding container -- found null value instead"))
        default:
            throw Self.typeMismatch([String: Any].self, found: value, at: codingPath)
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case .array(let first, let count):
            return JSONTapeUnkeyedDecodingContainer(decoder: self, elements: first..<first + count)
        case .null:
            throw DecodingError.valueNotFound([Any].self, .init(
                codingPath: codingPath, debugDescription: "Cannot get unkeyed decoding container -- found null value instead"))
        default:
            throw Self.typeMismatch([Any].self, found: value, at: codingPath)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONTapeSingleValueDecodingContainer(decoder: self)
    }

    /// A decoder for node `node`, found at `position` below this decoder's value.
    func child(_ node: Int, at position: JSONCodingPathComponent) -> JSONTapeDecoder {
        JSONTapeDecoder(tape: tape, node: node, owner: self, position: position)
    }

    // MARK: Reading values

    /// Node `node` as a `T`, decoded by `decoder` (made only when needed).
    static func unwrap<T: Decodable>(_ node: Int, in tape: JSONTape, as type: T.Type, decoder: @autoclosure () -> JSONTapeDecoder) throws -> T {
        let value = tape.nodes[node]
        if T.self == String.self, case .string(let text) = value { return unsafeBitCast(text, to: T.self) }
        if case .object(let first, let count) = value, let dictionary = T.self as? any JSONStringKeyedDecodable.Type {
            return try dictionary.decoded(from: first..<first + count, by: decoder()) as! T
        }
        guard T.self != Date.self, T.self != Data.self, T.self != URL.self, T.self != Decimal.self else {
            throw DecodingError.typeMismatch(type, .init(codingPath: decoder().codingPath, debugDescription: "\(type) is not read from a parsed tape."))
        }
        return try T(from: decoder())
    }

    static func string(_ value: JSONTape.Node, at path: @autoclosure () -> [any CodingKey]) throws -> String {
        if case .string(let text) = value { return text }
        throw mismatch(String.self, found: value, at: path())
    }

    static func bool(_ value: JSONTape.Node, at path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        if case .bool(let flag) = value { return flag }
        throw mismatch(Bool.self, found: value, at: path())
    }

    static func integer<T: FixedWidthInteger>(_ value: JSONTape.Node, as type: T.Type, at path: @autoclosure () -> [any CodingKey]) throws -> T {
        switch value {
        case .integer(let integer):
            if let exact = T(exactly: integer) { return exact }
        case .number(let number):
            // JSONDecoder reads `1.0` or `1e2` through a Double, exactly only below 2^53.
            if number.magnitude < 0x1p53, let exact = T(exactly: number) { return exact }
        default:
            throw mismatch(type, found: value, at: path())
        }
        throw DecodingError.dataCorrupted(.init(codingPath: path(), debugDescription: "Number \(value) is not representable in Swift."))
    }

    static func double(_ value: JSONTape.Node, at path: @autoclosure () -> [any CodingKey]) throws -> Double {
        switch value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default: throw mismatch(Double.self, found: value, at: path())
        }
    }

    /// A `Float` only from an integer a `Float` holds exactly: from a fraction, rounding the parsed
    /// `Double` again could differ from `JSONDecoder` reading the text as a `Float`.
    static func float(_ value: JSONTape.Node, at path: @autoclosure () -> [any CodingKey]) throws -> Float {
        if case .integer(let integer) = value, let exact = Float(exactly: integer) { return exact }
        throw mismatch(Float.self, found: value, at: path())
    }

    /// The error for a null where a value is required, or for a value of the wrong type.
    static func mismatch(_ type: Any.Type, found value: JSONTape.Node, at path: [any CodingKey]) -> DecodingError {
        if value.isNull {
            return DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        return typeMismatch(type, found: value, at: path)
    }

    static func typeMismatch(_ type: Any.Type, found value: JSONTape.Node, at path: [any CodingKey]) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: path, debugDescription: "Expected to decode \(type) but found \(value.kindDescription) instead."))
    }
}
