/// A keyed container of ``JSONTapeDecoder``: the members of one object.
struct JSONTapeKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONTapeDecoder
    /// The positions of the object's members in the tape.
    let members: Range<Int>

    private var tape: JSONTape { decoder.tape }
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { members.compactMap { Key(stringValue: tape.keys[$0]) } }

    func contains(_ key: Key) -> Bool { tape.member(key.stringValue, in: members) != nil }

    /// The position of member `key`.
    private func member(_ key: Key) throws -> Int {
        guard let member = tape.member(key.stringValue, in: members) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return member
    }

    private func value(for key: Key) throws -> JSONTape.Node { tape.nodes[try member(key)] }

    /// The position of member `key` unless it is absent or null.
    private func presentMember(_ key: Key) -> Int? {
        guard let member = tape.member(key.stringValue, in: members), !tape.nodes[member].isNull else { return nil }
        return member
    }

    private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

    func decodeNil(forKey key: Key) throws -> Bool { try value(for: key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try JSONTapeDecoder.bool(value(for: key), at: path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try JSONTapeDecoder.string(value(for: key), at: path(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try JSONTapeDecoder.double(value(for: key), at: path(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try JSONTapeDecoder.float(value(for: key), at: path(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(forKey: key) }

    private func integer<T: FixedWidthInteger>(forKey key: Key) throws -> T {
        try JSONTapeDecoder.integer(value(for: key), as: T.self, at: path(key))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let member = try member(key)
        return try JSONTapeDecoder.unwrap(member, in: tape, as: type, decoder: decoder.child(member, at: .key(key)))
    }

    // The common optional fields in one search instead of three.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try presentMember(key).map { try JSONTapeDecoder.string(tape.nodes[$0], at: path(key)) }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try presentMember(key).map { try JSONTapeDecoder.bool(tape.nodes[$0], at: path(key)) }
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try presentMember(key).map { try JSONTapeDecoder.integer(tape.nodes[$0], as: Int.self, at: path(key)) }
    }

    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try presentMember(key).map { try JSONTapeDecoder.integer(tape.nodes[$0], as: Int64.self, at: path(key)) }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let member = presentMember(key) else { return nil }
        return try JSONTapeDecoder.unwrap(member, in: tape, as: type, decoder: decoder.child(member, at: .key(key)))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(member(key), at: .key(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(member(key), at: .key(key)).unkeyedContainer()
    }

    /// As `JSONDecoder`: the member `super`, or null when there is none.
    func superDecoder() throws -> any Decoder {
        try superDecoder(named: JSONCodingKey.super)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try superDecoder(named: key)
    }

    private func superDecoder(named key: some CodingKey) throws -> any Decoder {
        if let member = tape.member(key.stringValue, in: members) { return decoder.child(member, at: .key(key)) }
        // A decoder over a one-node tape holding null.
        let null = JSONTape(nodes: [.null], keys: [""], root: 0)
        return JSONTapeDecoder(tape: null, node: 0, owner: decoder, position: .key(key))
    }
}

/// An unkeyed container of ``JSONTapeDecoder``: the elements of one array, read in order.
struct JSONTapeUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: JSONTapeDecoder
    /// The positions of the array's elements in the tape.
    let elements: Range<Int>
    private(set) var currentIndex = 0

    init(decoder: JSONTapeDecoder, elements: Range<Int>) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private var path: [any CodingKey] { codingPath + [JSONCodingKey(index: currentIndex)] }

    /// The position of the next element; the index moves on only once it has been decoded.
    private func next(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "Unkeyed container is at end."))
        }
        return elements.lowerBound + currentIndex
    }

    private func nextValue(_ type: Any.Type) throws -> JSONTape.Node { decoder.tape.nodes[try next(type)] }

    mutating func decodeNil() throws -> Bool {
        guard try nextValue(Any?.self).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let result = try JSONTapeDecoder.bool(nextValue(type), at: path)
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let result = try JSONTapeDecoder.string(nextValue(type), at: path)
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: Double.Type) throws -> Double {
        let result = try JSONTapeDecoder.double(nextValue(type), at: path)
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: Float.Type) throws -> Float {
        let result = try JSONTapeDecoder.float(nextValue(type), at: path)
        currentIndex += 1
        return result
    }

    mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    private mutating func integer<T: FixedWidthInteger>() throws -> T {
        let result = try JSONTapeDecoder.integer(nextValue(T.self), as: T.self, at: path)
        currentIndex += 1
        return result
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let element = try next(type)
        let result = try JSONTapeDecoder.unwrap(element, in: decoder.tape, as: type, decoder: decoder.child(element, at: .index(currentIndex)))
        currentIndex += 1
        return result
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try decoder.child(next(KeyedDecodingContainer<NestedKey>.self), at: .index(currentIndex)).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try decoder.child(next((any UnkeyedDecodingContainer).self), at: .index(currentIndex)).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let superDecoder = decoder.child(try next((any Decoder).self), at: .index(currentIndex))
        currentIndex += 1
        return superDecoder
    }
}

/// The single value container of ``JSONTapeDecoder``.
struct JSONTapeSingleValueDecodingContainer: SingleValueDecodingContainer {
    let decoder: JSONTapeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool { try JSONTapeDecoder.bool(decoder.value, at: codingPath) }
    func decode(_ type: String.Type) throws -> String { try JSONTapeDecoder.string(decoder.value, at: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try JSONTapeDecoder.double(decoder.value, at: codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try JSONTapeDecoder.float(decoder.value, at: codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    private func integer<T: FixedWidthInteger>() throws -> T {
        try JSONTapeDecoder.integer(decoder.value, as: T.self, at: codingPath)
    }

    /// `JSONDecoder` decodes a nested value from the same decoder.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONTapeDecoder.unwrap(decoder.node, in: decoder.tape, as: type, decoder: decoder)
    }
}
