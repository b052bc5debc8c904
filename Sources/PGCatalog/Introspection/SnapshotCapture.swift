import PostgresWire

/// Captures a ``Snapshot`` from a database's catalogs.
///
/// ```swift
/// let connection = try PostgresConnection.connect(configuration)
/// let session = try CatalogSession(connection: connection)
/// let result = try SnapshotCapture.capture(session: session, options: SnapshotOptions())
/// try session.finish()
/// for warning in result.warnings { print("warning:", warning) }
/// let bytes = try result.snapshot.encodedJSON()
/// ```
///
/// The whole catalog is read in a fixed handful of set-based queries (one per kind of object, never one
/// per table) inside the session's single `REPEATABLE READ READ ONLY` transaction, so every object comes
/// from the same consistent moment. The transaction's `search_path` is set to `pg_catalog` first (even
/// if the session was opened with another), so the server's definitions qualify names identically
/// every time. Version-specific catalog columns are chosen by `server_version_num` (PostgreSQL 12–17).
public enum SnapshotCapture {
    /// Reads everything `options` selects.
    ///
    /// Schemas the connecting role may not use (no `USAGE`) are listed without their objects, and a schema
    /// asked for by name that does not exist is skipped; both produce a ``SnapshotWarning`` in the result.
    /// - Throws: `PostgresServerError` or `ClientError` from the queries.
    public static func capture(session: CatalogSession, options: SnapshotOptions = SnapshotOptions()) throws -> SnapshotResult {
        try capture(session: session, options: options, catalogVersion: nil)
    }

    /// ``capture(session:options:)`` with the catalog queries built for `catalogVersion` instead of the
    /// server's own version (tests run the older servers' query forms against the installed server).
    static func capture(session: CatalogSession, options: SnapshotOptions, catalogVersion: Int?) throws -> SnapshotResult {
        // First round trip: the settings and the schemas, which decide what the other queries read.
        var first = CatalogPipeline(session: session)
        let searchPath = first.add(SearchPathRow.self, "SELECT pg_catalog.set_config('search_path', 'pg_catalog', true)", what: "the search path")
        let contextRows = first.add(CaptureContextQuery.Row.self, CaptureContextQuery.sql, what: "the server settings")
        let schemaRows = first.add(SchemaQuery.Row.self, SchemaQuery.sql, what: "schemas")
        try first.run()
        _ = searchPath
        guard let context = contextRows.rows.first else {
            throw ClientError(.query, "the server returned no row for its settings")
        }
        let allSchemas = schemaRows.rows.sorted { $0.name < $1.name }
        let scope = CatalogScope(choosingFrom: allSchemas, options: options, role: context.user)
        let query = CatalogQueryContext(
            serverVersion: catalogVersion ?? context.serverVersionNumber, schemas: scope.readable,
            includeExtensionObjects: options.includeExtensionObjects)

        // Second round trip: everything else, read while the server works on the next query.
        var objects = CatalogPipeline(session: session)
        let schemas: [(any PostgresEncodable)?] = [scope.readable]
        let extensions = objects.add(ExtensionQuery.Row.self, ExtensionQuery.sql, what: "extensions")
        let relations = objects.add(RelationQuery.Row.self, RelationQuery.sql(query), parameters: schemas, what: "tables and views")
        let columns = objects.add(ColumnQuery.Row.self, ColumnQuery.sql(query), parameters: schemas, what: "columns")
        let constraints = objects.add(ConstraintQuery.Row.self, ConstraintQuery.sql(query), parameters: schemas, what: "constraints")
        let indexes = objects.add(IndexQuery.Row.self, IndexQuery.sql(query), parameters: schemas, what: "indexes")
        let indexKeys = objects.add(IndexKeyQuery.Row.self, IndexKeyQuery.sql(query), parameters: schemas, what: "index keys")
        let sequences = objects.add(SequenceQuery.Row.self, SequenceQuery.sql(query), parameters: schemas, what: "sequences")
        let functions = objects.add(FunctionQuery.Row.self, FunctionQuery.sql(query), parameters: schemas, what: "functions")
        let triggers = objects.add(TriggerQuery.Row.self, TriggerQuery.sql(query), parameters: schemas, what: "triggers")
        let policies = objects.add(PolicyQuery.Row.self, PolicyQuery.sql(query), parameters: schemas, what: "policies")
        let enums = objects.add(EnumQuery.Row.self, EnumQuery.sql(query), parameters: schemas, what: "enum types")
        let domains = objects.add(DomainQuery.Row.self, DomainQuery.sql(query), parameters: schemas, what: "domains")
        let domainConstraints = objects.add(
            DomainConstraintQuery.Row.self, DomainConstraintQuery.sql(query), parameters: schemas, what: "domain constraints")
        let compositeTypes = objects.add(
            CompositeTypeQuery.Row.self, CompositeTypeQuery.sql(query), parameters: schemas, what: "composite types")
        try objects.run()
        let rows = CatalogRows(
            context: context, schemas: scope.listed, extensions: extensions.rows, relations: relations.rows,
            columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows, indexKeys: indexKeys.rows,
            sequences: sequences.rows, functions: functions.rows, triggers: triggers.rows, policies: policies.rows,
            enums: enums.rows, domains: domains.rows, domainConstraints: domainConstraints.rows,
            compositeTypes: compositeTypes.rows)
        let endpoint = session.connection.endpoint
        let meta = Snapshot.Meta(
            capturedAt: context.capturedAt, serverVersion: context.serverVersion,
            serverVersionNumber: context.serverVersionNumber, database: context.database, host: endpoint.host,
            port: endpoint.port, scope: options.scope)
        let snapshot = try SnapshotAssembler(rows: rows).snapshot(meta: meta, schemas: scope.listed)
        return SnapshotResult(snapshot: snapshot, warnings: scope.warnings)
    }
}

/// The row of `set_config`, which only matters for its effect.
private struct SearchPathRow: CatalogRow {
    enum Field: Int, CatalogField { case setConfig }
    init(_ row: borrowing PostgresRow) throws {}
}
