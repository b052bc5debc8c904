import PostgresWire

/// Describes relations the way psql's `\d+ NAME` does, without psql.
///
/// ```swift
/// let connection = try PostgresConnection.connect(configuration)
/// let session = try CatalogSession(connection: connection, options: .init(searchPath: nil))
/// let description = try RelationDescriber(session: session).describe("usage_events")
/// print(description.psqlText, terminator: "")
/// ```
///
/// Open the session with `searchPath: nil`: psql runs under the server's default `search_path`, and
/// that setting decides which relations a plain name finds and how the server's deparsing functions
/// qualify names (`REFERENCES admins(id)` versus `REFERENCES public.admins(id)`).
///
/// The queries are psql 15's own (`describeOneTableDetails`), including its variants for servers
/// 12 to 17, so the facts and their order are psql's. A handful of queries run per relation.
public final class RelationDescriber {
    /// The read-only transaction the catalog queries run in.
    public let session: CatalogSession

    /// A relation a name pattern matched.
    struct Match: Equatable {
        let oid: UInt32
        let schema: String
        let name: String
    }

    /// Creates a describer reading through `session`.
    public init(session: CatalogSession) {
        self.session = session
    }

    /// Describes the relation `name` finds: the first match on the search_path for a plain name,
    /// or the first (by schema, then name) of several a wildcard pattern matches.
    /// - Throws: ``DescribeError/relationNotFound(_:)`` when nothing matches; ``DescribeError`` for
    ///   names psql rejects; server errors from the catalog queries.
    public func describe(_ name: String) throws -> RelationDescription {
        guard let first = try describeAll(name).first else { throw DescribeError.relationNotFound(name) }
        return first
    }

    /// Describes every relation `pattern` matches, ordered by schema and name as psql prints them.
    ///
    /// `pattern` follows psql's rules: `name`, `schema.name` or `database.schema.name`; unquoted
    /// letters fold to lower case, `"Quoted"` parts are taken literally, `*` and `?` are wildcards.
    /// - Throws: ``DescribeError/relationNotFound(_:)`` when nothing matches.
    public func describeAll(_ pattern: String) throws -> [RelationDescription] {
        let version = session.serverVersionNumber
        guard version >= 120000 else { throw DescribeError.unsupportedServer(version) }
        let matches = try resolve(pattern)
        guard !matches.isEmpty else { throw DescribeError.relationNotFound(pattern) }
        return try matches.map(describe(match:))
    }

    /// The relations `pattern` names, in psql's order.
    func resolve(_ pattern: String) throws -> [Match] {
        let parsed = PsqlNamePattern(pattern)
        try parsed.validate(currentDatabase: session.connection.configuration.database)
        var conditions: [String] = []
        var parameters: [(any PostgresEncodable)?] = []
        if !parsed.nameMatchesAll {
            parameters.append(parsed.nameExpression)
            conditions.append("c.relname OPERATOR(pg_catalog.~) $\(parameters.count)::pg_catalog.text COLLATE pg_catalog.default")
        }
        if let schema = parsed.schemaExpression {
            if !parsed.schemaMatchesAll {
                parameters.append(schema)
                conditions.append("n.nspname OPERATOR(pg_catalog.~) $\(parameters.count)::pg_catalog.text COLLATE pg_catalog.default")
            }
        } else {
            conditions.append("pg_catalog.pg_table_is_visible(c.oid)")
        }
        let sql = """
            SELECT c.oid, n.nspname, c.relname
            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: "\n  AND "))
            ORDER BY 2, 3
            """
        return try session.query(sql, parameters).rows.map { row in
            let reader = DescribeRow(row)
            guard let oid = UInt32(reader.text(0)) else { throw DescribeError.unexpectedCatalog("relation oid \(reader.text(0))") }
            return Match(oid: oid, schema: reader.text(1), name: reader.text(2))
        }
    }

    /// Gathers everything `\d+` shows about one relation, with psql's conditions for each part.
    func describe(match: Match) throws -> RelationDescription {
        let info = try tableInfo(match)
        var description = RelationDescription(
            schema: match.schema, name: match.name, kind: info.kind, persistence: info.persistence,
            title: title(kind: info.kind, persistence: info.persistence, match: match),
            columnFields: [], columns: [], sequence: nil, index: nil, partitionOf: nil, partitionKey: nil,
            owningTable: nil, indexes: [], checkConstraints: [], foreignKeys: [], referencedBy: [],
            rowSecurity: .init(enabled: info.rowSecurity, forced: info.forceRowSecurity), policies: [],
            statisticsObjects: [], rules: [], publications: [], viewDefinition: nil, triggers: [],
            foreignServer: nil, inherits: [], children: [], typedTableOf: info.typedTableOf,
            replicaIdentity: info.replicaIdentity, tablespace: info.tablespace, accessMethod: info.accessMethod,
            options: info.options, serverVersionNumber: session.serverVersionNumber)
        if info.kind == .sequence {
            description.sequence = try sequenceParameters(match)
            return description
        }
        description.columnFields = columnFields(for: info.kind)
        description.columns = try columns(match, kind: info.kind)

        if info.isPartition { description.partitionOf = try partitionParent(match) }
        if info.kind == .partitionedTable { description.partitionKey = try partitionKey(match) }
        if info.kind == .toastTable { description.owningTable = try owningTable(match) }
        if info.kind.isIndex {
            description.index = try indexProperties(match)
        } else if info.kind.hasTableFooters {
            try addTableFooters(to: &description, info: info, match: match)
        }
        if info.kind == .view || info.kind == .materializedView {
            description.viewDefinition = try viewDefinition(match)
            if info.hasRules { description.rules = try viewRules(match) }
        }
        if info.hasTriggers { description.triggers = try triggers(match) }
        if info.kind.hasTableFooters {
            if info.kind == .foreignTable { description.foreignServer = try foreignServer(match) }
            description.inherits = try inheritanceParents(match)
            description.children = try children(match)
        }
        return description
    }

    /// The footers between the column table and the triggers, for table-like relations.
    private func addTableFooters(to description: inout RelationDescription, info: TableInfo, match: Match) throws {
        if info.hasIndex { description.indexes = try indexes(match) }
        if info.checkCount > 0 { description.checkConstraints = try checkConstraints(match) }
        if info.hasTriggers || info.kind == .partitionedTable {
            description.foreignKeys = try foreignKeys(match, partitioned: info.isPartition || info.kind == .partitionedTable)
            description.referencedBy = try referencingForeignKeys(match)
        }
        description.policies = try policies(match)
        description.statisticsObjects = try statisticsObjects(match)
        if info.hasRules && info.kind != .materializedView { description.rules = try rules(match) }
        description.publications = try publications(match)
    }

    /// Runs a catalog query; `oid` in the text is the relation's OID, which psql also writes inline.
    func rows(_ sql: String) throws -> [DescribeRow] {
        try session.query(sql).rows.map(DescribeRow.init)
    }

    /// Whether the server is at least `version` (`server_version_num`).
    func server(atLeast version: Int) -> Bool {
        session.serverVersionNumber >= version
    }
}
