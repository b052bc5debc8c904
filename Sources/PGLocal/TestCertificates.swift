import Foundation

/// A throwaway PKI made with the `openssl` command-line tool: the certificate files of one test
/// cluster, and of the TLS servers tests run themselves (fake servers, interceptors).
///
/// All keys are ECDSA P-256 (generated instantly, unlike RSA) and every certificate is signed with SHA-256,
/// which is also the hash `tls-server-end-point` channel binding then uses. Nothing here is secret or
/// checked in: each cluster, and each test process, makes its own.
public struct TestCertificates: Sendable {
    /// The folder holding the files, the CAs' keys among them.
    public let directory: String
    /// The CA that signed the server and client certificates.
    public let caCertificate: String
    /// A second, unrelated CA, for "wrong root certificate" tests.
    public let otherCACertificate: String
    /// CN=localhost, subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1, signed by the CA.
    public let serverCertificate: String
    /// The server's key, mode 0600 (a cluster's is owned by the server's OS user, as PostgreSQL insists).
    public let serverKey: String
    /// ``serverCertificate`` followed by ``caCertificate``: the chain as servers commonly send it.
    public let serverChain: String
    /// CN=pgcheck_cert (``LocalCluster/certUser``), for the `cert` authentication method.
    public let clientCertificate: String
    /// The client's key; owned by the current user, mode 0600, as libpq-style clients insist.
    public let clientKey: String

    /// The CA that signs a certificate made by ``issueServerCertificate(named:commonName:subjectAltName:signedBy:)``.
    public enum Signer: Sendable {
        /// The CA of ``caCertificate``, which tests tell clients to trust.
        case ca
        /// The unrelated CA of ``otherCACertificate``.
        case otherCA
    }

    /// Creates the CAs and certificates in `directory`, which must exist; every file is owned by the
    /// current user. `openssl` is looked up on `PATH`, then in /usr/bin and /usr/local/bin.
    public static func generate(in directory: String) throws -> TestCertificates {
        try generate(in: directory, serverKeyOwner: nil, environment: ProcessInfo.processInfo.environment)
    }

    /// Creates a cluster's CAs and certificates in `directory`, which must exist; the server key is
    /// handed to `serverAccount`.
    static func generate(
        in directory: String, serverAccount: ServerAccount, environment: [String: String]
    ) throws -> TestCertificates {
        try generate(in: directory, serverKeyOwner: serverAccount, environment: environment)
    }

    /// One more server certificate in ``directory`` (`NAME.crt`, and `NAME.key` at mode 0600), e.g. a
    /// valid certificate for another host, or one for localhost from a CA the client does not trust.
    ///
    /// - Parameter subjectAltName: an OpenSSL subjectAltName value, e.g. `DNS:other.example`.
    /// - Returns: the paths of the certificate and its key.
    public func issueServerCertificate(
        named name: String, commonName: String, subjectAltName: String, signedBy signer: Signer = .ca
    ) throws -> (certificate: String, key: String) {
        let tool = try OpenSSLTool(directory: directory, environment: ProcessInfo.processInfo.environment)
        let extensions = tool.file("\(name).ext")
        try """
            [ server_extensions ]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = \(subjectAltName)
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid

            """.write(toFile: extensions, atomically: false, encoding: .utf8)
        try tool.makeSigned(
            name, commonName: commonName, by: signer == .ca ? "ca" : "other-ca",
            extensionFile: extensions, extensions: "server_extensions")
        try FilePermissions.set(tool.file("\(name).crt"), mode: 0o644)
        try FilePermissions.set(tool.file("\(name).key"), mode: 0o600)
        return (tool.file("\(name).crt"), tool.file("\(name).key"))
    }

    /// The SHA-256 fingerprint of a PEM certificate's DER form, as `openssl x509 -fingerprint -sha256`
    /// prints it (what `tls-server-end-point` channel binding hashes); empty if it printed none.
    public static func sha256Fingerprint(ofCertificate path: String) throws -> [UInt8] {
        let tool = try OpenSSLTool(
            directory: (path as NSString).deletingLastPathComponent, environment: ProcessInfo.processInfo.environment)
        let output = try tool.run(["x509", "-in", path, "-noout", "-fingerprint", "-sha256"]).standardOutput
        // "sha256 Fingerprint=AB:CD:…": the hex pairs after the "=".
        let hex = output.split(separator: "=").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return hex.split(separator: ":").compactMap { UInt8($0, radix: 16) }
    }

    private static func generate(
        in directory: String, serverKeyOwner: ServerAccount?, environment: [String: String]
    ) throws -> TestCertificates {
        let tool = try OpenSSLTool(directory: directory, environment: environment)
        try tool.writeConfiguration()
        try tool.makeCA("ca", commonName: "pgcheck test CA")
        try tool.makeCA("other-ca", commonName: "pgcheck unrelated CA")
        try tool.makeSigned(
            "server", commonName: "localhost", by: "ca", extensionFile: tool.configuration, extensions: "server_extensions")
        try tool.makeSigned(
            "client", commonName: LocalCluster.certUser.name, by: "ca", extensionFile: tool.configuration,
            extensions: "client_extensions")

        let certificates = TestCertificates(
            directory: directory, caCertificate: tool.file("ca.crt"), otherCACertificate: tool.file("other-ca.crt"),
            serverCertificate: tool.file("server.crt"), serverKey: tool.file("server.key"),
            serverChain: tool.file("server-chain.crt"),
            clientCertificate: tool.file("client.crt"), clientKey: tool.file("client.key"))
        let chain = try String(contentsOfFile: certificates.serverCertificate, encoding: .utf8)
            + String(contentsOfFile: certificates.caCertificate, encoding: .utf8)
        try chain.write(toFile: certificates.serverChain, atomically: false, encoding: .utf8)
        for certificate in [certificates.caCertificate, certificates.otherCACertificate, certificates.serverCertificate,
                            certificates.serverChain, certificates.clientCertificate] {
            try FilePermissions.set(certificate, mode: 0o644)
        }
        for key in [tool.file("ca.key"), tool.file("other-ca.key"), certificates.clientKey, certificates.serverKey] {
            try FilePermissions.set(key, mode: 0o600)
        }
        try serverKeyOwner?.takeOwnership(of: certificates.serverKey)
        return certificates
    }
}
