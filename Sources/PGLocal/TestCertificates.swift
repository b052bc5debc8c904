import Foundation

/// The certificate files of one cluster, made with the `openssl` command-line tool.
///
/// All keys are ECDSA P-256 (generated instantly, unlike RSA) and every certificate is signed with SHA-256,
/// which is also the hash `tls-server-end-point` channel binding then uses.
struct TestCertificates: Sendable {
    /// The CA that signed the server and client certificates.
    let caCertificate: String
    /// A second, unrelated CA, for "wrong root certificate" tests.
    let otherCACertificate: String
    /// CN=localhost, subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1.
    let serverCertificate: String
    /// The server's key; owned by the server's OS user, mode 0600, as PostgreSQL insists.
    let serverKey: String
    /// CN=pgcheck_cert, for the `cert` authentication method.
    let clientCertificate: String
    /// The client's key; owned by the current user, mode 0600, as libpq-style clients insist.
    let clientKey: String

    /// Creates the CAs and certificates in `directory`, which must exist.
    static func generate(
        in directory: String, serverAccount: ServerAccount, environment: [String: String]
    ) throws -> TestCertificates {
        guard let opensslPath = CommandRunner.findExecutable(
            "openssl", path: environment["PATH"], extraDirectories: ["/usr/bin", "/usr/local/bin"])
        else {
            throw LocalClusterError.serverNotInstalled(
                "the openssl command was not found on PATH; install it with: apt-get install -y openssl")
        }
        func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let configuration = file("openssl.cnf")
        try opensslConfiguration.write(toFile: configuration, atomically: false, encoding: .utf8)

        func runOpenSSL(_ arguments: [String]) throws {
            // OPENSSL_CONF pins our config even for subcommands that would otherwise read the system one.
            var env = environment
            env["OPENSSL_CONF"] = configuration
            try CommandRunner.check(opensslPath, arguments, environment: env, workingDirectory: directory)
        }
        let newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

        func makeCA(_ name: String, commonName: String) throws {
            try runOpenSSL(["req", "-x509", "-new", "-config", configuration, "-extensions", "ca_extensions",
                         "-sha256", "-days", "3650", "-subj", "/CN=\(commonName)",
                         "-keyout", file("\(name).key"), "-out", file("\(name).crt")] + newKey)
        }
        func makeSigned(_ name: String, commonName: String, extensions: String) throws {
            try runOpenSSL(["req", "-new", "-config", configuration, "-subj", "/CN=\(commonName)",
                         "-keyout", file("\(name).key"), "-out", file("\(name).csr")] + newKey)
            try runOpenSSL(["x509", "-req", "-in", file("\(name).csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key"),
                         "-set_serial", randomSerial(), "-sha256", "-days", "3650",
                         "-extfile", configuration, "-extensions", extensions, "-out", file("\(name).crt")])
            try? FileManager.default.removeItem(atPath: file("\(name).csr"))
        }

        try makeCA("ca", commonName: "pgcheck test CA")
        try makeCA("other-ca", commonName: "pgcheck unrelated CA")
        try makeSigned("server", commonName: "localhost", extensions: "server_extensions")
        try makeSigned("client", commonName: LocalCluster.certUser.name, extensions: "client_extensions")

        let certificates = TestCertificates(
            caCertificate: file("ca.crt"), otherCACertificate: file("other-ca.crt"),
            serverCertificate: file("server.crt"), serverKey: file("server.key"),
            clientCertificate: file("client.crt"), clientKey: file("client.key"))
        for certificate in [certificates.caCertificate, certificates.otherCACertificate,
                            certificates.serverCertificate, certificates.clientCertificate] {
            try FilePermissions.set(certificate, mode: 0o644)
        }
        for key in [file("ca.key"), file("other-ca.key"), certificates.clientKey, certificates.serverKey] {
            try FilePermissions.set(key, mode: 0o600)
        }
        try serverAccount.takeOwnership(of: certificates.serverKey)
        return certificates
    }

    /// A positive 63-bit serial number, so two clusters never issue the same serial.
    private static func randomSerial() -> String {
        "0x" + String(UInt64.random(in: 1...UInt64(Int64.max)), radix: 16)
    }

    /// Our own configuration, so the result does not depend on the system's openssl.cnf.
    private static let opensslConfiguration = """
        [ req ]
        distinguished_name = distinguished_name
        prompt = no

        [ distinguished_name ]
        CN = pgcheck

        [ ca_extensions ]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash

        [ server_extensions ]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid

        [ client_extensions ]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature
        extendedKeyUsage = clientAuth
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid

        """
}
