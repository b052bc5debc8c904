import Foundation
import PGTestSupport
import Testing
@testable import PostgresWire

@Suite("Transport: plain sockets")
struct TransportSocketTests {
    @Test("TCP to 127.0.0.1 and ::1 carries bytes both ways", arguments: [false, true])
    func tcpRoundTrip(ipv6: Bool) throws {
        let listener = try TransportLoopbackListener.tcp(ipv6: ipv6)
        let server = TransportPlainServer.start(listener, .echo)
        let socket = try PlainSocket.connect(host: ipv6 ? "::1" : "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 5)
        #expect(socket.remoteAddressDescription == (ipv6 ? "::1" : "127.0.0.1"))
        try socket.write(Array("hello".utf8))
        #expect(try transportReadExactly(5, from: socket) == Array("hello".utf8))
        socket.close()
        #expect(server.waitUntilFinished())
        #expect(server.receivedByteCount == 5)
    }

    @Test("a host name resolves, and hostaddr skips resolution but keeps the host for display")
    func hostNameAndHostaddr() throws {
        let listener = try TransportLoopbackListener.tcp()
        _ = TransportPlainServer.start(listener, .sink)
        let byName = try PlainSocket.connect(host: "localhost", hostaddr: nil, port: listener.port, timeout: 5)
        #expect(byName.remoteAddressDescription == "127.0.0.1")
        byName.close()

        let second = try TransportLoopbackListener.tcp()
        _ = TransportPlainServer.start(second, .sink)
        let byAddress = try PlainSocket.connect(host: "db.invalid", hostaddr: "127.0.0.1", port: second.port, timeout: 5)
        #expect(byAddress.remoteAddressDescription == "127.0.0.1")
        byAddress.close()
    }

    @Test("a closed port is refused, in libpq's words")
    func connectionRefused() throws {
        let port = try transportClosedPort()
        let error = try #require(throws: ClientError.self) {
            try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: port, timeout: 5)
        }
        #expect(error.phase == .connect)
        #expect(error.message == "connection to server at \"127.0.0.1\", port \(port) failed: Connection refused")
    }

    @Test("a refused host name shows the address it tried")
    func refusedHostNameShowsAddress() throws {
        let port = try transportClosedPort()
        let error = try #require(throws: ClientError.self) {
            try PlainSocket.connect(host: "localhost", hostaddr: nil, port: port, timeout: 5)
        }
        #expect(error.phase == .connect)
        #expect(error.message.hasPrefix("connection to server at \"localhost\" (127.0.0.1), port \(port) failed: "))
        #expect(error.message.contains("Connection refused"))
    }

    @Test("a connect that gets no answer times out, naming the seconds")
    func connectTimeout() throws {
        // A listener whose backlog is full and never accepts: the kernel drops further SYNs.
        let listener = try TransportLoopbackListener.tcp(backlog: 0)
        var fillers: [PlainSocket] = []
        defer { fillers.forEach { $0.close() } }
        let started = ContinuousClock.now
        let error = try #require(throws: ClientError.self) {
            for _ in 0..<16 {
                fillers.append(try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 0.5))
            }
        }
        #expect(ContinuousClock.now - started < .seconds(8))
        #expect(error == ClientError(.connect, "connection to server at \"127.0.0.1\", port \(listener.port) failed: timeout expired after 0.5 seconds"))
    }

    @Test("an unresolvable host name is a resolve error")
    func unresolvableHost() throws {
        let error = try #require(throws: ClientError.self) {
            try PlainSocket.connect(host: "nonexistent.invalid", hostaddr: nil, port: 5432, timeout: 5)
        }
        #expect(error.phase == .resolve)
        #expect(error.message.hasPrefix("could not translate host name \"nonexistent.invalid\" to address: "))
    }

    @Test("a malformed hostaddr is a resolve error naming it")
    func malformedHostaddr() throws {
        let error = try #require(throws: ClientError.self) {
            try PlainSocket.connect(host: "db", hostaddr: "300.1.2.3", port: 5432, timeout: 5)
        }
        #expect(error.phase == .resolve)
        #expect(error.message.hasPrefix("could not parse network address \"300.1.2.3\": "))
    }

    @Test("a Unix-domain socket carries bytes both ways")
    func unixSocketRoundTrip() throws {
        let path = try TemporaryFolder.make(prefix: "pgsock") + "/.s.PGSQL.5432"
        let listener = try TransportLoopbackListener.unix(path: path)
        let server = TransportPlainServer.start(listener, .echo)
        let socket = try PlainSocket.connect(unixPath: path, timeout: 5)
        #expect(socket.remoteAddressDescription == path)
        try socket.write(Array("over unix".utf8))
        #expect(try transportReadExactly(9, from: socket) == Array("over unix".utf8))
        socket.close()
        #expect(server.waitUntilFinished())
    }

    @Test("a missing Unix-domain socket says which path and why")
    func missingUnixSocket() throws {
        let path = try TemporaryFolder.make(prefix: "pgsock") + "/.s.PGSQL.5432"
        let error = try #require(throws: ClientError.self) {
            try PlainSocket.connect(unixPath: path, timeout: 5)
        }
        #expect(error.phase == .connect)
        #expect(error.message == "connection to server on socket \"\(path)\" failed: No such file or directory")
    }

    @Test("a Unix-domain socket path longer than sun_path is refused before connecting")
    func overlongUnixPath() throws {
        let path = "/tmp/" + String(repeating: "x", count: 200) + "/.s.PGSQL.5432"
        let error = try #require(throws: ClientError.self) {
            try PlainSocket.connect(unixPath: path, timeout: 5)
        }
        #expect(error.message.contains("is too long (maximum 107 bytes)"))
    }

    @Test("a read that outlasts the deadline is a prompt io error naming the timeout")
    func readDeadlineExpires() throws {
        let listener = try TransportLoopbackListener.tcp()
        _ = TransportPlainServer.start(listener, .sink)
        let socket = try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 5)
        defer { socket.close() }
        socket.deadline = .now + .milliseconds(200)
        let started = ContinuousClock.now
        var buffer = [UInt8](repeating: 0, count: 16)
        let error = try #require(throws: ClientError.self) {
            try buffer.withUnsafeMutableBytes { try socket.read(into: $0) }
        }
        let elapsed = ContinuousClock.now - started
        #expect(error.phase == .io)
        #expect(error.message == "timeout expired after 0.2 seconds waiting for data from the server")
        #expect(elapsed >= .milliseconds(150) && elapsed < .seconds(2))
    }

    @Test("a write the server stops reading is a prompt io error naming the timeout")
    func writeDeadlineExpires() throws {
        let listener = try TransportLoopbackListener.tcp()
        _ = TransportPlainServer.start(listener, .neverRead)
        let socket = try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 5)
        defer { socket.close() }
        socket.deadline = .now + .milliseconds(300)
        let started = ContinuousClock.now
        // More than our send buffer (4 MiB at most) and the server's receive buffer hold.
        let payload = [UInt8](repeating: 7, count: 16 << 20)
        let error = try #require(throws: ClientError.self) { try socket.write(payload) }
        let elapsed = ContinuousClock.now - started
        #expect(error == ClientError(.io, "timeout expired after 0.3 seconds sending to the server"))
        #expect(elapsed >= .milliseconds(250) && elapsed < .seconds(2), "\(elapsed)")
    }

    @Test("a write with room returns everything at once, deadline or not", arguments: [false, true])
    func writeWithRoomIsWhole(withDeadline: Bool) throws {
        let listener = try TransportLoopbackListener.tcp()
        let server = TransportPlainServer.start(listener, .sink)
        let socket = try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 5)
        if withDeadline { socket.deadline = .now + .seconds(5) }
        let message = [UInt8](repeating: 1, count: 1000)
        #expect(try message.withUnsafeBytes { try socket.writeSome($0) } == message.count)
        socket.close()
        #expect(server.waitUntilFinished())
        #expect(server.receivedByteCount == message.count)
    }

    @Test("the server closing the connection reads as 0")
    func orderlyEndOfStream() throws {
        let listener = try TransportLoopbackListener.tcp()
        _ = TransportPlainServer.start(listener, .closeImmediately)
        let socket = try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 5)
        defer { socket.close() }
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(try buffer.withUnsafeMutableBytes { try socket.read(into: $0) } == 0)
    }

    @Test("shutdown() from another thread wakes a blocked read")
    func shutdownWakesReader() throws {
        let listener = try TransportLoopbackListener.tcp()
        _ = TransportPlainServer.start(listener, .sink)
        let socket = try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 5)
        defer { socket.close() }
        let result = TransportReadOutcome()
        Thread {
            var buffer = [UInt8](repeating: 0, count: 16)
            result.set(Result { try buffer.withUnsafeMutableBytes { try socket.read(into: $0) } })
        }.start()
        Thread.sleep(forTimeInterval: 0.1)
        socket.shutdown()
        let outcome = try #require(result.wait())
        #expect(try outcome.get() == 0)
    }

    @Test("writing to a peer that hung up is an io error, not SIGPIPE")
    func writeAfterPeerClosed() throws {
        let listener = try TransportLoopbackListener.tcp()
        let server = TransportPlainServer.start(listener, .closeImmediately)
        let socket = try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 5)
        defer { socket.close() }
        #expect(server.waitUntilFinished())
        let chunk = [UInt8](repeating: 7, count: 64 * 1024)
        let error = try #require(throws: ClientError.self) {
            for _ in 0..<64 { try socket.write(chunk) }
        }
        #expect(error.phase == .io)
    }

    @Test("durations are written as people write them", arguments: [
        (2.0, "2 seconds"), (1.0, "1 second"), (0.5, "0.5 seconds"), (0.25, "0.25 seconds"),
    ])
    func durationPhrases(seconds: Double, phrase: String) {
        #expect(DurationText.phrase(seconds) == phrase)
    }
}

/// Reads exactly `count` bytes (or fewer at end of stream).
func transportReadExactly(_ count: Int, from stream: some ByteStream) throws -> [UInt8] {
    var collected: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while collected.count < count {
        let read = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
        if read == 0 { break }
        collected += buffer[..<read]
    }
    return collected
}

/// A TCP port on 127.0.0.1 nothing listens on (bound, then released).
func transportClosedPort() throws -> Int {
    try TransportLoopbackListener.tcp().port
}

/// The result of a read on another thread.
final class TransportReadOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Int, any Error>?

    func set(_ value: Result<Int, any Error>) {
        lock.withLock { outcome = value }
        done.signal()
    }

    /// The outcome, or `nil` if none arrived within 5 seconds.
    func wait() -> Result<Int, any Error>? {
        guard done.wait(timeout: .now() + 5) == .success else { return nil }
        return lock.withLock { outcome }
    }
}
