import PostgresWire

/// What a fingerprint reads, resolved from the catalogs: the table's qualified name, the columns to
/// hash and the ordering key.
struct FingerprintTable {
    struct Column {
        let name: String
        let type: String
        /// Whether the type has a collation (text-like), so ordering needs `COLLATE "C"` to be stable.
        let collatable: Bool
    }

    /// Schema-qualified and quoted (`public.usage_events`).
    let qualifiedName: String
    /// The columns to hash, in table order (or the order asked for).
    let columns: [Column]
    /// The ordering key columns.
    let key: [Column]

    /// Looks the table up (as the session's search_path resolves it, like psql) and checks the columns.
    ///
    /// - Throws: ``FingerprintError/invalidRequest(_:)`` for an unknown table or column, or a table
    ///   without a primary key when no ordering was given.
    static func resolve(_ name: String, columns wanted: [String]?, orderBy: [String]?, on connection: PostgresConnection) throws -> FingerprintTable {
        let relation = try connection.query(
            """
            SELECT format('%I.%I', n.nspname, c.relname)
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = pg_catalog.to_regclass($1)
            """, [name], resultFormat: .text)
        guard let qualified = relation.rows.first?.text(at: 0) else {
            throw FingerprintError.invalidRequest("table \"\(name)\" does not exist (or is not on the search_path; qualify it as schema.table)")
        }
        let attributes = try connection.query(
            """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attcollation <> 0
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = pg_catalog.to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, [name], resultFormat: .text
        ).rows.map { Column(name: $0.text(at: 0) ?? "", type: $0.text(at: 1) ?? "", collatable: $0.text(at: 2) == "t") }
        let byName = Dictionary(attributes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func lookUp(_ names: [String], what: String) throws -> [Column] {
            try names.map { name in
                guard let column = byName[name] else {
                    throw FingerprintError.invalidRequest(
                        "\(what) names column \"\(name)\", which \(qualified) does not have; its columns are: \(attributes.map(\.name).joined(separator: ", "))")
                }
                return column
            }
        }
        let hashed = try wanted.map { try lookUp($0, what: "--columns") } ?? attributes
        let keyNames = try orderBy ?? primaryKey(of: name, on: connection)
        guard let keyNames, !keyNames.isEmpty else {
            throw FingerprintError.invalidRequest("\(qualified) has no primary key; name a unique ordering with --order-by col1,col2")
        }
        return FingerprintTable(qualifiedName: qualified, columns: hashed, key: try lookUp(keyNames, what: "--order-by"))
    }

    /// The primary key's columns in key order, or nil without one.
    private static func primaryKey(of name: String, on connection: PostgresConnection) throws -> [String]? {
        let rows = try connection.query(
            """
            SELECT a.attname
            FROM pg_catalog.pg_index i
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = pg_catalog.to_regclass($1) AND i.indisprimary
            ORDER BY k.ord
            """, [name], resultFormat: .text
        ).rows
        return rows.isEmpty ? nil : rows.compactMap { $0.text(at: 0) }
    }

    /// `SELECT hashed…, key… FROM table ORDER BY key…`: text keys in the "C" collation so the order (and
    /// so every range) is the same on any server, whatever its locale.
    var selectStatement: String {
        let selected = (columns + key).map { SQLIdentifier.doubleQuoted($0.name) }.joined(separator: ", ")
        let ordering = key.map { SQLIdentifier.doubleQuoted($0.name) + ($0.collatable ? " COLLATE \"C\"" : "") }.joined(separator: ", ")
        return "SELECT \(selected) FROM \(qualifiedName) ORDER BY \(ordering)"
    }
}
