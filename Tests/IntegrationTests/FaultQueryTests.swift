import Foundation
import Testing
import PGLocal
@testable import PostgresWire

/// Network faults once connected: cut in the middle of a row or of COPY data, stalled mid-result, or
/// trickled. A result is either complete or an error — never a shorter result that looks complete.
@Suite struct FaultQueryTests {
    static let manyRows = "SELECT g, repeat('x', 100) AS padding FROM generate_series(1, 20000) g"

    /// Connects through a fresh proxy with `plan` (applied to every connection).
    static func connect(_ plan: FaultProxy.Plan, sslMode: String = "disable", options: SessionOptions = SessionOptions()) throws -> (FaultProxy, PostgresConnection) {
        let proxy = try FaultProxy(targetPort: try TestClusters.tls().port, plan: plan)
        let configuration = try FaultInjectionTests.configuration(through: proxy, sslMode: sslMode)
        return (proxy, try PostgresConnection.connect(configuration, options: options))
    }

    @Test func aCutMidDataRowIsAnErrorNotAShortResult() throws {
        let (proxy, connection) = try Self.connect(.cut(.serverMessage(UInt8(ascii: "D"), occurrence: 5000, keepingBytes: 9)))
        defer { proxy.stop() }
        var delivered = 0
        let error = try #require(throws: ClientError.self) {
            try connection.simpleQuery(Self.manyRows, onRow: { _ in delivered += 1 })
        }
        #expect(error.phase == .io)
        #expect(error.message.contains("server closed the connection unexpectedly in the middle of a DataRow message ('D', received 9 of 119 bytes)"), "\(error)")
        #expect(delivered == 4999, "every complete row was delivered, the cut one was not")
        #expect(connection.isClosed)
        #expect(throws: ClientError.self) { try connection.simpleQuery("SELECT 1") }
    }

    @Test func aCutBeforeCommandCompleteIsAnError() throws {
        let (proxy, connection) = try Self.connect(.cut(.serverMessage(UInt8(ascii: "C"))))
        defer { proxy.stop() }
        let error = try #require(throws: ClientError.self) { try connection.query("SELECT g FROM generate_series(1, 100) g") }
        #expect(error.message.contains("after a DataRow message ('D'), between messages"), "\(error)")
    }

    @Test func aCutMidCopyIsAnError() throws {
        let (proxy, connection) = try Self.connect(.cut(.serverMessage(UInt8(ascii: "d"), occurrence: 700, keepingBytes: 3)))
        defer { proxy.stop() }
        var chunks = 0
        let error = try #require(throws: ClientError.self) {
            try connection.copyOut("COPY (SELECT g, md5(g::text) FROM generate_series(1, 5000) g) TO STDOUT") { _ in chunks += 1 }
        }
        #expect(error.message.contains("in the middle of the header of a CopyData message ('d', received 3 of 5 header bytes)"), "\(error)")
        #expect(chunks == 699)
    }

    @Test func aCutMidRowInsideTLSIsAnError() throws {
        let (proxy, connection) = try Self.connect(.cut(.serverBytes(400_000)), sslMode: "require")
        defer { proxy.stop() }
        #expect(connection.tls != nil)
        let error = try #require(throws: ClientError.self) { try connection.simpleQuery(Self.manyRows, onRow: { _ in }) }
        #expect(error.phase == .io)
        #expect(error.message.contains("server closed the connection unexpectedly in the middle of"), "\(error)")
    }

    @Test func aStallMidResultEndsAtTheReadTimeout() throws {
        let (proxy, connection) = try Self.connect(
            .stall(.serverMessage(UInt8(ascii: "D"), occurrence: 100, keepingBytes: 4)), options: SessionOptions(readTimeout: .milliseconds(500)))
        defer { proxy.stop() }
        let started = ContinuousClock.now
        let error = try #require(throws: ClientError.self) { try connection.simpleQuery(Self.manyRows, onRow: { _ in }) }
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(error.phase == .io)
        #expect(error.message.contains("no data arrived for 0.5 seconds (the read timeout) while waiting for the server's response, in the middle of the header of a DataRow message ('D', received 4 of 5 header bytes)"), "\(error)")
        #expect(connection.isClosed)
    }

    @Test func aStallInsideTLSEndsAtTheReadTimeout() throws {
        let (proxy, connection) = try Self.connect(.stall(.serverBytes(300_000)), sslMode: "require", options: SessionOptions(readTimeout: .milliseconds(500)))
        defer { proxy.stop() }
        let error = try #require(throws: ClientError.self) { try connection.simpleQuery(Self.manyRows, onRow: { _ in }) }
        #expect(error.message.contains("no data arrived for 0.5 seconds (the read timeout)"), "\(error)")
    }

    @Test func aSlowTrickleStillGivesTheExactResult() throws {
        let (proxy, connection) = try Self.connect(
            FaultProxy.Plan(trickle: (bytes: 50, interval: .milliseconds(2))), options: SessionOptions(readTimeout: .milliseconds(500)))
        defer { proxy.stop() }
        let result = try connection.query("SELECT g, md5(g::text) FROM generate_series(1, 200) g", resultFormat: .text)
        #expect(result.rows.count == 200)
        #expect(result.rows.last?.text(at: 1) == "3644a684f98ea8fe223c713b77189a77")
        #expect(result.commandTag == "SELECT 200")
    }

    @Test func theReadTimeoutNeverCutsAResultThatKeepsArriving() throws {
        // A result that takes longer than the read timeout in total, but never goes quiet for that long.
        let (proxy, connection) = try Self.connect(
            FaultProxy.Plan(trickle: (bytes: 512, interval: .milliseconds(20))), options: SessionOptions(readTimeout: .milliseconds(300)))
        defer { proxy.stop() }
        let started = ContinuousClock.now
        var rows = 0
        try connection.simpleQuery("SELECT g, repeat('y', 60) FROM generate_series(1, 1500) g", onRow: { _ in rows += 1 })
        #expect(rows == 1500)
        #expect(ContinuousClock.now - started > .milliseconds(600), "the trickle made the result outlast the read timeout")
    }

    @Test func aCutMidStreamFailsTheAsyncSequence() async throws {
        let proxy = try FaultProxy(targetPort: try TestClusters.tls().port, plan: .cut(.serverMessage(UInt8(ascii: "D"), occurrence: 300, keepingBytes: 2)))
        defer { proxy.stop() }
        let connection = try await AsyncPostgresConnection.connect(try FaultInjectionTests.configuration(through: proxy))
        var received = 0
        do {
            for try await _ in connection.rows(Self.manyRows) { received += 1 }
            Issue.record("the sequence ended normally after \(received) rows")
        } catch let error as ClientError {
            #expect(error.message.contains("in the middle of the header of a DataRow message ('D', received 2 of 5 header bytes)"), "\(error)")
        }
        #expect(received == 299)
        await connection.close()
    }
}
