import Foundation
import Testing
import PGLocal
@testable import PostgresWire

/// 50 connections from the async API, all querying at once for a bounded time: no error, and no
/// descriptor left open afterwards (counted in /proc/self/fd, and per socket to a private proxy port).
@Suite struct LoadConcurrencyTests {
    static let connections = 50
    static let duration: Duration = .seconds(3)

    @Test func fiftyConcurrentConnectionsQueryWithoutErrorsOrLeaks() async throws {
        let cluster = try TestClusters.tls()
        // Through a pass-through proxy on a port of its own, so this test's sockets can be told apart from
        // those of tests running alongside it.
        let proxy = try FaultProxy(targetPort: cluster.port, plan: .passThrough)
        defer { proxy.stop() }
        let descriptorsBefore = ProcessResources.openDescriptorCount()
        #expect(ProcessResources.socketsConnected(toPort: proxy.port) == 0)

        let configurations = try (0..<Self.connections).map { index -> ConnectionConfiguration in
            var configuration = try TestClusters.configuration(
                cluster, user: index.isMultiple(of: 2) ? LocalCluster.trustUser : LocalCluster.scramUser,
                sslMode: index.isMultiple(of: 3) ? "require" : "disable", ["application_name": "pgcheck-load"])
            configuration.endpoints = [Endpoint(host: "127.0.0.1", port: proxy.port)]
            return configuration
        }
        let opened = try await withThrowingTaskGroup(of: AsyncPostgresConnection.self) { group in
            for configuration in configurations {
                group.addTask { try await AsyncPostgresConnection.connect(configuration, options: SessionOptions(readTimeout: .seconds(30))) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(opened.count == Self.connections)
        #expect(ProcessResources.socketsConnected(toPort: proxy.port) == Self.connections, "the count sees every connection")

        let deadline = ContinuousClock.now + Self.duration
        let tally = try await withThrowingTaskGroup(of: Tally.self) { group in
            for (index, connection) in opened.enumerated() {
                group.addTask { try await Self.work(connection, index: index, until: deadline) }
            }
            return try await group.reduce(Tally(), +)
        }
        #expect(tally.roundTrips >= Self.connections * 3, "every connection kept querying (\(tally.roundTrips) round trips)")
        // Every stream arrived whole and in order (a producer that waited for room once appended its row
        // while the consumer waited, reordering or losing rows: fixed in RowChannel.push).
        #expect(tally.brokenStreams == 0, "\(tally.brokenStreams) of \(tally.streams) streamed results were out of order or short")

        for connection in opened { await connection.close() }
        #expect(ProcessResources.socketsConnected(toPort: proxy.port) == 0, "every socket was closed")
        let descriptorsAfter = ProcessResources.openDescriptorCount()
        // Other suites open and close files meanwhile; 50 leaked sockets could not hide in that noise.
        #expect(descriptorsAfter - descriptorsBefore < Self.connections / 2, "descriptors before \(descriptorsBefore), after \(descriptorsAfter)")
        // The server saw every session end (Terminate was sent, not just a dropped socket).
        // The count as a number: a suffix test would also take 10, 20 or 50 sessions left for none.
        var remaining: Int?
        for _ in 0..<40 {
            let output = try cluster.runSQL("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgcheck-load'")
            remaining = Int(output.trimmingCharacters(in: .whitespacesAndNewlines))
            if remaining == 0 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(remaining == 0, "server sessions left: \(remaining.map(String.init) ?? "not a number")")
    }

    /// Queries on one connection until `deadline`: parameters, several statements, a streamed result.
    static func work(_ connection: AsyncPostgresConnection, index: Int, until deadline: ContinuousClock.Instant) async throws -> Tally {
        var roundTrips = 0
        var brokenStreams = 0
        while ContinuousClock.now < deadline {
            let value = Int64(index * 1_000 + roundTrips)
            let echoed = try await connection.query("SELECT $1::int8 + 1, $2::text", [value, "load \(index)"])
            #expect(try echoed.rows.first?.decode(Int64.self, at: 0) == value + 1)
            let results = try await connection.simpleQuery("SELECT \(index); SELECT count(*) FROM generate_series(1, 100)")
            #expect(results.last?.rows.first?.text(at: 0) == "100")
            var streamed: [Int32] = []
            for try await row in connection.rows("SELECT g::int4 FROM generate_series(1, 200) g", bufferSize: 16) {
                streamed.append(try row.decode(Int32.self, at: 0))
            }
            if streamed != Array(1...200) { brokenStreams += 1 }
            roundTrips += 3
        }
        return Tally(roundTrips: roundTrips, streams: roundTrips / 3, brokenStreams: brokenStreams)
    }

    /// What one connection did.
    struct Tally: Sendable {
        var roundTrips = 0
        var streams = 0
        var brokenStreams = 0

        static func + (lhs: Tally, rhs: Tally) -> Tally {
            Tally(roundTrips: lhs.roundTrips + rhs.roundTrips, streams: lhs.streams + rhs.streams, brokenStreams: lhs.brokenStreams + rhs.brokenStreams)
        }
    }
}
