import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// TLS over a connected ``PlainSocket``, through the system OpenSSL, verified as `sslmode` requires.
///
/// The socket runs non-blocking underneath: every OpenSSL call that would block comes back as
/// WANT_READ/WANT_WRITE and is waited for with poll, so deadlines hold even in the middle of a TLS
/// record and during the handshake. To the caller it behaves like a blocking stream.
final class TLSStream: ByteStream {
    /// The socket underneath; call its ``PlainSocket/shutdown()`` from another thread to wake a blocked read.
    let socket: PlainSocket
    /// The negotiated protocol, e.g. "TLSv1.3".
    let protocolVersion: String
    /// The negotiated cipher suite, e.g. "TLS_AES_256_GCM_SHA384".
    let cipherName: String
    /// RFC 5929 tls-server-end-point hash of the server certificate (for SCRAM-SHA-256-PLUS); `nil` if it
    /// cannot be determined.
    let serverCertificateHash: [UInt8]?
    /// The server certificate's subject in RFC 2253 form.
    let peerCertificateSubject: String?

    private let session: TLSSession
    private var deadline: ReadDeadline
    private var isClosed = false

    /// Performs the TLS handshake over an already-connected socket (after the server answered 'S' to
    /// SSLRequest, which the caller handles) and verifies the server as `settings.mode` requires.
    ///
    /// The socket's ``PlainSocket/readDeadline`` bounds the handshake and becomes this stream's
    /// initial ``readDeadline``. On failure the socket is left open (and blocking) for the caller to close.
    ///
    /// - Throws: `ClientError(.tls, …)` for certificate, verification and handshake failures,
    ///   `ClientError(.configuration, …)` for sslrootcert=system with a mode weaker than verify-full.
    init(socket: PlainSocket, settings: TLSSettings) throws {
        let files = try settings.resolveFiles()
        let context = try TLSContext(files: files)
        self.socket = socket
        self.deadline = socket.readDeadlineState
        try socket.setBlocking(false)
        do {
            session = try TLSSession(context: context, fileDescriptor: socket.fileDescriptor)
            if let name = Self.serverNameIndication(settings) {
                try session.setServerName(name)
            }
            try session.handshake(deadline: deadline, verifiesChain: context.verifiesChain)
            let certificate = try session.peerCertificate()
            if settings.mode == .verifyFull {
                try HostNameVerifier.verify(
                    host: settings.serverName ?? "",
                    alternativeNames: certificate.alternativeNames,
                    commonName: certificate.commonName
                )
            }
            protocolVersion = session.protocolVersion
            cipherName = session.cipherName
            serverCertificateHash = certificate.endpointHash
            peerCertificateSubject = certificate.subject
        } catch {
            try? socket.setBlocking(true)
            throw error
        }
    }

    /// The SNI name to send, if any: libpq sends the `host` unless it is an IP literal or sslsni=0.
    static func serverNameIndication(_ settings: TLSSettings) -> String? {
        guard settings.sendSNI, let host = settings.serverName, !host.isEmpty,
              !IPAddressLiteral.looksLikeAddressForSNI(host) else { return nil }
        return host
    }

    deinit {
        close()
    }

    var readDeadline: ContinuousClock.Instant? {
        get { deadline.instant }
        set { deadline.instant = newValue }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        precondition(buffer.count > 0, "read(into:) needs room for at least one byte")
        guard !isClosed else { throw ClientError(.io, "the connection is closed") }
        while true {
            // Decrypted bytes OpenSSL already holds come back without touching the socket, so the
            // deadline is only consulted when a real wait is needed.
            OpenSSLErrorQueue.clear()
            errno = 0
            var count = 0
            let result = SSL_read_ex(session.pointer, buffer.baseAddress, buffer.count, &count)
            if result == 1 { return count }
            switch try session.classify(result, receiving: true) {
            case .wantRead:
                if try !SocketWait.wait(socket.fileDescriptor, for: .readable, until: deadline.instant) {
                    throw deadline.expiredError()
                }
            case .wantWrite:
                _ = try SocketWait.wait(socket.fileDescriptor, for: .writable, until: nil)
            case .endOfStream:
                return 0
            }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        guard !isClosed else { throw ClientError(.io, "the connection is closed") }
        var offset = 0
        while offset < bytes.count {
            OpenSSLErrorQueue.clear()
            errno = 0
            var written = 0
            let result = SSL_write_ex(session.pointer, bytes.baseAddress! + offset, bytes.count - offset, &written)
            if result == 1 {
                offset += written
                continue
            }
            switch try session.classify(result, receiving: false) {
            case .wantRead:
                _ = try SocketWait.wait(socket.fileDescriptor, for: .readable, until: nil)
            case .wantWrite:
                _ = try SocketWait.wait(socket.fileDescriptor, for: .writable, until: nil)
            case .endOfStream:
                throw ClientError(.io, "server closed the connection unexpectedly")
            }
        }
    }

    /// Sends close_notify (best effort, without waiting) and closes the socket. Safe to call more than once.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        session.shutdown()
        socket.close()
    }
}
