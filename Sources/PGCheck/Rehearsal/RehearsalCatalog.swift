import PostgresWire

/// What the rehearsal reads from the catalogs between statements, inside its own transaction: the
/// relations (to know which existed before and which got new files), the locks its backend holds, and
/// the rows its scans read so far. None of these queries takes a lock on a user table.
struct RehearsalCatalog {
    let connection: PostgresConnection

    /// A table or index, as the catalogs describe it at one moment.
    struct Relation: Equatable {
        let oid: Int64
        let name: String
        let isIndex: Bool
        /// For an index, its table's OID; for a table, its own.
        let tableOID: Int64
        let fileNode: Int64
        let estimatedRows: Int64?
        let pages: Int64
    }

    /// A lock the backend holds on a relation.
    struct Lock: Hashable {
        let oid: Int64
        let mode: LockMode
    }

    /// What sequential scans have read of each table so far in this transaction.
    typealias ScanCounts = [Int64: Int64]

    /// A table's CHECK and foreign-key constraints (name → validated) and columns (name → NOT NULL).
    struct TableRules: Equatable {
        var constraints: [String: Bool] = [:]
        var columns: [String: Bool] = [:]
    }

    /// Every user table, partitioned table, materialized view and index, by OID.
    func relations() throws -> [Int64: Relation] {
        let result = try connection.query("""
            SELECT c.oid::int8, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
                   c.relkind IN ('i', 'I'), COALESCE(i.indrelid, c.oid)::int8, c.relfilenode::int8,
                   CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::int8 END, c.relpages::int8
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
            WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp)'
            """)
        var relations: [Int64: Relation] = [:]
        for row in result.rows {
            let relation = Relation(
                oid: try row.decode(at: 0), name: try row.decode(at: 1), isIndex: try row.decode(at: 2),
                tableOID: try row.decode(at: 3), fileNode: try row.decode(at: 4),
                estimatedRows: try row.decodeIfPresent(at: 5), pages: try row.decode(at: 6))
            relations[relation.oid] = relation
        }
        return relations
    }

    /// The relation locks this backend holds in this database.
    func locks() throws -> Set<Lock> {
        let result = try connection.query("""
            SELECT relation::int8, mode FROM pg_catalog.pg_locks
            WHERE pid = pg_catalog.pg_backend_pid() AND locktype = 'relation' AND granted
              AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
            """)
        var locks: Set<Lock> = []
        for row in result.rows {
            guard let mode = LockMode(rawValue: try row.decode(String.self, at: 1)) else { continue }
            locks.insert(Lock(oid: try row.decode(at: 0), mode: mode))
        }
        return locks
    }

    /// Rows read by sequential scans of each user table, so far in this transaction.
    func scanCounts() throws -> ScanCounts {
        let result = try connection.query("SELECT relid::int8, seq_tup_read FROM pg_catalog.pg_stat_xact_user_tables")
        var counts: ScanCounts = [:]
        for row in result.rows { counts[try row.decode(at: 0)] = try row.decodeIfPresent(Int64.self, at: 1) ?? 0 }
        return counts
    }

    /// The constraints and columns of `tables`.
    func rules(of tables: [Int64]) throws -> [Int64: TableRules] {
        guard !tables.isEmpty else { return [:] }
        let list = tables.map(String.init).joined(separator: ",")
        var rules: [Int64: TableRules] = [:]
        for row in try connection.query("""
            SELECT conrelid::int8, conname, convalidated FROM pg_catalog.pg_constraint
            WHERE conrelid IN (\(list)) AND contype IN ('c', 'f')
            """).rows {
            rules[try row.decode(at: 0), default: TableRules()].constraints[try row.decode(at: 1)] = try row.decode(Bool.self, at: 2)
        }
        for row in try connection.query("""
            SELECT attrelid::int8, attname, attnotnull FROM pg_catalog.pg_attribute
            WHERE attrelid IN (\(list)) AND attnum > 0 AND NOT attisdropped
            """).rows {
            rules[try row.decode(at: 0), default: TableRules()].columns[try row.decode(at: 1)] = try row.decode(Bool.self, at: 2)
        }
        return rules
    }

    /// `pg_total_relation_size` of each relation that still exists (the caller holds a lock on each).
    func sizes(of relations: [Int64]) throws -> [Int64: Int64] {
        guard !relations.isEmpty else { return [:] }
        var sizes: [Int64: Int64] = [:]
        for row in try connection.query("""
            SELECT c.oid::int8, pg_catalog.pg_total_relation_size(c.oid) FROM pg_catalog.pg_class c
            WHERE c.oid IN (\(relations.map(String.init).joined(separator: ",")))
            """).rows {
            if let size = try row.decodeIfPresent(Int64.self, at: 1) { sizes[try row.decode(at: 0)] = size }
        }
        return sizes
    }
}
