import COpenSSL
import Foundation
import PGLocal
import PGTestSupport
import Testing
@testable import PostgresWire

@Suite("Transport: TLS handshakes and sslmode")
struct TransportTLSTests {
    /// A started TLS server and a client TLS attempt against it.
    struct Attempt {
        var record: TransportServerRecord
        var result: Result<TLSStream, any Error>
    }

    /// Starts a TLS server on 127.0.0.1 (or ::1), connects to it and runs the client handshake.
    static func attempt(
        _ settings: TLSSettings,
        hostaddr: String? = nil,
        ipv6: Bool = false,
        behavior: TransportServerBehavior = .echo,
        clientCA: String? = nil,
        serverMaximumVersion: Int32? = nil
    ) throws -> Attempt {
        let certificates = try TestPKI.get().certificates
        let server = try TransportTLSServer(
            chain: certificates.serverChain, key: certificates.serverKey, clientCA: clientCA, maximumVersion: serverMaximumVersion
        )
        let listener = try TransportLoopbackListener.tcp(ipv6: ipv6)
        let record = server.start(listener, behavior)
        let host = settings.serverName ?? (ipv6 ? "::1" : "127.0.0.1")
        let socket = try PlainSocket.connect(host: host, hostaddr: hostaddr, port: listener.port, timeout: 5)
        socket.deadline = .now + .seconds(10)
        let result = Result { try TLSStream(socket: socket, settings: settings) }
        if case .failure = result { socket.close() }
        return Attempt(record: record, result: result)
    }

    static func settings(_ mode: SSLMode, host: String?, root: String? = nil, home: String? = nil) throws -> TLSSettings {
        TLSSettings(mode: mode, serverName: host, rootCertificate: root, homeDirectory: try home ?? TemporaryFolder.home())
    }

    @Test("verify-full succeeds for every name and address in the certificate", arguments: [
        ("localhost", false, "localhost"), ("127.0.0.1", false, nil), ("::1", true, nil),
    ] as [(String, Bool, String?)])
    func verifyFullSucceeds(host: String, ipv6: Bool, expectedSNI: String?) throws {
        let certificates = try TestPKI.get().certificates
        let attempt = try Self.attempt(try Self.settings(.verifyFull, host: host, root: certificates.caCertificate), ipv6: ipv6)
        let stream = try attempt.result.get()
        try stream.write(Array("ping".utf8))
        #expect(try transportReadExactly(4, from: stream) == Array("ping".utf8))
        #expect(stream.protocolVersion == "TLSv1.3")
        #expect(stream.cipherName.hasPrefix("TLS_"))
        #expect(stream.peerCertificateSubject == "CN=localhost")
        stream.close()
        #expect(attempt.record.waitUntilFinished())
        #expect(attempt.record.serverName == expectedSNI)
    }

    @Test("sslsni=0 sends no server name")
    func sniCanBeTurnedOff() throws {
        let certificates = try TestPKI.get().certificates
        var settings = try Self.settings(.verifyFull, host: "localhost", root: certificates.caCertificate)
        settings.sendSNI = false
        let attempt = try Self.attempt(settings)
        try attempt.result.get().close()
        #expect(attempt.record.waitUntilFinished())
        #expect(attempt.record.serverName == nil)
    }

    @Test("verify-full to a name the certificate does not carry fails with libpq's message")
    func verifyFullWrongHost() throws {
        let certificates = try TestPKI.get().certificates
        let attempt = try Self.attempt(
            try Self.settings(.verifyFull, host: "wrong.example", root: certificates.caCertificate),
            hostaddr: "127.0.0.1"
        )
        let error = try #require(throws: ClientError.self) { try attempt.result.get() }
        #expect(error.phase == .tls)
        #expect(error.message == "server certificate for \"localhost\" (and 2 other names) does not match host name \"wrong.example\"")
    }

    @Test("verify-ca against the wrong CA fails with OpenSSL's verify error")
    func verifyCAWrongRoot() throws {
        let certificates = try TestPKI.get().certificates
        let attempt = try Self.attempt(try Self.settings(.verifyCA, host: "localhost", root: certificates.otherCACertificate))
        let error = try #require(throws: ClientError.self) { try attempt.result.get() }
        #expect(error.phase == .tls)
        #expect(error.message == "certificate verify failed: self-signed certificate in certificate chain")
        #expect(ERR_peek_error() == 0, "the OpenSSL error queue is left empty")
    }

    @Test("TLS 1.2 is accepted when the server offers nothing newer")
    func tls12() throws {
        let certificates = try TestPKI.get().certificates
        let attempt = try Self.attempt(
            try Self.settings(.verifyFull, host: "localhost", root: certificates.caCertificate),
            serverMaximumVersion: TLS1_2_VERSION
        )
        let stream = try attempt.result.get()
        defer { stream.close() }
        #expect(stream.protocolVersion == "TLSv1.2")
        try stream.write(Array("twelve".utf8))
        #expect(try transportReadExactly(6, from: stream) == Array("twelve".utf8))
    }

    @Test("a server limited to TLS 1.1 is refused, with libpq's hint about protocol versions")
    func tls11Refused() throws {
        let attempt = try Self.attempt(try Self.settings(.require, host: "localhost"), serverMaximumVersion: TLS1_1_VERSION)
        let error = try #require(throws: ClientError.self) { try attempt.result.get() }
        #expect(error.phase == .tls)
        #expect(error.message.hasPrefix("TLS handshake failed: "))
        #expect(error.message.hasSuffix("This may indicate that the server does not support any SSL protocol version between TLSv1.2 and TLSv1.3."))
        #expect(ERR_peek_error() == 0, "the OpenSSL error queue is left empty")
    }

    @Test("verify-ca ignores the host name")
    func verifyCAIgnoresHostName() throws {
        let certificates = try TestPKI.get().certificates
        let attempt = try Self.attempt(
            try Self.settings(.verifyCA, host: "wrong.example", root: certificates.caCertificate),
            hostaddr: "127.0.0.1"
        )
        try attempt.result.get().close()
    }

    @Test("require without a root certificate encrypts without verifying")
    func requireWithoutRoot() throws {
        let attempt = try Self.attempt(try Self.settings(.require, host: "wrong.example"), hostaddr: "127.0.0.1")
        let stream = try attempt.result.get()
        try stream.write(Array("x".utf8))
        #expect(try transportReadExactly(1, from: stream) == Array("x".utf8))
        stream.close()
    }

    @Test("require with ~/.postgresql/root.crt verifies the chain, as libpq does")
    func requireWithDefaultRootVerifiesChain() throws {
        let certificates = try TestPKI.get().certificates
        let wrongHome = try TemporaryFolder.home(with: ["root.crt": certificates.otherCACertificate])
        let failing = try Self.attempt(try Self.settings(.require, host: "localhost", home: wrongHome))
        let error = try #require(throws: ClientError.self) { try failing.result.get() }
        #expect(error.message.hasPrefix("certificate verify failed: "))

        let rightHome = try TemporaryFolder.home(with: ["root.crt": certificates.caCertificate])
        let passing = try Self.attempt(try Self.settings(.require, host: "wrong.example", home: rightHome), hostaddr: "127.0.0.1")
        try passing.result.get().close()
    }

    @Test("verify-ca without a root certificate fails before sending anything")
    func verifyCAWithoutRootFailsEarly() throws {
        let home = try TemporaryFolder.home()
        let settings = try Self.settings(.verifyCA, host: "localhost", home: home)
        let expected = "root certificate file \"\(home)/.postgresql/root.crt\" does not exist. Either provide the file, use the system's trusted roots with sslrootcert=system, or change sslmode to disable server certificate verification."
        let early = try #require(throws: ClientError.self) { try settings.validate() }
        #expect(early == ClientError(.tls, expected))

        let listener = try TransportLoopbackListener.tcp()
        let server = TransportPlainServer.start(listener, .sink)
        let socket = try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 5)
        let error = try #require(throws: ClientError.self) { try TLSStream(socket: socket, settings: settings) }
        socket.close()
        #expect(error == ClientError(.tls, expected))
        #expect(server.waitUntilFinished())
        #expect(server.receivedByteCount == 0)
    }

    @Test("sslrootcert=system needs verify-full", arguments: [SSLMode.allow, .prefer, .require, .verifyCA])
    func systemRootsNeedVerifyFull(mode: SSLMode) throws {
        let settings = try Self.settings(mode, host: "localhost", root: "system")
        let error = try #require(throws: ClientError.self) { try settings.validate() }
        #expect(error == ClientError(.configuration, "weak sslmode \"\(mode.rawValue)\" may not be used with sslrootcert=system (use \"verify-full\")"))
    }

    @Test("sslrootcert=system does not trust a private CA")
    func systemRootsRejectPrivateCA() throws {
        let attempt = try Self.attempt(try Self.settings(.verifyFull, host: "localhost", root: "system"))
        let error = try #require(throws: ClientError.self) { try attempt.result.get() }
        #expect(error.phase == .tls)
        #expect(error.message.hasPrefix("certificate verify failed: "))
    }

    @Test("tls-server-end-point is the SHA-256 of the DER certificate for a SHA-256-signed certificate")
    func endpointHash() throws {
        let certificates = try TestPKI.get().certificates
        let attempt = try Self.attempt(try Self.settings(.verifyFull, host: "localhost", root: certificates.caCertificate))
        let stream = try attempt.result.get()
        defer { stream.close() }
        let expected = try TestCertificates.sha256Fingerprint(ofCertificate: certificates.serverCertificate)
        #expect(expected.count == 32)
        #expect(stream.serverCertificateHash == expected)
    }

    @Test("a read deadline expires promptly over TLS too")
    func tlsReadDeadline() throws {
        let attempt = try Self.attempt(try Self.settings(.require, host: "localhost"), behavior: .sink)
        let stream = try attempt.result.get()
        defer { stream.close() }
        stream.deadline = .now + .milliseconds(200)
        let started = ContinuousClock.now
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let error = try #require(throws: ClientError.self) {
            try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
        }
        #expect(error == ClientError(.io, "timeout expired after 0.2 seconds waiting for data from the server"))
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("a TLS write the server stops reading is a prompt io error naming the timeout")
    func tlsWriteDeadline() throws {
        let attempt = try Self.attempt(try Self.settings(.require, host: "localhost"), behavior: .neverRead)
        let stream = try attempt.result.get()
        defer { stream.close() }
        stream.deadline = .now + .milliseconds(300)
        let started = ContinuousClock.now
        let payload = [UInt8](repeating: 7, count: 16 << 20)
        let error = try #require(throws: ClientError.self) { try stream.write(payload) }
        #expect(error == ClientError(.io, "timeout expired after 0.3 seconds sending to the server"))
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("the server's close_notify reads as 0")
    func tlsEndOfStream() throws {
        let attempt = try Self.attempt(try Self.settings(.require, host: "localhost"), behavior: .closeImmediately)
        let stream = try attempt.result.get()
        defer { stream.close() }
        var buffer = [UInt8](repeating: 0, count: 1024)
        #expect(try buffer.withUnsafeMutableBytes { try stream.read(into: $0) } == 0)
    }

    @Test("a megabyte goes out and comes back intact through TLS records")
    func largeTransfer() throws {
        let size = 1 << 20
        let attempt = try Self.attempt(try Self.settings(.require, host: "localhost"), behavior: .collectThenReply(size))
        let stream = try attempt.result.get()
        defer { stream.close() }
        let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try stream.write(payload)
        #expect(try transportReadExactly(size, from: stream) == payload)
    }

    @Test("a TLS handshake that gets no answer times out with the socket's deadline")
    func handshakeTimeout() throws {
        let listener = try TransportLoopbackListener.tcp()
        _ = TransportPlainServer.start(listener, .sink)
        let socket = try PlainSocket.connect(host: "127.0.0.1", hostaddr: nil, port: listener.port, timeout: 5)
        defer { socket.close() }
        socket.deadline = .now + .milliseconds(300)
        let error = try #require(throws: ClientError.self) {
            try TLSStream(socket: socket, settings: try Self.settings(.require, host: "localhost"))
        }
        #expect(error == ClientError(.tls, "timeout expired after 0.3 seconds during the TLS handshake"))
    }
}
