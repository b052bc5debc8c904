/// What a snapshot captures.
public struct SnapshotOptions: Sendable, Equatable {
    /// Capture only these schemas (by exact name). Empty means every user schema (all but `pg_catalog`,
    /// `information_schema`, `pg_toast*` and `pg_temp*`). Naming a system schema here includes it.
    public var schemas: [String]
    /// Also capture `pg_catalog` and `information_schema` (TOAST and temporary schemas are never captured).
    public var includeSystemSchemas: Bool
    /// Also capture objects that belong to extensions (`pg_depend.deptype = 'e'`): the functions, types
    /// and tables an extension script creates. The extensions themselves are always listed.
    public var includeExtensionObjects: Bool

    /// Creates options; the defaults capture every user schema without extension members.
    public init(schemas: [String] = [], includeSystemSchemas: Bool = false, includeExtensionObjects: Bool = false) {
        self.schemas = schemas
        self.includeSystemSchemas = includeSystemSchemas
        self.includeExtensionObjects = includeExtensionObjects
    }

    /// The scope recorded in the snapshot's metadata.
    var scope: Snapshot.Scope {
        Snapshot.Scope(
            schemas: schemas.isEmpty ? nil : Array(Set(schemas)).sorted(),
            includesSystemSchemas: includeSystemSchemas,
            includesExtensionObjects: includeExtensionObjects)
    }
}
