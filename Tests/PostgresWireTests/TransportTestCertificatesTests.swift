import Foundation

// Test support (no tests here): certificates for the TLS tests, made by the `openssl` command at test
// time so that nothing secret or expiring is checked in.

/// A throwaway PKI in a temporary directory: a CA, a server certificate for localhost/127.0.0.1/::1
/// signed by it, a client certificate signed by it, and a second, unrelated CA.
struct TransportTestCertificates: Sendable {
    let directory: String

    var caCertificate: String { directory + "/ca.crt" }
    var otherCACertificate: String { directory + "/other-ca.crt" }
    /// The server certificate followed by the CA certificate, as servers commonly send it.
    var serverChain: String { directory + "/server-chain.crt" }
    var serverCertificate: String { directory + "/server.crt" }
    var serverKey: String { directory + "/server.key" }
    var clientCertificate: String { directory + "/client.crt" }
    var clientKey: String { directory + "/client.key" }

    /// Made once per test process; every TLS test shares it (the files are only read).
    static let shared = Result { () throws(TransportTestSetupError) -> TransportTestCertificates in try generate() }

    static func load() throws -> TransportTestCertificates {
        try shared.get()
    }

    private static let configuration = """
        [req]
        distinguished_name = dn
        prompt = no
        [dn]
        CN = placeholder
        [ca_ext]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [server_ext]
        basicConstraints = CA:FALSE
        keyUsage = critical, digitalSignature
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
        authorityKeyIdentifier = keyid
        [client_ext]
        basicConstraints = CA:FALSE
        keyUsage = critical, digitalSignature
        extendedKeyUsage = clientAuth
        """

    private static func generate() throws(TransportTestSetupError) -> TransportTestCertificates {
        let directory = try TransportTempDirectory.make(prefix: "pgcheck-certs")
        let certificates = TransportTestCertificates(directory: directory)
        let config = directory + "/openssl.cnf"
        do {
            try configuration.write(toFile: config, atomically: true, encoding: .utf8)
        } catch {
            throw TransportTestSetupError("could not write \(config): \(error)")
        }
        let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        for (name, subject) in [("ca", "/CN=pgcheck test CA"), ("other-ca", "/CN=pgcheck unrelated CA")] {
            try openssl(["req", "-x509", "-new", "-config", config, "-extensions", "ca_ext"] + ecKey + [
                "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).crt",
                "-days", "2", "-sha256", "-subj", subject,
            ])
        }
        for (name, subject, extensions) in [("server", "/CN=localhost", "server_ext"), ("client", "/CN=pgcheck-client", "client_ext")] {
            try openssl(["req", "-new", "-config", config] + ecKey + [
                "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).csr", "-subj", subject,
            ])
            try openssl([
                "x509", "-req", "-in", "\(directory)/\(name).csr", "-CA", certificates.caCertificate,
                "-CAkey", "\(directory)/ca.key", "-CAcreateserial", "-out", "\(directory)/\(name).crt",
                "-days", "2", "-sha256", "-extfile", config, "-extensions", extensions,
            ])
            chmod("\(directory)/\(name).key", 0o600)
        }
        do {
            let leaf = try String(contentsOfFile: certificates.serverCertificate, encoding: .utf8)
            let root = try String(contentsOfFile: certificates.caCertificate, encoding: .utf8)
            try (leaf + root).write(toFile: certificates.serverChain, atomically: true, encoding: .utf8)
        } catch {
            throw TransportTestSetupError("could not write the server chain: \(error)")
        }
        return certificates
    }

    /// The SHA-256 fingerprint of a PEM certificate's DER form, as `openssl x509 -fingerprint` computes it.
    static func sha256Fingerprint(of certificate: String) throws -> [UInt8] {
        let output = try openssl(["x509", "-in", certificate, "-noout", "-fingerprint", "-sha256"])
        guard let hex = output.split(separator: "=").last else {
            throw TransportTestSetupError("unexpected fingerprint output: \(output)")
        }
        return try hex.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":").map { pair in
            guard let byte = UInt8(pair, radix: 16) else { throw TransportTestSetupError("bad fingerprint byte \(pair)") }
            return byte
        }
    }

    @discardableResult
    private static func openssl(_ arguments: [String]) throws(TransportTestSetupError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw TransportTestSetupError("could not run openssl: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw TransportTestSetupError("openssl \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }
}

/// A failure to prepare a test's fixtures (not a failure of the code under test).
struct TransportTestSetupError: Error, CustomStringConvertible, Sendable {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Fresh temporary directories, removed by nobody: they live under the system temp dir and are tiny.
enum TransportTempDirectory {
    static func make(prefix: String) throws(TransportTestSetupError) -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString.prefix(8))"
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TransportTestSetupError("could not create \(path): \(error)")
        }
        return path
    }

    /// A home directory whose `.postgresql/` holds the given files (copied), with key files at 0600.
    static func home(with files: [String: String] = [:]) throws -> String {
        let home = try make(prefix: "pgcheck-home")
        let folder = home + "/.postgresql"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, source) in files {
            try FileManager.default.copyItem(atPath: source, toPath: "\(folder)/\(name)")
            chmod("\(folder)/\(name)", name.hasSuffix(".key") ? 0o600 : 0o644)
        }
        return home
    }
}
