/// Which schemas a capture reads, and warnings for those asked for by name that do not exist.
///
/// Every chosen schema is read in full, whether or not the connecting role has `USAGE` on it: the
/// catalogs (`pg_class`, `pg_index`, `pg_proc`, …) and the server's printing functions
/// (`pg_get_indexdef`, `pg_get_viewdef`, `pg_get_functiondef`, `pg_get_expr`, …) answer every role
/// without checking the schema's privileges, as `psql \d+` relies on. Without `USAGE` a role cannot look
/// an object up by name (`'vault.t'::regclass` fails) or use it, and a capture does neither.
struct CatalogScope {
    /// The schemas in the snapshot, each read in full.
    let schemas: [SchemaQuery.Row]
    /// Their names, which the catalog queries select by.
    let names: [String]
    /// Schemas asked for by name that do not exist, sorted by name.
    let warnings: [SnapshotWarning]

    /// The schemas only `--include-system` brings in (TOAST and temporary schemas never come in).
    static let systemSchemas: Set<String> = ["pg_catalog", "information_schema"]

    /// Chooses from every schema in the database according to `options`.
    init(choosingFrom schemas: [SchemaQuery.Row], options: SnapshotOptions) {
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
        self.schemas = chosen
        names = chosen.map(\.name)
        self.warnings = warnings.sorted { $0.object < $1.object }
    }
}
