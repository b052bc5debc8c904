import Foundation
import Testing
import PGLocal
@testable import PostgresWire
#if canImport(Glibc)
import Glibc
#endif

/// A server, or something on the way, that stops reading what we send: our send buffer fills and a
/// write cannot finish. Writes are bounded by the same limits as reads (the read timeout once
/// connected, connect_timeout during startup) and fail with an error naming the limit, leaving the
/// connection closed; without a limit they wait as they always did; large requests still go through,
/// however long they take, as long as the server keeps taking them.
@Suite struct FaultWriteTests {
    /// Far more than every buffer on the way holds (our send buffer grows to 4 MiB at most), so with
    /// no one reading, the write must block.
    static let largeText = String(repeating: "x", count: 16 << 20)
    /// The proxy stops reading once the client sent this much: past the TLS handshake and the startup
    /// message, inside the large request.
    static let stopAfter = 64 * 1024
    /// Time for the call under test to end by itself; past it the write is taken to be stuck.
    static let patience: Duration = .seconds(10)

    @Test(arguments: ["disable", "require"])
    func aServerThatStopsReadingFailsTheWriteAtTheReadTimeout(sslMode: String) throws {
        let (proxy, connection) = try FaultQueryTests.connect(
            .stopReading(.clientBytes(Self.stopAfter)), sslMode: sslMode, options: SessionOptions(readTimeout: .milliseconds(500)))
        defer { proxy.stop() }
        #expect((connection.tls != nil) == (sslMode == "require"))
        let outcome = BoundedCall.run(within: Self.patience, release: proxy.stop) {
            try connection.query("SELECT length($1)", [Self.largeText])
        }
        #expect(outcome.endedInTime, "the write was still blocked after \(Self.patience)")
        let error = try #require(outcome.clientError, "\(String(describing: outcome.result))")
        #expect(error.phase == .io)
        #expect(error.message.hasPrefix("timeout expired after 0.5 seconds (the read timeout) sending to the server, which took none of our data for that long ("), "\(error)")
        #expect(error.message.hasSuffix(" bytes sent); the server or the network stalled, so the connection was closed"), "\(error)")
        // The write cannot fail before the read timeout has passed since it began; and it fails soon after the
        // proxy stopped reading (measured from then: building a 16 MiB message takes a while too, and on a
        // busy machine the proxy notes its stop late, so no lower bound from that instant).
        #expect(outcome.elapsed >= .milliseconds(500), "\(outcome.elapsed)")
        let stalled = try #require(outcome.endedAt) - (try #require(proxy.firstFaultFiredAt))
        #expect(stalled < .seconds(3), "\(stalled)")
        #expect(proxy.faultsFired == 1)
        #expect(connection.isClosed, "half a message went out: the connection cannot be used again")
        let next = try #require(throws: ClientError.self) { try connection.query("SELECT 1") }
        #expect(next.message == "the connection is closed")
    }

    @Test(arguments: ["disable", "require"])
    func aServerThatStopsReadingDuringStartupFailsAtConnectTimeout(sslMode: String) throws {
        // The server must not see enough of the oversized startup message to reject it (and hang up):
        // in plaintext it sees nothing; over TLS it sees the handshake (well under 8 KiB) and part of
        // the first 16 KiB record, which it cannot decrypt until the record is whole.
        let stopAfter = sslMode == "disable" ? 0 : 8 * 1024
        let proxy = try FaultProxy(targetPort: try TestClusters.tls().port, plan: .stopReading(.clientBytes(stopAfter)))
        defer { proxy.stop() }
        var configuration = try FaultInjectionTests.configuration(through: proxy, sslMode: sslMode, ["connect_timeout": "2"])
        // Startup messages are small; a huge startup option is the one way to make a startup write block.
        configuration.options = "-c application_name=" + Self.largeText
        let configured = configuration
        let outcome = BoundedCall.run(within: Self.patience, release: proxy.stop) {
            try PostgresConnection.connect(configured)
        }
        #expect(outcome.endedInTime, "the startup write was still blocked after \(Self.patience)")
        let error = try #require(outcome.clientError, "\(String(describing: outcome.result))")
        #expect(error.phase == .authentication)
        #expect(error.message.hasPrefix("timeout expired after 2 seconds (connect_timeout) sending to the server ("), "\(error)")
        #expect(outcome.elapsed >= .seconds(2) && outcome.elapsed < .seconds(4), "\(outcome.elapsed)")
        #expect(proxy.faultsFired == 1)
    }

    @Test(arguments: ["disable", "require"])
    func withoutATimeoutAWriteWaitsUntilTheConnectionGoes(sslMode: String) throws {
        let (proxy, connection) = try FaultQueryTests.connect(.stopReading(.clientBytes(Self.stopAfter)), sslMode: sslMode)
        defer { proxy.stop() }
        let waited: Duration = .milliseconds(1500)
        let outcome = BoundedCall.run(within: waited, release: proxy.stop) {
            try connection.query("SELECT length($1)", [Self.largeText])
        }
        #expect(!outcome.endedInTime, "with no timeout set, only the connection going away may end the write")
        let error = try #require(outcome.clientError, "\(String(describing: outcome.result))")
        #expect(error.phase == .io)
        #expect(error.message.contains("server closed the connection unexpectedly"), "\(error)")
        #expect(outcome.elapsed < waited + .seconds(3), "the write ended promptly once the proxy hung up")
        #expect(connection.isClosed)
    }

    @Test(arguments: ["disable", "require"])
    func largeRequestsStillGoThrough(sslMode: String) throws {
        let connection = try TestClusters.connect(sslMode: sslMode, options: SessionOptions(readTimeout: .seconds(5)))
        defer { connection.close() }
        let bound = try connection.query("SELECT length($1)", [Self.largeText], resultFormat: .text)
        #expect(bound.rows.first?.text(at: 0) == String(Self.largeText.utf8.count))
        let literal = String(repeating: "y", count: 8 << 20)
        let simple = try connection.simpleQuery("SELECT length('\(literal)')")
        #expect(simple.first?.rows.first?.text(at: 0) == String(literal.utf8.count))
        #expect(try connection.query("SELECT 1", resultFormat: .text).rows.first?.text(at: 0) == "1")
    }

    @Test(arguments: ["disable", "require"])
    func aLargeRequestTheServerKeepsTakingIsNeverCut(sslMode: String) throws {
        // The proxy takes 32 KiB every 10 ms, so the 8 MiB request needs over 2.5 s (256 reads) to go out,
        // more than twice the read timeout, but the server never stops taking it for that long. (The
        // timeout is long enough for the server's answer on a busy machine.)
        let readTimeout: Duration = .seconds(1)
        let (proxy, connection) = try FaultQueryTests.connect(
            FaultProxy.Plan(clientTrickle: (bytes: 32 * 1024, interval: .milliseconds(10))), sslMode: sslMode,
            options: SessionOptions(readTimeout: readTimeout))
        defer { proxy.stop() }
        try Self.shrinkSendBuffer(of: connection)
        let text = String(repeating: "z", count: 8 << 20)
        let outcome = BoundedCall.run(within: .seconds(20), release: proxy.stop) {
            try connection.query("SELECT length($1)", [text], resultFormat: .text)
        }
        let result = try #require(try outcome.result?.get())
        #expect(result.rows.first?.text(at: 0) == String(text.utf8.count))
        #expect(outcome.elapsed > readTimeout * 2, "the request outlasted the read timeout: \(outcome.elapsed)")
        #expect(!connection.isClosed)
    }

    /// Gives the connection's socket a small send buffer, as a busy host might. Otherwise the kernel lets
    /// ours grow to 4 MiB, which would still be draining through the slow proxy when the write returns —
    /// and waiting for the answer that long is the read timeout's business, not the write's.
    static func shrinkSendBuffer(of connection: PostgresConnection) throws {
        let inner = (connection.stream as? SupervisedStream)?.inner
        let socket = try #require((inner as? PlainSocket) ?? (inner as? TLSStream)?.socket)
        var size: Int32 = 64 * 1024
        #expect(setsockopt(socket.fileDescriptor, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size)) == 0)
    }
}
