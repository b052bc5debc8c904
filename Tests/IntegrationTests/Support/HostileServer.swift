import Foundation
import PGTestSupport

/// Test support: a fake PostgreSQL server that speaks just enough of the protocol to lie.
///
/// It accepts one connection and runs a script on its own thread: the script reads what the client
/// sends and sends whatever bytes the test wants (see ``WireBytes``), malformed or not. With a TLS
/// identity it answers an SSLRequest with 'S' and continues inside TLS; without, with 'N'.
final class HostileServer: @unchecked Sendable {
    private let listener: LoopbackListener
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var scriptError: (any Error)?
    private var session: HostileSession?

    /// The port the client connects to.
    var port: Int { listener.port }

    /// Starts listening and runs `script` on the first connection.
    init(tls: TestPKI.Identity? = nil, script: @escaping @Sendable (HostileSession) throws -> Void) throws {
        listener = try LoopbackListener()
        let context = try tls.map { try ServerTLSContext($0) }
        Thread { [self] in
            defer { finished.signal() }
            guard let socket = listener.accept() else {
                lock.withLock { scriptError = TestSetupError("no client connected") }
                return
            }
            socket.setReceiveTimeout(seconds: 10)
            let session = HostileSession(socket: socket, tls: context)
            lock.withLock { self.session = session }
            do { try script(session) } catch { lock.withLock { scriptError = error } }
            session.close()
        }.start()
    }

    deinit {
        listener.close()
        lock.withLock { session }?.close()
    }

    /// A configuration for connecting to this server: user `hostile`, database `hostile`.
    func url(sslMode: String = "disable", _ parameters: [String: String] = [:]) -> String {
        let query = (["sslmode": sslMode, "connect_timeout": "5"].merging(parameters) { $1 })
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
        return "postgresql://hostile:hostile-password@127.0.0.1:\(port)/hostile?\(query)"
    }

    /// Waits for the script to end (at most 15 seconds) and returns what it threw, if anything.
    @discardableResult
    func waitForScript() -> (any Error)? {
        guard finished.wait(timeout: .now() + 15) == .success else { return TestSetupError("the server script did not finish") }
        finished.signal()
        return lock.withLock { scriptError }
    }
}

/// The server's side of one connection, for scripts.
final class HostileSession: @unchecked Sendable {
    let socket: LoopbackSocket
    private let context: ServerTLSContext?
    private var tls: ServerTLSConnection?
    private var pending: [UInt8] = []
    /// Whether the client asked for TLS.
    private(set) var clientRequestedTLS = false

    init(socket: LoopbackSocket, tls: ServerTLSContext?) {
        self.socket = socket
        context = tls
    }

    /// Reads the startup packet (answering an SSLRequest first) and returns its parameters.
    @discardableResult
    func readStartup() throws -> [String: String] {
        var packet = try readUntypedPacket()
        if packet.count == 8, WireBytes.isSSLRequest(packet) {
            clientRequestedTLS = true
            if let context {
                send([UInt8(ascii: "S")])
                tls = try ServerTLSConnection(context: context, socket: socket)
            } else {
                send([UInt8(ascii: "N")])
            }
            packet = try readUntypedPacket()
        }
        var parameters: [String: String] = [:]
        let fields = packet.dropFirst(8).split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var index = 0
        while index + 1 < fields.count, !fields[index].isEmpty {
            parameters[fields[index]] = fields[index + 1]
            index += 2
        }
        return parameters
    }

    /// The next typed message the client sends.
    func readMessage() throws -> (type: Character, body: [UInt8]) {
        let header = try read(exactly: 5)
        let length = WireBytes.uint32(in: header, at: 1)
        guard length >= 4, length < 1 << 20 else { throw TestSetupError("client sent a message with length \(length)") }
        return (Character(Unicode.Scalar(header[0])), try read(exactly: length - 4))
    }

    /// Sends bytes (inside TLS once negotiated); false if the client is gone.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        if let tls { return tls.send(bytes) }
        return socket.send(bytes)
    }

    /// Waits until the client closes the connection (or `timeout` passes); true if it did.
    func waitForClientToLeave(timeout: Duration = .seconds(10)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if tls != nil {
                if receiveChunk().isEmpty { return true }
            } else {
                guard socket.waitReadable(timeout: .milliseconds(100)) else { continue }
                if socket.receive(timeout: .milliseconds(100)).isEmpty { return true }
            }
        }
        return false
    }

    func close() {
        tls?.shutdown()
        socket.close()
    }

    private func readUntypedPacket() throws -> [UInt8] {
        let lengthBytes = try read(exactly: 4)
        let length = WireBytes.uint32(in: lengthBytes, at: 0)
        guard length >= 8, length < 10_000 else { throw TestSetupError("client sent a startup packet of length \(length)") }
        return lengthBytes + (try read(exactly: length - 4))
    }

    private func read(exactly count: Int) throws -> [UInt8] {
        while pending.count < count {
            let chunk = receiveChunk()
            if chunk.isEmpty { throw TestSetupError("client closed the connection") }
            pending += chunk
        }
        defer { pending.removeFirst(count) }
        return Array(pending[..<count])
    }

    private func receiveChunk() -> [UInt8] {
        if let tls { return tls.receive() }
        return socket.receive()
    }
}
