/// A parsed JSON text, flattened: every value is a node of one array, and the members or elements of a
/// container are consecutive nodes.
///
/// This is what ``JSONParser`` produces and ``JSONTapeDecoder`` reads: no dictionary per object (a
/// snapshot's objects have a dozen members, found faster by comparing keys in order than by hashing),
/// and a few large arrays to free instead of a tree of small ones.
final class JSONTape {
    /// One value.
    enum Node {
        case null
        case bool(Bool)
        case integer(Int64)
        case number(Double)
        case string(String)
        /// An array: its elements are nodes `first ..< first + count`.
        case array(first: Int, count: Int)
        /// An object: its members are nodes `first ..< first + count`, their keys at the same positions of ``keys``.
        case object(first: Int, count: Int)
    }

    let nodes: [Node]
    /// The key of each node that is an object member; empty for the others.
    let keys: [String]
    /// The position of the top-level value.
    let root: Int

    init(nodes: [Node], keys: [String], root: Int) {
        self.nodes = nodes
        self.keys = keys
        self.root = root
    }

    /// The value at `index` as a ``JSONValue`` tree.
    func value(at index: Int) -> JSONValue {
        switch nodes[index] {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .integer(let integer): return .integer(integer)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .array(let first, let count):
            return .array((first..<first + count).map(value(at:)))
        case .object(let first, let count):
            var members: [String: JSONValue] = [:]
            for member in first..<first + count { members[keys[member]] = value(at: member) }
            return .object(members)
        }
    }

    /// The whole text as a ``JSONValue`` tree.
    var rootValue: JSONValue { value(at: root) }

    /// The position of member `key` of the object whose members are `members`, compared as Swift
    /// compares strings (as a dictionary lookup would); nil when it has none.
    func member(_ key: String, in members: Range<Int>) -> Int? {
        for member in members where keys[member] == key { return member }
        return nil
    }
}

extension JSONTape.Node {
    /// What the value is, as `JSONDecoder`'s errors name it.
    var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .integer, .number: return "number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "a dictionary"
        }
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
