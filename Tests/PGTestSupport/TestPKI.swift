import Foundation
import PGLocal

/// The certificates of the TLS peers tests run themselves (the wire tests' loopback servers, the
/// integration tests' hostile servers and interceptors), made once per test process in a temporary
/// folder by PGLocal's ``TestCertificates``, the generator throwaway clusters use. No CA here is a
/// test cluster's CA.
///
/// - ``certificates``: a CA the tests tell the client to trust, an unrelated CA, a server certificate
///   and its chain, a client certificate (CN=pgcheck_cert).
/// - ``localhost``: the server certificate, CN=localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1,
///   signed by the CA: what an interceptor holding a certificate the client trusts presents.
/// - ``otherHost``: CN=other.example, SAN DNS:other.example, signed by the CA: a valid certificate for
///   another host.
/// - ``untrusted``: CN=localhost, signed by the unrelated CA.
public struct TestPKI: Sendable {
    /// A certificate (or chain) file and its key.
    public struct Identity: Sendable {
        /// The PEM certificate file.
        public let certificate: String
        /// The PEM key file, mode 0600.
        public let key: String
    }

    /// The files every cluster has too.
    public let certificates: TestCertificates
    /// A valid certificate for another host, signed by the CA.
    public let otherHost: Identity
    /// A certificate for localhost from the unrelated CA.
    public let untrusted: Identity

    /// The CA certificate tests tell the client to trust (`sslrootcert`).
    public var ca: String { certificates.caCertificate }
    /// The server certificate for localhost, 127.0.0.1 and ::1, signed by ``ca``.
    public var localhost: Identity { Identity(certificate: certificates.serverCertificate, key: certificates.serverKey) }

    private static let shared = Result { try TestPKI.generate() }

    /// The process-wide certificates (made on first use).
    public static func get() throws -> TestPKI { try shared.get() }

    private static func generate() throws -> TestPKI {
        let directory = try TemporaryFolder.make(prefix: "pgcheck-pki")
        let certificates = try TestCertificates.generate(in: directory)
        let otherHost = try certificates.issueServerCertificate(
            named: "other", commonName: "other.example", subjectAltName: "DNS:other.example")
        let untrusted = try certificates.issueServerCertificate(
            named: "untrusted", commonName: "localhost", subjectAltName: "DNS:localhost, IP:127.0.0.1", signedBy: .otherCA)
        return TestPKI(
            certificates: certificates, otherHost: Identity(certificate: otherHost.certificate, key: otherHost.key),
            untrusted: Identity(certificate: untrusted.certificate, key: untrusted.key))
    }
}
