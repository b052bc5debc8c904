import Foundation
import PGLocal
import PostgresWire
import Testing

/// Large results wake the client in batches (SO_RCVLOWAT) once a response has brought a megabyte: every
/// row must still arrive, the end of a result must not wait for a batch that never fills, and a server
/// that pauses in the middle must not stall or fail the stream.
@Suite struct StreamingBatchingTests {
    /// A result of about 4 MB, far past the batching threshold, with a pause after row `pauseAt`.
    private static func sql(rows: Int, pauseAt: Int? = nil) -> String {
        let pause = pauseAt.map { "CASE WHEN g = \($0) THEN pg_sleep(0.2)::text END" } ?? "NULL::text"
        return "SELECT g, repeat(md5(g::text), 4) AS filler, \(pause) AS pause FROM generate_series(1, \(rows)) AS g"
    }

    private static func stream(_ connection: PostgresConnection, _ sql: String) throws -> (rows: Int, sum: Int) {
        var rows = 0
        var sum = 0
        try connection.query(sql, resultFormat: .binary) { row in
            rows += 1
            sum += Int(try row.decode(Int32.self, at: 0))
            #expect(try row.decode(String.self, at: 1).utf8.count == 128)
        }
        return (rows, sum)
    }

    @Test(arguments: ["disable", "require"])
    func everyRowArrivesAndTheNextQueryIsNotDelayed(sslMode: String) throws {
        // A read timeout turns a wait that never ends (a batch that cannot fill) into a failure, not a hang.
        let connection = try TestClusters.connect(sslMode: sslMode, options: SessionOptions(readTimeout: .seconds(10)))
        defer { connection.close() }
        let rowCount = 25_000
        for _ in 0..<3 {
            let result = try Self.stream(connection, Self.sql(rows: rowCount))
            #expect(result.rows == rowCount)
            #expect(result.sum == rowCount * (rowCount + 1) / 2)
            // Small answers right after a batched stream: no batching wait, so no added delay each.
            let clock = ContinuousClock()
            let started = clock.now
            for _ in 0..<20 { _ = try connection.query("SELECT 1") }
            #expect(clock.now - started < .seconds(2))
        }
    }

    @Test(arguments: ["disable", "require"])
    func aServerThatPausesMidStreamIsWaitedFor(sslMode: String) throws {
        let connection = try TestClusters.connect(sslMode: sslMode, options: SessionOptions(readTimeout: .seconds(5)))
        defer { connection.close() }
        let rowCount = 25_000
        let result = try Self.stream(connection, Self.sql(rows: rowCount, pauseAt: 20_000))
        #expect(result.rows == rowCount)
        #expect(result.sum == rowCount * (rowCount + 1) / 2)
        #expect(try connection.query("SELECT 41 + 1").rows.first?.decode(Int.self, at: 0) == 42)
    }

    @Test func aReadTimeoutStillFiresWhileBatching() throws {
        let connection = try TestClusters.connect(sslMode: "require", options: SessionOptions(readTimeout: .milliseconds(300)))
        defer { connection.close() }
        #expect(throws: ClientError.self) {
            _ = try Self.stream(connection, "SELECT g, repeat(md5(g::text), 4), CASE WHEN g = 20000 THEN pg_sleep(3)::text END FROM generate_series(1, 25000) AS g")
        }
    }
}
