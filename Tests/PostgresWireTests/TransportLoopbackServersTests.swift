import COpenSSL
import Foundation
@testable import PostgresWire
#if canImport(Glibc)
import Glibc
#endif
import PGTestSupport

// Test support (no tests here): tiny loopback servers, each serving one connection on its own thread,
// plain or TLS (OpenSSL's server side), recording what they saw for the tests to check.

/// What a test server does with the one connection it accepts.
enum TransportServerBehavior: Sendable {
    /// Sends back every chunk it receives.
    case echo
    /// Reads and counts, never answers (for read deadlines, and to see whether anything was sent).
    case sink
    /// Reads exactly this many bytes, then sends them all back at once.
    case collectThenReply(Int)
    /// Closes the connection (TLS: with close_notify) right after accepting it.
    case closeImmediately
    /// Holds the connection for 3 seconds without reading a byte (for write deadlines): the client's
    /// sends pile up in the buffers until they block.
    case neverRead
}

/// What a test server saw; filled in by its thread, read by the test after ``waitUntilFinished()``.
final class TransportServerRecord: @unchecked Sendable {
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var _serverName: String?
    private var _handshakeError: String?
    private var _clientCertificateSubject: String?
    private var _receivedByteCount = 0

    /// The SNI host name the client sent, if any.
    var serverName: String? { lock.withLock { _serverName } }
    /// Why the server-side TLS handshake failed, if it did.
    var handshakeError: String? { lock.withLock { _handshakeError } }
    /// The subject of the certificate the client presented, if any.
    var clientCertificateSubject: String? { lock.withLock { _clientCertificateSubject } }
    /// How many application bytes (after TLS) or raw bytes (plain) the server read.
    var receivedByteCount: Int { lock.withLock { _receivedByteCount } }

    func update(_ change: (TransportServerRecord) -> Void) { lock.withLock { change(self) } }
    fileprivate func set(serverName: String?) { update { $0._serverName = serverName } }
    fileprivate func set(handshakeError: String) { update { $0._handshakeError = handshakeError } }
    fileprivate func set(clientCertificateSubject: String?) { update { $0._clientCertificateSubject = clientCertificateSubject } }
    fileprivate func add(received count: Int) { update { $0._receivedByteCount += count } }
    fileprivate func finish() { finished.signal() }

    /// Waits for the server thread to finish with its connection; `false` after 10 seconds.
    @discardableResult
    func waitUntilFinished() -> Bool {
        finished.wait(timeout: .now() + 10) == .success
    }
}

/// A listening socket on 127.0.0.1, ::1 or a Unix-domain path; closed when released.
final class TransportLoopbackListener: @unchecked Sendable {
    let fileDescriptor: Int32
    let port: Int

    private init(fileDescriptor: Int32, port: Int) {
        self.fileDescriptor = fileDescriptor
        self.port = port
    }

    deinit { close(fileDescriptor) }

    /// Listens on an ephemeral port of 127.0.0.1 (or ::1 when `ipv6`).
    static func tcp(ipv6: Bool = false, backlog: Int32 = 8) throws -> TransportLoopbackListener {
        guard let address = try SocketAddress.resolve(host: ipv6 ? "::1" : "127.0.0.1", numericAddress: nil, port: 0).first else {
            throw TestSetupError("no loopback address")
        }
        let descriptor = socket(address.family, SocketAddress.streamType, 0)
        guard descriptor >= 0 else { throw TestSetupError("socket: \(PosixErrorText.text(errno))") }
        var reuse: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        guard address.withSockaddr({ bind(descriptor, $0, $1) }) == 0, listen(descriptor, backlog) == 0 else {
            let reason = PosixErrorText.text(errno)
            close(descriptor)
            throw TestSetupError("bind/listen: \(reason)")
        }
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        let port = withUnsafeBytes(of: bound) { raw -> Int in
            // sin_port and sin6_port share the offset right after the family, in network order.
            Int(raw[2]) << 8 | Int(raw[3])
        }
        return TransportLoopbackListener(fileDescriptor: descriptor, port: port)
    }

    /// Listens on a Unix-domain socket at `path`.
    static func unix(path: String) throws -> TransportLoopbackListener {
        guard let address = SocketAddress(unixPath: path) else { throw TestSetupError("path too long: \(path)") }
        let descriptor = socket(AF_UNIX, SocketAddress.streamType, 0)
        guard descriptor >= 0, address.withSockaddr({ bind(descriptor, $0, $1) }) == 0, listen(descriptor, 8) == 0 else {
            throw TestSetupError("unix listen at \(path): \(PosixErrorText.text(errno))")
        }
        return TransportLoopbackListener(fileDescriptor: descriptor, port: 0)
    }

    /// Accepts one connection within 10 seconds; the accepted socket times out reads after 10 seconds,
    /// so a test that fails never leaves a server thread stuck forever.
    fileprivate func acceptOne() -> Int32? {
        var pending = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&pending, 1, 10_000) == 1 else { return nil }
        let connection = accept(fileDescriptor, nil, nil)
        guard connection >= 0 else { return nil }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return connection
    }
}

/// A plain (no TLS) server for one connection.
enum TransportPlainServer {
    static func start(_ listener: TransportLoopbackListener, _ behavior: TransportServerBehavior) -> TransportServerRecord {
        let record = TransportServerRecord()
        Thread {
            defer { record.finish() }
            guard let connection = listener.acceptOne() else { return }
            defer { close(connection) }
            TransportServerLoop.run(behavior, record: record, read: { buffer in
                buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            }, write: { bytes in
                bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) == $0.count }
            })
        }.start()
        return record
    }
}

/// A TLS server (OpenSSL's server side) for one connection.
final class TransportTLSServer: @unchecked Sendable {
    private let context: OpaquePointer

    /// - Parameters:
    ///   - chain: the certificate chain file the server presents.
    ///   - key: its private key.
    ///   - clientCA: when set, the server demands a client certificate signed by this CA.
    ///   - maximumVersion: when set, the newest protocol the server accepts (e.g. `TLS1_2_VERSION`).
    init(chain: String, key: String, clientCA: String? = nil, maximumVersion: Int32? = nil) throws {
        guard let context = SSL_CTX_new(TLS_server_method()) else { throw TestSetupError("SSL_CTX_new failed") }
        self.context = context
        guard SSL_CTX_use_certificate_chain_file(context, chain) == 1,
              SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1 else {
            throw TestSetupError("server certificate: \(OpenSSLErrorQueue.drainedDescription())")
        }
        // No session tickets: the client may already be gone when they would be written.
        SSL_CTX_set_num_tickets(context, 0)
        if let maximumVersion {
            // Old protocols are below OpenSSL's default security level; allow them for this test server.
            SSL_CTX_set_security_level(context, 0)
            SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_VERSION), nil)
            SSL_CTX_ctrl(context, SSL_CTRL_SET_MAX_PROTO_VERSION, Int(maximumVersion), nil)
        }
        if let clientCA {
            guard SSL_CTX_load_verify_locations(context, clientCA, nil) == 1 else {
                throw TestSetupError("client CA: \(OpenSSLErrorQueue.drainedDescription())")
            }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        }
    }

    deinit { SSL_CTX_free(context) }

    func start(_ listener: TransportLoopbackListener, _ behavior: TransportServerBehavior) -> TransportServerRecord {
        let record = TransportServerRecord()
        Thread { [self] in
            defer { record.finish() }
            guard let connection = listener.acceptOne() else { return }
            defer { close(connection) }
            serve(connection, behavior, record)
        }.start()
        return record
    }

    private func serve(_ connection: Int32, _ behavior: TransportServerBehavior, _ record: TransportServerRecord) {
        guard let ssl = SSL_new(context), let bio = SocketBIO.make(fileDescriptor: connection) else { return }
        defer { SSL_free(ssl) }
        // The BIO sends with MSG_NOSIGNAL, so a client that hung up cannot SIGPIPE the test process.
        SSL_set_bio(ssl, bio, bio)
        OpenSSLErrorQueue.clear()
        guard SSL_accept(ssl) == 1 else {
            record.set(handshakeError: OpenSSLErrorQueue.drainedDescription())
            return
        }
        record.set(serverName: SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name).map { String(cString: $0) })
        record.set(clientCertificateSubject: SSL_get1_peer_certificate(ssl).flatMap { PeerCertificate(owning: $0).subject })
        TransportServerLoop.run(behavior, record: record, read: { buffer in
            var count = 0
            let result = buffer.withUnsafeMutableBytes { SSL_read_ex(ssl, $0.baseAddress, $0.count, &count) }
            return result == 1 ? count : 0
        }, write: { bytes in
            var count = 0
            return bytes.withUnsafeBytes { SSL_write_ex(ssl, $0.baseAddress, $0.count, &count) } == 1
        })
        SSL_shutdown(ssl)
        OpenSSLErrorQueue.clear()
    }
}

/// The behaviours, over any read/write pair.
private enum TransportServerLoop {
    static func run(
        _ behavior: TransportServerBehavior,
        record: TransportServerRecord,
        read: (inout [UInt8]) -> Int,
        write: ([UInt8]) -> Bool
    ) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        switch behavior {
        case .closeImmediately:
            return
        case .neverRead:
            Thread.sleep(forTimeInterval: 3)
        case .echo, .sink:
            while true {
                let count = read(&buffer)
                guard count > 0 else { return }
                record.add(received: count)
                if case .echo = behavior, !write(Array(buffer[..<count])) { return }
            }
        case .collectThenReply(let expected):
            var collected: [UInt8] = []
            while collected.count < expected {
                let count = read(&buffer)
                guard count > 0 else { return }
                record.add(received: count)
                collected += buffer[..<count]
            }
            _ = write(collected)
            // Wait for the client to finish reading and hang up before closing.
            _ = read(&buffer)
        }
    }
}
