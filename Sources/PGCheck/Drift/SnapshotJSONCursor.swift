/// A value of a drizzle snapshot with the JSON path that leads to it, so that every complaint about the
/// file names the place: `$.tables["public.users"].columns.email.notNull: expected a boolean, found a string`.
struct SnapshotJSONCursor {
    let value: OrderedJSON
    let path: String
    let file: String

    func fail(_ message: String) -> DriftError { .malformedSnapshot(file: file, path: path, message: message) }

    func child(_ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
            && !("0"..."9").contains(key.unicodeScalars.first!)
        return plain ? "\(path).\(key)" : "\(path)[\"\(key.replacingOccurrences(of: "\"", with: "\\\""))\"]"
    }

    /// The member `key`, or nil when absent or null.
    func optional(_ key: String) throws(DriftError) -> SnapshotJSONCursor? {
        guard case .object = value else { throw fail("expected an object, found \(value.kindName)") }
        guard let member = value[key], member != .null else { return nil }
        return SnapshotJSONCursor(value: member, path: child(key), file: file)
    }

    /// The member `key`, which must be present.
    func required(_ key: String) throws(DriftError) -> SnapshotJSONCursor {
        guard let member = try optional(key) else { throw DriftError.malformedSnapshot(file: file, path: child(key), message: "missing") }
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
        return members.map { ($0.key, SnapshotJSONCursor(value: $0.value, path: child($0.key), file: file)) }
    }

    /// The elements of an array.
    func elements() throws(DriftError) -> [SnapshotJSONCursor] {
        guard case .array(let elements) = value else { throw fail("expected an array, found \(value.kindName)") }
        return elements.enumerated().map { SnapshotJSONCursor(value: $1, path: "\(path)[\($0)]", file: file) }
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
