import Foundation
import PGCatalog
import PGCheck
import PGLocal
import PostgresWire
import Testing
#if canImport(Glibc)
import Glibc
#endif
import PGTestSupport

/// `pgcheck rehearse` as a user runs it: formats, exit statuses, the throwaway cluster, a pooler refused,
/// and an interrupted or killed rehearsal leaving the database as it was.
@Suite struct RehearseCommandTests {
    private static let fixtureFolder = Fixtures.url("drizzle").path

    private static func url(_ database: FixtureDatabase) -> String {
        database.cluster.url(user: LocalCluster.trustUser, database: database.name)
    }

    @Test func formatsAndExitStatuses() throws {
        let database = try RunbookTests.scenario("rehearse_cli")
        let text = try PGCheckProcess.run(["rehearse", "--dir", Self.fixtureFolder, "--url", Self.url(database)])
        #expect(text.status == 1, "hazards found: \(text.stderr)")
        #expect(text.stdout.contains("Rehearsal of 0003_usage_event_windows on postgresql://pgcheck_trust@"))
        #expect(text.stdout.contains("[index-build] 0003_usage_event_windows #6"))
        #expect(text.stdout.contains("locks ACCESS EXCLUSIVE on public.usage_admin_bucket_idx (blocks reads and writes)"))

        let json = try PGCheckProcess.run(["rehearse", "--dir", Self.fixtureFolder, "--url", Self.url(database), "--format", "json"])
        #expect(json.status == 1)
        let report = try JSONDecoder().decode(RehearsalReport.self, from: Data(json.stdout.utf8))
        #expect(report.formatVersion == 1 && report.rolledBack && report.hazards.map(\.kind) == [.indexBuild])

        let markdown = try PGCheckProcess.run(["rehearse", "--dir", Self.fixtureFolder, "--url", Self.url(database), "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("### Lock rehearsal: 0003_usage_event_windows\n"))
        #expect(markdown.stdout.contains("| `public.usage_events` |"))

        // Accepting nothing but a higher limit does not silence an index build; a migration with no hazard exits 0.
        var folder = try DrizzleFolderBuilder()
        defer { folder.remove() }
        try folder.addFixtures(through: 2)
        folder.add("0003_note", statements: [#"ALTER TABLE "usage_events" ADD COLUMN "note" text;"#])
        let quiet = try PGCheckProcess.run(["rehearse", "--dir", try folder.write().path, "--url", Self.url(database)])
        #expect(quiet.status == 0, "\(quiet.stdout)\(quiet.stderr)")
        #expect(quiet.stdout.contains("No hazards"))

        let nothing = try PGCheckProcess.run(["rehearse", "--dir", folder.url.path, "--url", Self.url(database), "--to", "0002_usage_account_lookup"])
        #expect(nothing.status == 0 && nothing.stderr.contains("nothing to rehearse"))
        let badTag = try PGCheckProcess.run(["rehearse", "--dir", folder.url.path, "--url", Self.url(database), "--to", "nope"])
        #expect(badTag.status == 2 && badTag.stderr.hasPrefix("pgcheck: --to nope"))
        let badDuration = try PGCheckProcess.run(["rehearse", "--dir", folder.url.path, "--url", Self.url(database), "--max-blocked", "soon"])
        #expect(badDuration.status == 2)
    }

    @Test func aTransactionPoolerIsRefusedWithTheDirectHostNamed() throws {
        let run = try PGCheckProcess.run([
            "rehearse", "--dir", Self.fixtureFolder, "--url", "postgresql://app:pw@ep-cool-rain-123456-pooler.eu-central-1.aws.neon.tech/app",
        ])
        #expect(run.status == 2)
        #expect(run.stderr.contains("ep-cool-rain-123456-pooler.eu-central-1.aws.neon.tech is a transaction-mode pooler"))
        #expect(run.stderr.contains("use the direct host ep-cool-rain-123456.eu-central-1.aws.neon.tech"))
        #expect(!run.stderr.contains("pw@"))
    }

    @Test func withoutURLAThrowawayClusterIsPreparedAndSeeded() throws {
        let run = try PGCheckProcess.run([
            "rehearse", "--dir", Self.fixtureFolder, "--seed", Fixtures.url("seed/usage_events_seed.sql").path,
            "--format", "json",
        ])
        #expect(run.status == 1, "\(run.stderr)")
        let report = try JSONDecoder().decode(RehearsalReport.self, from: Data(run.stdout.utf8))
        #expect(report.migrations == ["0003_usage_event_windows"])
        #expect(report.statements[5].builtIndexes.first?.rowsRead == 300, "the seed rows were there")
    }

    /// A rehearsal whose second statement sleeps, on a copy of the scenario.
    private static func sleepingRehearsal(_ label: String, seconds: Int) throws -> (FixtureDatabase, DrizzleFolderBuilder) {
        let database = try RunbookTests.scenario(label)
        var folder = try DrizzleFolderBuilder()
        try folder.addFixtures(through: 2)
        folder.add("0003_slow", statements: [#"ALTER TABLE "usage_events" ADD COLUMN "note" text;"#, "SELECT pg_sleep(\(seconds));"])
        _ = try folder.write()
        return (database, folder)
    }

    private static func start(_ database: FixtureDatabase, folder: URL) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = PGCheckProcess.executable
        process.arguments = ["rehearse", "--dir", folder.path, "--url", url(database)]
        process.environment = ["HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
        try process.run()
        return (process, errors)
    }

    /// Waits until the rehearsal's backend runs the sleep; false if it never does within 20 s.
    private static func waitForSleep(_ database: FixtureDatabase) throws -> Bool {
        for _ in 0..<200 {
            let running = try database.superuserSQL(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database.name)' AND query LIKE 'SELECT pg_sleep(%' AND state = 'active'")
            if running.trimmingCharacters(in: .whitespacesAndNewlines) == "1" { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    private static func columns(_ database: FixtureDatabase) throws -> String {
        try database.superuserSQL("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'usage_events'::regclass AND attnum > 0")
    }

    @Test func sigtermCancelsRollsBackAndSaysSo() throws {
        let (database, folder) = try Self.sleepingRehearsal("rehearse_term", seconds: 60)
        defer { folder.remove() }
        let before = try Self.columns(database)
        let (process, errors) = try Self.start(database, folder: folder.url)
        try #require(try Self.waitForSleep(database), "the rehearsal reached its sleeping statement")
        let signalled = ContinuousClock.now
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(ContinuousClock.now - signalled < .seconds(10), "the running statement was cancelled, not waited for")
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGTERM)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("rehearsal interrupted by SIGTERM; its transaction was rolled back"), "\(stderr)")
        #expect(try Self.columns(database) == before, "the added column was rolled back")
        #expect(try database.superuserSQL("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database.name)' AND query LIKE 'SELECT pg_sleep(%'")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func sigkillLeavesTheServerToRollBack() throws {
        let (database, folder) = try Self.sleepingRehearsal("rehearse_kill", seconds: 3)
        defer { folder.remove() }
        let before = try Self.columns(database)
        let connection = try database.connect()
        let ledger = try DrizzleLedger.read(connection).rows
        connection.close()
        let (process, _) = try Self.start(database, folder: folder.url)
        try #require(try Self.waitForSleep(database))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // The backend finishes its statement, finds its client gone and rolls back.
        var gone = false
        for _ in 0..<150 where !gone {
            gone = try database.superuserSQL("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database.name)' AND backend_type = 'client backend' AND pid <> pg_backend_pid()")
                .trimmingCharacters(in: .whitespacesAndNewlines) == "0"
            if !gone { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(gone, "the killed rehearsal's backend ended")
        #expect(try Self.columns(database) == before)
        let after = try database.connect()
        defer { after.close() }
        #expect(try DrizzleLedger.read(after).rows == ledger)
    }
}
