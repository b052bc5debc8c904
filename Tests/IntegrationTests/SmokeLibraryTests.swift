import Foundation
@testable import PGCheck
import PostgresWire
import Testing

/// The engine as other tools embed it: the sync row stream, sinks, the async sequence.
@Suite struct SmokeLibraryTests {
    @Test func rowsStreamToAClosureInTextFormatWithoutBeingCollected() throws {
        let scenario = try SmokeScenario.make("smoke_library_rows")
        let connection = try scenario.connect()
        defer { connection.close() }
        let runner = SmokeRunner(connection: connection)
        var count = 0
        var quantity = 0
        var lastMeter: String?
        let outcome = try runner.forEachRow("SELECT id, meter, quantity FROM usage_events ORDER BY id") { row in
            count += 1
            quantity += Int(try row.decode(String.self, at: 2))!
            lastMeter = row.text(at: 1)
        }
        #expect(count == 300 && outcome.rowCount == 300 && outcome.commandTag == "SELECT 300")
        #expect(quantity == 152_450)
        #expect(lastMeter == "egress_gb")
        #expect(connection.transactionStatus == .idle)
    }

    @Test func runnerChecksColumnsFirstThenRunsIntoASink() throws {
        let scenario = try SmokeScenario.make("smoke_library_sink")
        let connection = try scenario.connect()
        defer { connection.close() }
        let runner = SmokeRunner(connection: connection, limits: SmokeLimits(statementTimeout: .seconds(10)))
        let wrong = SmokeQuery(name: "wrong", sql: SmokeScenario.runbookQuery, expectations: [try SmokeExpectation.parse("missing = 0")])
        #expect(throws: SmokeError.unknownColumn(query: "wrong", column: "missing", available: ["buckets_with_windows", "missing_window_end"])) {
            _ = try runner.prepare([wrong])
        }
        let query = SmokeQuery(name: "runbook", sql: SmokeScenario.runbookQuery, expectations: [
            try SmokeExpectation.parse("missing_window_end = 156"), try SmokeExpectation.parse("buckets_with_windows < missing_window_end"), .rowCount(1),
        ])
        let capture = try CapturedOutput()
        let results = try runner.runAll([query]) { _ in CSVSink(writer: capture.writer) }
        #expect(try capture.finishText() == "buckets_with_windows,missing_window_end\n144,156\n")
        #expect(results.count == 1 && results[0].passed)
        #expect(results[0].verdicts.map(\.description) == [
            "PASS missing_window_end = 156 (actual: 156)",
            "PASS buckets_with_windows < missing_window_end (actual: 144; missing_window_end is 156)",
            "PASS rows = 1 (actual: 1 row)",
        ])
    }

    @Test func serverErrorsBecomeSmokeErrorsAndTheConnectionStaysUsable() throws {
        let scenario = try SmokeScenario.make("smoke_library_errors")
        let connection = try scenario.connect()
        defer { connection.close() }
        let runner = SmokeRunner(connection: connection, limits: SmokeLimits(statementTimeout: .milliseconds(300)))
        do {
            try runner.forEachRow("DELETE FROM admins") { _ in }
            Issue.record("a write was allowed")
        } catch SmokeError.readOnlyViolation(let query, let error) {
            #expect(query == "query" && error.sqlState == "25006")
        }
        #expect(throws: SmokeError.statementTimeout(query: "query", seconds: 0.3)) { try runner.forEachRow("SELECT pg_sleep(10)") { _ in } }
        #expect(connection.transactionStatus == .idle)
        var rows = 0
        try runner.forEachRow("SELECT 1") { _ in rows += 1 }
        #expect(rows == 1)
    }

    @Test func aFailingSinkStopsTheQueryAndItsErrorIsReported() throws {
        let scenario = try SmokeScenario.make("smoke_library_sink_error")
        let connection = try scenario.connect()
        defer { connection.close() }
        let runner = SmokeRunner(connection: connection)
        let prepared = try runner.prepare([SmokeQuery(name: "big", sql: "SELECT g FROM generate_series(1, 5000000) g")])
        let clock = ContinuousClock()
        let started = clock.now
        #expect(throws: OutputError("disk full")) { try runner.run(prepared[0], into: FailingSink(after: 10)) }
        #expect(clock.now - started < .seconds(10))
        var rows = 0
        try runner.forEachRow("SELECT 1") { _ in rows += 1 }
        #expect(rows == 1)
    }

    @Test func asyncSequenceStreamsRowsIntoASink() async throws {
        let scenario = try SmokeScenario.make("smoke_library_async")
        let configuration = try ConnectionConfiguration.fromEnvironment(scenario.environment.merging(["HOME": NSTemporaryDirectory()]) { $1 })
        let connection = try await AsyncPostgresConnection.connect(configuration)
        let capture = try CapturedOutput()
        let sink = JSONLinesSink(writer: capture.writer)
        let count = try await connection.withSmokeRows("SELECT id, meter FROM usage_events WHERE id <= 3 ORDER BY id") { rows in
            try await rows.write(to: sink)
        }
        #expect(count == 3)
        #expect(try capture.finishText() == "{\"id\":1,\"meter\":\"api_calls\"}\n{\"id\":2,\"meter\":\"storage_gb_hours\"}\n{\"id\":3,\"meter\":\"egress_gb\"}\n")
        do {
            _ = try await connection.withSmokeRows("UPDATE admins SET display_name = 'x'") { rows in try await rows.write(to: DiscardingSink()) }
            Issue.record("a write was allowed")
        } catch SmokeError.readOnlyViolation {
        }
        let admins = try await connection.withSmokeRows("SELECT email FROM admins ORDER BY email") { rows in
            var emails: [String] = []
            for try await row in rows { emails.append(row.text(at: 0) ?? "") }
            return emails
        }
        #expect(admins == ["billing@example.com", "müller@example.com", "ops@example.com"])
        await connection.close()
    }
}

/// A sink whose disk fills after a few rows.
private final class FailingSink: RowSink {
    private var remaining: Int
    init(after rows: Int) { remaining = rows }
    func begin(_ columns: PostgresColumns) throws {}
    func write<Row: ResultRow & ~Copyable>(_ row: borrowing Row) throws {
        remaining -= 1
        if remaining < 0 { throw OutputError("disk full") }
    }
    func finish(_ summary: ResultSummary) throws {}
}
