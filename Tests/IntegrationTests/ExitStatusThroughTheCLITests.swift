import Foundation
import PGLocal
import Testing
import PGTestSupport

/// Every error type a user can provoke, through the built `pgcheck`: one line on stderr and the exit
/// status the README documents for its kind (0 ok, 1 check failed, 2 bad input, 3 connection, 4 server).
/// The mapping itself, for every error type including those no command line reaches, is
/// `ExitStatusMappingTests`.
@Suite struct ExitStatusThroughTheCLITests {
    private static let shared = Result { try SmokeScenario.make("exit_statuses") }

    private static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgcheck-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func write(_ text: String, to url: URL) throws -> String {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    // MARK: PostgresWire

    @Test func clientErrorsByPhase() throws {
        let configuration = try PGCheckProcess.run(["ping", "--url", "sslmode=bogus"])
        #expect(configuration.status == 2 && configuration.stderr.hasPrefix("pgcheck: configuration: "), "\(configuration.stderr)")
        let connect = try PGCheckProcess.run(["ping", "--url", "postgresql://u@127.0.0.1:1/db", "--connect-timeout", "5"])
        #expect(connect.status == 3 && connect.stderr.hasPrefix("pgcheck: connect: "), "\(connect.stderr)")
    }

    @Test func serverErrorsDuringStartupAreConnectionFailuresAndDuringQueriesServerFailures() throws {
        let scenario = try Self.shared.get()
        var environment = scenario.environment
        environment["PGDATABASE"] = "no_such_database"
        let startup = try PGCheckProcess.run(["ping"], environment: environment)
        #expect(startup.status == 3, "\(startup.stderr)")
        #expect(startup.stderr.contains("FATAL:  database \"no_such_database\" does not exist (SQLSTATE 3D000)"))
        // A ledger table of the wrong shape: reading it is a query the server refuses.
        _ = try scenario.database.superuserSQL("CREATE SCHEMA IF NOT EXISTS odd; CREATE TABLE IF NOT EXISTS odd.ledger (x int)")
        let query = try scenario.pgcheck([
            "migrations", "status", "--dir", Fixtures.url("drizzle").path,
            "--migrations-schema", "odd", "--migrations-table", "ledger",
        ])
        #expect(query.status == 4, "\(query.stderr)")
        #expect(query.stderr.hasPrefix("pgcheck: query: ERROR:  column "), "\(query.stderr)")
    }

    // MARK: PGSupport, PGCatalog, PGDiff

    @Test func unwritableOutputFileIsBadInput() throws {
        let scenario = try Self.shared.get()
        let run = try scenario.pgcheck(["snapshot", "--out", "/nonexistent/dir/pre.json"])
        #expect(run.status == 2 && run.stderr.hasPrefix("pgcheck: could not write /nonexistent/dir/pre.json: "), "\(run.stderr)")
    }

    @Test func unreadableSnapshotIsBadInputAndADifferenceIsACheckFailure() throws {
        let scenario = try Self.shared.get()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try Self.write("", to: folder.appendingPathComponent("empty.json"))
        let bad = try PGCheckProcess.run(["diff", empty, empty])
        #expect(bad.status == 2 && bad.stderr.hasPrefix("pgcheck: "), "\(bad.stderr)")
        _ = try scenario.database.superuserSQL("CREATE SCHEMA exit_diff")
        let pre = folder.appendingPathComponent("pre.json").path
        #expect(try scenario.pgcheck(["snapshot", "--schema", "exit_diff", "--out", pre]).status == 0)
        _ = try scenario.database.superuserSQL("CREATE TABLE exit_diff.added (id int)")
        let different = try scenario.pgcheck(["diff", pre, "db:", "--schema", "exit_diff"])
        #expect(different.status == 1 && different.stdout.contains("added"), "\(different.stdout)\(different.stderr)")
    }

    @Test func describeOfAMissingRelationPrintsPsqlsWordsAndIsBadInput() throws {
        let scenario = try Self.shared.get()
        let run = try scenario.pgcheck(["describe", "no_such_table"])
        #expect(run.status == 2)
        #expect(run.stderr == "Did not find any relation named \"no_such_table\".\n")
    }

    // MARK: PGCheck

    @Test func verifyBadInputAndFailedExpectation() throws {
        let scenario = try Self.shared.get()
        let nothing = try scenario.pgcheck(["verify"])
        #expect(nothing.status == 2 && nothing.stderr.hasPrefix("pgcheck: nothing to verify"), "\(nothing.stderr)")
        let missing = try scenario.pgcheck(["verify", "--table", "no_such_table"])
        #expect(missing.status == 1 && missing.stdout.contains("FAIL"), "\(missing.stdout)\(missing.stderr)")
    }

    @Test func fingerprintErrorsAndCommandLineErrorsAreBadInput() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notJSON = try Self.write("not json", to: folder.appendingPathComponent("a.json"))
        let unreadable = try PGCheckProcess.run(["fingerprint", "--compare", notJSON, notJSON])
        #expect(unreadable.status == 2 && unreadable.stderr.hasPrefix("pgcheck: "), "\(unreadable.stderr)")
        let oneFile = try PGCheckProcess.run(["fingerprint", "--compare", notJSON])
        #expect(oneFile.status == 2 && oneFile.stderr == "pgcheck: --compare takes two fingerprint files: A.json B.json\n")
    }

    @Test func smokeBadInputServerFailureAndUnwritableOutput() throws {
        let scenario = try Self.shared.get()
        let syntax = try scenario.pgcheck(["smoke", "--sql", "SELECT 1 AS a", "--expect", "a =="])
        #expect(syntax.status == 2 && syntax.stderr.hasPrefix("pgcheck: "), "\(syntax.stderr)")
        let timeout = try scenario.pgcheck(["smoke", "--sql", "SELECT pg_sleep(10)", "--statement-timeout", "0.2"])
        #expect(timeout.status == 4 && timeout.stderr.contains("timed out after 0.2 s"), "\(timeout.stderr)")
        let zero = try scenario.pgcheck(["smoke", "--sql", "SELECT 1", "--lock-timeout", "0"])
        #expect(zero.status == 2 && zero.stderr.contains("--lock-timeout must be a number of seconds greater than 0"), "\(zero.stderr)")
        // Standard output that cannot be written (a full disk): an OutputError, bad input.
        let full = try PGCheckProcess.run(["smoke", "--sql", "SELECT 1"], environment: scenario.environment, standardOutput: "/dev/full")
        #expect(full.status == 2 && full.stderr.hasPrefix("pgcheck: "), "\(full.stderr)")
    }

    /// The defect this suite was written for: a statement timeout in the runbook's smoke step exits as
    /// `pgcheck smoke` does (4, the server's), not 2.
    @Test func aStatementTimeoutInTheRunbooksSmokeStepExitsAsSmokeDoes() throws {
        let scenario = try Self.shared.get()
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let smoke = try Self.write("""
            version: 1
            statement-timeout: 0.2
            queries:
              - name: slow
                sql: SELECT pg_sleep(10)
            """, to: folder.appendingPathComponent("smoke.yaml"))
        let run = try scenario.pgcheck([
            "runbook", "--label", "0003", "--apply-cmd", "true", "--smoke", smoke,
            "--evidence", folder.appendingPathComponent("evidence").path, "--operator", "test",
        ])
        #expect(run.status == 4, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("runbook halted at smoke"), "\(run.stderr)")
        #expect(run.stderr.contains("timed out after 0.2 s"), "\(run.stderr)")
    }

    @Test func drizzleBadInputAndAFailedStatement() throws {
        let missing = try PGCheckProcess.run(["migrations", "status", "--dir", "/nonexistent/drizzle", "--url", "postgresql://u@127.0.0.1:1/db"])
        #expect(missing.status == 2 && missing.stderr.hasPrefix("pgcheck: "), "\(missing.stderr)")
        let database = try FixtureDatabase.create("exit_apply")
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.write("""
            {"version": "7", "dialect": "postgresql", "entries": [
              {"idx": 0, "version": "7", "when": 1761916800000, "tag": "0000_divide", "breakpoints": true}]}
            """, to: folder.appendingPathComponent("meta/_journal.json"))
        _ = try Self.write("SELECT 1 / 0;\n", to: folder.appendingPathComponent("0000_divide.sql"))
        let failed = try PGCheckProcess.run(["migrations", "apply", "--dir", folder.path], environment: SmokeScenario(database: database).environment)
        #expect(failed.status == 4, "\(failed.stderr)")
        #expect(failed.stderr.hasPrefix("pgcheck: migration 0000_divide, statement 1 failed and everything was rolled back: "), "\(failed.stderr)")
    }

    @Test func evidenceAndRunbookFileErrorsAreBadInput() throws {
        let evidence = try PGCheckProcess.run(["evidence", "verify", "/nonexistent/evidence"])
        #expect(evidence.status == 2 && evidence.stderr.hasPrefix("pgcheck: "), "\(evidence.stderr)")
        let runbook = try PGCheckProcess.run(["runbook", "--apply-cmd", "true", "--url", "postgresql://u@127.0.0.1:1/db"])
        #expect(runbook.status == 2 && runbook.stderr.hasPrefix("pgcheck: give --label"), "\(runbook.stderr)")
    }
}
