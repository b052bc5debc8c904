import Foundation
import PGLocal
import PostgresWire
import Testing

/// `AsyncPostgresConnection.rows` as an embedding tool uses it: a `for try await` loop on the main actor
/// or in a detached task. Rows arrive in batches; leaving the loop early still cancels the query.
@Suite struct AsyncRowsTests {
    /// A database with a sequence the streamed query draws from, so the server's progress can be read
    /// afterwards (a sequence advances outside transactions).
    private static func database(_ label: String) throws -> FixtureDatabase {
        let database = try FixtureDatabase.create(label)
        try database.superuserSQL("CREATE SEQUENCE drawn; GRANT ALL ON SEQUENCE drawn TO PUBLIC")
        return database
    }

    /// A hundred million rows, each drawing from the sequence: minutes of work if it is not cancelled.
    private static let endless = "SELECT nextval('drawn') AS n, repeat('x', 20) AS pad FROM generate_series(1, 100000000)"

    /// How far the server got: the sequence's last value, read on a fresh connection.
    private static func drawn(_ database: FixtureDatabase) throws -> Int64 {
        let observer = try database.connect()
        defer { observer.close() }
        return try observer.query("SELECT last_value FROM drawn").rows[0].decode(Int64.self, at: 0)
    }

    @MainActor
    @Test func breakingOutOfTheLoopOnTheMainActorCancelsTheQuery() async throws {
        let database = try Self.database("async_break_main")
        let connection = try await AsyncPostgresConnection.connect(try database.configuration())
        let clock = ContinuousClock()
        let started = clock.now
        var seen = 0
        for try await row in connection.rows(Self.endless) {
            MainActor.assertIsolated("the loop stays on the main actor")
            seen += 1
            #expect(try row.decode(Int64.self, at: 0) == Int64(seen))
            if seen == 5000 { break }
        }
        #expect(seen == 5000)
        // The connection is free again only once the server stopped the query.
        let after = try await connection.simpleQuery("SELECT 'still here'")
        #expect(after.first?.rows.first?.text(at: 0) == "still here")
        #expect(clock.now - started < .seconds(30), "the stream stopped instead of running to its end")
        let last = try Self.drawn(database)
        #expect(last >= 5000 && last < 10_000_000, "the server drew \(last) of 100,000,000 values: it was cancelled")
        await connection.close()
    }

    @Test func breakingOutOfTheLoopInADetachedTaskCancelsTheQuery() async throws {
        let database = try Self.database("async_break_detached")
        let connection = try await AsyncPostgresConnection.connect(try database.configuration())
        let seen = try await Task.detached {
            var seen = 0
            for try await _ in connection.rows(Self.endless, bufferSize: 64, bufferBytes: 16 * 1024) {
                seen += 1
                if seen == 1000 { break }
            }
            return seen
        }.value
        #expect(seen == 1000)
        let after = try await connection.simpleQuery("SELECT 'still here'")
        #expect(after.first?.rows.first?.text(at: 0) == "still here")
        let last = try Self.drawn(database)
        #expect(last >= 1000 && last < 10_000_000, "the server drew \(last) of 100,000,000 values: it was cancelled")
        await connection.close()
    }

    @MainActor
    @Test func everyRowArrivesInOrderOnTheMainActorWithSmallBounds() async throws {
        let database = try FixtureDatabase.create("async_order")
        let connection = try await AsyncPostgresConnection.connect(try database.configuration())
        var expected: Int64 = 1
        // Bounds smaller than one socket read: the producer waits for room many times.
        for try await row in connection.rows("SELECT g::int8, repeat('y', g % 300) FROM generate_series(1, 20000) g",
                                             bufferSize: 8, bufferBytes: 2048) {
            #expect(try row.decode(Int64.self, at: 0) == expected)
            #expect(try row.decode(String.self, at: 1).utf8.count == Int(expected % 300))
            expected += 1
        }
        #expect(expected == 20001)
        await connection.close()
    }

    @Test func aServerErrorInTheMiddleEndsTheLoopWithThatError() async throws {
        let database = try FixtureDatabase.create("async_error")
        let connection = try await AsyncPostgresConnection.connect(try database.configuration())
        var seen = 0
        await #expect(throws: PostgresServerError.self) {
            for try await _ in connection.rows("SELECT 1 / (5000 - g) FROM generate_series(1, 10000) g") { seen += 1 }
        }
        #expect(seen < 5000)
        let after = try await connection.simpleQuery("SELECT 'still here'")
        #expect(after.first?.rows.first?.text(at: 0) == "still here")
        await connection.close()
    }
}
