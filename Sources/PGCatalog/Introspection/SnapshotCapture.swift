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
        _ = try session.query("SELECT pg_catalog.set_config('search_path', 'pg_catalog', true)")
        let noSchemas = CatalogQueryContext(serverVersion: session.serverVersionNumber, schemas: [], includeExtensionObjects: false)
        guard let context = try noSchemas.fetch(
            CaptureContextQuery.Row.self, CaptureContextQuery.sql, on: session, what: "the server settings", bindingSchemas: false
        ).first else {
            throw ClientError(.query, "the server returned no row for its settings")
        }
        let allSchemas = try noSchemas.fetch(SchemaQuery.Row.self, SchemaQuery.sql, on: session, what: "schemas", bindingSchemas: false)
        let scope = CatalogScope(choosingFrom: allSchemas, options: options, role: context.user)
        let query = CatalogQueryContext(
            serverVersion: catalogVersion ?? context.serverVersionNumber, schemas: scope.readable,
            includeExtensionObjects: options.includeExtensionObjects)
        let rows = CatalogRows(
            context: context,
            schemas: scope.listed,
            extensions: try query.fetch(ExtensionQuery.Row.self, ExtensionQuery.sql, on: session, what: "extensions", bindingSchemas: false),
            relations: try query.fetch(RelationQuery.Row.self, RelationQuery.sql(query), on: session, what: "tables and views"),
            columns: try query.fetch(ColumnQuery.Row.self, ColumnQuery.sql(query), on: session, what: "columns"),
            constraints: try query.fetch(ConstraintQuery.Row.self, ConstraintQuery.sql(query), on: session, what: "constraints"),
            indexes: try query.fetch(IndexQuery.Row.self, IndexQuery.sql(query), on: session, what: "indexes"),
            sequences: try query.fetch(SequenceQuery.Row.self, SequenceQuery.sql(query), on: session, what: "sequences"),
            functions: try query.fetch(FunctionQuery.Row.self, FunctionQuery.sql(query), on: session, what: "functions"),
            triggers: try query.fetch(TriggerQuery.Row.self, TriggerQuery.sql(query), on: session, what: "triggers"),
            policies: try query.fetch(PolicyQuery.Row.self, PolicyQuery.sql(query), on: session, what: "policies"),
            enums: try query.fetch(EnumQuery.Row.self, EnumQuery.sql(query), on: session, what: "enum types"),
            domains: try query.fetch(DomainQuery.Row.self, DomainQuery.sql(query), on: session, what: "domains"),
            compositeTypes: try query.fetch(CompositeTypeQuery.Row.self, CompositeTypeQuery.sql(query), on: session, what: "composite types"))
        let endpoint = session.connection.endpoint
        let meta = Snapshot.Meta(
            capturedAt: context.capturedAt, serverVersion: context.serverVersion,
            serverVersionNumber: context.serverVersionNumber, database: context.database, host: endpoint.host,
            port: endpoint.port, scope: options.scope)
        let snapshot = try SnapshotAssembler(rows: rows).snapshot(meta: meta, schemas: scope.listed)
        return SnapshotResult(snapshot: snapshot, warnings: scope.warnings)
    }
}
