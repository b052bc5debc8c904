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
/// from the same consistent moment. ``capture(configuration:sessionOptions:options:connections:)``
/// connects by itself and reads with two connections sharing one exported snapshot, as `pg_dump --jobs` does. The transaction's `search_path` is set to `pg_catalog` first (even
/// if the session was opened with another), so the server's definitions qualify names identically
/// every time. Version-specific catalog columns are chosen by `server_version_num` (PostgreSQL 12–17).
public enum SnapshotCapture {
    /// Reads everything `options` selects, on one session.
    ///
    /// Every selected schema is read in full, also those the connecting role has no `USAGE` on (the
    /// catalogs show their objects to every role, as `psql \d+` does). A schema asked for by name that
    /// does not exist is skipped with a ``SnapshotWarning`` in the result.
    /// - Throws: `PostgresServerError` or `ClientError` from the queries.
    public static func capture(session: CatalogSession, options: SnapshotOptions = SnapshotOptions()) throws -> SnapshotResult {
        try capture(session: session, options: options, catalogVersion: nil, helper: nil)
    }

    /// Connects, reads everything `options` selects, and disconnects.
    ///
    /// With `connections` 2 (the default) a second connection is opened while the first one starts; the
    /// first transaction exports its snapshot (`pg_export_snapshot()`) and the second imports it, so both
    /// read the same consistent catalog, and the slowest queries (constraints and indexes, whose
    /// definitions the server prints one by one) run on the second while the first reads everything
    /// else: a large catalog is read in about half the time. If the second connection cannot be opened,
    /// or the server cannot export or import the snapshot, everything is read on the first connection,
    /// with the same result. Both read in `READ ONLY` transactions with their timeouts set by `SET LOCAL`
    /// (``CatalogSession``), whatever `sessionOptions` says, so the capture also works through a
    /// transaction pooler, where the two connections are lent two server processes for the two transactions.
    /// - Throws: the first connection's `ClientError`, or `PostgresServerError`/`ClientError` from the queries.
    public static func capture(
        configuration: ConnectionConfiguration, sessionOptions: SessionOptions, options: SnapshotOptions = SnapshotOptions(),
        connections: Int = 2
    ) throws -> SnapshotResult {
        let helperConnection = connections > 1
            ? BackgroundTask { try PostgresConnection.connect(configuration, options: sessionOptions) } : nil
        defer {
            // Never leave the second connection open, whether or not the capture used it.
            if let opened = try? helperConnection?.wait().get() { opened.close() }
        }
        let connection = try PostgresConnection.connect(configuration, options: sessionOptions)
        defer { connection.close() }
        var session = try CatalogSession(connection: connection)
        var helper: Helper?
        if let helperConnection {
            do {
                let snapshot = try session.exportSnapshot()
                helper = Helper(connection: helperConnection, snapshot: snapshot)
            } catch is PostgresServerError {
                // The failed export ended the transaction: start again without a helper.
                try session.finish()
                session = try CatalogSession(connection: connection)
            }
        }
        let result = try capture(session: session, options: options, catalogVersion: nil, helper: helper)
        try session.finish()
        return result
    }

    /// ``capture(session:options:)`` with the catalog queries built for `catalogVersion` instead of the
    /// server's own version (tests run the older servers' query forms against the installed server), and
    /// the slow queries read by `helper`'s connection when it can import the session's snapshot.
    static func capture(
        session: CatalogSession, options: SnapshotOptions, catalogVersion: Int?, helper: Helper? = nil
    ) throws -> SnapshotResult {
        // First round trip: the settings and the schemas, which decide what the other queries read.
        var first = CatalogPipeline()
        _ = first.add(SearchPathRow.self, "SELECT pg_catalog.set_config('search_path', 'pg_catalog', true)", what: "the search path")
        let contextRows = first.add(CaptureContextQuery.Row.self, CaptureContextQuery.sql, what: "the server settings")
        let schemaRows = first.add(SchemaQuery.Row.self, SchemaQuery.sql, what: "schemas")
        try first.run(on: session)
        guard let context = contextRows.rows.first else {
            throw ClientError(.query, "the server returned no row for its settings")
        }
        let allSchemas = schemaRows.rows.sorted { $0.name < $1.name }
        let scope = CatalogScope(choosingFrom: allSchemas, options: options)
        let query = CatalogQueryContext(
            serverVersion: catalogVersion ?? context.serverVersionNumber, schemas: scope.names,
            includeExtensionObjects: options.includeExtensionObjects)
        let schemas: [(any PostgresEncodable)?] = [scope.names]

        // Everything else, in two pipelines of about equal server time: the server runs each next query
        // while the client reads the previous one's rows.
        var main = CatalogPipeline()
        let extensions = main.add(ExtensionQuery.Row.self, ExtensionQuery.sql, what: "extensions")
        let relations = main.add(RelationQuery.Row.self, RelationQuery.sql(query), parameters: schemas, what: "tables and views")
        let columns = main.add(ColumnQuery.Row.self, ColumnQuery.sql(query), parameters: schemas, what: "columns")
        let indexKeys = main.add(IndexKeyQuery.Row.self, IndexKeyQuery.sql(query), parameters: schemas, what: "index keys")
        let sequences = main.add(SequenceQuery.Row.self, SequenceQuery.sql(query), parameters: schemas, what: "sequences")
        let functions = main.add(FunctionQuery.Row.self, FunctionQuery.sql(query), parameters: schemas, what: "functions")
        let triggers = main.add(TriggerQuery.Row.self, TriggerQuery.sql(query), parameters: schemas, what: "triggers")
        let policies = main.add(PolicyQuery.Row.self, PolicyQuery.sql(query), parameters: schemas, what: "policies")
        let enums = main.add(EnumQuery.Row.self, EnumQuery.sql(query), parameters: schemas, what: "enum types")
        let domains = main.add(DomainQuery.Row.self, DomainQuery.sql(query), parameters: schemas, what: "domains")
        let domainConstraints = main.add(
            DomainConstraintQuery.Row.self, DomainConstraintQuery.sql(query), parameters: schemas, what: "domain constraints")
        let compositeTypes = main.add(
            CompositeTypeQuery.Row.self, CompositeTypeQuery.sql(query), parameters: schemas, what: "composite types")
        var slow = CatalogPipeline()
        let constraints = slow.add(ConstraintQuery.Row.self, ConstraintQuery.sql(query), parameters: schemas, what: "constraints")
        let indexes = slow.add(IndexQuery.Row.self, IndexQuery.sql(query), parameters: schemas, what: "indexes")

        if let helper, let helperSession = helper.session(), !scope.names.isEmpty {
            _ = try inParallel({ [slow] in try slow.run(on: helperSession) }, { try main.run(on: session) })
            try? helperSession.finish()
        } else {
            try main.run(on: session)
            try slow.run(on: session)
        }

        let rows = CatalogRows(
            context: context, schemas: scope.schemas, extensions: extensions.rows, relations: relations.rows,
            columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows, indexKeys: indexKeys.rows,
            sequences: sequences.rows, functions: functions.rows, triggers: triggers.rows, policies: policies.rows,
            enums: enums.rows, domains: domains.rows, domainConstraints: domainConstraints.rows,
            compositeTypes: compositeTypes.rows)
        let endpoint = session.connection.endpoint
        let meta = Snapshot.Meta(
            capturedAt: context.capturedAt, serverVersion: context.serverVersion,
            serverVersionNumber: context.serverVersionNumber, database: context.database, host: endpoint.host,
            port: endpoint.port, scope: options.scope)
        let snapshot = try SnapshotAssembler(rows: rows).snapshot(meta: meta, schemas: scope.schemas)
        return SnapshotResult(snapshot: snapshot, warnings: scope.warnings)
    }
}

extension SnapshotCapture {
    /// A second connection, opening in the background, that reads part of the catalog in the first
    /// session's snapshot (whoever started the connection closes it).
    final class Helper {
        private let connection: BackgroundTask<PostgresConnection>
        private let snapshot: String

        init(connection: BackgroundTask<PostgresConnection>, snapshot: String) {
            self.connection = connection
            self.snapshot = snapshot
        }

        /// A read-only session in the exported snapshot, or nil when the connection failed or the
        /// server refused the import (the capture then reads everything on its first session).
        func session() -> CatalogSession? {
            guard let opened = try? connection.wait().get() else { return nil }
            return try? CatalogSession(connection: opened, importing: snapshot)
        }
    }
}

/// The row of `set_config`, which only matters for its effect.
private struct SearchPathRow: CatalogRow {
    enum Field: Int, CatalogField { case setConfig }
    init(_ row: borrowing PostgresRow) throws {}
}
