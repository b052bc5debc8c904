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
/// record, during the handshake, and for writes the server stops taking. To the caller it behaves like
/// a blocking stream.
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
    private var limit: StreamDeadline
    private var isClosed = false
    /// What stopped a read that had already filled part of the caller's buffer: reported by the next read.
    private var deferredEnd: DeferredEnd?

    private enum DeferredEnd {
        case endOfStream
        case failure(any Error)
    }

    /// OpenSSL's receive buffer with read-ahead on: each recv takes in as many TLS records as have
    /// arrived (the server sends one per 8 KiB it writes), instead of one 5-byte header and then one body.
    ///
    /// Not larger: before decrypting each record, OpenSSL 3 moves every byte still held after it to the
    /// front of this buffer (to align the payload), so the bytes copied per record grow with the buffer.
    /// At 256 KiB that copying was 11 % of the client's CPU streaming 5M rows (half its instructions
    /// under callgrind); at 64 KiB it is about 3 %, and a recv still takes in eight records.
    static let readAheadBufferSize = 64 * 1024

    /// The key-exchange groups offered, most preferred first (see ``init(socket:settings:)``).
    static let keyShareGroups = "P-256:X25519:X448:P-521:P-384"

    /// Performs the TLS handshake over an already-connected socket (after the server answered 'S' to
    /// SSLRequest, which the caller handles) and verifies the server as `settings.mode` requires.
    ///
    /// The socket's ``PlainSocket/deadline`` bounds the handshake and becomes this stream's
    /// initial ``deadline``. On failure the socket is left open (and blocking) for the caller to close.
    ///
    /// - Throws: `ClientError(.tls, …)` for certificate, verification and handshake failures,
    ///   `ClientError(.configuration, …)` for sslrootcert=system with a mode weaker than verify-full.
    init(socket: PlainSocket, settings: TLSSettings) throws {
        let files = try settings.resolveFiles()
        let context = try TLSContext(files: files)
        self.socket = socket
        self.limit = socket.deadlineState
        try socket.setBlocking(false)
        do {
            session = try TLSSession(context: context, fileDescriptor: socket.fileDescriptor)
            SSL_set_read_ahead(session.pointer, 1)
            SSL_set_default_read_buffer_len(session.pointer, Self.readAheadBufferSize)
            // Same groups as OpenSSL's default, P-256 first: PostgreSQL up to 17 accepts only P-256
            // (ssl_ecdh_curve = prime256v1), so a first key share for X25519 costs every connection a
            // HelloRetryRequest round trip and a second key exchange. Servers that prefer X25519 still
            // accept P-256 from their list. If OpenSSL refuses the list, its default stands.
            _ = pgcheck_SSL_set1_groups_list(session.pointer, Self.keyShareGroups)
            if let name = Self.serverNameIndication(settings) {
                try session.setServerName(name)
            }
            try session.handshake(deadline: limit, verifiesChain: context.verifiesChain)
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

    var deadline: ContinuousClock.Instant? {
        get { limit.instant }
        set { limit.instant = newValue }
    }

    /// Fills as much of `buffer` as the records already received allow, waiting only when none has.
    ///
    /// One SSL_read_ex returns at most one record (8 KiB from PostgreSQL), so it is repeated while
    /// OpenSSL holds more received bytes (`SSL_has_pending`: decrypted, or read ahead and not yet
    /// decrypted): a large result arrives in a few large reads, not one call per record.
    /// Whether OpenSSL holds decrypted or undecrypted bytes, or the socket holds received ones.
    var hasPendingInput: Bool {
        guard !isClosed else { return false }
        return SSL_has_pending(session.pointer) == 1 || socket.hasPendingInput
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        precondition(buffer.count > 0, "read(into:) needs room for at least one byte")
        guard !isClosed else { throw ClientError(.io, "the connection is closed") }
        if let end = deferredEnd {
            deferredEnd = nil
            switch end {
            case .endOfStream: return 0
            case .failure(let error): throw error
            }
        }
        // SSL_get_error needs an empty queue before the call; a successful SSL_read_ex adds nothing to
        // it and classify() drains it, so one clear covers every call below.
        OpenSSLErrorQueue.clear()
        let base = buffer.baseAddress!
        var filled = 0
        while true {
            errno = 0
            var count = 0
            let result = SSL_read_ex(session.pointer, base + filled, buffer.count - filled, &count)
            if result == 1 {
                filled += count
                if filled < buffer.count, SSL_has_pending(session.pointer) == 1 { continue }
                socket.batching.received(filled)
                return filled
            }
            if filled > 0 {
                // Deliver what was read; whatever stopped us is reported by the next call.
                deferEnd(of: result)
                socket.batching.received(filled)
                return filled
            }
            switch try session.classify(result, receiving: true) {
            case .wantRead:
                if try !socket.batching.waitReadable(socket.fileDescriptor, until: limit.instant) {
                    throw limit.expiredError()
                }
            case .wantWrite:
                // OpenSSL must send something (a key update, an alert) before it can read on.
                if try !SocketWait.wait(socket.fileDescriptor, for: .writable, until: limit.instant) {
                    throw limit.expiredError()
                }
            case .endOfStream:
                return 0
            }
        }
    }

    /// Classifies a failed SSL_read_ex that followed successful ones: "no more yet" needs nothing, an end
    /// or an error is kept for the next ``read(into:)``.
    private func deferEnd(of result: Int32) {
        do {
            if case .endOfStream = try session.classify(result, receiving: true) { deferredEnd = .endOfStream }
        } catch {
            deferredEnd = .failure(error)
        }
    }

    /// Encrypts and sends what the socket has room for: at least one TLS record, everything when there is room.
    ///
    /// When OpenSSL needs the socket (WANT_WRITE: the send buffer is full; WANT_READ: it must read first)
    /// the wait is bounded by the deadline, as for reads. A retry passes the same bytes, as OpenSSL
    /// requires after WANT_WRITE.
    func writeSome(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
        guard !isClosed else { throw ClientError(.io, "the connection is closed") }
        socket.batching.sent(on: socket.fileDescriptor)
        while true {
            OpenSSLErrorQueue.clear()
            errno = 0
            var written = 0
            let result = SSL_write_ex(session.pointer, base, bytes.count, &written)
            if result == 1 { return written }
            let readiness: SocketWait.Readiness
            switch try session.classify(result, receiving: false) {
            case .wantRead: readiness = .readable
            case .wantWrite: readiness = .writable
            case .endOfStream: throw ClientError(.io, "server closed the connection unexpectedly")
            }
            if try !SocketWait.wait(socket.fileDescriptor, for: readiness, until: limit.instant) {
                throw limit.expiredWhileSending()
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
