import Foundation

/// The `openssl` command run in one PKI folder, with the folder's own configuration.
struct OpenSSLTool {
    let directory: String
    let executable: String
    let environment: [String: String]

    init(directory: String, environment: [String: String]) throws {
        guard let executable = CommandRunner.findExecutable(
            "openssl", path: environment["PATH"], extraDirectories: ["/usr/bin", "/usr/local/bin"])
        else {
            throw LocalClusterError.serverNotInstalled(
                "the openssl command was not found on PATH; install it with: apt-get install -y openssl")
        }
        self.directory = directory
        self.executable = executable
        self.environment = environment
    }

    /// The configuration every command reads (written by ``writeConfiguration()``).
    var configuration: String { file("openssl.cnf") }

    func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// Writes our own configuration, so the result does not depend on the system's openssl.cnf.
    func writeConfiguration() throws {
        try Self.configurationText.write(toFile: configuration, atomically: false, encoding: .utf8)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> CommandResult {
        // OPENSSL_CONF pins our config even for subcommands that would otherwise read the system one.
        var environment = environment
        if FileManager.default.fileExists(atPath: configuration) { environment["OPENSSL_CONF"] = configuration }
        return try CommandRunner.check(executable, arguments, environment: environment, workingDirectory: directory)
    }

    /// A self-signed CA: `NAME.crt` and `NAME.key`.
    func makeCA(_ name: String, commonName: String) throws {
        try run(["req", "-x509", "-new", "-config", configuration, "-extensions", "ca_extensions",
                 "-sha256", "-days", "3650", "-subj", "/CN=\(commonName)",
                 "-keyout", file("\(name).key"), "-out", file("\(name).crt")] + Self.newKey)
    }

    /// A certificate signed by the CA `signer`, with the extensions of a section of `extensionFile`.
    func makeSigned(_ name: String, commonName: String, by signer: String, extensionFile: String, extensions: String) throws {
        try run(["req", "-new", "-config", configuration, "-subj", "/CN=\(commonName)",
                 "-keyout", file("\(name).key"), "-out", file("\(name).csr")] + Self.newKey)
        try run(["x509", "-req", "-in", file("\(name).csr"), "-CA", file("\(signer).crt"), "-CAkey", file("\(signer).key"),
                 "-set_serial", Self.randomSerial(), "-sha256", "-days", "3650",
                 "-extfile", extensionFile, "-extensions", extensions, "-out", file("\(name).crt")])
        try? FileManager.default.removeItem(atPath: file("\(name).csr"))
    }

    private static let newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    /// A positive 63-bit serial number, so two certificates never share a serial.
    private static func randomSerial() -> String {
        "0x" + String(UInt64.random(in: 1...UInt64(Int64.max)), radix: 16)
    }

    private static let configurationText = """
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
