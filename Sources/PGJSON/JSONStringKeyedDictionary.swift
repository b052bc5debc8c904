/// A `[String: Value]` dictionary, which the tree coders write and read member by member, without the
/// coding key and container calls of its generic `Codable` conformance for every member. The result is
/// the same: an object with one member per entry.
protocol JSONStringKeyedEncodable {
    /// The members of the object this dictionary encodes as, each encoded by `encoder` (the dictionary's
    /// own encoder) as a member of a container `nesting` levels deep.
    func encodedMembers(by encoder: JSONTreeEncoder, nesting: Int) throws -> [String: JSONValue]
}

/// A `[String: Value]` dictionary, read from an object member by member; see ``JSONStringKeyedEncodable``.
protocol JSONStringKeyedDecodable {
    /// The dictionary whose entries are the object members at positions `members` of `decoder`'s tape,
    /// each decoded by a child of `decoder`.
    static func decoded(from members: Range<Int>, by decoder: JSONTapeDecoder) throws -> Self
}

extension Dictionary: JSONStringKeyedEncodable where Key == String, Value: Encodable {
    func encodedMembers(by encoder: JSONTreeEncoder, nesting: Int) throws -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        members.reserveCapacity(count)
        for (key, value) in self {
            members[key] = try encoder.member(value, at: .dictionaryKey(key), nesting: nesting)
        }
        return members
    }
}

extension Dictionary: JSONStringKeyedDecodable where Key == String, Value: Decodable {
    static func decoded(from members: Range<Int>, by decoder: JSONTapeDecoder) throws -> Self {
        let tape = decoder.tape
        var result: [String: Value] = [:]
        result.reserveCapacity(members.count)
        for member in members {
            let key = tape.keys[member]
            result[key] = try JSONTapeDecoder.unwrap(member, in: tape, as: Value.self, decoder: decoder.child(member, at: .dictionaryKey(key)))
        }
        return result
    }
}
