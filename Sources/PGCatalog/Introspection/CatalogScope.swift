/// Which schemas a capture lists and reads, and warnings for those it cannot.
struct CatalogScope {
    /// The schemas that appear in the snapshot (including any it could not read).
    let listed: [SchemaQuery.Row]
    /// The names of the schemas whose objects are read.
    let readable: [String]
    /// What was asked for but could not be read, sorted by schema.
    let warnings: [SnapshotWarning]

    /// The schemas only `--include-system` brings in (TOAST and temporary schemas never come in).
    static let systemSchemas: Set<String> = ["pg_catalog", "information_schema"]

    /// Chooses from every schema in the database according to `options`; `role` names the connecting role in warnings.
    init(choosingFrom schemas: [SchemaQuery.Row], options: SnapshotOptions, role: String) {
        var warnings: [SnapshotWarning] = []
        let chosen: [SchemaQuery.Row]
        if options.schemas.isEmpty {
            chosen = schemas.filter { schema in
                (options.includeSystemSchemas || !Self.systemSchemas.contains(schema.name))
                    && (options.includeExtensionObjects || !schema.extensionMember)
            }
        } else {
            let requested = Set(options.schemas)
            chosen = schemas.filter { requested.contains($0.name) }
            let found = Set(chosen.map(\.name))
            for name in requested.subtracting(found) {
                warnings.append(SnapshotWarning(
                    reason: .schemaNotFound, object: name,
                    message: "schema \"\(name)\" does not exist in this database; nothing was captured for it"))
            }
        }
        for schema in chosen where !schema.usable {
            warnings.append(SnapshotWarning(
                reason: .schemaNotReadable, object: schema.name,
                message: "schema \"\(schema.name)\" is not readable by role \"\(role)\" (no USAGE privilege); "
                    + "its objects are not in the snapshot"))
        }
        listed = chosen
        readable = chosen.filter(\.usable).map(\.name)
        self.warnings = warnings.sorted { ($0.object, $0.reason.rawValue) < ($1.object, $1.reason.rawValue) }
    }
}
