import PGJSON
/// A value of a drizzle snapshot with the JSON path that leads to it, so that every complaint about the
/// file names the place: `$.tables["public.users"].columns.email.notNull: expected a boolean, found a string`.
struct SnapshotJSONCursor {
    let value: OrderedJSON
    /// Where the value is; the text is only built for an error message.
    let location: Location
    let file: String

    /// A step of a JSON path, kept as a chain so that reading a large snapshot builds no strings.
    final class Location: Sendable {
        let parent: Location?
        let step: Step

        enum Step: Sendable {
            case root
            case member(String)
            case element(Int)
        }

        init(parent: Location?, step: Step) {
            self.parent = parent
            self.step = step
        }

        static let root = Location(parent: nil, step: .root)

        var text: String {
            switch step {
            case .root: return "$"
            case .element(let index): return "\(parent?.text ?? "$")[\(index)]"
            case .member(let key):
                let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
                    && !("0"..."9").contains(key.unicodeScalars.first!)
                let parentText = parent?.text ?? "$"
                return plain ? "\(parentText).\(key)" : "\(parentText)[\"\(key.replacingOccurrences(of: "\"", with: "\\\""))\"]"
            }
        }
    }

    init(value: OrderedJSON, location: Location, file: String) {
        self.value = value
        self.location = location
        self.file = file
    }

    init(value: OrderedJSON, path: String, file: String) {
        self.init(value: value, location: .root, file: file)
    }

    var path: String { location.text }

    func fail(_ message: String) -> DriftError { .malformedSnapshot(file: file, path: path, message: message) }

    func child(_ key: String) -> Location { Location(parent: location, step: .member(key)) }

    /// The member `key`, or nil when absent or null.
    func optional(_ key: String) throws(DriftError) -> SnapshotJSONCursor? {
        guard case .object = value else { throw fail("expected an object, found \(value.kindName)") }
        guard let member = value[key], member != .null else { return nil }
        return SnapshotJSONCursor(value: member, location: child(key), file: file)
    }

    /// The member `key`, which must be present.
    func required(_ key: String) throws(DriftError) -> SnapshotJSONCursor {
        guard let member = try optional(key) else { throw DriftError.malformedSnapshot(file: file, path: child(key).text, message: "missing") }
        return member
    }

    func string() throws(DriftError) -> String {
        guard case .string(let text) = value else { throw fail("expected a string, found \(value.kindName)") }
        return text
    }

    func bool() throws(DriftError) -> Bool {
        guard case .bool(let flag) = value else { throw fail("expected a boolean, found \(value.kindName)") }
        return flag
    }

    /// A string, or a number or boolean written as text (sequence options are written either way).
    func scalarText() throws(DriftError) -> String {
        switch value {
        case .string(let text), .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: throw fail("expected a string or a number, found \(value.kindName)")
        }
    }

    /// The members of an object, in file order.
    func members() throws(DriftError) -> [(key: String, value: SnapshotJSONCursor)] {
        guard case .object(let members) = value else { throw fail("expected an object, found \(value.kindName)") }
        return members.map { ($0.key, SnapshotJSONCursor(value: $0.value, location: child($0.key), file: file)) }
    }

    /// The elements of an array.
    func elements() throws(DriftError) -> [SnapshotJSONCursor] {
        guard case .array(let elements) = value else { throw fail("expected an array, found \(value.kindName)") }
        return elements.enumerated().map { SnapshotJSONCursor(value: $1, location: Location(parent: location, step: .element($0)), file: file) }
    }

    func strings() throws(DriftError) -> [String] {
        var result: [String] = []
        for element in try elements() { result.append(try element.string()) }
        return result
    }

    // Conveniences for optional members.
    func string(_ key: String) throws(DriftError) -> String { try required(key).string() }
    func optionalString(_ key: String) throws(DriftError) -> String? { try optional(key)?.string() }
    func bool(_ key: String, default fallback: Bool) throws(DriftError) -> Bool { try optional(key)?.bool() ?? fallback }
    func objectMembers(_ key: String) throws(DriftError) -> [(key: String, value: SnapshotJSONCursor)] { try optional(key)?.members() ?? [] }
}
