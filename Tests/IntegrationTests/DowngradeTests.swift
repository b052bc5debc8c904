import Foundation
import PGTestSupport
import Testing
import PGLocal
@testable import PostgresWire

/// TLS downgrades and men in the middle: a network that answers "no TLS" for the server, a server
/// certificate for another host or from an unknown CA, an interceptor with a certificate the client
/// trusts (relaying, or also removing SCRAM-SHA-256-PLUS), and authentication methods that cannot be
/// bound to the channel. What must fail fails, before any secret is sent.
@Suite struct DowngradeTests {
    static func configuration(
        user: LocalCluster.User, port: Int, host: String = "127.0.0.1", sslMode: String, _ parameters: [String: String] = [:]
    ) throws -> ConnectionConfiguration {
        var configuration = try TestClusters.configuration(try TestClusters.tls(), user: user, sslMode: sslMode, parameters)
        configuration.endpoints = [Endpoint(host: host, port: port)]
        return configuration
    }

    @Test(arguments: ["require", "verify-ca", "verify-full"])
    func aNetworkAnsweringNoTLSCannotDowngradeAStrictMode(_ sslMode: String) throws {
        let cluster = try TestClusters.tls()
        let attacker = try FaultProxy(targetPort: cluster.port, plan: FaultProxy.Plan(refuseTLS: true))
        defer { attacker.stop() }
        let config = try Self.configuration(user: LocalCluster.scramUser, port: attacker.port, sslMode: sslMode, ["sslrootcert": cluster.caCertificatePath])
        let error = try #require(throws: ClientError.self) { try PostgresConnection.connect(config) }
        #expect(error.phase == .tls)
        #expect(error.message == "server does not support TLS, but sslmode=\(sslMode) requires it")
        #expect(attacker.faultsFired == 1, "the attacker answered the TLS request")
    }

    @Test func preferFallsBackToPlaintextButNotForBindingOrCleartext() throws {
        let cluster = try TestClusters.tls()
        let attacker = try FaultProxy(targetPort: cluster.port, plan: FaultProxy.Plan(refuseTLS: true))
        defer { attacker.stop() }
        // As libpq: prefer accepts plaintext, and SCRAM still protects the password itself.
        let scram = try PostgresConnection.connect(try Self.configuration(user: LocalCluster.scramUser, port: attacker.port, sslMode: "prefer"))
        #expect(scram.tls == nil)
        #expect(scram.authenticationMethod == .scramSHA256)
        scram.close()
        // Demanding channel binding turns the downgrade into a refusal.
        let bound = try Self.configuration(user: LocalCluster.scramUser, port: attacker.port, sslMode: "prefer", ["channel_binding": "require"])
        let bindingError = try #require(throws: ClientError.self) { try PostgresConnection.connect(bound) }
        #expect(bindingError.phase == .authentication)
        #expect(bindingError.message.contains("channel binding is required (channel_binding=require), but the connection does not use TLS"))
        // A cleartext password is never sent over the downgraded connection.
        let cleartext = try Self.configuration(user: LocalCluster.cleartextUser, port: attacker.port, sslMode: "prefer")
        let cleartextError = try #require(throws: ClientError.self) { try PostgresConnection.connect(cleartext) }
        #expect(cleartextError.message.contains("in cleartext on a connection without TLS"))
    }

    @Test func plaintextInjectedAfterTheTLSAnswerIsNotTrusted() throws {
        // CVE-2021-23222: a man in the middle answers 'S' and, in the same packet, a forged
        // "authentication OK, ready" in plaintext. The client must read only the 'S' and start TLS.
        let server = try HostileServer(script: { session in
            guard let request = session.socket.receive(exactly: 8), WireBytes.isSSLRequest(request) else {
                throw TestSetupError("expected an SSLRequest")
            }
            session.socket.send([UInt8(ascii: "S")] + WireBytes.trustStartup)
            _ = session.waitForClientToLeave()
        })
        let outcome = HostileClient.run(server, sslMode: "require")
        let error = try #require(outcome.clientError())
        #expect(error.phase == .tls, "\(error)")
        #expect(outcome.connection == nil)
    }

    @Test func verifyFullRefusesAValidCertificateForAnotherHost() throws {
        let pki = try TestPKI.get()
        let interceptor = try TLSInterceptor(targetPort: try TestClusters.tls().port, identity: pki.otherHost)
        defer { interceptor.stop() }
        let config = try Self.configuration(user: LocalCluster.scramUser, port: interceptor.port, host: "localhost", sslMode: "verify-full", ["sslrootcert": pki.ca])
        let error = try #require(throws: ClientError.self) { try PostgresConnection.connect(config) }
        #expect(error.phase == .tls)
        #expect(error.message.contains("does not match host name \"localhost\""), "\(error)")
        #expect(interceptor.chosenMechanisms.isEmpty, "no authentication started")
        // The chain is valid, so verify-ca alone would accept it: only verify-full checks the name.
        var chainOnly = config
        chainOnly.sslMode = .verifyCA
        chainOnly.channelBinding = .disable
        try PostgresConnection.connect(chainOnly).close()
    }

    @Test(arguments: ["verify-ca", "verify-full"])
    func verifyModesRefuseACertificateFromAnUnknownCA(_ sslMode: String) throws {
        let pki = try TestPKI.get()
        let interceptor = try TLSInterceptor(targetPort: try TestClusters.tls().port, identity: pki.untrusted)
        defer { interceptor.stop() }
        let config = try Self.configuration(user: LocalCluster.scramUser, port: interceptor.port, host: "localhost", sslMode: sslMode, ["sslrootcert": pki.ca])
        let error = try #require(throws: ClientError.self) { try PostgresConnection.connect(config) }
        #expect(error.phase == .tls)
        #expect(error.message.contains("certificate verify failed"), "\(error)")
    }

    @Test func channelBindingExposesAnInterceptorTheClientTrusts() throws {
        // The interceptor's certificate is valid for localhost (a compromised or corporate CA): only
        // channel binding can notice, because the server binds to its own certificate, not this one.
        let pki = try TestPKI.get()
        let interceptor = try TLSInterceptor(targetPort: try TestClusters.tls().port, identity: pki.localhost)
        defer { interceptor.stop() }
        let config = try Self.configuration(user: LocalCluster.scramUser, port: interceptor.port, host: "localhost", sslMode: "verify-full", ["sslrootcert": pki.ca])
        let error = try #require(throws: PostgresServerError.self) { try PostgresConnection.connect(config) }
        #expect(error.phase == .authentication)
        #expect(error.message.contains("channel binding"), "\(error)")
        #expect(interceptor.chosenMechanisms == ["SCRAM-SHA-256-PLUS"])
    }

    @Test func removingPlusFromTheMechanismsIsDetected() throws {
        let pki = try TestPKI.get()
        let interceptor = try TLSInterceptor(targetPort: try TestClusters.tls().port, identity: pki.localhost, stripChannelBinding: true)
        defer { interceptor.stop() }
        // channel_binding=prefer: the client says "I could have bound" (gs2 flag y); the server, which
        // offered PLUS, knows the offer was tampered with.
        let preferred = try Self.configuration(user: LocalCluster.scramUser, port: interceptor.port, host: "localhost", sslMode: "verify-full", ["sslrootcert": pki.ca])
        let serverError = try #require(throws: PostgresServerError.self, "interceptor: \(interceptor.diagnostics)") { try PostgresConnection.connect(preferred) }
        #expect(serverError.message.contains("channel binding"), "\(serverError)")
        // channel_binding=require: the client refuses by itself.
        var required = preferred
        required.channelBinding = .require
        let clientError = try #require(throws: ClientError.self) { try PostgresConnection.connect(required) }
        #expect(clientError.phase == .authentication)
        #expect(clientError.message.contains("did not offer SCRAM-SHA-256-PLUS (offered: SCRAM-SHA-256)"), "\(clientError)")
        #expect(interceptor.chosenMechanisms == ["SCRAM-SHA-256"], "the second client never started SCRAM")
    }

    @Test func withoutChannelBindingATrustedInterceptorRelaysTheLogin() throws {
        // The threat model in one test: channel_binding=disable and a certificate the client trusts
        // let a man in the middle through. This is why pgcheck prefers binding by default.
        let pki = try TestPKI.get()
        let interceptor = try TLSInterceptor(targetPort: try TestClusters.tls().port, identity: pki.localhost)
        defer { interceptor.stop() }
        let config = try Self.configuration(
            user: LocalCluster.scramUser, port: interceptor.port, host: "localhost", sslMode: "verify-full",
            ["sslrootcert": pki.ca, "channel_binding": "disable"])
        let connection = try PostgresConnection.connect(config)
        #expect(connection.authenticationMethod == .scramSHA256)
        connection.close()
    }

    /// A method that cannot be bound to the TLS channel, refused under channel_binding=require.
    struct Unbindable: Sendable, CustomTestStringConvertible {
        let user: LocalCluster.User
        let expected: String
        var testDescription: String { user.method }
    }

    @Test(arguments: [
        Unbindable(user: LocalCluster.md5User, expected: "asked for an MD5 password, which cannot bind to the TLS channel"),
        Unbindable(user: LocalCluster.cleartextUser, expected: "asked for a cleartext password, which cannot bind to the TLS channel"),
        Unbindable(user: LocalCluster.trustUser, expected: "authenticated the client without it"),
    ])
    func channelBindingRequiredRefusesMethodsThatCannotBind(_ method: Unbindable) throws {
        let config = try TestClusters.configuration(try TestClusters.tls(), user: method.user, sslMode: "require", ["channel_binding": "require"])
        let error = try #require(throws: ClientError.self) { try PostgresConnection.connect(config) }
        #expect(error.phase == .authentication)
        #expect(error.message.contains(method.expected), "\(error)")
    }

    @Test func cleartextOverPlainTCPIsRefusedUnlessAllowed() throws {
        let cluster = try TestClusters.tls()
        let plain = try TestClusters.configuration(cluster, user: LocalCluster.cleartextUser, sslMode: "disable")
        let error = try #require(throws: ClientError.self) { try PostgresConnection.connect(plain) }
        #expect(error.phase == .authentication)
        #expect(error.message.contains("refusing to send it"))
        #expect(!error.description.contains(try #require(LocalCluster.cleartextUser.password)))
        // A negated require_auth list does not name cleartext, so it does not allow it either.
        let negated = try TestClusters.configuration(cluster, user: LocalCluster.cleartextUser, sslMode: "disable", ["require_auth": "!md5"])
        #expect(throws: ClientError.self) { try PostgresConnection.connect(negated) }
        // Allowed explicitly, over TLS, and over the Unix socket.
        let allowed = try TestClusters.configuration(cluster, user: LocalCluster.cleartextUser, sslMode: "disable", ["require_auth": "password,scram-sha-256"])
        try PostgresConnection.connect(allowed).close()
        try PostgresConnection.connect(try TestClusters.configuration(cluster, user: LocalCluster.cleartextUser, sslMode: "require")).close()
        var socket = plain
        socket.endpoints = [Endpoint(host: cluster.socketDirectory, port: cluster.port)]
        let local = try PostgresConnection.connect(socket)
        #expect(local.authenticationMethod == .cleartextPassword)
        local.close()
    }
}
