import PostgresWire

/// What every catalog query needs to know: the server version (to choose columns that exist on it) and
/// the selection of objects to read.
struct CatalogQueryContext {
    /// `server_version_num`, e.g. 150018.
    let serverVersion: Int
    /// The schemas to read (bound as `$1`).
    let schemas: [String]
    /// Whether objects that belong to extensions are read too.
    let includeExtensionObjects: Bool

    /// The qualified-name key of a catalog object, as the server quotes it: `schema.name`.
    static func qualifiedName(schema: String, name: String) -> String {
        "quote_ident(\(schema)) || '.' || quote_ident(\(name))"
    }

    /// The qualified name of collation `coll` (schema `coll_n`) when `condition` holds, else NULL: an
    /// object's collation is recorded only where it differs from its type's.
    static func collationName(when condition: String) -> String {
        "CASE WHEN \(condition) THEN \(qualifiedName(schema: "coll_n.nspname", name: "coll.collname")) END"
    }

    /// A condition that the object is in a selected schema (`$1`).
    func inScope(namespace column: String) -> String {
        "\(column) = ANY($1::text[])"
    }

    /// A condition leaving out extension members of catalog `catalog` (e.g. `pg_class`), unless they are wanted.
    func notExtensionMember(catalog: String, oid column: String) -> String {
        if includeExtensionObjects { return "true" }
        return """
            NOT EXISTS (SELECT 1 FROM pg_depend dep_ext WHERE dep_ext.classid = '\(catalog)'::regclass \
            AND dep_ext.objid = \(column) AND dep_ext.deptype = 'e')
            """
    }

    /// The comment on object `oid` of catalog `catalog` (sub-object 0).
    static func comment(catalog: String, oid column: String) -> String {
        "(SELECT description FROM pg_description WHERE objoid = \(column) AND classoid = '\(catalog)'::regclass AND objsubid = 0)"
    }
}

/// The rows one query of a ``CatalogPipeline`` read, available once the pipeline has run.
final class CatalogRowList<Row> {
    /// The rows in the order the server sent them.
    fileprivate(set) var rows: [Row] = []
}

/// Catalog queries sent to the server in one round trip, each row read into its query's row type as it arrives.
///
/// The server runs the next query while the client reads the previous one's rows, so a capture costs
/// about the larger of the server's and the client's work rather than their sum. No query sorts: the
/// assembler orders everything on the client, where sorting is cheap and the server's collation plays no part.
struct CatalogPipeline {
    private var statements: [PipelinedStatement] = []
    private var readers: [(what: String, read: (borrowing PostgresRow) throws -> Void)] = []

    /// Whether no query was added.
    var isEmpty: Bool { statements.isEmpty }

    /// Adds a query; its rows appear in the returned list after ``run()``. `what` names the objects in errors.
    mutating func add<Row: CatalogRow>(_ type: Row.Type, _ sql: String, parameters: [(any PostgresEncodable)?] = [], what: String) -> CatalogRowList<Row> {
        let list = CatalogRowList<Row>()
        statements.append(PipelinedStatement(sql, parameters))
        readers.append((what, { row in list.rows.append(try Row(row)) }))
        return list
    }

    /// Sends every query in `session`'s transaction and reads all their rows.
    /// - Throws: the server's error, or `ClientError(.query)` naming the objects whose row could not be read.
    func run(on session: CatalogSession) throws {
        guard !statements.isEmpty else { return }
        var current = 0
        try session.connection.pipeline(
            statements, resultFormat: .binary,
            onRow: { row in
                do {
                    try readers[current].read(row)
                } catch {
                    throw ClientError(.query, "could not read \(readers[current].what) from the catalog: \(error)")
                }
            },
            onStatementEnd: { _ in current += 1 })
    }
}
