import Foundation
@testable import PGCheck
import PGLocal
import PGTestSupport
import PostgresWire
import Testing

/// `pgcheck migrations apply` as a careful DBA would run it: CONCURRENTLY outside the transaction, INVALID
/// indexes found and dropped, lock timeouts retried and their holders named, busy tables refused.
@Suite struct CarefulApplyTests {
    private static func url(_ database: FixtureDatabase) -> String {
        database.cluster.url(user: LocalCluster.trustUser, database: database.name)
    }

    private static func scalar(_ database: FixtureDatabase, _ sql: String) throws -> String {
        try database.superuserSQL(sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A base migration creating `codes`, applied; then `rows` loaded.
    private static func codesDatabase(_ label: String, rows: String, then migration: [String]) throws -> (FixtureDatabase, DrizzleFolderBuilder) {
        let database = try FixtureDatabase.create(label)
        try database.superuserSQL("ALTER DATABASE \(database.name) OWNER TO \(LocalCluster.trustUser.name)")
        var folder = try DrizzleFolderBuilder()
        folder.add("0000_codes", statements: [#"CREATE TABLE "codes" ("id" integer PRIMARY KEY, "code" text NOT NULL);"#])
        folder.add("0001_unique_codes", statements: migration)
        let url = try folder.write()
        let base = try PGCheckProcess.run(["migrations", "apply", "--dir", url.path, "--url", Self.url(database), "--to", "0000_codes"])
        try #require(base.status == 0, "\(base.stdout)\(base.stderr)")
        try database.superuserSQL("INSERT INTO codes \(rows); ANALYZE codes")
        return (database, folder)
    }

    @Test func concurrentIndexNeedsTheFlagThenAppliesAndDrizzleSeesNothingPending() throws {
        let (database, folder) = try Self.codesDatabase(
            "careful_cic", rows: "SELECT g, 'c' || g FROM generate_series(1, 1000) g",
            then: [#"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "codes_code_idx" ON "codes" ("code");"#])
        defer { folder.remove() }
        let refused = try PGCheckProcess.run(["migrations", "apply", "--dir", folder.url.path, "--url", Self.url(database)])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("0001_unique_codes #1 (CREATE INDEX CONCURRENTLY"), "\(refused.stderr)")
        #expect(refused.stderr.contains("drizzle's migrator") && refused.stderr.contains("--allow-nontransactional"))

        let applied = try PGCheckProcess.run(["migrations", "apply", "--dir", folder.url.path, "--url", Self.url(database), "--allow-nontransactional"])
        #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
        #expect(applied.stdout.contains("apply plan: 1 segment"))
        #expect(applied.stdout.contains("on its own: 0001_unique_codes #1 CREATE INDEX CONCURRENTLY; records 0001_unique_codes"))
        #expect(applied.stdout.contains("applied 0001_unique_codes"))
        #expect(try Self.scalar(database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'codes_code_idx'::regclass") == "t")
        let connection = try database.connect()
        defer { connection.close() }
        let status = DrizzleStatus(folder: try DrizzleMigrationFolder(url: folder.url), ledger: try DrizzleLedger.read(connection))
        #expect(status.pending.isEmpty && !status.hasProblems, "drizzle's migrator sees nothing pending")
    }

    @Test func aConcurrentBuildOverDuplicatesFailsLeavesNoLedgerRowAndCanBeRunAgain() throws {
        let (database, folder) = try Self.codesDatabase(
            "careful_dup", rows: "SELECT g, CASE WHEN g IN (7, 8) THEN 'dup' ELSE 'c' || g END FROM generate_series(1, 1000) g",
            then: [#"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "codes_code_idx" ON "codes" ("code");"#])
        defer { folder.remove() }
        let arguments = ["migrations", "apply", "--dir", folder.url.path, "--url", Self.url(database), "--allow-nontransactional"]
        let failed = try PGCheckProcess.run(arguments)
        #expect(failed.status == 4)
        #expect(failed.stderr.contains("Key (code)=(dup) is duplicated"), "\(failed.stderr)")
        #expect(failed.stderr.contains("it left the INVALID index \"codes_code_idx\""))
        #expect(try Self.scalar(database, "SELECT count(*) FROM drizzle.__drizzle_migrations") == "1", "no ledger row for the failed migration")
        #expect(try Self.scalar(database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'codes_code_idx'::regclass") == "f")

        // Without --on-invalid drop, the leftover stops a second run (IF NOT EXISTS would skip it and keep it invalid).
        let leftover = try PGCheckProcess.run(arguments)
        #expect(leftover.status == 4 && leftover.stderr.contains("an INVALID index \"codes_code_idx\" is left from an earlier failed build"), "\(leftover.stderr)")
        // With it, the leftover goes, the build fails again on the duplicates, and its own leftover goes too.
        let dropping = try PGCheckProcess.run(arguments + ["--on-invalid", "drop"])
        #expect(dropping.status == 4 && dropping.stderr.contains("the INVALID index \"codes_code_idx\" it left was dropped"), "\(dropping.stderr)")
        #expect(try Self.scalar(database, "SELECT count(*) FROM pg_class WHERE relname = 'codes_code_idx'") == "0", "no INVALID index left")

        _ = try database.superuserSQL("DELETE FROM codes WHERE id = 8")
        let fixed = try PGCheckProcess.run(arguments)
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(try Self.scalar(database, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'codes_code_idx'::regclass") == "t")
        #expect(try Self.scalar(database, "SELECT count(*) FROM drizzle.__drizzle_migrations") == "2")
    }

    /// The fixture scenario and a migration adding a column to usage_events (ACCESS EXCLUSIVE).
    private static func lockScenario(_ label: String) throws -> (FixtureDatabase, DrizzleFolderBuilder) {
        let database = try RunbookTests.scenario(label)
        var folder = try DrizzleFolderBuilder()
        try folder.addFixtures(through: 2)
        folder.add("0003_note", statements: [#"ALTER TABLE "usage_events" ADD COLUMN "note" text;"#])
        _ = try folder.write()
        return (database, folder)
    }

    private static func holdLock(on database: FixtureDatabase, as application: String) throws -> PostgresConnection {
        let holder = try database.connect()
        try holder.execute("SET application_name = '\(application)'; BEGIN; LOCK TABLE usage_events IN ACCESS SHARE MODE")
        return holder
    }

    @Test func aHeldLockIsRetriedThenNamedAndNothingIsApplied() throws {
        let (database, folder) = try Self.lockScenario("careful_lock")
        defer { folder.remove() }
        let holder = try Self.holdLock(on: database, as: "nightly-ingest")
        defer { holder.close() }
        let started = ContinuousClock.now
        let run = try PGCheckProcess.run([
            "migrations", "apply", "--dir", folder.url.path, "--url", Self.url(database), "--lock-timeout", "0.3", "--lock-retries", "2", "--ignore-activity", "--activity-window", "0.1s",
        ])
        #expect(run.status == 4, "\(run.stdout)\(run.stderr)")
        #expect(ContinuousClock.now - started > .seconds(3), "two retries after 1 s and 2 s")
        #expect(run.stdout.contains("lock timeout at 0003_note #1") && run.stdout.contains("trying again in 1.00 s (1/2)"), "\(run.stdout)")
        #expect(run.stderr.contains("0003_note #1 could not get its lock within lock_timeout (3 attempts, each rolled back)"), "\(run.stderr)")
        #expect(run.stderr.contains("(nightly-ingest), user \(LocalCluster.trustUser.name), idle in transaction"), "\(run.stderr)")
        #expect(run.stderr.contains("LOCK TABLE usage_events IN ACCESS SHARE MODE"))
        #expect(try Self.scalar(database, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'usage_events'::regclass AND attname = 'note'") == "0")
        #expect(try Self.scalar(database, "SELECT count(*) FROM drizzle.__drizzle_migrations") == "3")
    }

    @Test func aLockReleasedInTimeLetsTheRetrySucceed() throws {
        let (database, folder) = try Self.lockScenario("careful_release")
        defer { folder.remove() }
        // The holder lives on its own thread: it takes the lock, lets the apply start, and lets go after 1.2 s.
        let locked = DispatchSemaphore(value: 0)
        let release = Thread {
            guard let holder = try? Self.holdLock(on: database, as: "short-job") else { locked.signal(); return }
            locked.signal()
            Thread.sleep(forTimeInterval: 1.2)
            try? holder.execute("ROLLBACK")
            holder.close()
        }
        release.start()
        locked.wait()
        let run = try PGCheckProcess.run([
            "migrations", "apply", "--dir", folder.url.path, "--url", Self.url(database), "--lock-timeout", "0.5", "--lock-retries", "3", "--ignore-activity", "--activity-window", "0.1s",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("lock timeout at 0003_note #1") && run.stdout.contains("applied 0003_note"))
        #expect(try Self.scalar(database, "SELECT count(*) FROM drizzle.__drizzle_migrations") == "4")
    }

    @Test func writesDuringTheWindowRefuseTheApplyUnlessOverridden() throws {
        let (database, folder) = try Self.lockScenario("careful_busy")
        defer { folder.remove() }
        let stop = StopFlag()
        let writing = Thread {
            guard let writer = try? database.connect() else { return }
            try? writer.execute("SET application_name = 'ingest-job'")
            while !stop.isSet {
                try? writer.execute("UPDATE usage_events SET quantity = quantity WHERE id = 1")
                Thread.sleep(forTimeInterval: 0.02)
            }
            writer.close()
        }
        writing.start()
        defer { stop.set() }
        let refused = try PGCheckProcess.run(["migrations", "apply", "--dir", folder.url.path, "--url", Self.url(database), "--activity-window", "2.5s"])
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("pgcheck: not applying: the tables the migrations touch (usage_events) are busy"), "\(refused.stderr)")
        #expect(refused.stdout.contains("writing meanwhile: pid") && refused.stdout.contains("(ingest-job)"), "\(refused.stdout)")
        #expect(try Self.scalar(database, "SELECT count(*) FROM drizzle.__drizzle_migrations") == "3")

        let overridden = try PGCheckProcess.run([
            "migrations", "apply", "--dir", folder.url.path, "--url", Self.url(database), "--ignore-activity", "--activity-window", "1s",
        ])
        #expect(overridden.status == 0, "\(overridden.stdout)\(overridden.stderr)")
        #expect(overridden.stdout.contains("applying anyway: --ignore-activity") && overridden.stdout.contains("applied 0003_note"))
    }

    @Test func theRunbookRecordsAnOverriddenActivityCheck() throws {
        let database = try RunbookTests.scenario("careful_runbook")
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let holder = try Self.holdLock(on: database, as: "report-export")
        defer { holder.close() }
        // A dry run: the check runs before the apply would, and the session holding the lock stays.
        var plan = try RunbookTests.plan(database, evidence: evidence, dryRun: true)
        plan.expectations = []
        plan.smokeQueries = []
        plan.applyPolicy = ApplyPolicy(activity: ActivityCheck(window: .milliseconds(300)), ignoreActivity: true)
        let outcome = try Runbook(plan: plan).run()
        #expect(outcome.succeeded, "\(String(describing: outcome.failedStep))")
        let check = try String(contentsOf: evidence.appendingPathComponent("activity-check-0003.txt"), encoding: .utf8)
        #expect(check.contains("holds AccessShareLock on usage_events") && check.contains("(report-export)"))
        #expect(check.contains("applied anyway: overridden by alice (--ignore-activity)"))
        let log = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(log.contains("- activity check: busy, overridden by alice (--ignore-activity) (`activity-check-0003.txt`)"))

        plan.applyPolicy.ignoreActivity = false
        plan.evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: plan.evidence) }
        let halted = try Runbook(plan: plan).run()
        #expect(halted.failedStep?.step == .apply && halted.failedStep?.failure == .checkFailed)
    }
}

/// A flag one thread sets and another reads.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
