import Testing
@testable import PGCheck

/// Which statements PostgreSQL refuses inside a transaction block, read from their leading keywords as the
/// server's lexer would (comments, quotes and option lists do not fool it).
@Suite struct MigrationStatementTests {
    @Test(arguments: [
        ("CREATE INDEX CONCURRENTLY i ON t (c)", MigrationStatement.NonTransactional.createIndexConcurrently),
        ("create unique index concurrently if not exists \"i\" on \"t\" (c);", .createIndexConcurrently),
        ("-- keep writes going\nCREATE /* really */ INDEX CONCURRENTLY i ON t (c)", .createIndexConcurrently),
        ("DROP INDEX CONCURRENTLY IF EXISTS \"i\";", .dropIndexConcurrently),
        ("REINDEX (VERBOSE) INDEX CONCURRENTLY i", .reindexConcurrently),
        ("REINDEX TABLE CONCURRENTLY public.t", .reindexConcurrently),
        ("ALTER TABLE \"measurements\" DETACH PARTITION \"m_2024\" CONCURRENTLY;", .detachPartitionConcurrently),
        ("VACUUM (ANALYZE) t", .vacuum),
        ("CREATE DATABASE other", .createDatabase),
        ("ALTER SYSTEM SET work_mem = '64MB'", .alterSystem),
    ])
    func refusedInATransaction(sql: String, kind: MigrationStatement.NonTransactional) {
        #expect(MigrationStatement(sql).nonTransactional == kind)
    }

    @Test(arguments: [
        "CREATE INDEX i ON t (c)",
        "CREATE INDEX \"CONCURRENTLY\" ON t (c)",
        "-- CREATE INDEX CONCURRENTLY i ON t (c)\nSELECT 1",
        "COMMENT ON INDEX i IS 'CREATE INDEX CONCURRENTLY'",
        "ALTER TABLE t DETACH PARTITION p",
        "DO $$ BEGIN CREATE INDEX CONCURRENTLY i ON t (c); END $$",
        "ALTER TABLE \"usage_events\" ADD COLUMN \"window_start\" timestamp with time zone;",
    ])
    func runsInATransaction(sql: String) {
        #expect(MigrationStatement(sql).nonTransactional == nil)
    }

    @Test func theStandInIsTheSameStatementWithoutConcurrently() {
        #expect(MigrationStatement("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"i\" ON \"t\" (\"c\");").transactionalStandIn
            == "CREATE UNIQUE INDEX IF NOT EXISTS \"i\" ON \"t\" (\"c\");")
        #expect(MigrationStatement("DROP INDEX CONCURRENTLY i").transactionalStandIn == "DROP INDEX i")
        #expect(MigrationStatement("REINDEX INDEX CONCURRENTLY i").transactionalStandIn == nil)
        #expect(MigrationStatement("CREATE INDEX i ON t (c)").transactionalStandIn == nil)
    }

    @Test func adviceIsWrittenForTheStatement() {
        let build = #"CREATE UNIQUE INDEX IF NOT EXISTS "usage_admin_bucket_idx" ON "usage_events" USING btree ("admin_id","meter") INCLUDE ("source");"#
        let swap = RehearsalAdvice.indexBuild(build, earlier: [#"DROP INDEX IF EXISTS "usage_admin_bucket_idx";"#])
        #expect(swap.contains(#"CREATE UNIQUE INDEX CONCURRENTLY "usage_admin_bucket_idx_new" ON "usage_events" USING btree ("admin_id","meter") INCLUDE ("source"); DROP INDEX CONCURRENTLY "usage_admin_bucket_idx"; ALTER INDEX "usage_admin_bucket_idx_new" RENAME TO "usage_admin_bucket_idx""#))
        let plain = RehearsalAdvice.indexBuild("create index orders_code on orders (code)", earlier: [])
        #expect(plain.hasPrefix("CREATE INDEX CONCURRENTLY orders_code on orders (code) (SHARE UPDATE EXCLUSIVE"))
        #expect(RehearsalAdvice.blocking("DROP INDEX IF EXISTS usage_idx;", laterStatements: 1).contains("DROP INDEX CONCURRENTLY usage_idx"))
        #expect(RehearsalAdvice.validation(#"ALTER TABLE "orders" ADD CONSTRAINT "c" CHECK (amount > 0);"#, validated: ["constraint c on public.orders"])
            == #"add it as NOT VALID, then validate separately: ALTER TABLE "orders" ADD CONSTRAINT "c" CHECK (amount > 0) NOT VALID; ALTER TABLE "orders" VALIDATE CONSTRAINT c (VALIDATE takes SHARE UPDATE EXCLUSIVE: reads and writes go on)"#)
    }

    @Test func lockModesSayWhatTheyBlock() {
        #expect(LockMode.accessExclusive.blocks == .readsAndWrites)
        #expect([LockMode.share, .shareRowExclusive, .exclusive].allSatisfy { $0.blocks == .writes })
        #expect(LockMode.shareUpdateExclusive.blocks == .ddlAndVacuum)
        #expect([LockMode.accessShare, .rowShare, .rowExclusive].allSatisfy { $0.blocks == .otherDDL })
        #expect(LockMode.allCases.sorted() == LockMode.allCases)
    }

    @Test func figuresReadLikeAPersonWritesThem() {
        #expect(Figures.count(5_000_019) == "5,000,019" && Figures.count(300) == "300")
        #expect(Figures.bytes(1_572_864_000) == "1.5 GB" && Figures.bytes(172_032) == "168 kB" && Figures.bytes(12) == "12 bytes")
        #expect(Figures.seconds(5.8) == "5.80 s" && Figures.seconds(72.25) == "72.3 s")
        #expect(Figures.sum([0.1, 0.2, 0.3]) == 0.6)
    }
}
