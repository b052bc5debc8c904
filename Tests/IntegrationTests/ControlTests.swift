import Foundation
import Testing
import PGLocal
@testable import PostgresWire

/// Cancelling queries and losing the connection.
@Suite struct ControlTests {
    @Test func pgSleepIsCancelledWithinASecond() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        let token = try #require(connection.cancelToken)
        let clock = ContinuousClock()
        let started = clock.now
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { try? token.cancel() }
        let error = try #require(throws: PostgresServerError.self) { try connection.execute("SELECT pg_sleep(30)") }
        #expect(error.sqlState == "57014")
        #expect(clock.now - started < .seconds(1))
        #expect(try connection.simpleQuery("SELECT 1").count == 1, "the connection is usable after a cancel")
    }

    @Test func terminatingOurBackendMidStreamGivesACleanError() throws {
        let connection = try TestClusters.connect()
        let killer = try TestClusters.connect()
        defer { killer.close() }
        let pid = try #require(connection.backendKey?.processID)
        var rows = 0
        let clock = ContinuousClock()
        let started = clock.now
        do {
            try connection.query("SELECT i, repeat('x', 100) FROM generate_series(1, 50000000) i") { _ in
                rows += 1
                if rows == 1000 { _ = try killer.query("SELECT pg_terminate_backend($1)", [pid]) }
            }
            Issue.record("the stream must fail once the backend is terminated")
        } catch let error as PostgresServerError {
            #expect(error.sqlState == "57P01")
            #expect(error.isFatal)
        } catch let error as ClientError {
            #expect(error.phase == .io)
        }
        #expect(clock.now - started < .seconds(20))
        #expect(connection.isClosed)
        #expect(throws: ClientError.self) { try connection.execute("SELECT 1") }
    }

    @Test func asyncQueriesAndStreaming() async throws {
        let config = try TestClusters.configuration(try TestClusters.tls(), user: LocalCluster.scramUser, sslMode: "require")
        let connection = try await AsyncPostgresConnection.connect(config)
        let result = try await connection.query("SELECT $1::int4 + 1", [Int32(1)])
        #expect(try result.rows.first?.decode(Int32.self, at: 0) == 2)
        var total: Int64 = 0
        for try await row in connection.rows("SELECT i::int8 FROM generate_series(1, 100000) i", bufferSize: 64) {
            total += try row.decode(Int64.self, at: 0)
        }
        #expect(total == 5_000_050_000)
        // Leaving a stream early cancels it and leaves the connection usable.
        var firstFew = 0
        for try await _ in connection.rows("SELECT i FROM generate_series(1, 10000000) i", bufferSize: 16) {
            firstFew += 1
            if firstFew == 10 { break }
        }
        #expect(firstFew == 10)
        let after = try await connection.simpleQuery("SELECT 'still here'")
        #expect(after.first?.rows.first?.text(at: 0) == "still here")
        await connection.close()
    }

    @Test func asyncTaskCancellationCancelsTheServerQuery() async throws {
        let config = try TestClusters.configuration(try TestClusters.tls(), user: LocalCluster.trustUser)
        let connection = try await AsyncPostgresConnection.connect(config)
        let task = Task { try await connection.execute("SELECT pg_sleep(30)") }
        try await Task.sleep(for: .milliseconds(200))
        let clock = ContinuousClock()
        let started = clock.now
        task.cancel()
        let outcome = await task.result
        #expect(clock.now - started < .seconds(2))
        guard case .failure(let error as PostgresServerError) = outcome else {
            Issue.record("expected query_canceled, got \(outcome)"); return
        }
        #expect(error.sqlState == "57014")
        await connection.close()
    }
}
