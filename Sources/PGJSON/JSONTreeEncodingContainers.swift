/// A keyed container of ``JSONTreeEncoder``: members of one object under construction.
struct JSONTreeKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let builder: JSONObjectBuilder
    /// Keys of the nested containers between the encoder's value and this one.
    let nestedPath: [any CodingKey]
    /// How many containers deep this one is (the encoder's own container is its depth + 1).
    let depth: Int

    var codingPath: [any CodingKey] { encoder.codingPath + nestedPath }

    mutating func encodeNil(forKey key: Key) throws { builder.set(.null, for: key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { builder.set(.bool(value), for: key.stringValue) }
    mutating func encode(_ value: String, forKey key: Key) throws { builder.set(.string(value), for: key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) throws { builder.set(.integer(Int64(value)), for: key.stringValue) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { builder.set(.integer(Int64(value)), for: key.stringValue) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { builder.set(.integer(Int64(value)), for: key.stringValue) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { builder.set(.integer(Int64(value)), for: key.stringValue) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { builder.set(.integer(value), for: key.stringValue) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { builder.set(try encoder.integer(value), for: key.stringValue) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { builder.set(.integer(Int64(value)), for: key.stringValue) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { builder.set(.integer(Int64(value)), for: key.stringValue) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { builder.set(.integer(Int64(value)), for: key.stringValue) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { builder.set(try encoder.integer(value), for: key.stringValue) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { builder.set(try encoder.integer(value), for: key.stringValue) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { builder.set(try encoder.integer(value), for: key.stringValue) }
    mutating func encode(_ value: Float, forKey key: Key) throws { builder.set(try encoder.float(value), for: key.stringValue) }
    mutating func encode(_ value: Double, forKey key: Key) throws { builder.set(try encoder.float(value), for: key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        builder.set(try encoder.member(value, at: .key(key), nesting: depth), for: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder.noteNesting(depth + 1)
        let nested = builder.nestedObject(for: key.stringValue)
        return KeyedEncodingContainer(JSONTreeKeyedEncodingContainer<NestedKey>(encoder: encoder, builder: nested, nestedPath: nestedPath + [key], depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.noteNesting(depth + 1)
        let nested = builder.nestedArray(for: key.stringValue)
        return JSONTreeUnkeyedEncodingContainer(encoder: encoder, builder: nested, nestedPath: nestedPath + [key], depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        encoder.referencingEncoder(key: JSONCodingKey.super, in: builder, depth: depth)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.referencingEncoder(key: key, in: builder, depth: depth)
    }
}

/// An unkeyed container of ``JSONTreeEncoder``: elements of one array under construction.
struct JSONTreeUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let builder: JSONArrayBuilder
    let nestedPath: [any CodingKey]
    let depth: Int

    var codingPath: [any CodingKey] { encoder.codingPath + nestedPath }
    var count: Int { builder.count }

    mutating func encodeNil() throws { builder.append(.null) }
    mutating func encode(_ value: Bool) throws { builder.append(.bool(value)) }
    mutating func encode(_ value: String) throws { builder.append(.string(value)) }
    mutating func encode(_ value: Int) throws { builder.append(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { builder.append(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { builder.append(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { builder.append(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { builder.append(.integer(value)) }
    mutating func encode(_ value: UInt) throws { builder.append(try encoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { builder.append(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { builder.append(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { builder.append(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { builder.append(try encoder.integer(value)) }
    mutating func encode(_ value: Int128) throws { builder.append(try encoder.integer(value)) }
    mutating func encode(_ value: UInt128) throws { builder.append(try encoder.integer(value)) }
    mutating func encode(_ value: Float) throws { builder.append(try encoder.float(value)) }
    mutating func encode(_ value: Double) throws { builder.append(try encoder.float(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        builder.append(try encoder.member(value, at: .index(builder.count), nesting: depth))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        encoder.noteNesting(depth + 1)
        let index = builder.count
        let nested = builder.appendObject()
        return KeyedEncodingContainer(JSONTreeKeyedEncodingContainer<NestedKey>(
            encoder: encoder, builder: nested, nestedPath: nestedPath + [JSONCodingKey(index: index)], depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.noteNesting(depth + 1)
        let index = builder.count
        let nested = builder.appendArray()
        return JSONTreeUnkeyedEncodingContainer(encoder: encoder, builder: nested, nestedPath: nestedPath + [JSONCodingKey(index: index)], depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        encoder.referencingEncoder(index: builder.count, in: builder, depth: depth)
    }
}

/// The single value container of ``JSONTreeEncoder``: the encoder's own value.
struct JSONTreeSingleValueEncodingContainer: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.setSingle(.null) }
    mutating func encode(_ value: Bool) throws { encoder.setSingle(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.setSingle(.string(value)) }
    mutating func encode(_ value: Int) throws { encoder.setSingle(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { encoder.setSingle(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { encoder.setSingle(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { encoder.setSingle(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { encoder.setSingle(.integer(value)) }
    mutating func encode(_ value: UInt) throws { try encoder.setSingle(encoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { encoder.setSingle(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { encoder.setSingle(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { encoder.setSingle(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { try encoder.setSingle(encoder.integer(value)) }
    mutating func encode(_ value: Int128) throws { try encoder.setSingle(encoder.integer(value)) }
    mutating func encode(_ value: UInt128) throws { try encoder.setSingle(encoder.integer(value)) }
    mutating func encode(_ value: Float) throws { try encoder.setSingle(encoder.float(value)) }
    mutating func encode(_ value: Double) throws { try encoder.setSingle(encoder.float(value)) }

    /// `JSONEncoder` encodes the value into this same encoder, then keeps what it produced (`{}` for nothing).
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.assertCanSetSingle()
        if let tree = try encoder.wrap(value) {
            encoder.replaceSingle(tree)
        } else {
            encoder.noteNesting(encoder.depth + 1)
            encoder.replaceSingle(.object([:]))
        }
    }
}
