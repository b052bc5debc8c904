import Foundation

/// An `Encoder` that turns any `Encodable` into a ``JSONValue`` directly: the tree that encoding it
/// with a default `JSONEncoder` and decoding the bytes back as a `JSONValue` gives, without the bytes.
///
/// It follows `JSONEncoder`'s rules wherever they show in the result: a keyed or unkeyed container
/// asked for twice is the same container, a nested value that encodes nothing becomes `{}`, a later
/// write to a key replaces an earlier one, `superEncoder()` writes its value when it is released,
/// `URL`, `Data` and `Decimal` are written the way `JSONEncoder` writes them, and numbers become what
/// `JSONDecoder` reads their text back as (see ``JSONNumberText``). What a round trip cannot hold (a
/// NaN, nesting 512 deep, a top level that encodes nothing) throws ``Unrepresentable`` so that the
/// caller can let Foundation report it in its own words.
final class JSONTreeEncoder: Encoder {
    /// The value cannot go through a JSON round trip; Foundation's encoder and decoder say why.
    struct Unrepresentable: Error {}

    /// What one encoding run shares between its encoders.
    final class Context {
        /// The deepest container nesting opened (the top level's container is 1), an upper bound
        /// on the tree's nesting: `JSONEncoder` refuses 512 levels.
        var deepestNesting = 0
        /// Whether some number's text, as `JSONEncoder` writes it, differs from what the tree's value
        /// writes back as (`1e+16` became the integer 10000000000000000): then the tree is right for a
        /// round trip, but not a source for byte-exact canonical text.
        var numberTextDiffers = false
        /// The most members an object of each coding key type had so far: the next one starts with
        /// that much room instead of growing (and rehashing) member by member. A short list searched
        /// in order: a model has a few dozen key types, and hashing would cost more than the search.
        private var memberCounts: [(keyType: ObjectIdentifier, count: Int)] = []

        func memberCount(for keyType: ObjectIdentifier) -> Int {
            for entry in memberCounts where entry.keyType == keyType { return entry.count }
            return 0
        }

        func noteMemberCount(_ count: Int, for keyType: ObjectIdentifier) {
            for index in memberCounts.indices where memberCounts[index].keyType == keyType {
                if count > memberCounts[index].count { memberCounts[index].count = count }
                return
            }
            memberCounts.append((keyType, count))
        }
    }

    /// `JSONEncoder`'s nesting limit (its writer refuses a container at this depth).
    static let maximumNesting = 512

    /// The tree of `value`, and what the run noticed about it.
    static func tree(of value: some Encodable) throws -> (value: JSONValue, context: Context) {
        let root = JSONTreeEncoder(context: Context(), owner: nil, position: nil, depth: 0)
        guard let tree = try root.wrap(value) else { throw Unrepresentable() }
        if root.context.deepestNesting >= maximumNesting, tree.nestingDepth >= maximumNesting {
            throw Unrepresentable()
        }
        return (tree, root.context)
    }

    let context: Context
    /// The encoder this one encodes a member or element for, and where in it.
    private(set) var owner: JSONTreeEncoder?
    private(set) var position: JSONCodingPathComponent?
    /// How many containers enclose this encoder's value.
    private(set) var depth: Int

    private var single: JSONValue?
    private var object: JSONObjectBuilder?
    /// The coding key type of `object`, when this encoder made it.
    private var objectKeyType: ObjectIdentifier?
    private var array: JSONArrayBuilder?
    /// A finished sub-encoder kept for the next member: most values are small, and an encoder per
    /// member would be most of the cost.
    private var spare: JSONTreeEncoder?
    /// For a `superEncoder()`: where its value goes when it is released.
    private var destination: Destination?

    private enum Destination {
        case member(JSONObjectBuilder, String)
        case element(JSONArrayBuilder, Int)
    }

    private init(context: Context, owner: JSONTreeEncoder?, position: JSONCodingPathComponent?, depth: Int) {
        self.context = context
        self.owner = owner
        self.position = position
        self.depth = depth
    }

    deinit {
        guard let destination else { return }
        let value = takeValue() ?? .object([:])
        switch destination {
        case .member(let builder, let key): builder.set(value, for: key)
        case .element(let builder, let index): builder.insert(value, at: index)
        }
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: JSONTreeEncoder? = self
        while let current = encoder, let position = current.position {
            path.append(position.codingKey)
            encoder = current.owner
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if object == nil {
            if case .object(let members)? = single {
                single = nil
                object = JSONObjectBuilder(members: members)
            } else {
                precondition(single == nil && array == nil, "Attempt to push new keyed encoding container when already previously encoded at this path.")
                let keyType = ObjectIdentifier(Key.self)
                object = JSONObjectBuilder(capacity: context.memberCount(for: keyType))
                objectKeyType = keyType
            }
            noteNesting(depth + 1)
        }
        return KeyedEncodingContainer(JSONTreeKeyedEncodingContainer<Key>(encoder: self, builder: object.unsafelyUnwrapped, nestedPath: [], depth: depth + 1))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if array == nil {
            if case .array(let elements)? = single {
                single = nil
                array = JSONArrayBuilder(elements: elements)
            } else {
                precondition(single == nil && object == nil, "Attempt to push new unkeyed encoding container when already previously encoded at this path.")
                array = JSONArrayBuilder()
            }
            noteNesting(depth + 1)
        }
        return JSONTreeUnkeyedEncodingContainer(encoder: self, builder: array.unsafelyUnwrapped, nestedPath: [], depth: depth + 1)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONTreeSingleValueEncodingContainer(encoder: self)
    }

    /// Records a container opened `nesting` levels deep.
    func noteNesting(_ nesting: Int) {
        if nesting > context.deepestNesting { context.deepestNesting = nesting }
    }

    /// Sets the single value; `JSONEncoder` allows one per encoder.
    func setSingle(_ value: JSONValue) {
        precondition(single == nil, "Attempt to encode value through single value container when previously value already encoded.")
        single = value
    }

    /// Whether a single value can still be set (checked before encoding a nested value into it).
    func assertCanSetSingle() {
        precondition(single == nil, "Attempt to encode value through single value container when previously value already encoded.")
    }

    /// Replaces the single value without the check (after a nested value was encoded into this encoder).
    func replaceSingle(_ value: JSONValue?) {
        single = value
    }

    /// What this encoder was given: its keyed container, else its unkeyed one, else its single value.
    func takeValue() -> JSONValue? {
        if let object {
            self.object = nil
            let members = object.finished()
            if let keyType = objectKeyType {
                objectKeyType = nil
                context.noteMemberCount(members.count, for: keyType)
            }
            return .object(members)
        }
        if let array {
            self.array = nil
            return .array(array.finished())
        }
        defer { single = nil }
        return single
    }

    /// This encoder's own tree of `value` (encoded into this very encoder, as a single value container
    /// does); nil when it encoded nothing.
    func wrap<T: Encodable>(_ value: T) throws -> JSONValue? {
        if let special = try specialValue(value) { return special }
        try value.encode(to: self)
        return takeValue()
    }

    /// The tree of `value` as a member or element at `position` of a container `nesting` levels deep:
    /// `{}` when it encoded nothing, as `JSONEncoder` writes it.
    func member<T: Encodable>(_ value: T, at position: JSONCodingPathComponent, nesting: Int) throws -> JSONValue {
        if let special = try specialValue(value) { return special }
        let encoder = subEncoder(at: position, depth: nesting)
        let result: JSONValue?
        if let dictionary = value as? any JSONStringKeyedEncodable {
            noteNesting(nesting + 1)
            result = .object(try dictionary.encodedMembers(by: encoder, nesting: nesting + 1))
        } else {
            try value.encode(to: encoder)
            result = encoder.takeValue()
        }
        recycle(encoder)
        if let result { return result }
        noteNesting(nesting + 1)
        return .object([:])
    }

    /// A sub-encoder whose value becomes the member `key` of `builder` when it is released.
    func referencingEncoder(key: any CodingKey, in builder: JSONObjectBuilder, depth: Int) -> JSONTreeEncoder {
        let encoder = JSONTreeEncoder(context: context, owner: self, position: .key(key), depth: depth)
        encoder.destination = .member(builder, key.stringValue)
        return encoder
    }

    /// A sub-encoder whose value is inserted at `index` of `builder` when it is released.
    func referencingEncoder(index: Int, in builder: JSONArrayBuilder, depth: Int) -> JSONTreeEncoder {
        let encoder = JSONTreeEncoder(context: context, owner: self, position: .index(index), depth: depth)
        encoder.destination = .element(builder, index)
        return encoder
    }

    private func subEncoder(at position: JSONCodingPathComponent, depth: Int) -> JSONTreeEncoder {
        if let encoder = spare {
            spare = nil
            encoder.position = position
            encoder.depth = depth
            return encoder
        }
        return JSONTreeEncoder(context: context, owner: self, position: position, depth: depth)
    }

    private func recycle(_ encoder: JSONTreeEncoder) {
        var encoder = encoder
        guard spare == nil, isKnownUniquelyReferenced(&encoder) else { return }
        encoder.single = nil
        encoder.object = nil
        encoder.objectKeyType = nil
        encoder.array = nil
        spare = encoder
    }

    /// The types `JSONEncoder` writes in its own way rather than through their `encode(to:)`.
    private func specialValue<T: Encodable>(_ value: T) throws -> JSONValue? {
        if T.self == URL.self, let url = value as? URL { return .string(url.absoluteString) }
        if T.self == Data.self, let data = value as? Data { return .string(data.base64EncodedString()) }
        if T.self == Decimal.self, let decimal = value as? Decimal { return try number(text: decimal.description) }
        return nil
    }

    /// The tree value of a number `JSONEncoder` writes as `text`.
    func number(text: String) throws -> JSONValue {
        guard let value = JSONNumberText.valueReadBack(from: text) else { throw Unrepresentable() }
        if !context.numberTextDiffers, CanonicalJSONWriter.numberText(of: value) != text {
            context.numberTextDiffers = true
        }
        return value
    }

    /// The tree value of an integer of any width.
    func integer(_ value: some FixedWidthInteger) throws -> JSONValue {
        if let exact = Int64(exactly: value) { return .integer(exact) }
        return try number(text: value.description)
    }

    /// The tree value of a float; a NaN or an infinity cannot be written.
    func float<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws -> JSONValue {
        guard value.isFinite else { throw Unrepresentable() }
        return try number(text: JSONNumberText.text(of: value))
    }
}

extension JSONValue {
    /// How many containers deep the tree goes (a scalar is 0, `[]` is 1), counted no further than
    /// `JSONTreeEncoder.maximumNesting`.
    var nestingDepth: Int {
        func depth(_ value: JSONValue, _ level: Int) -> Int {
            guard level < JSONTreeEncoder.maximumNesting else { return level }
            switch value {
            case .array(let elements): return elements.reduce(level + 1) { max($0, depth($1, level + 1)) }
            case .object(let members): return members.values.reduce(level + 1) { max($0, depth($1, level + 1)) }
            default: return level
            }
        }
        return depth(self, 0)
    }
}
