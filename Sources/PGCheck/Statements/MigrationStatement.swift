/// One statement of a migration file, as far as running it goes: whether PostgreSQL refuses it inside a
/// transaction block (so drizzle's migrator, which runs every pending migration in one transaction,
/// fails on it), what it locks when it runs on its own, and how a rehearsal can stand in for it inside
/// a transaction.
///
/// Only the statement's leading keywords are read (comments skipped), never its whole grammar: enough
/// to recognise the commands PostgreSQL refuses in a transaction block.
public struct MigrationStatement: Sendable, Equatable {
    /// A command PostgreSQL refuses inside a transaction block.
    public enum NonTransactional: String, Sendable, Equatable, Codable, CaseIterable {
        case createIndexConcurrently = "CREATE INDEX CONCURRENTLY"
        case dropIndexConcurrently = "DROP INDEX CONCURRENTLY"
        case reindexConcurrently = "REINDEX CONCURRENTLY"
        case detachPartitionConcurrently = "ALTER TABLE … DETACH PARTITION … CONCURRENTLY"
        case vacuum = "VACUUM"
        case createDatabase = "CREATE DATABASE"
        case dropDatabase = "DROP DATABASE"
        case alterSystem = "ALTER SYSTEM"
        case createTablespace = "CREATE TABLESPACE"
        case dropTablespace = "DROP TABLESPACE"

        /// What it locks when it runs, in words.
        public var lockTaken: String {
            switch self {
            case .createIndexConcurrently, .dropIndexConcurrently, .reindexConcurrently:
                "SHARE UPDATE EXCLUSIVE on the table (reads and writes go on; other DDL and VACUUM wait), after waiting for every older transaction to finish"
            case .detachPartitionConcurrently:
                "SHARE UPDATE EXCLUSIVE on the parent table, after waiting for every older transaction to finish"
            case .vacuum:
                "SHARE UPDATE EXCLUSIVE on each table it processes (reads and writes go on)"
            case .createDatabase, .dropDatabase, .createTablespace, .dropTablespace, .alterSystem:
                "no lock on a table"
            }
        }
    }

    /// The statement as written.
    public let sql: String
    /// The command, when PostgreSQL refuses it inside a transaction block.
    public let nonTransactional: NonTransactional?

    /// Reads the statement's leading keywords.
    public init(_ sql: String) {
        self.sql = sql
        nonTransactional = Self.classify(SQLKeywords.leading(in: sql, count: 8))
    }

    /// The statement without `CONCURRENTLY`, which runs inside a transaction and builds (or drops) the
    /// same index: what a rehearsal runs in its place to measure the build and find duplicate keys.
    /// Nil for statements that have no such stand-in.
    public var transactionalStandIn: String? {
        switch nonTransactional {
        case .createIndexConcurrently, .dropIndexConcurrently:
            SQLKeywords.removingFirst("CONCURRENTLY", from: sql)
        default:
            nil
        }
    }

    private static func classify(_ words: [String]) -> NonTransactional? {
        func starts(_ prefix: String...) -> Bool { words.starts(with: prefix) }
        if starts("CREATE", "INDEX", "CONCURRENTLY") || starts("CREATE", "UNIQUE", "INDEX", "CONCURRENTLY") {
            return .createIndexConcurrently
        }
        if starts("DROP", "INDEX", "CONCURRENTLY") { return .dropIndexConcurrently }
        if words.first == "REINDEX", words.contains("CONCURRENTLY") { return .reindexConcurrently }
        if starts("ALTER", "TABLE"), words.contains("DETACH"), words.last == "CONCURRENTLY" { return .detachPartitionConcurrently }
        if words.first == "VACUUM" { return .vacuum }
        if starts("CREATE", "DATABASE") { return .createDatabase }
        if starts("DROP", "DATABASE") { return .dropDatabase }
        if starts("ALTER", "SYSTEM") { return .alterSystem }
        if starts("CREATE", "TABLESPACE") { return .createTablespace }
        if starts("DROP", "TABLESPACE") { return .dropTablespace }
        return nil
    }
}
