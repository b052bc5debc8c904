/// A name a server certificate claims: a subjectAltName entry or the subject's common name, as raw bytes.
enum CertificateIdentity: Equatable, Sendable {
    /// A SAN dNSName (IA5String).
    case dnsName([UInt8])
    /// A SAN iPAddress: 4 bytes for IPv4, 16 for IPv6, in network order.
    case ipAddress([UInt8])
}

/// sslmode=verify-full's host-name check, with libpq's rules.
///
/// - The host is compared against every SAN dNSName (exactly, case-insensitively, or through a
///   leftmost "*." wildcard that matches a single label) and every SAN iPAddress (when the host is an
///   IPv4 or IPv6 literal).
/// - The subject common name is consulted only when the certificate has no SAN of the host's kind
///   (no dNSName for a host name, no iPAddress for an IP literal).
enum HostNameVerifier {
    /// Succeeds when `host` matches the certificate; otherwise throws `ClientError(.tls, …)` naming
    /// the certificate's first name, as libpq's message does.
    static func verify(host: String, alternativeNames: [CertificateIdentity], commonName: [UInt8]?) throws {
        guard !host.isEmpty else {
            throw ClientError(.tls, "host name must be specified for a verified SSL connection")
        }
        let hostIsIPAddress = IPAddressLiteral.isAddress(host)
        var consultCommonName = true
        var namesExamined = 0
        var firstName: String?

        for identity in alternativeNames {
            let matched: Bool
            let shownName: String
            switch identity {
            case .dnsName(let bytes):
                if !hostIsIPAddress { consultCommonName = false }
                (matched, shownName) = try matchName(bytes, host: host)
            case .ipAddress(let bytes):
                if hostIsIPAddress { consultCommonName = false }
                (matched, shownName) = try matchAddress(bytes, host: host)
            }
            namesExamined += 1
            firstName = firstName ?? shownName
            if matched { return }
        }

        if consultCommonName, let commonName {
            namesExamined += 1
            let (matched, shownName) = try matchName(commonName, host: host)
            firstName = firstName ?? shownName
            if matched { return }
        }

        guard let firstName else {
            throw ClientError(.tls, "could not get server's host name from server certificate")
        }
        let others = namesExamined - 1
        let also = others > 0 ? " (and \(others) other name\(others == 1 ? "" : "s"))" : ""
        throw ClientError(.tls, "server certificate for \"\(firstName)\"\(also) does not match host name \"\(host)\"")
    }

    /// An exact (case-insensitive) or wildcard match of a DNS name or common name.
    private static func matchName(_ bytes: [UInt8], host: String) throws -> (matched: Bool, shown: String) {
        // A NUL inside a name is the CVE-2009-4034 trick ("good.example\0.evil.example").
        if bytes.contains(0) {
            throw ClientError(.tls, "SSL certificate's name contains embedded null")
        }
        let name = String(decoding: bytes, as: UTF8.self)
        let hostBytes = lowercasedASCII(Array(host.utf8))
        let nameBytes = lowercasedASCII(bytes)
        return (nameBytes == hostBytes || wildcardMatches(pattern: nameBytes, host: hostBytes), name)
    }

    /// libpq's wildcard rule: the pattern starts with "*.", and the "*" covers exactly the host's
    /// first label (it never spans a dot).
    static func wildcardMatches(pattern: [UInt8], host: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*"), dot = UInt8(ascii: ".")
        guard pattern.count >= 3, pattern[0] == star, pattern[1] == dot, pattern.count <= host.count else {
            return false
        }
        let suffixStart = host.count - pattern.count + 1
        guard Array(host[suffixStart...]) == Array(pattern[1...]) else { return false }
        if let firstDot = host.firstIndex(of: dot), firstDot < host.count - pattern.count {
            return false
        }
        return true
    }

    /// Compares a SAN iPAddress with the host, when the host is an address literal of the same size.
    private static func matchAddress(_ bytes: [UInt8], host: String) throws -> (matched: Bool, shown: String) {
        guard bytes.count == 4 || bytes.count == 16 else {
            throw ClientError(.tls, "certificate contains IP address with invalid length \(bytes.count)")
        }
        let hostBytes = bytes.count == 4 ? IPAddressLiteral.ipv4Bytes(host) : IPAddressLiteral.ipv6Bytes(host)
        return (hostBytes == bytes, IPAddressLiteral.text(bytes))
    }

    private static func lowercasedASCII(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
    }
}
