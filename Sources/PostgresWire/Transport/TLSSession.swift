import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One OpenSSL `SSL` object bound to a socket descriptor: the handshake and the error classification
/// shared by reads and writes. ``TLSStream`` is the public face; this owns the C object.
final class TLSSession {
    /// The `SSL *`; freed (with its BIO) when the session goes away.
    let pointer: OpaquePointer
    private let fileDescriptor: Int32

    /// What an unsuccessful SSL_read_ex/SSL_write_ex asks the caller to do next.
    enum Outcome {
        case wantRead
        case wantWrite
        /// The server closed the connection (close_notify, or the TCP stream simply ended).
        case endOfStream
    }

    init(context: TLSContext, fileDescriptor: Int32) throws {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context.pointer) else {
            throw ClientError(.tls, "could not establish SSL connection: \(OpenSSLErrorQueue.drainedDescription())")
        }
        guard let bio = SocketBIO.make(fileDescriptor: fileDescriptor) else {
            SSL_free(ssl)
            throw ClientError(.tls, "could not establish SSL connection: \(OpenSSLErrorQueue.drainedDescription())")
        }
        // The SSL object takes ownership of the BIO (one reference for each direction).
        SSL_set_bio(ssl, bio, bio)
        pointer = ssl
        self.fileDescriptor = fileDescriptor
    }

    deinit {
        SSL_free(pointer)
        OpenSSLErrorQueue.clear()
    }

    func setServerName(_ name: String) throws {
        OpenSSLErrorQueue.clear()
        guard pgcheck_SSL_set_tlsext_host_name(pointer, name) == 1 else {
            throw ClientError(.tls, "could not set SSL Server Name Indication (SNI): \(OpenSSLErrorQueue.drainedDescription())")
        }
    }

    /// Runs SSL_connect to completion, waiting for the socket as OpenSSL asks, until `deadline`.
    func handshake(deadline: StreamDeadline, verifiesChain: Bool) throws {
        while true {
            OpenSSLErrorQueue.clear()
            errno = 0
            let result = SSL_connect(pointer)
            if result == 1 {
                OpenSSLErrorQueue.clear()
                return
            }
            let savedErrno = errno
            let code = SSL_get_error(pointer, result)
            let entries = OpenSSLErrorQueue.drain()
            let readiness: SocketWait.Readiness
            switch code {
            case SSL_ERROR_WANT_READ:
                readiness = .readable
            case SSL_ERROR_WANT_WRITE:
                readiness = .writable
            default:
                throw handshakeFailure(code: code, errnoValue: savedErrno, entries: entries, verifiesChain: verifiesChain)
            }
            if try !SocketWait.wait(fileDescriptor, for: readiness, until: deadline.instant) {
                throw deadline.expiredError(.tls, activity: "during the TLS handshake")
            }
        }
    }

    /// Words for a failed handshake, most specific first: a failed chain check names OpenSSL's verify
    /// error, protocol-version mismatches get libpq's hint.
    private func handshakeFailure(code: Int32, errnoValue: Int32, entries: [OpenSSLErrorQueue.Entry], verifiesChain: Bool) -> ClientError {
        let verifyResult = SSL_get_verify_result(pointer)
        if verifiesChain, verifyResult != Int(X509_V_OK) {
            let detail = String(cString: X509_verify_cert_error_string(verifyResult))
            return ClientError(.tls, "certificate verify failed: \(detail)")
        }
        if code == SSL_ERROR_SYSCALL || (code == SSL_ERROR_SSL && entries.contains { $0.reasonCode == SSL_R_UNEXPECTED_EOF_WHILE_READING }) {
            if errnoValue != 0, entries.isEmpty {
                return ClientError(.tls, "TLS handshake failed: \(PosixErrorText.text(errnoValue))")
            }
            return ClientError(.tls, "TLS handshake failed: the server closed the connection (EOF detected)")
        }
        var message = "TLS handshake failed: \(OpenSSLErrorQueue.describe(entries))"
        let versionReasons: Set<Int32> = [
            SSL_R_NO_PROTOCOLS_AVAILABLE, SSL_R_UNSUPPORTED_PROTOCOL, SSL_R_BAD_PROTOCOL_VERSION_NUMBER,
            SSL_R_UNKNOWN_PROTOCOL, SSL_R_UNKNOWN_SSL_VERSION, SSL_R_UNSUPPORTED_SSL_VERSION,
            SSL_R_WRONG_SSL_VERSION, SSL_R_WRONG_VERSION_NUMBER, SSL_R_TLSV1_ALERT_PROTOCOL_VERSION,
            SSL_R_VERSION_TOO_HIGH, SSL_R_VERSION_TOO_LOW,
        ]
        if entries.contains(where: { versionReasons.contains($0.reasonCode) }) {
            message += ". This may indicate that the server does not support any SSL protocol version between TLSv1.2 and TLSv1.3."
        }
        return ClientError(.tls, message)
    }

    /// The server's certificate; a TLS server without one cannot be trusted for anything.
    func peerCertificate() throws -> PeerCertificate {
        guard let certificate = SSL_get1_peer_certificate(pointer) else {
            throw ClientError(.tls, "certificate could not be obtained: \(OpenSSLErrorQueue.drainedDescription())")
        }
        return PeerCertificate(owning: certificate)
    }

    var protocolVersion: String {
        SSL_get_version(pointer).map { String(cString: $0) } ?? "unknown"
    }

    var cipherName: String {
        SSL_get_current_cipher(pointer).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) } ?? "unknown"
    }

    /// Interprets a failed SSL_read_ex/SSL_write_ex (called right after it, with `errno` untouched).
    ///
    /// - Throws: `ClientError(.io, …)` for real errors; the error queue is always left empty.
    func classify(_ result: Int32, receiving: Bool) throws -> Outcome {
        let savedErrno = errno
        let code = SSL_get_error(pointer, result)
        let entries = OpenSSLErrorQueue.drain()
        switch code {
        case SSL_ERROR_WANT_READ:
            return .wantRead
        case SSL_ERROR_WANT_WRITE:
            return .wantWrite
        case SSL_ERROR_ZERO_RETURN:
            return .endOfStream
        case SSL_ERROR_SYSCALL:
            if savedErrno == 0 { return .endOfStream }
            let message = receiving ? PlainSocket.receiveFailure(savedErrno) : PlainSocket.sendFailure(savedErrno)
            throw ClientError(.io, message)
        case SSL_ERROR_SSL:
            // OpenSSL 3 reports a TCP close without close_notify this way. The protocol's own framing
            // already detects truncated messages, so it is treated as the end of the stream, the same
            // as a plain socket reading 0.
            if entries.contains(where: { $0.reasonCode == SSL_R_UNEXPECTED_EOF_WHILE_READING }) {
                return .endOfStream
            }
            throw ClientError(.io, "SSL error: \(OpenSSLErrorQueue.describe(entries))")
        default:
            throw ClientError(.io, "unrecognized SSL error code: \(code)")
        }
    }

    /// Sends close_notify without waiting for the server's; errors are irrelevant at this point.
    func shutdown() {
        OpenSSLErrorQueue.clear()
        _ = SSL_shutdown(pointer)
        OpenSSLErrorQueue.clear()
    }
}
