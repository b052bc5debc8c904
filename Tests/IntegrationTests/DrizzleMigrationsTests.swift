import Foundation
import PGTestSupport
import Testing
import PGLocal
import PGCheck
import PostgresWire

/// `pgcheck migrations` against a real database, with drizzle's own ledger layout.
@Suite struct DrizzleMigrationsTests {
    let folder: DrizzleMigrationFolder

    init() throws {
        folder = try DrizzleMigrationFolder(url: Fixtures.url("drizzle"))
    }

    private func status(_ connection: PostgresConnection) throws -> [DrizzleStatus.State] {
        DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection)).items.map(\.state)
    }

    @Test func applyRecordsLedgerRowsDrizzleRecognises() throws {
        let database = try FixtureDatabase.create("drizzle_apply")
        let connection = try database.connect(user: LocalCluster.scramUser)
        defer { connection.close() }
        try database.superuserSQL("GRANT CREATE ON DATABASE \(database.name) TO \(LocalCluster.scramUser.name); GRANT CREATE ON SCHEMA public TO \(LocalCluster.scramUser.name)")
        #expect(try status(connection) == [.pending, .pending, .pending, .pending])

        let migrator = DrizzleMigrator()
        let before = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection))
        let applied = try migrator.apply(try migrator.plan(folder: folder, status: before, through: "0002_usage_account_lookup"), on: connection)
        #expect(applied == ["0000_init_admins", "0001_usage_events", "0002_usage_account_lookup"])
        #expect(try status(connection) == [.applied, .applied, .applied, .pending])

        // The ledger has drizzle's exact shape and content: hash of the file, created_at = journal `when`.
        let ledger = try connection.simpleQuery("SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id")
        #expect(ledger.first?.rows.map { $0.text(at: 1) } == ["1761916800000", "1762174800000", "1762779600000"])
        #expect(ledger.first?.rows.first?.text(at: 0) == folder.migrations[0].hash)
        let columns = try connection.simpleQuery("""
            SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)
            FROM pg_attribute WHERE attrelid = 'drizzle.__drizzle_migrations'::regclass AND attnum > 0
            """)
        #expect(columns.first?.rows.first?.text(at: 0) == "id integer, hash text, created_at bigint")

        let rest = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection))
        #expect(try migrator.apply(try migrator.plan(folder: folder, status: rest), on: connection) == ["0003_usage_event_windows"])
        #expect(try status(connection) == [.applied, .applied, .applied, .applied])
        #expect(try migrator.plan(folder: folder, status: DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection))).isEmpty)
    }

    @Test func editedAndSkippedMigrationsAreReported() throws {
        let database = try FixtureDatabase.create("drizzle_status")
        let connection = try database.connect()
        defer { connection.close() }
        try database.superuserSQL("""
            CREATE SCHEMA drizzle;
            CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);
            INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES
              ('\(folder.migrations[0].hash)', 1761916800000),
              ('0000000000000000000000000000000000000000000000000000000000000000', 1762174800000),
              ('\(folder.migrations[3].hash)', 1763989200000),
              ('ffff', 42);
            GRANT USAGE ON SCHEMA drizzle TO PUBLIC;
            GRANT SELECT ON drizzle.__drizzle_migrations TO PUBLIC;
            """)
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection))
        #expect(status.items.map(\.state) == [.applied, .mismatched, .skipped, .applied])
        #expect(status.unknownRows.map(\.createdAt) == [42])
        #expect(status.hasProblems)
        #expect(status.pending.isEmpty)
    }

    @Test func aFailingMigrationRollsEverythingBackAndNamesTheStatement() throws {
        let database = try FixtureDatabase.create("drizzle_fail")
        let connection = try database.connect(user: LocalCluster.scramUser)
        defer { connection.close() }
        try database.superuserSQL("GRANT CREATE ON DATABASE \(database.name) TO \(LocalCluster.scramUser.name); GRANT CREATE ON SCHEMA public TO \(LocalCluster.scramUser.name)")
        let good = folder.migrations[0]
        let bad = DrizzleMigration(
            entry: DrizzleJournal.Entry(idx: 1, version: "7", when: 1_762_174_800_000, tag: "0001_broken", breakpoints: true),
            sql: "CREATE TABLE \"t1\" (id int);\n--> statement-breakpoint\nALTER TABLE \"no_such_table\" ADD COLUMN x int;\n--> statement-breakpoint\nCREATE TABLE \"t2\" (id int);")
        #expect { try DrizzleMigrator().apply([good, bad], on: connection) } throws: { error in
            guard case DrizzleError.statementFailed(let tag, let number, let statement, let serverError) = error else { return false }
            return tag == "0001_broken" && number == 2 && statement.contains("no_such_table") && serverError.contains("42P01")
        }
        let left = try connection.simpleQuery("SELECT count(*) FROM pg_class WHERE relname IN ('admins', 't1', 't2', '__drizzle_migrations')")
        #expect(left.first?.rows.first?.text(at: 0) == "0", "nothing of either migration, nor the ledger, survives")
        #expect(connection.transactionStatus == .idle)
    }

    @Test func concurrentIndexIsRefusedBeforeTouchingTheDatabase() throws {
        let database = try FixtureDatabase.create("drizzle_conc")
        let connection = try database.connect()
        defer { connection.close() }
        let concurrent = DrizzleMigration(
            entry: DrizzleJournal.Entry(idx: 0, version: "7", when: 1, tag: "0000_concurrent", breakpoints: true),
            sql: "CREATE INDEX CONCURRENTLY \"i\" ON \"t\" (\"c\");")
        #expect(throws: DrizzleError.self) { try DrizzleMigrator().apply([concurrent], on: connection) }
        let ledger = try DrizzleLedger.read(connection)
        #expect(!ledger.exists)
    }

    @Test func statusCommandExitCodes() throws {
        let database = try FixtureDatabase.create("drizzle_cli")
        try database.applyMigrations(through: 3)
        let dir = Fixtures.path("drizzle")
        let url = database.cluster.url(user: LocalCluster.trustUser, database: database.name)
        let pending = try PGCheckProcess.run(["migrations", "status", "--dir", dir, "--url", url])
        #expect(pending.status == 0)
        #expect(pending.stdout.contains("4 pending, 0 mismatched, 0 skipped"))
        let json = try PGCheckProcess.run(["migrations", "status", "--dir", dir, "--url", url, "--format", "json"])
        #expect(json.stdout.contains("\"state\" : \"pending\""))
        let missing = try PGCheckProcess.run(["migrations", "status", "--dir", "/nonexistent", "--url", url])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent is not a folder"))
    }
}
