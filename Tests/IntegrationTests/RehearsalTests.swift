import Foundation
import PGCatalog
@testable import PGCheck
import PGLocal
import PostgresWire
import Testing
import PGTestSupport

/// `pgcheck rehearse` on the real server: what each statement locks, rewrites, scans and breaks, and
/// that the database is exactly as before afterwards.
@Suite struct RehearsalTests {
    /// The database before 0003: 0000–0002 applied through the Drizzle-compatible migrator, seed rows loaded.
    private static func scenario(_ label: String) throws -> FixtureDatabase {
        try RunbookTests.scenario(label)
    }

    /// The schema's snapshot bytes (without the capture metadata) and the ledger's rows.
    private static func state(of database: FixtureDatabase) throws -> (snapshot: Data, ledger: [DrizzleLedger.Row]) {
        var snapshot = try database.snapshot().snapshot
        snapshot.meta = Snapshot.Meta(capturedAt: "", serverVersion: "", serverVersionNumber: 0, database: "", host: "", port: 0, scope: .init())
        let connection = try database.connect()
        defer { connection.close() }
        return (try snapshot.encodedJSON(), try DrizzleLedger.read(connection).rows)
    }

    private static func rehearse(_ database: FixtureDatabase, folder: URL, through tag: String? = nil) throws -> RehearsalReport {
        let connection = try database.connect()
        defer { connection.close() }
        let report = try #require(try MigrationRehearsal().rehearsePending(in: DrizzleMigrationFolder(url: folder), through: tag, on: connection))
        #expect(connection.transactionStatus == .idle, "the rehearsal's transaction is over")
        return report
    }

    @Test func migration0003HoldsAccessExclusiveOnUsageEventsToTheCommitAndChangesNothing() throws {
        let database = try Self.scenario("rehearse_0003")
        try database.superuserSQL("ANALYZE usage_events")
        let before = try Self.state(of: database)
        let report = try Self.rehearse(database, folder: Fixtures.url("drizzle"))
        #expect(try Self.state(of: database) == before, "schema and ledger are byte-identical afterwards")

        #expect(report.migrations == ["0003_usage_event_windows"])
        #expect(report.statements.count == 6 && report.transactions.count == 1)
        let drop = report.statements[4]
        #expect(drop.summary.hasPrefix("DROP INDEX IF EXISTS \"usage_admin_bucket_idx\""))
        #expect(drop.acquired.contains(RelationLock(relation: "public.usage_admin_bucket_idx", table: "public.usage_events", mode: .accessExclusive, blocks: .readsAndWrites)))
        #expect(drop.held.contains { $0.relation == "public.usage_events" && $0.mode == .accessExclusive })
        let build = report.statements[5]
        #expect(build.builtIndexes.map(\.index) == ["public.usage_admin_bucket_idx"] && build.builtIndexes[0].rowsRead == 300)
        #expect(build.acquired.contains { $0.table == "public.usage_events" && $0.mode == .share })
        // ADD COLUMN takes ACCESS EXCLUSIVE already, and drizzle commits only after the index build.
        let table = try #require(report.tables.first { $0.table == "public.usage_events" })
        #expect(table.strongestLock == .accessExclusive)
        #expect(table.readsBlockedFrom == "0003_usage_event_windows #1")
        #expect(table.readsBlockedSeconds == report.totalSeconds)
        #expect(table.estimatedRows == 300 && (table.bytes ?? 0) > 0)
        let buildHazard = try #require(report.hazards.first { $0.kind == .indexBuild })
        #expect(buildHazard.statement == "0003_usage_event_windows #6")
        #expect(buildHazard.advice.contains(#"CREATE UNIQUE INDEX CONCURRENTLY "usage_admin_bucket_idx_new" ON "usage_events" USING btree ("admin_id","meter","bucket_start","window_start","window_end") INCLUDE ("source")"#))
        #expect(buildHazard.advice.contains(#"DROP INDEX CONCURRENTLY "usage_admin_bucket_idx"; ALTER INDEX "usage_admin_bucket_idx_new" RENAME TO "usage_admin_bucket_idx""#))
        // 300 rows build in milliseconds: no blocking hazard under the 1 s default.
        #expect(!report.hazards.contains { $0.kind == .blocksReads || $0.kind == .blocksWrites })
    }

    @Test func aBlockLongerThanTheLimitIsAHazardFromTheStatementThatTakesIt() throws {
        let database = try Self.scenario("rehearse_limit")
        var folder = try DrizzleFolderBuilder()
        defer { folder.remove() }
        try folder.addFixtures(through: 2)
        folder.add("0003_slow", statements: [
            #"ALTER TABLE "usage_events" ADD COLUMN "note" text;"#,
            "SELECT pg_sleep(1.2);",
        ])
        let report = try Self.rehearse(database, folder: try folder.write())
        let hazard = try #require(report.hazards.first { $0.kind == .blocksReads })
        #expect(hazard.statement == "0003_slow #1" && hazard.table == "public.usage_events")
        #expect(hazard.finding.contains("ACCESS EXCLUSIVE on public.usage_events from 0003_slow #1"))
        #expect(hazard.advice.contains("the 1 statement after it runs under it"))
        #expect(report.tables[0].readsBlockedSeconds >= 1.2)
    }

    @Test func theSafeRewriteBlocksNothingForLongAndSaysDrizzlesMigratorFailsOnIt() throws {
        let database = try Self.scenario("rehearse_safe")
        var folder = try DrizzleFolderBuilder()
        defer { folder.remove() }
        try folder.addFixtures(through: 2)
        folder.add("0003_usage_event_windows", statements: [
            #"ALTER TABLE "usage_events" ADD COLUMN "window_start" timestamp with time zone;"#,
            #"ALTER TABLE "usage_events" ADD COLUMN "window_end" timestamp with time zone;"#,
            #"ALTER TABLE "usage_events" ADD COLUMN "source" text;"#,
            #"ALTER TABLE "usage_events" ADD COLUMN "metadata" jsonb DEFAULT '{}'::jsonb NOT NULL;"#,
            #"CREATE UNIQUE INDEX CONCURRENTLY "usage_admin_bucket_idx_new" ON "usage_events" USING btree ("admin_id","meter","bucket_start","window_start","window_end") INCLUDE ("source");"#,
            #"DROP INDEX CONCURRENTLY IF EXISTS "usage_admin_bucket_idx";"#,
            #"ALTER INDEX "usage_admin_bucket_idx_new" RENAME TO "usage_admin_bucket_idx";"#,
        ])
        let before = try Self.state(of: database)
        let report = try Self.rehearse(database, folder: try folder.write())
        #expect(try Self.state(of: database) == before)

        #expect(report.transactions.map(\.statements) == [4, 1, 1, 1])
        #expect(report.hazards.map(\.kind) == [.nonTransactional, .nonTransactional])
        #expect(report.hazards.allSatisfy { $0.finding.contains("drizzle's migrator") })
        let table = try #require(report.tables.first { $0.table == "public.usage_events" })
        #expect(table.readsBlockedSeconds < 1 && table.writesBlockedSeconds < 1)
        let build = report.statements[4]
        #expect(build.outcome == .standIn && build.nonTransactional?.command == "CREATE INDEX CONCURRENTLY")
        #expect(build.acquired == [RelationLock(relation: "public.usage_events", table: "public.usage_events", mode: .shareUpdateExclusive, blocks: .ddlAndVacuum)])
        #expect(build.builtIndexes.map(\.index) == ["public.usage_admin_bucket_idx_new"])
        #expect(report.statements[6].outcome == .ran && report.statements[6].error == nil, "the rename finds the stand-in's index")
    }

    @Test func dataDependentFailuresRewritesAndScansUnderLock() throws {
        let database = try FixtureDatabase.create("rehearse_hazards")
        try database.superuserSQL("ALTER DATABASE \(database.name) OWNER TO \(LocalCluster.trustUser.name)")
        var folder = try DrizzleFolderBuilder()
        defer { folder.remove() }
        folder.add("0000_base", statements: [
            #"CREATE TABLE "accounts" ("id" integer PRIMARY KEY, "name" text);"#,
            #"CREATE TABLE "orders" ("id" integer PRIMARY KEY, "account_id" integer, "code" text, "amount" integer, "note" text);"#,
            #"CREATE TABLE "payments" ("id" integer PRIMARY KEY, "order_id" integer NOT NULL);"#,
        ])
        folder.add("0001_hazards", statements: [
            #"CREATE UNIQUE INDEX "orders_code_idx" ON "orders" ("code");"#,
            #"ALTER TABLE "orders" ALTER COLUMN "amount" TYPE bigint;"#,
            #"ALTER TABLE "orders" ADD COLUMN "token" uuid DEFAULT gen_random_uuid();"#,
            #"ALTER TABLE "orders" ALTER COLUMN "note" SET NOT NULL;"#,
            #"ALTER TABLE "orders" ADD CONSTRAINT "orders_account_fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id");"#,
            #"ALTER TABLE "orders" ADD CONSTRAINT "orders_amount_positive" CHECK ("amount" > 0);"#,
            #"ALTER TABLE "orders" ALTER COLUMN "account_id" SET NOT NULL;"#,
            #"ALTER TABLE "payments" ADD CONSTRAINT "payments_order_fk" FOREIGN KEY ("order_id") REFERENCES "orders"("id");"#,
        ])
        let url = try folder.write()
        let connection = try database.connect()
        defer { connection.close() }
        let migrations = try DrizzleMigrationFolder(url: url)
        try DrizzleMigrator().apply([migrations.migrations[0]], on: connection)
        try connection.execute("""
            INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 100) g;
            INSERT INTO orders SELECT g, CASE WHEN g % 1000 = 0 THEN 999 ELSE 1 + g % 100 END, 'c' || (g % 49990), g % 50,
                                      CASE WHEN g % 3 = 0 THEN NULL ELSE 'n' END FROM generate_series(1, 50000) g;
            INSERT INTO payments SELECT g, g FROM generate_series(1, 20000) g;
            ANALYZE
            """)
        let before = try Self.state(of: database)
        let report = try #require(try MigrationRehearsal().rehearsePending(in: migrations, on: connection))
        #expect(try Self.state(of: database) == before)
        let statements = report.statements

        // A unique index over duplicated keys: the key, and how many.
        #expect(statements[0].outcome == .failed && statements[0].error?.sqlState == "23505")
        let duplicates = try #require(statements[0].dataProblem)
        #expect(duplicates.kind == .duplicateKeys && duplicates.table == "public.orders" && duplicates.columns == "code")
        #expect(duplicates.groups == 10 && duplicates.rows == 20 && duplicates.sampleKey?.hasPrefix("(c") == true)
        // A type change and a volatile default rewrite the table, with its size.
        #expect(statements[1].rewrites.map(\.relation).contains("public.orders") && statements[1].rewrites.allSatisfy { $0.bytes > 0 })
        #expect(statements[2].rewrites.map(\.relation).contains("public.orders"))
        #expect(report.hazards.filter { $0.kind == .rewrite }.map(\.statement) == ["0001_hazards #2", "0001_hazards #3"])
        // NULLs, missing references and CHECK violations are counted.
        #expect(statements[3].dataProblem?.kind == .nulls && statements[3].dataProblem?.rows == 16_666)
        #expect(statements[4].dataProblem?.kind == .missingReferences && statements[4].dataProblem?.rows == 50)
        #expect(statements[4].dataProblem?.sampleKey == "(999)")
        #expect(statements[5].dataProblem?.kind == .checkViolations && statements[5].dataProblem?.rows == 1_000)
        #expect(report.hazards.filter { $0.kind == .dataFailure }.count == 4)
        // SET NOT NULL that succeeds: a full scan under ACCESS EXCLUSIVE.
        #expect(statements[6].validated == ["NOT NULL on public.orders.account_id"])
        #expect(statements[6].scans == [TableScan(table: "public.orders", rowsRead: 50_000, underLock: .accessExclusive)])
        // A foreign key added without NOT VALID: a scan under lock, and both tables' writes blocked.
        let foreignKey = statements[7]
        #expect(foreignKey.validated == ["constraint payments_order_fk on public.payments"])
        #expect(foreignKey.scans.contains { $0.table == "public.payments" && $0.rowsRead == 20_000 && $0.underLock == .shareRowExclusive })
        #expect(Set(foreignKey.acquired.filter { $0.blocks == .writes }.map(\.table)) == ["public.orders", "public.payments"])
        let validations = report.hazards.filter { $0.kind == .validationUnderLock }
        #expect(validations.map(\.statement) == ["0001_hazards #7", "0001_hazards #8"])
        #expect(validations[1].advice.contains(#"NOT VALID; ALTER TABLE "payments" VALIDATE CONSTRAINT payments_order_fk"#))
        #expect(validations[0].advice.contains("CHECK (column IS NOT NULL) NOT VALID"))
    }
}
