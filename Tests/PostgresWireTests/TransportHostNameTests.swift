import Testing
@testable import PostgresWire

@Suite("Transport: verify-full host-name matching")
struct TransportHostNameTests {
    static func dns(_ name: String) -> CertificateIdentity { .dnsName(Array(name.utf8)) }

    static let localhost: [UInt8] = [127, 0, 0, 1]
    static let ipv6Loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]

    @Test("matches", arguments: [
        ("db.example.com", [dns("db.example.com")], nil),
        ("DB.Example.COM", [dns("db.example.com")], nil),
        ("db.example.com", [dns("other.example.com"), dns("*.example.com")], nil),
        ("127.0.0.1", [.ipAddress(localhost)], nil),
        ("127.1", [.ipAddress(localhost)], nil),
        ("::1", [.ipAddress(ipv6Loopback)], nil),
        ("0:0:0:0:0:0:0:1", [.ipAddress(ipv6Loopback)], nil),
        // No SAN at all: the common name decides.
        ("db.example.com", [], Array("db.example.com".utf8)),
        ("db.example.com", [], Array("*.example.com".utf8)),
        // An IP host with only dNSName SANs may still match the common name (libpq's NSS-like rule).
        ("127.0.0.1", [dns("localhost")], Array("127.0.0.1".utf8)),
        // A dNSName that spells the address matches by text.
        ("127.0.0.1", [dns("127.0.0.1")], nil),
    ] as [(String, [CertificateIdentity], [UInt8]?)])
    func matches(host: String, names: [CertificateIdentity], commonName: [UInt8]?) {
        #expect(throws: Never.self) {
            try HostNameVerifier.verify(host: host, alternativeNames: names, commonName: commonName)
        }
    }

    @Test("mismatches name the certificate's first name and how many others", arguments: [
        ("wrong.example", [dns("localhost"), .ipAddress(localhost), .ipAddress(ipv6Loopback)], nil,
         "server certificate for \"localhost\" (and 2 other names) does not match host name \"wrong.example\""),
        ("wrong.example", [dns("localhost"), .ipAddress(localhost)], nil,
         "server certificate for \"localhost\" (and 1 other name) does not match host name \"wrong.example\""),
        ("wrong.example", [dns("localhost")], nil,
         "server certificate for \"localhost\" does not match host name \"wrong.example\""),
        // With a dNSName SAN present, the common name is not consulted for a host name.
        ("db.example.com", [dns("other.example.com")], Array("db.example.com".utf8),
         "server certificate for \"other.example.com\" does not match host name \"db.example.com\""),
        // With an iPAddress SAN present, the common name is not consulted for an IP host.
        ("10.0.0.1", [.ipAddress([10, 0, 0, 2])], Array("10.0.0.1".utf8),
         "server certificate for \"10.0.0.2\" does not match host name \"10.0.0.1\""),
        ("::2", [.ipAddress(ipv6Loopback)], nil,
         "server certificate for \"::1\" does not match host name \"::2\""),
        ("db.example.com", [], nil, "could not get server's host name from server certificate"),
        ("", [dns("localhost")], nil, "host name must be specified for a verified SSL connection"),
        ("db.example.com", [dns("db.example.com\u{0}.evil.com")], nil, "SSL certificate's name contains embedded null"),
        ("db.example.com", [.ipAddress([1, 2, 3])], nil, "certificate contains IP address with invalid length 3"),
    ] as [(String, [CertificateIdentity], [UInt8]?, String)])
    func mismatches(host: String, names: [CertificateIdentity], commonName: [UInt8]?, message: String) {
        let error = #expect(throws: ClientError.self) {
            try HostNameVerifier.verify(host: host, alternativeNames: names, commonName: commonName)
        }
        #expect(error == ClientError(.tls, message))
    }

    @Test("wildcards cover exactly one leftmost label", arguments: [
        ("*.example.com", "db.example.com", true),
        ("*.example.com", "DB.EXAMPLE.COM", true),
        ("*.example.com", "a.b.example.com", false),
        ("*.example.com", "example.com", false),
        ("*.example.com", ".example.com", false),
        ("*.com", "example.com", true),
        ("db.*.com", "db.example.com", false),
        ("*example.com", "dbexample.com", false),
        ("*.", "a.", false),
        ("*", "a", false),
    ])
    func wildcards(pattern: String, host: String, matches: Bool) {
        let lower = { (text: String) in Array(text.lowercased().utf8) }
        #expect(HostNameVerifier.wildcardMatches(pattern: lower(pattern), host: lower(host)) == matches)
    }
}
