import Foundation
import PGTestSupport
import Testing
import PGCatalog
import PGCheck
import PGLocal
import PostgresWire

/// The whole runbook on the reference scenario, its failures, and its evidence.
@Suite struct RunbookTests {
    static let runbookFixtures = Fixtures.url("runbook")

    /// A database owned by the trust user with Drizzle migrations 0000–0002 applied (by that user, through
    /// the Drizzle-compatible migrator) and the seed rows loaded: the state before the 0003 runbook.
    static func scenario(_ label: String, migrations: URL = Fixtures.url("drizzle")) throws -> FixtureDatabase {
        let database = try FixtureDatabase.create(label)
        try database.superuserSQL("ALTER DATABASE \(database.name) OWNER TO \(LocalCluster.trustUser.name)")
        let connection = try database.connect()
        defer { connection.close() }
        let folder = try DrizzleMigrationFolder(url: migrations)
        let migrator = DrizzleMigrator()
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection))
        try migrator.apply(try migrator.plan(folder: folder, status: status, through: "0002_usage_account_lookup"), on: connection)
        try connection.execute(try String(contentsOf: Fixtures.url("seed/usage_events_seed.sql"), encoding: .utf8))
        return database
    }

    static func plan(_ database: FixtureDatabase, evidence: URL, migrations: URL = Fixtures.url("drizzle"), apply: RunbookPlan.Apply? = nil, dryRun: Bool = false) throws -> RunbookPlan {
        RunbookPlan(
            configuration: try database.configuration(),
            label: "0003",
            migrationsFolder: migrations,
            apply: apply ?? .native(folder: migrations, throughTag: "0003_usage_event_windows"),
            evidence: evidence,
            describeTables: ["usage_events"],
            expectations: try SchemaExpectationsFile.load(path: Fixtures.path("expectations/usage-events-0003.yaml")),
            smokeQueries: try SmokeFile.load(path: runbookFixtures.appendingPathComponent("smoke-0003.yaml").path).queries,
            operatorName: "alice",
            dryRun: dryRun)
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("runbook-\(UUID().uuidString)")
    }

    static func sha256sumCheck(_ folder: URL, chain: String = "0003.sha256") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = ["-c", "--quiet", chain]
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func theWholeRunbookPassesAndItsEvidenceVerifies() throws {
        let database = try Self.scenario("runbook_full")
        let evidence = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let outcome = try Runbook(plan: try Self.plan(database, evidence: evidence)).run()
        #expect(outcome.succeeded, "failed at \(String(describing: outcome.failedStep))")
        #expect(outcome.steps.map(\.step) == RunbookStep.allCases)
        for name in ["schema-snapshot-pre-0003.json", "migrations-status-pre-0003.txt", "drizzle-push-0003.log", "schema-snapshot-post-0003.json",
                     "schema-pre-post-0003.diff", "usage-events-ddl-post-0003.txt", "verify-0003.txt", "usage-events-window-counts.txt",
                     "apply-log.md", "0003.sha256"] {
            #expect(FileManager.default.fileExists(atPath: evidence.appendingPathComponent(name).path), "\(name) is missing")
        }
        #expect(try Self.sha256sumCheck(evidence) == 0)
        #expect(try EvidenceVerifier().verify(evidence).isIntact)
        let diff = try String(contentsOf: evidence.appendingPathComponent("schema-pre-post-0003.diff"), encoding: .utf8)
        #expect(diff.contains("+ column window_start"))
        #expect(diff.contains("~ index usage_admin_bucket_idx"))
        let log = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(log.contains("- operator: alice"))
        #expect(log.contains("- result: PASS"))
        // The migration is recorded where drizzle-kit looks for it.
        let connection = try database.connect()
        defer { connection.close() }
        let folder = try DrizzleMigrationFolder(url: Fixtures.url("drizzle"))
        #expect(DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection)).items.allSatisfy { $0.state == .applied })
    }

    @Test func aMigrationFailingHalfwayLeavesTheSchemaAsBeforeAndTheLogSaysWhere() throws {
        // A copy of the migrations whose 0003 fails at its third statement.
        let migrations = Self.temporaryFolder()
        try FileManager.default.copyItem(at: Fixtures.url("drizzle"), to: migrations)
        defer { try? FileManager.default.removeItem(at: migrations) }
        let broken = """
            ALTER TABLE "usage_events" ADD COLUMN "window_start" timestamp with time zone;--> statement-breakpoint
            ALTER TABLE "usage_events" ADD COLUMN "window_end" timestamp with time zone;--> statement-breakpoint
            ALTER TABLE "usage_events" ADD COLUMN "source" no_such_type;--> statement-breakpoint
            DROP INDEX IF EXISTS "usage_admin_bucket_idx";
            """
        try broken.write(to: migrations.appendingPathComponent("0003_usage_event_windows.sql"), atomically: true, encoding: .utf8)
        let database = try Self.scenario("runbook_fail", migrations: migrations)
        let evidence = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let runbook = try Runbook(plan: try Self.plan(database, evidence: evidence, migrations: migrations))
        let outcome = runbook.run()
        let failed = try #require(outcome.failedStep)
        #expect(failed.step == .apply)
        #expect(failed.failure == .server)
        #expect(failed.detail.contains("statement 3"))
        #expect(failed.detail.contains("no_such_type"))
        #expect(outcome.steps.map(\.step) == [.preSnapshot, .migrationStatus, .preDrift, .rehearse, .logEntry, .apply], "nothing runs after the failed step")
        // The database is exactly as the pre-apply snapshot says.
        let rollback = try runbook.verifyRollback()
        #expect(rollback.identical, "\(rollback.diffText)")
        let log = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(log.contains("HALTED at apply"))
        #expect(log.contains("- result: FAIL"))
        let push = try String(contentsOf: evidence.appendingPathComponent("drizzle-push-0003.log"), encoding: .utf8)
        #expect(push.contains("ROLLBACK"))
        #expect(try EvidenceVerifier().verify(evidence).isIntact)
        #expect(try Self.sha256sumCheck(evidence) == 0)
    }

    @Test func twoRunsAppendToTheLogAndNeverReplaceArtefacts() throws {
        let database = try Self.scenario("runbook_twice")
        let evidence = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        #expect(try Runbook(plan: try Self.plan(database, evidence: evidence)).run().succeeded)
        let firstLog = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        let second = try Runbook(plan: try Self.plan(database, evidence: evidence)).run()
        #expect(second.succeeded, "\(String(describing: second.failedStep))")
        let secondLog = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(secondLog.hasPrefix(firstLog), "the second run appended; it did not rewrite")
        #expect(secondLog.count > firstLog.count)
        #expect(FileManager.default.fileExists(atPath: evidence.appendingPathComponent("schema-snapshot-pre-0003.run2.json").path))
        #expect(try Self.sha256sumCheck(evidence) == 0)
        #expect(try EvidenceVerifier().verify(evidence).isIntact)
    }

    @Test func dryRunAppliesNothing() throws {
        let database = try Self.scenario("runbook_dry")
        let evidence = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let outcome = try Runbook(plan: try Self.plan(database, evidence: evidence, dryRun: true)).run()
        #expect(outcome.steps.first { $0.step == .apply }?.detail == "skipped (--dry-run)")
        #expect(outcome.failedStep?.step == .verify, "without the apply the new columns are missing, so verify fails")
        let connection = try database.connect()
        defer { connection.close() }
        let folder = try DrizzleMigrationFolder(url: Fixtures.url("drizzle"))
        #expect(DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection)).pending.map(\.tag) == ["0003_usage_event_windows"])
    }

    @Test func anExternalApplyCommandIsRunAndCaptured() throws {
        let database = try Self.scenario("runbook_cmd")
        let evidence = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let dir = Fixtures.path("drizzle")
        let command = "\(PGCheckProcess.executable.path) migrations apply --dir \(dir) --url \"$DATABASE_URL\""
        var plan = try Self.plan(database, evidence: evidence, apply: .command(command))
        plan.databaseURL = database.cluster.url(user: LocalCluster.trustUser, database: database.name)
        let outcome = try Runbook(plan: plan).run()
        #expect(outcome.succeeded, "\(String(describing: outcome.failedStep))")
        let push = try String(contentsOf: evidence.appendingPathComponent("drizzle-push-0003.log"), encoding: .utf8)
        #expect(push.contains("applied 0003_usage_event_windows"))
        #expect(push.contains("exit status 0"))
    }

    @Test func cliExitStatusesAndTamperDetection() throws {
        let database = try Self.scenario("runbook_cli")
        let evidence = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let url = database.cluster.url(user: LocalCluster.trustUser, database: database.name)
        let run = try PGCheckProcess.run([
            "runbook", "--file", Self.runbookFixtures.appendingPathComponent("0003-usage-event-windows.yaml").path,
            "--url", url, "--evidence", evidence.path, "--operator", "bob",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("✓ verify expectations"))
        #expect(run.stdout.contains("evidence: \(evidence.path)"))
        let verified = try PGCheckProcess.run(["evidence", "verify", evidence.path])
        #expect(verified.status == 0)
        try "tampered\n".write(to: evidence.appendingPathComponent("verify-0003.txt"), atomically: true, encoding: .utf8)
        let tampered = try PGCheckProcess.run(["evidence", "verify", evidence.path])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("FAIL  verify-0003.txt: checksum does not match"))
        let restored = try PGCheckProcess.run(["runbook", "--file", Self.runbookFixtures.appendingPathComponent("0003-usage-event-windows.yaml").path, "--url", url, "--evidence", evidence.path, "--verify-rollback"])
        #expect(restored.status == 1, "0003 is applied, so the schema differs from the pre-apply snapshot")
        // The rollback check is also in rollback_log.md: what was compared, the result, the artefact; chained.
        let rollbackLog = try String(contentsOf: evidence.appendingPathComponent("rollback_log.md"), encoding: .utf8)
        #expect(rollbackLog.contains("- compared: postgresql://"))
        #expect(rollbackLog.contains("against `schema-snapshot-pre-0003.json` (before the apply)"))
        #expect(rollbackLog.contains("- result: FAIL: 5 difference(s) from the pre-apply snapshot"))
        #expect(rollbackLog.contains("- evidence: `schema-rollback-check-0003.diff`"))
        let chain = try String(contentsOf: evidence.appendingPathComponent("0003.sha256"), encoding: .utf8)
        #expect(chain.contains("  rollback_log.entries/0001.md\n"))
        try "forged\n".write(to: evidence.appendingPathComponent("rollback_log.md"), atomically: true, encoding: .utf8)
        let forged = try PGCheckProcess.run(["evidence", "verify", evidence.path])
        #expect(forged.status == 1 && forged.stdout.contains("rollback_log.md: is not exactly its recorded entries"), "\(forged.stdout)")
        let noApply = try PGCheckProcess.run(["runbook", "--url", url, "--label", "0003"])
        #expect(noApply.status == 2)
        #expect(noApply.stderr.contains("say how to apply"))
    }

    @Test func thePasswordAppearsInNoArtefact() throws {
        let database = try Self.scenario("runbook_secret")
        try database.superuserSQL("GRANT \(LocalCluster.trustUser.name) TO \(LocalCluster.scramUser.name)")
        let evidence = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        var plan = try Self.plan(database, evidence: evidence)
        plan.configuration = try database.configuration(user: LocalCluster.scramUser)
        let outcome = try Runbook(plan: plan).run()
        #expect(outcome.succeeded, "\(String(describing: outcome.failedStep))")
        let password = Data(try #require(LocalCluster.scramUser.password).utf8)
        let files = try #require(FileManager.default.enumerator(atPath: evidence.path)).compactMap { $0 as? String }
        #expect(files.count > 10)
        for file in files {
            guard let data = FileManager.default.contents(atPath: evidence.appendingPathComponent(file).path) else { continue }
            #expect(data.range(of: password) == nil, "\(file) contains the password")
        }
        let log = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(log.contains("postgresql://\(LocalCluster.scramUser.name)@"))
    }

    @Test func theDemoPasses() throws {
        let evidence = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let demo = try PGCheckProcess.run(["demo", "--evidence", evidence.path], environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"])
        #expect(demo.status == 0, "\(demo.stdout)\(demo.stderr)")
        #expect(demo.stdout.contains("runbook PASSED"))
        #expect(try Self.sha256sumCheck(evidence) == 0)
    }
}
