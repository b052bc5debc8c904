import COpenSSL
@testable import PostgresWire
import PGTestSupport

/// Test support: the server side of TLS (OpenSSL's `SSL_accept`) for fake servers and interceptors.
final class ServerTLSContext: @unchecked Sendable {
    fileprivate let context: OpaquePointer

    init(_ identity: TestPKI.Identity) throws {
        guard let context = SSL_CTX_new(TLS_server_method()) else { throw TestSetupError("SSL_CTX_new failed") }
        self.context = context
        guard SSL_CTX_use_certificate_chain_file(context, identity.certificate) == 1,
              SSL_CTX_use_PrivateKey_file(context, identity.key, SSL_FILETYPE_PEM) == 1 else {
            throw TestSetupError("server certificate: \(OpenSSLErrorQueue.drainedDescription())")
        }
        // No session tickets: the client may be gone by the time they would be written.
        SSL_CTX_set_num_tickets(context, 0)
    }

    deinit { SSL_CTX_free(context) }
}

/// One accepted TLS connection over a ``LoopbackSocket`` (blocking). Use it from one thread at a time.
final class ServerTLSConnection: @unchecked Sendable {
    private let ssl: OpaquePointer
    private let socket: LoopbackSocket

    /// Performs the server handshake; throws with OpenSSL's reason when it fails.
    init(context: ServerTLSContext, socket: LoopbackSocket) throws {
        guard let ssl = SSL_new(context.context),
              let descriptor = socket.withDescriptor({ $0 }),
              let bio = SocketBIO.make(fileDescriptor: descriptor) else {
            throw TestSetupError("SSL_new failed")
        }
        // The BIO sends with MSG_NOSIGNAL: a client that hung up cannot SIGPIPE the test process.
        SSL_set_bio(ssl, bio, bio)
        self.ssl = ssl
        self.socket = socket
        OpenSSLErrorQueue.clear()
        guard SSL_accept(ssl) == 1 else {
            throw TestSetupError("server TLS handshake: \(OpenSSLErrorQueue.drainedDescription())")
        }
    }

    deinit {
        SSL_free(ssl)
        OpenSSLErrorQueue.clear()
    }

    /// Decrypted bytes the client sent; empty at the end of the stream or on error.
    func receive(maximum: Int = 64 * 1024) -> [UInt8] {
        if SSL_pending(ssl) == 0, !socket.waitReadable(timeout: .seconds(10)) { return [] }
        var buffer = [UInt8](repeating: 0, count: maximum)
        var count = 0
        let result = buffer.withUnsafeMutableBytes { SSL_read_ex(ssl, $0.baseAddress, maximum, &count) }
        OpenSSLErrorQueue.clear()
        return result == 1 ? Array(buffer[..<count]) : []
    }

    /// Whether decrypted bytes are waiting inside OpenSSL (poll on the socket would not show them).
    var hasPendingBytes: Bool { SSL_pending(ssl) > 0 }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var written = 0
        let result = bytes.withUnsafeBytes { SSL_write_ex(ssl, $0.baseAddress, bytes.count, &written) }
        OpenSSLErrorQueue.clear()
        return result == 1
    }

    /// Sends close_notify (best effort).
    func shutdown() {
        SSL_shutdown(ssl)
        OpenSSLErrorQueue.clear()
    }
}
