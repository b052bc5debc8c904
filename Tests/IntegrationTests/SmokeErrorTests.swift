import Foundation
import PostgresWire
import Testing

/// The bad-input cases: each is one clear line on stderr and the documented exit status.
@Suite struct SmokeErrorTests {
    /// Every test here only reads, so they share one database.
    private static let shared = Result { try SmokeScenario.make("smoke_errors") }

    @Test func sqlErrorShowsTheServersMessageSQLStateAndPositionAndExits4() throws {
        let scenario = try Self.shared.get()
        let run = try scenario.pgcheck(["smoke", "--sql", "SELECT id,\n  window_ends FROM usage_events"])
        #expect(run.status == 4)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("pgcheck: query \"sql\": ERROR:  column \"window_ends\" does not exist (SQLSTATE 42703) at character 14 (line 2, column 3: window_ends FROM usage_events)"))
        #expect(run.stderr.hasSuffix("\n") && run.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [
        "DELETE FROM usage_events",
        "UPDATE usage_events SET quantity = 0 WHERE id = 1",
        "CREATE TABLE smoke_written (id int)",
        "SELECT nextval('usage_events_id_seq')",
        "WITH gone AS (DELETE FROM usage_events RETURNING id) SELECT count(*) FROM gone",
    ])
    func writesAreRefusedByTheReadOnlyTransaction(sql: String) throws {
        let scenario = try Self.shared.get()
        let run = try scenario.pgcheck(["smoke", "--sql", sql])
        #expect(run.status == 4)
        #expect(run.stderr.hasPrefix("pgcheck: query \"sql\": smoke queries run read-only, and this one tried to write: cannot execute "))
        #expect(run.stderr.hasSuffix("in a read-only transaction (SQLSTATE 25006)\n"))
        let count = try scenario.psql(["-X", "-At", "-c", "SELECT count(*) FROM usage_events"])
        #expect(count.stdout == "300\n")
    }

    @Test func statementTimeoutSaysSoAndExitsNonZero() throws {
        let scenario = try Self.shared.get()
        let clock = ContinuousClock()
        let started = clock.now
        let run = try scenario.pgcheck(["smoke", "--sql", "SELECT pg_sleep(30)", "--statement-timeout", "0.5"])
        #expect(clock.now - started < .seconds(20))
        #expect(run.status == 4)
        #expect(run.stderr == "pgcheck: query \"sql\": timed out after 0.5 s (statement_timeout); raise --statement-timeout if it needs longer\n")
    }

    @Test func lockTimeoutSaysWhatItWaitedFor() throws {
        let scenario = try SmokeScenario.make("smoke_lock")
        let holder = try scenario.connect()
        defer { holder.close() }
        try holder.execute("BEGIN; LOCK TABLE usage_events IN ACCESS EXCLUSIVE MODE")
        let run = try scenario.pgcheck(["smoke", "--sql", "SELECT count(*) FROM usage_events", "--lock-timeout", "0.3"])
        try holder.execute("ROLLBACK")
        #expect(run.status == 4)
        #expect(run.stderr.contains("waited more than 0.3 s for a lock (lock_timeout)"))
    }

    @Test func unknownColumnInAnExpectationExits2BeforeAnythingRuns() throws {
        let scenario = try Self.shared.get()
        let folder = NSTemporaryDirectory() + "pgcheck-smoke-unknown-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/smoke.yaml"
        try """
            queries:
              - name: slow_first
                sql: SELECT pg_sleep(5) AS slept, 1 AS one
                expect: one = 1
              - name: typo_second
                sql: SELECT COUNT(*) AS missing_window_end FROM usage_events WHERE window_end IS NULL
                expect: missing_windows_end = 0
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let clock = ContinuousClock()
        let started = clock.now
        let run = try scenario.pgcheck(["smoke", "--file", file, "--out", folder + "/rows.txt"])
        #expect(clock.now - started < .seconds(5))
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "pgcheck: query \"typo_second\": the expectation names column \"missing_windows_end\", which the result does not have; its columns are: missing_window_end\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["smoke.yaml"])
    }

    @Test func malformedInputExits2WithoutConnecting() throws {
        // The URL cannot resolve: had pgcheck tried to connect, the status would be 3.
        let nowhere = ["--url", "postgresql://u@nonexistent.invalid/db"]
        let syntax = try PGCheckProcess.run(["smoke", "--sql", "SELECT 1 AS n", "--expect", "n = = 1"] + nowhere)
        #expect(syntax.status == 2)
        #expect(syntax.stderr.hasPrefix("pgcheck: query \"sql\": invalid expectation \"n = = 1\" at character 5: "))
        let nothing = try PGCheckProcess.run(["smoke"] + nowhere)
        #expect(nothing.status == 2)
        #expect(nothing.stderr == "pgcheck: nothing to run: give a query with --sql or a smoke file with --file\n")
        let missingFile = try PGCheckProcess.run(["smoke", "--file", "/nonexistent/smoke.yaml"] + nowhere)
        #expect(missingFile.status == 2)
        #expect(missingFile.stderr == "pgcheck: /nonexistent/smoke.yaml: cannot read the file (No such file or directory)\n")
        let badOut = try PGCheckProcess.run(["smoke", "--sql", "SELECT 1", "--out", "/nonexistent/dir/out.csv"] + nowhere)
        #expect(badOut.status == 2)
        #expect(badOut.stderr.hasPrefix("pgcheck: could not write /nonexistent/dir/out.csv: cannot create a temporary file in /nonexistent/dir: "))
        let both = try PGCheckProcess.run(["smoke", "--sql", "SELECT 1", "--file", "x.yaml"] + nowhere)
        #expect(both.status == 2)
        let connection = try PGCheckProcess.run(["smoke", "--sql", "SELECT 1"] + nowhere)
        #expect(connection.status == 3)
    }

    @Test func severalStatementsInOneQueryAreRefusedClearly() throws {
        let scenario = try Self.shared.get()
        let run = try scenario.pgcheck(["smoke", "--sql", "SELECT 1; SELECT 2"])
        #expect(run.status == 2)
        #expect(run.stderr == "pgcheck: query \"sql\" holds several statements; a smoke query is one statement (give each its own --sql or smoke-file entry)\n")
    }
}
