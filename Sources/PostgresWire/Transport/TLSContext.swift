import COpenSSL

/// An OpenSSL `SSL_CTX` set up the way libpq's initialize_SSL sets one up.
///
/// One per connection (as libpq does since it allowed per-connection certificates): TLS 1.2 or
/// newer, the root certificates to verify against (and `SSL_VERIFY_PEER` whenever there are any, in
/// every mode), an optional revocation list, and an optional client certificate and key.
final class TLSContext {
    /// The `SSL_CTX *`; freed with the context.
    let pointer: OpaquePointer

    /// Whether the server's chain is verified during the handshake (a root certificate was available).
    let verifiesChain: Bool

    init(files: TLSFiles) throws {
        OpenSSLErrorQueue.clear()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw ClientError(.tls, "could not create SSL context: \(OpenSSLErrorQueue.drainedDescription())")
        }
        pointer = context
        verifiesChain = files.trustAnchors != .none
        do {
            try configureProtocol()
            try loadTrustAnchors(files)
            try loadClientCertificate(files)
        } catch {
            OpenSSLErrorQueue.clear()
            throw error
        }
        // Successful loads can still leave harmless entries (e.g. a missing default directory).
        OpenSSLErrorQueue.clear()
    }

    deinit {
        SSL_CTX_free(pointer)
    }

    private func configureProtocol() throws {
        guard pgcheck_SSL_CTX_set_min_proto_version(pointer, TLS1_2_VERSION) == 1 else {
            throw ClientError(.tls, "could not set minimum SSL protocol version: \(OpenSSLErrorQueue.drainedDescription())")
        }
        // We retry SSL_write with the same buffer, but the caller's buffer may move between calls.
        // Partial writes: SSL_write_ex returns once a record has gone out instead of holding on until the
        // whole buffer has, so every record the server takes counts as progress for the write deadline
        // (see SupervisedStream), just as every chunk received does for reads.
        _ = pgcheck_SSL_CTX_set_mode(pointer, Int(SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_ENABLE_PARTIAL_WRITE))
        // An encrypted client key must fail with an error, never prompt on the terminal
        // (OpenSSL's default passphrase callback reads stdin).
        SSL_CTX_set_default_passwd_cb(pointer, refusePassphrase)
    }

    private func loadTrustAnchors(_ files: TLSFiles) throws {
        switch files.trustAnchors {
        case .none:
            return
        case .system:
            guard SSL_CTX_set_default_verify_paths(pointer) == 1 else {
                throw ClientError(.tls, "could not load system root certificate paths: \(OpenSSLErrorQueue.drainedDescription())")
            }
        case .file(let path):
            guard SSL_CTX_load_verify_locations(pointer, path, nil) == 1 else {
                throw ClientError(.tls, "could not read root certificate file \"\(path)\": \(OpenSSLErrorQueue.drainedDescription())")
            }
            if let revocationList = files.revocationList, let store = SSL_CTX_get_cert_store(pointer) {
                // As libpq: a revocation list that loads is enforced for the whole chain; one that
                // does not load is ignored, since it is optional.
                if X509_STORE_load_file(store, revocationList) == 1 {
                    X509_STORE_set_flags(store, UInt(X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL))
                }
                OpenSSLErrorQueue.clear()
            }
        }
        SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER, nil)
    }

    private func loadClientCertificate(_ files: TLSFiles) throws {
        guard let certificate = files.clientCertificate else { return }
        guard SSL_CTX_use_certificate_chain_file(pointer, certificate) == 1 else {
            throw ClientError(.tls, "could not read certificate file \"\(certificate)\": \(OpenSSLErrorQueue.drainedDescription())")
        }
        guard let key = files.clientKey else { return }
        if SSL_CTX_use_PrivateKey_file(pointer, key, SSL_FILETYPE_PEM) != 1 {
            let pemErrors = OpenSSLErrorQueue.drain()
            // OpenSSL checks the key against the certificate while loading it.
            if pemErrors.contains(where: { $0.reasonCode == X509_R_KEY_VALUES_MISMATCH }) {
                throw ClientError(.tls, "certificate does not match private key file \"\(key)\": \(OpenSSLErrorQueue.describe(pemErrors))")
            }
            // Not PEM? Try DER before giving up, and report the PEM error, which is the likelier intent.
            if SSL_CTX_use_PrivateKey_file(pointer, key, SSL_FILETYPE_ASN1) != 1 {
                OpenSSLErrorQueue.clear()
                throw ClientError(.tls, "could not load private key file \"\(key)\": \(OpenSSLErrorQueue.describe(pemErrors))")
            }
        }
        guard SSL_CTX_check_private_key(pointer) == 1 else {
            throw ClientError(.tls, "certificate does not match private key file \"\(key)\": \(OpenSSLErrorQueue.drainedDescription())")
        }
    }
}

/// A passphrase callback that supplies none, so encrypted keys fail instead of prompting.
private let refusePassphrase: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?) -> Int32 = { _, _, _, _ in
    0
}
