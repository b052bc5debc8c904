import Foundation
import PGLocal
import Testing

/// `pgcheck describe NAME` against `psql -X -c '\d+ NAME'`, byte for byte, on the same database.
///
/// The databases are read-only once loaded, so every case shares them (one per migration stage and
/// one for Fixtures/catalog/describe_cases.sql) rather than loading its own.
@Suite struct DescribeMatchesPsqlTests {
    /// Every relation Fixtures/catalog/describe_cases.sql creates, plus patterns psql resolves its own way.
    static let fixtureRelations = [
        "ledger.accounts", "ledger.accounts_pkey", "ledger.active_accounts", "ledger.entry_numbers",
        "measurements", "measurements_2024", "measurements_2025", "measurements_pkey", "measurements_device_idx",
        "measurements_2024_pkey", "measurements_2025_device_recorded_at_idx", "measurements_2025_reading_idx",
        "measurements_id_seq", "customers", "customers_pkey", "customers_email_key", "vip_customers",
        "orders", "orders_pkey", "orders_customer_id_id_key", "orders_notes_key", "orders_placed_idx",
        "orders_lower_reference_idx", "orders_notes_hash_idx", "orders_reference_key", "orders_id_seq",
        "audit_log", "audit_log_pkey", "audit_log_id_seq", "devices", "devices_serial_idx", "devices_model_idx",
        "préférences", "\"préférences_pkey\"", "\"Mixed Case\"", "scratch", "remote_events", "money_amount",
        "order_totals", "daily_orders", "daily_orders_day_idx", "invoice_numbers",
        "bookings", "bookings_code_key", "bookings_no_overlap", "regions", "regions_default", "regions_europe",
        "regions_asia", "regions_asia_0", "regions_planned", "regions_europe_code_plus_idx", "readings", "amounts",
        "insertable_readings", "no_columns", "数据表_长名字",
        // The same name to Swift's String ==, two tables to PostgreSQL: precomposed é, then e + U+0301.
        "caf\u{E9}", "cafe\u{301}",
        // Patterns: case folding, wildcards matching several relations, schema wildcards, the database part.
        "ORDERS", "public.\"orders\"", "measurements_202?", "*.accounts", "ledger.*", "orders_n*",
        // Everything on the search_path, system catalogs included.
        "*",
    ]

    /// The reference scenario's relations, described after each migration (missing ones must fail alike).
    static let migrationRelations = ["admins", "usage_events", "usage_admin_bucket_idx", "usage_events_id_seq"]

    static let migrationCases: [(Int, String)] = (0...3).flatMap { stage in migrationRelations.map { (stage, $0) } }

    @Test(arguments: fixtureRelations)
    func fixtureRelationPrintsWhatPsqlPrints(_ name: String) throws {
        let database = try DescribeDatabases.fixture.get()
        let psqlFound = try expectSameOutput(name, database: database)
        #expect(psqlFound, "the fixture should create \(name)")
    }

    @Test(arguments: migrationCases)
    func migrationRelationPrintsWhatPsqlPrints(stage: Int, name: String) throws {
        let database = try DescribeDatabases.migrations[stage].get()
        let psqlFound = try expectSameOutput(name, database: database)
        #expect(psqlFound == (name == "admins" || stage >= 1), "migration 000\(stage) decides whether \(name) exists")
    }

    @Test func databaseQualifiedNameWorksForTheCurrentDatabaseOnly() throws {
        let database = try DescribeDatabases.fixture.get()
        try expectSameOutput("\(database.name).public.devices", database: database)
        let other = try DescribeDatabases.run(pgcheck: ["describe", "postgres.public.devices"], database: database)
        #expect(other.status == 2)
        #expect(other.stderr == "cross-database references are not implemented: postgres.public.devices\n")
    }

    /// Compares both programs' output for `name`; returns whether psql found a relation.
    @discardableResult
    private func expectSameOutput(_ name: String, database: FixtureDatabase) throws -> Bool {
        let psql = try DescribeDatabases.runPsql("\\d+ \(name)", database: database)
        let ours = try DescribeDatabases.run(pgcheck: ["describe", name], database: database)
        expectSameBytes(ours.stdoutBytes, psql.stdoutBytes, "stdout of `pgcheck describe \(name)` against psql's")
        if psql.stdoutBytes.isEmpty {
            expectSameBytes(ours.stderrBytes, psql.stderrBytes, "psql found nothing for \(name); the messages must match")
            #expect(ours.status == 2)
        } else {
            #expect(ours.status == 0, "pgcheck failed for \(name): \(ours.stderr)")
        }
        return !psql.stdoutBytes.isEmpty
    }
}

/// The shared, read-only databases the describe tests run against, and how both programs reach them.
enum DescribeDatabases {
    /// Fixtures/catalog/describe_cases.sql, loaded once.
    static let fixture = Result { () throws -> FixtureDatabase in
        let database = try FixtureDatabase.create("describe_cases")
        try database.runFixture("catalog/describe_cases.sql")
        return database
    }

    /// One database per Drizzle migration stage: index n has migrations 0...n applied.
    static let migrations: [Result<FixtureDatabase, any Error>] = (0...3).map { stage in
        Result {
            let database = try FixtureDatabase.create("describe_m\(stage)")
            try database.applyMigrations(through: stage)
            return database
        }
    }

    /// The environment both programs get: the superuser over the Unix socket, UTF-8 client encoding.
    static func environment(_ database: FixtureDatabase) -> [String: String] {
        [
            "PGHOST": database.cluster.socketDirectory, "PGPORT": String(database.cluster.port),
            "PGUSER": LocalCluster.superuser, "PGDATABASE": database.name, "PGCLIENTENCODING": "UTF8",
        ]
    }

    static func run(pgcheck arguments: [String], database: FixtureDatabase) throws -> PGCheckProcess.Result {
        try PGCheckProcess.run(arguments, environment: environment(database))
    }

    /// Runs psql with `-X -c command`, like a person checking by hand.
    static func runPsql(_ command: String, database: FixtureDatabase) throws -> PGCheckProcess.Result {
        try runPsql(command, environment: environment(database), cluster: database.cluster)
    }

    /// Runs `cluster`'s psql with `-X -c command` and only `environment` (plus HOME and PATH).
    static func runPsql(_ command: String, environment: [String: String], cluster: LocalCluster) throws -> PGCheckProcess.Result {
        let psql = URL(fileURLWithPath: cluster.installation.psqlPath ?? "/usr/bin/psql")
        return try PGCheckProcess.run(executable: psql, ["-X", "-c", command], environment: environment)
    }
}
