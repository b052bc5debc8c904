/// Which changes to keep: `--only KIND`, `--ignore KIND` and `--schema NAME` on the command line.
public struct ChangeFilter: Sendable, Equatable {
    /// Keep only these kinds; empty keeps every kind.
    public var only: Set<ObjectKind>
    /// Drop these kinds (applied after ``only``).
    public var ignore: Set<ObjectKind>
    /// Keep only objects in these schemas (exact, unquoted names); empty keeps every schema. Columns,
    /// constraints, indexes, triggers and policies are in their table's schema; an extension is in the
    /// schema its objects were installed into.
    public var schemas: Set<String>

    /// Creates a filter; the defaults keep everything.
    public init(only: Set<ObjectKind> = [], ignore: Set<ObjectKind> = [], schemas: Set<String> = []) {
        self.only = only
        self.ignore = ignore
        self.schemas = schemas
    }

    /// Whether `change` passes the filter.
    public func keeps(_ change: Change) -> Bool {
        if !only.isEmpty && !only.contains(change.kind) { return false }
        if ignore.contains(change.kind) { return false }
        if !schemas.isEmpty {
            guard let schema = change.schema, schemas.contains(schema) else { return false }
        }
        return true
    }
}
