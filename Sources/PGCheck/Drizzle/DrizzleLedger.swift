import PostgresWire

/// The rows drizzle's migrator keeps in `drizzle.__drizzle_migrations` (schema and table configurable).
public struct DrizzleLedger: Sendable, Equatable {
    /// One applied migration as recorded.
    public struct Row: Sendable, Equatable {
        /// The serial id.
        public let id: Int64
        /// SHA-256 (hex) of the migration file when it was applied.
        public let hash: String
        /// The journal entry's `when`, in milliseconds.
        public let createdAt: Int64?
    }

    /// Where the table lives.
    public struct Location: Sendable, Equatable {
        /// The schema (drizzle's default: `drizzle`).
        public var schema: String
        /// The table (drizzle's default: `__drizzle_migrations`).
        public var table: String

        /// drizzle's defaults.
        public static let drizzleDefault = Location(schema: "drizzle", table: "__drizzle_migrations")

        /// Creates a location.
        public init(schema: String, table: String) {
            self.schema = schema
            self.table = table
        }

        /// The quoted, qualified table name.
        public var sqlName: String { SQLIdentifier.qualified(schema, table) }
    }

    /// The recorded rows, by `created_at` then id (the migrator's notion of order).
    public let rows: [Row]
    /// Whether the table exists at all (it does not before the first drizzle migration).
    public let exists: Bool

    /// The `created_at` of the last applied migration: anything generated later is pending.
    public var lastCreatedAt: Int64? { rows.compactMap(\.createdAt).max() }

    /// Reads the ledger.
    public static func read(_ connection: PostgresConnection, at location: Location = .drizzleDefault) throws -> DrizzleLedger {
        let found = try connection.query("SELECT to_regclass($1) IS NOT NULL", [location.sqlName], resultFormat: .text)
        guard try found.rows.first?.decode(Bool.self, at: 0) == true else { return DrizzleLedger(rows: [], exists: false) }
        let result = try connection.query(
            "SELECT id::int8, hash, created_at::int8 FROM \(location.sqlName) ORDER BY created_at NULLS FIRST, id", resultFormat: .text)
        let rows = try result.rows.map { row in
            Row(id: try row.decode(Int64.self, at: 0), hash: try row.decode(String.self, at: 1), createdAt: try row.decodeIfPresent(Int64.self, at: 2))
        }
        return DrizzleLedger(rows: rows, exists: true)
    }
}
