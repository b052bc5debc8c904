import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import PostgresWire
import PGTestSupport

/// Test support: a man in the middle that terminates the client's TLS with its own certificate, opens
/// its own TLS connection to the real server, and relays the plaintext between them — optionally
/// removing `SCRAM-SHA-256-PLUS` from the server's mechanism list (a channel-binding downgrade).
///
/// One thread per connection, polling both sides, so neither TLS object is ever used from two threads.
final class TLSInterceptor: @unchecked Sendable {
    private let listener: LoopbackListener
    private let context: ServerTLSContext
    private let targetPort: Int
    private let stripChannelBinding: Bool
    private let lock = NSLock()
    private var stopped = false
    private var sockets: [LoopbackSocket] = []
    private var _chosenMechanisms: [String] = []
    private var _clientHandshakeFailures: [String] = []
    private var _diagnostics: [String] = []

    /// The port clients connect to.
    var port: Int { listener.port }
    /// The SASL mechanism each client chose, in order.
    var chosenMechanisms: [String] { lock.withLock { _chosenMechanisms } }
    /// Why clients refused our certificate, when they did.
    var clientHandshakeFailures: [String] { lock.withLock { _clientHandshakeFailures } }
    /// Why connections ended before they were relayed, for failure messages.
    var diagnostics: [String] { lock.withLock { _diagnostics } }

    init(targetPort: Int, identity: TestPKI.Identity, stripChannelBinding: Bool = false) throws {
        listener = try LoopbackListener()
        context = try ServerTLSContext(identity)
        self.targetPort = targetPort
        self.stripChannelBinding = stripChannelBinding
        Thread { [self] in
            while !lock.withLock({ stopped }) {
                guard let client = listener.accept(timeout: .milliseconds(200)) else { continue }
                client.setReceiveTimeout(seconds: 10)
                lock.withLock { sockets.append(client) }
                Thread { [self] in intercept(client) }.start()
            }
        }.start()
    }

    deinit { stop() }

    func stop() {
        let open = lock.withLock { () -> [LoopbackSocket] in
            stopped = true
            return sockets
        }
        listener.close()
        open.forEach { $0.close() }
    }

    private func intercept(_ client: LoopbackSocket) {
        defer { client.close() }
        guard let request = client.receive(exactly: 8), WireBytes.isSSLRequest(request) else {
            lock.withLock { _diagnostics.append("a connection did not start with an SSLRequest") }
            return
        }
        guard client.send([UInt8(ascii: "S")]) else {
            lock.withLock { _diagnostics.append("could not answer the SSLRequest") }
            return
        }
        let clientTLS: ServerTLSConnection
        do {
            clientTLS = try ServerTLSConnection(context: context, socket: client)
        } catch {
            lock.withLock { _clientHandshakeFailures.append("\(error)") }
            return
        }
        let upstream: TLSStream
        do {
            upstream = try Self.connectUpstream(port: targetPort)
        } catch {
            lock.withLock { _diagnostics.append("could not reach the server: \(error)") }
            return
        }
        defer { upstream.close() }
        relay(clientTLS, client, upstream)
    }

    /// TLS to the real server, as a client that checks nothing (the interceptor does not care who it is).
    private static func connectUpstream(port: Int) throws -> TLSStream {
        let socket = try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: port, timeout: 5)
        try socket.write(SSLRequest().encodedBytes)
        var answer: UInt8 = 0
        guard try withUnsafeMutableBytes(of: &answer, { try socket.read(into: $0) }) == 1, answer == UInt8(ascii: "S") else {
            socket.close()
            throw TestSetupError("the server refused TLS")
        }
        return try TLSStream(socket: socket, settings: TLSSettings(mode: .require, serverName: "localhost", homeDirectory: "/nonexistent"))
    }

    private func relay(_ clientTLS: ServerTLSConnection, _ client: LoopbackSocket, _ upstream: TLSStream) {
        var fromServer = MessageSplitter()
        var fromClient = MessageSplitter(startsWithUntypedMessage: true)
        // TLSStream reads ahead and hands over everything OpenSSL holds while the buffer has room, so a read
        // that does not fill this buffer leaves nothing hidden from poll; a full one is read again at once.
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while !lock.withLock({ stopped }) {
            guard let clientDescriptor = client.withDescriptor({ $0 }) else { return }
            var descriptors = [pollfd(fd: clientDescriptor, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: upstream.socket.fileDescriptor, events: Int16(POLLIN), revents: 0)]
            let ready = clientTLS.hasPendingBytes ? 1 : poll(&descriptors, 2, 100)
            if ready < 0, errno != EINTR { return }
            if clientTLS.hasPendingBytes || descriptors[0].revents != 0 {
                let bytes = clientTLS.receive()
                if bytes.isEmpty { return }
                for message in fromClient.messages(in: bytes) { noteClientMessage(message) }
                guard (try? upstream.write(bytes)) != nil else { return }
            }
            var upstreamReadable = descriptors[1].revents != 0
            while upstreamReadable {
                guard let count = try? buffer.withUnsafeMutableBytes({ try upstream.read(into: $0) }), count > 0 else { return }
                let rewritten = fromServer.messages(in: Array(buffer[..<count])).flatMap(rewrite)
                if !rewritten.isEmpty, !clientTLS.send(rewritten) { return }
                upstreamReadable = count == buffer.count
            }
        }
    }

    /// The server's message as forwarded: AuthenticationSASL loses its PLUS mechanism when stripping.
    private func rewrite(_ message: [UInt8]) -> [UInt8] {
        guard stripChannelBinding, message.count > 9, message[0] == UInt8(ascii: "R"), message[5..<9] == [0, 0, 0, 10] else { return message }
        let mechanisms = message[9...].split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return WireBytes.sasl(mechanisms.filter { $0 != "SCRAM-SHA-256-PLUS" })
    }

    private func noteClientMessage(_ message: [UInt8]) {
        guard message.first == UInt8(ascii: "p"), message.count > 5, let end = message[5...].firstIndex(of: 0) else { return }
        let name = String(decoding: message[5..<end], as: UTF8.self)
        if name.hasPrefix("SCRAM") { lock.withLock { _chosenMechanisms.append(name) } }
    }
}
