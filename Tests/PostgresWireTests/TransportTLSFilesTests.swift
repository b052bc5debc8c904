import Foundation
import PGTestSupport
import Testing
@testable import PostgresWire

@Suite("Transport: TLS certificate files and client certificates")
struct TransportTLSFilesTests {
    @Test("the root certificate comes from the setting, else ~/.postgresql/root.crt when it exists")
    func trustAnchorResolution() throws {
        let certificates = try TestPKI.get().certificates
        let empty = try TemporaryFolder.home()
        #expect(try TLSSettings(mode: .require, homeDirectory: empty).resolveFiles().trustAnchors == .none)
        #expect(try TLSSettings(mode: .prefer, rootCertificate: "/nonexistent/root.crt", homeDirectory: empty).resolveFiles().trustAnchors == .none)
        #expect(try TLSSettings(mode: .verifyFull, rootCertificate: "system", homeDirectory: empty).resolveFiles().trustAnchors == .system)
        #expect(try TLSSettings(mode: .verifyCA, rootCertificate: certificates.caCertificate, homeDirectory: empty)
            .resolveFiles().trustAnchors == .file(certificates.caCertificate))

        let home = try TemporaryFolder.home(with: ["root.crt": certificates.caCertificate, "root.crl": certificates.caCertificate])
        let files = try TLSSettings(mode: .require, homeDirectory: home).resolveFiles()
        #expect(files.trustAnchors == .file(home + "/.postgresql/root.crt"))
        #expect(files.revocationList == home + "/.postgresql/root.crl")
    }

    @Test("verifying modes without any home directory say so")
    func noHomeDirectory() {
        let error = #expect(throws: ClientError.self) {
            try TLSSettings(mode: .verifyFull, homeDirectory: "").validate()
        }
        #expect(error?.message.hasPrefix("could not get home directory to locate root certificate file.") == true)
        #expect(throws: Never.self) { try TLSSettings(mode: .require, homeDirectory: "").validate() }
    }

    @Test("the default client certificate and key are presented when the server asks")
    func defaultClientCertificate() throws {
        let certificates = try TestPKI.get().certificates
        let home = try TemporaryFolder.home(with: [
            "postgresql.crt": certificates.clientCertificate, "postgresql.key": certificates.clientKey,
        ])
        let files = try TLSSettings(mode: .require, homeDirectory: home).resolveFiles()
        #expect(files.clientCertificate == home + "/.postgresql/postgresql.crt")
        #expect(files.clientKey == home + "/.postgresql/postgresql.key")

        let attempt = try TransportTLSTests.attempt(
            try TransportTLSTests.settings(.require, host: "localhost", home: home),
            clientCA: certificates.caCertificate
        )
        let stream = try attempt.result.get()
        try stream.write(Array("hi".utf8))
        #expect(try transportReadExactly(2, from: stream) == Array("hi".utf8))
        stream.close()
        #expect(attempt.record.waitUntilFinished())
        #expect(attempt.record.clientCertificateSubject == "CN=pgcheck_cert")
    }

    @Test("configured client certificate and key paths are used")
    func configuredClientCertificate() throws {
        let certificates = try TestPKI.get().certificates
        var settings = try TransportTLSTests.settings(.require, host: "localhost")
        settings.certificate = certificates.clientCertificate
        settings.privateKey = certificates.clientKey
        let attempt = try TransportTLSTests.attempt(settings, clientCA: certificates.caCertificate)
        try attempt.result.get().close()
        #expect(attempt.record.waitUntilFinished())
        #expect(attempt.record.clientCertificateSubject == "CN=pgcheck_cert")
    }

    @Test("without a client certificate, a server that demands one rejects us on the first read")
    func missingClientCertificate() throws {
        let certificates = try TestPKI.get().certificates
        let attempt = try TransportTLSTests.attempt(
            try TransportTLSTests.settings(.require, host: "localhost"), clientCA: certificates.caCertificate
        )
        // TLS 1.3 finishes the client's side of the handshake before the server judges its certificate.
        let stream = try attempt.result.get()
        defer { stream.close() }
        var buffer = [UInt8](repeating: 0, count: 64)
        let error = try #require(throws: ClientError.self) {
            try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
        }
        #expect(error.phase == .io)
        #expect(error.message.contains("certificate required"))
    }

    @Test("a private key others can read is refused, in libpq's words (0640 is allowed for root-owned keys)", arguments: [
        (0o644, true), (0o604, true), (0o660, true), (0o640, getuid() != 0), (0o600, false), (0o400, false),
    ] as [(mode_t, Bool)])
    func groupOrWorldReadableKey(permissions: mode_t, refused: Bool) throws {
        let certificates = try TestPKI.get().certificates
        let home = try TemporaryFolder.home(with: [
            "postgresql.crt": certificates.clientCertificate, "postgresql.key": certificates.clientKey,
        ])
        let key = home + "/.postgresql/postgresql.key"
        chmod(key, permissions)
        guard refused else {
            #expect(throws: Never.self) { try TLSSettings(mode: .require, homeDirectory: home).validate() }
            return
        }
        let error = #expect(throws: ClientError.self) {
            try TLSSettings(mode: .require, homeDirectory: home).validate()
        }
        #expect(error == ClientError(.tls, "private key file \"\(key)\" has group or world access; file must have permissions u=rw (0600) or less if owned by the current user, or permissions u=rw,g=r (0640) or less if owned by root"))
    }

    @Test("a client certificate without its key is an error")
    func certificateWithoutKey() throws {
        let certificates = try TestPKI.get().certificates
        let home = try TemporaryFolder.home(with: ["postgresql.crt": certificates.clientCertificate])
        let error = #expect(throws: ClientError.self) {
            try TLSSettings(mode: .require, homeDirectory: home).validate()
        }
        #expect(error == ClientError(.tls, "certificate present, but not private key file \"\(home)/.postgresql/postgresql.key\""))
    }

    @Test("a key that does not belong to the certificate is an error")
    func mismatchedKey() throws {
        let certificates = try TestPKI.get().certificates
        let home = try TemporaryFolder.home(with: [
            "postgresql.crt": certificates.clientCertificate, "postgresql.key": certificates.serverKey,
        ])
        let files = try TLSSettings(mode: .require, homeDirectory: home).resolveFiles()
        let error = #expect(throws: ClientError.self) { try TLSContext(files: files) }
        #expect(error?.phase == .tls)
        #expect(error?.message.hasPrefix("certificate does not match private key file \"\(home)/.postgresql/postgresql.key\": ") == true)
    }

    @Test("an unreadable root certificate file names the file")
    func unreadableRoot() throws {
        let directory = try TemporaryFolder.make(prefix: "pgcheck-bad-root")
        let path = directory + "/root.crt"
        try "not a certificate".write(toFile: path, atomically: true, encoding: .utf8)
        let files = try TLSSettings(mode: .verifyCA, rootCertificate: path, homeDirectory: directory).resolveFiles()
        let error = #expect(throws: ClientError.self) { try TLSContext(files: files) }
        #expect(error?.message.hasPrefix("could not read root certificate file \"\(path)\": ") == true)
    }

    @Test("SNI is sent for host names only, as libpq decides", arguments: [
        ("db.example.com", true, "db.example.com"), ("localhost", true, "localhost"),
        ("127.0.0.1", true, nil), ("::1", true, nil), ("fe80::1%eth0", true, nil), ("10.1", true, nil),
        ("db.example.com", false, nil), ("", true, nil),
    ] as [(String, Bool, String?)])
    func serverNameIndication(host: String, enabled: Bool, expected: String?) {
        let settings = TLSSettings(mode: .require, serverName: host, sendSNI: enabled, homeDirectory: "")
        #expect(TLSStream.serverNameIndication(settings) == expected)
    }
}
