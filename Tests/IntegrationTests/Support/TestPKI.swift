import Foundation

/// Test support: certificates for fake servers and interceptors, made once per test process with the
/// `openssl` command-line tool (ECDSA P-256, instant to generate).
///
/// - ``ca``: a CA the tests tell the client to trust (`sslrootcert`).
/// - ``localhost``: CN=localhost, SAN DNS:localhost and IP:127.0.0.1, signed by ``ca``: what an
///   interceptor holding a certificate the client trusts presents.
/// - ``otherHost``: CN=other.example, SAN DNS:other.example, signed by ``ca``: a valid certificate for
///   another host.
/// - ``untrusted``: CN=localhost, signed by a CA the client does not trust.
struct TestPKI: Sendable {
    /// A certificate chain file and its key.
    struct Identity: Sendable {
        let certificate: String
        let key: String
    }

    let directory: String
    let ca: String
    let localhost: Identity
    let otherHost: Identity
    let untrusted: Identity

    private static let shared = Result { try TestPKI.generate() }

    /// The process-wide certificates.
    static func get() throws -> TestPKI { try shared.get() }

    private static func generate() throws -> TestPKI {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgcheck-pki-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let extensions = """
            [server]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = @names
            [names]
            DNS.1 = localhost
            IP.1 = 127.0.0.1
            [other]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:other.example
            """
        try extensions.write(toFile: path("extensions.cnf"), atomically: true, encoding: .utf8)
        let newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        func makeCA(_ name: String, _ commonName: String) throws {
            try openssl(["req", "-x509", "-new", "-sha256", "-days", "30", "-subj", "/CN=\(commonName)",
                         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                         "-keyout", path("\(name).key"), "-out", path("\(name).crt")] + newKey)
        }
        func makeSigned(_ name: String, _ commonName: String, by ca: String, section: String) throws -> Identity {
            try openssl(["req", "-new", "-subj", "/CN=\(commonName)", "-keyout", path("\(name).key"), "-out", path("\(name).csr")] + newKey)
            try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(ca).crt"), "-CAkey", path("\(ca).key"),
                         "-set_serial", "0x" + String(UInt64.random(in: 1...UInt64(Int64.max)), radix: 16), "-sha256", "-days", "30",
                         "-extfile", path("extensions.cnf"), "-extensions", section, "-out", path("\(name).crt")])
            return Identity(certificate: path("\(name).crt"), key: path("\(name).key"))
        }
        try makeCA("ca", "pgcheck hostile-test CA")
        try makeCA("rogue-ca", "pgcheck rogue CA")
        return TestPKI(
            directory: directory, ca: path("ca.crt"),
            localhost: try makeSigned("localhost", "localhost", by: "ca", section: "server"),
            otherHost: try makeSigned("other", "other.example", by: "ca", section: "other"),
            untrusted: try makeSigned("untrusted", "localhost", by: "rogue-ca", section: "server"))
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = errors
        process.standardError = errors
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LoopbackSetupError("openssl \(arguments.prefix(2).joined(separator: " ")): \(String(decoding: output, as: UTF8.self))")
        }
    }
}
