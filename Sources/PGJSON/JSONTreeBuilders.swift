/// An object under construction by the tree encoder.
///
/// Members set as values are stored finished; a member opened as a nested container stays a builder
/// until the end, because its container may still be written to after the member was handed out (the
/// same sharing `JSONEncoder` allows, and with the same rules).
final class JSONObjectBuilder {
    private var members: [String: JSONValue]
    private var nested: [String: JSONNestedBuilder] = [:]

    init(members: [String: JSONValue]) {
        self.members = members
    }

    init(capacity: Int = 0) {
        members = [:]
        members.reserveCapacity(capacity)
    }

    /// Sets `key` to `value`, replacing whatever was there (a nested container included).
    func set(_ value: JSONValue, for key: String) {
        members[key] = value
        if !nested.isEmpty { nested[key] = nil }
    }

    /// The object at `key` to keep writing to: the one already opened there, the object value already
    /// set there, or a new empty one.
    func nestedObject(for key: String) -> JSONObjectBuilder {
        switch nested[key] {
        case .object(let builder)?:
            return builder
        case .array?:
            preconditionFailure("Attempt to re-encode into nested KeyedEncodingContainer for key \"\(key)\" is invalid: non-keyed container already encoded for this key")
        case nil:
            let builder: JSONObjectBuilder
            switch members.removeValue(forKey: key) {
            case .object(let existing)?: builder = JSONObjectBuilder(members: existing)
            case nil: builder = JSONObjectBuilder()
            case .some:
                preconditionFailure("Attempt to re-encode into nested KeyedEncodingContainer for key \"\(key)\" is invalid: non-keyed container already encoded for this key")
            }
            nested[key] = .object(builder)
            return builder
        }
    }

    /// The array at `key` to keep writing to: the one already opened there, the array value already set
    /// there, or a new empty one.
    func nestedArray(for key: String) -> JSONArrayBuilder {
        switch nested[key] {
        case .array(let builder)?:
            return builder
        case .object?:
            preconditionFailure("Attempt to re-encode into nested UnkeyedEncodingContainer for key \"\(key)\" is invalid: keyed container/single value already encoded for this key")
        case nil:
            let builder: JSONArrayBuilder
            switch members.removeValue(forKey: key) {
            case .array(let existing)?: builder = JSONArrayBuilder(elements: existing)
            case nil: builder = JSONArrayBuilder()
            case .some:
                preconditionFailure("Attempt to re-encode into nested UnkeyedEncodingContainer for key \"\(key)\" is invalid: keyed container/single value already encoded for this key")
            }
            nested[key] = .array(builder)
            return builder
        }
    }

    /// The finished members.
    func finished() -> [String: JSONValue] {
        var result = members
        members = [:]
        for (key, builder) in nested { result[key] = builder.finished() }
        return result
    }
}

/// An array under construction by the tree encoder; see ``JSONObjectBuilder`` for why nested
/// containers stay builders until the end.
final class JSONArrayBuilder {
    private var elements: [JSONValue]
    /// Elements opened as nested containers, by position; `elements` holds a placeholder there.
    private var nested: [(index: Int, builder: JSONNestedBuilder)] = []

    init(elements: [JSONValue] = []) {
        self.elements = elements
    }

    var count: Int { elements.count }

    func append(_ value: JSONValue) {
        elements.append(value)
    }

    /// Inserts `value` at `index`, moving later elements (nested containers included) up by one.
    func insert(_ value: JSONValue, at index: Int) {
        elements.insert(value, at: index)
        for position in nested.indices where nested[position].index >= index {
            nested[position].index += 1
        }
    }

    func appendObject() -> JSONObjectBuilder {
        let builder = JSONObjectBuilder()
        nested.append((elements.count, .object(builder)))
        elements.append(.null)
        return builder
    }

    func appendArray() -> JSONArrayBuilder {
        let builder = JSONArrayBuilder()
        nested.append((elements.count, .array(builder)))
        elements.append(.null)
        return builder
    }

    /// The finished elements.
    func finished() -> [JSONValue] {
        var result = elements
        elements = []
        for (index, builder) in nested { result[index] = builder.finished() }
        return result
    }
}

/// A nested container still under construction.
enum JSONNestedBuilder {
    case object(JSONObjectBuilder)
    case array(JSONArrayBuilder)

    func finished() -> JSONValue {
        switch self {
        case .object(let builder): return .object(builder.finished())
        case .array(let builder): return .array(builder.finished())
        }
    }
}
