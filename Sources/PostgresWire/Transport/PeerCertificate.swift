import COpenSSL

/// The server's certificate after a handshake: its names, its subject, and its channel-binding hash.
final class PeerCertificate {
    /// The `X509 *`, owned (one reference) by this object.
    private let pointer: OpaquePointer

    /// Takes ownership of one reference to `certificate` (as returned by SSL_get1_peer_certificate).
    init(owning certificate: OpaquePointer) {
        pointer = certificate
    }

    deinit {
        X509_free(pointer)
    }

    /// The subjectAltName dNSName and iPAddress entries, in certificate order (other kinds are skipped).
    var alternativeNames: [CertificateIdentity] {
        guard let raw = X509_get_ext_d2i(pointer, NID_subject_alt_name, nil, nil) else {
            OpenSSLErrorQueue.clear()
            return []
        }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }
        var identities: [CertificateIdentity] = []
        for index in 0..<OPENSSL_sk_num(names) {
            guard let entry = OPENSSL_sk_value(names, index) else { continue }
            let name = entry.assumingMemoryBound(to: GENERAL_NAME.self).pointee
            switch name.type {
            case GEN_DNS:
                identities.append(.dnsName(Self.bytes(of: name.d.dNSName)))
            case GEN_IPADD:
                identities.append(.ipAddress(Self.bytes(of: name.d.iPAddress)))
            default:
                continue
            }
        }
        return identities
    }

    /// The raw bytes of the subject's (first) common name, if it has one.
    var commonName: [UInt8]? {
        guard let subject = X509_get_subject_name(pointer) else { return nil }
        let index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(subject, index) else { return nil }
        return Self.bytes(of: X509_NAME_ENTRY_get_data(entry))
    }

    /// The subject in RFC 2253 form, e.g. "CN=localhost,O=Example".
    var subject: String? {
        guard let name = X509_get_subject_name(pointer), let memory = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(memory) }
        guard X509_NAME_print_ex(memory, name, 0, pgcheck_XN_FLAG_RFC2253()) >= 0 else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        let length = Int(BIO_ctrl_pending(memory))
        var bytes = [UInt8](repeating: 0, count: length)
        let read = bytes.withUnsafeMutableBytes { BIO_read(memory, $0.baseAddress, Int32(length)) }
        return String(decoding: bytes.prefix(max(0, Int(read))), as: UTF8.self)
    }

    /// RFC 5929 tls-server-end-point: the DER certificate hashed with its signature's hash algorithm,
    /// except that MD5 and SHA-1 are replaced by SHA-256. `nil` when the algorithm has no single hash
    /// (e.g. Ed25519), as libpq then cannot offer SCRAM-SHA-256-PLUS either.
    var endpointHash: [UInt8]? {
        var digestID: Int32 = 0
        guard X509_get_signature_info(pointer, &digestID, nil, nil, nil) == 1 else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        let digest: OpaquePointer?
        if digestID == NID_md5 || digestID == NID_sha1 {
            digest = EVP_sha256()
        } else {
            digest = OBJ_nid2sn(digestID).flatMap { EVP_get_digestbyname($0) }
        }
        guard let digest else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        var hash = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(pointer, digest, &hash, &length) == 1 else {
            OpenSSLErrorQueue.clear()
            return nil
        }
        return Array(hash.prefix(Int(length)))
    }

    private static func bytes(of string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }
}
