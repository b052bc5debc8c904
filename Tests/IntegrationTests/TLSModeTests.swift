import Testing
import PGLocal
@testable import PostgresWire

/// Every sslmode against a TLS and a non-TLS server, with libpq's outcome.
@Suite struct TLSModeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let sslMode: String
        let serverHasTLS: Bool
        /// nil: the connection must fail; otherwise whether it ends up encrypted.
        let encrypted: Bool?
        var testDescription: String { "sslmode=\(sslMode) against a \(serverHasTLS ? "TLS" : "plaintext") server" }
    }

    static let cases: [Case] = [
        Case(sslMode: "disable", serverHasTLS: true, encrypted: false),
        Case(sslMode: "allow", serverHasTLS: true, encrypted: false),
        Case(sslMode: "prefer", serverHasTLS: true, encrypted: true),
        Case(sslMode: "require", serverHasTLS: true, encrypted: true),
        Case(sslMode: "verify-ca", serverHasTLS: true, encrypted: true),
        Case(sslMode: "verify-full", serverHasTLS: true, encrypted: true),
        Case(sslMode: "disable", serverHasTLS: false, encrypted: false),
        Case(sslMode: "allow", serverHasTLS: false, encrypted: false),
        Case(sslMode: "prefer", serverHasTLS: false, encrypted: false),
        Case(sslMode: "require", serverHasTLS: false, encrypted: nil),
        Case(sslMode: "verify-ca", serverHasTLS: false, encrypted: nil),
        Case(sslMode: "verify-full", serverHasTLS: false, encrypted: nil),
    ]

    @Test(arguments: cases)
    func sslModeOutcome(_ testCase: Case) throws {
        let cluster = try testCase.serverHasTLS ? TestClusters.tls() : TestClusters.plain()
        let caFile = try TestClusters.tls().caCertificatePath
        let config = try TestClusters.configuration(cluster, user: LocalCluster.scramUser, sslMode: testCase.sslMode, ["sslrootcert": caFile])
        guard let encrypted = testCase.encrypted else {
            do {
                let connection = try PostgresConnection.connect(config)
                connection.close()
                Issue.record("sslmode=\(testCase.sslMode) must not fall back to plaintext")
            } catch let error as ClientError {
                #expect(error.phase == .tls)
                #expect(error.message.contains("does not support TLS"))
            }
            return
        }
        let connection = try PostgresConnection.connect(config)
        defer { connection.close() }
        #expect((connection.tls != nil) == encrypted)
        if let tls = connection.tls { #expect(["TLSv1.2", "TLSv1.3"].contains(tls.protocolVersion)) }
        let ssl = try connection.simpleQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        #expect(ssl.first?.rows.first?.text(at: 0) == (encrypted ? "t" : "f"), "the server agrees on encryption")
    }

    @Test(arguments: ["localhost", "127.0.0.1"])
    func verifyFullAcceptsEveryNameInTheCertificate(_ host: String) throws {
        try Self.expectVerifyFullConnects(to: host, cluster: try TestClusters.tls())
    }

    @Test(.enabled(if: LocalCluster.machineHasIPv6Loopback, "this machine has no IPv6 loopback (::1) to connect to"))
    func verifyFullAcceptsTheIPv6LoopbackInTheCertificate() throws {
        let cluster = try TestClusters.tls()
        try #require(cluster.hasIPv6, "the machine has ::1, so the cluster listens on it")
        try Self.expectVerifyFullConnects(to: "::1", cluster: cluster)
    }

    /// Connects with verify-full to `host`, which the cluster's server certificate names.
    static func expectVerifyFullConnects(to host: String, cluster: LocalCluster) throws {
        var config = try TestClusters.configuration(cluster, user: LocalCluster.scramUser, sslMode: "verify-full", ["sslrootcert": cluster.caCertificatePath])
        config.endpoints = [Endpoint(host: host, hostaddr: nil, port: cluster.port)]
        let connection = try PostgresConnection.connect(config)
        #expect(connection.tls != nil, "verify-full to \(host)")
        connection.close()
    }

    @Test func verifyFullRefusesAWrongHostName() throws {
        let cluster = try TestClusters.tls()
        var config = try TestClusters.configuration(cluster, user: LocalCluster.scramUser, sslMode: "verify-full", ["sslrootcert": cluster.caCertificatePath])
        config.endpoints = [Endpoint(host: "wrong.example", hostaddr: "127.0.0.1", port: cluster.port)]
        let error = try #require(throws: ClientError.self) { try PostgresConnection.connect(config) }
        #expect(error.phase == .tls)
        #expect(error.message.contains("does not match host name \"wrong.example\""))
        // verify-ca checks only the chain: the same connection succeeds.
        config.sslMode = .verifyCA
        try PostgresConnection.connect(config).close()
    }

    @Test func verifyModesRefuseAnotherCA() throws {
        let cluster = try TestClusters.tls()
        for mode in ["verify-ca", "verify-full"] {
            let config = try TestClusters.configuration(cluster, user: LocalCluster.scramUser, sslMode: mode, ["sslrootcert": cluster.otherCACertificatePath])
            let error = try #require(throws: ClientError.self) { try PostgresConnection.connect(config) }
            #expect(error.phase == .tls)
            #expect(error.message.contains("certificate verify failed"))
        }
    }

    @Test func verifyModesNeedARootCertificate() throws {
        let cluster = try TestClusters.tls()
        let config = try TestClusters.configuration(cluster, user: LocalCluster.scramUser, sslMode: "verify-ca", ["sslrootcert": "/nonexistent/root.crt"])
        let error = try #require(throws: ClientError.self) { try PostgresConnection.connect(config) }
        #expect(error.phase == .tls)
        #expect(error.message.contains("/nonexistent/root.crt"))
    }

    @Test func allowRetriesWithTLSForAHostsslOnlyUser() throws {
        let cluster = try TestClusters.tls()
        let config = try TestClusters.configuration(cluster, user: LocalCluster.sslOnlyUser, sslMode: "allow")
        let connection = try PostgresConnection.connect(config)
        defer { connection.close() }
        #expect(connection.tls != nil)
        let disabled = try TestClusters.configuration(cluster, user: LocalCluster.sslOnlyUser, sslMode: "disable")
        #expect(throws: PostgresServerError.self) { try PostgresConnection.connect(disabled) }
    }

    @Test func preferFallsBackToPlaintextForAHostnosslOnlyUser() throws {
        let cluster = try TestClusters.tls()
        let config = try TestClusters.configuration(cluster, user: LocalCluster.noSSLUser, sslMode: "prefer")
        let connection = try PostgresConnection.connect(config)
        defer { connection.close() }
        #expect(connection.tls == nil)
        let required = try TestClusters.configuration(cluster, user: LocalCluster.noSSLUser, sslMode: "require")
        #expect(throws: PostgresServerError.self) { try PostgresConnection.connect(required) }
    }

    @Test func clientCertificateAuthentication() throws {
        let cluster = try TestClusters.tls()
        let config = try TestClusters.configuration(cluster, user: LocalCluster.certUser, sslMode: "verify-full", [
            "sslrootcert": cluster.caCertificatePath, "sslcert": cluster.clientCertificatePath, "sslkey": cluster.clientKeyPath,
        ])
        let connection = try PostgresConnection.connect(config)
        defer { connection.close() }
        let user = try connection.simpleQuery("SELECT current_user")
        #expect(user.first?.rows.first?.text(at: 0) == LocalCluster.certUser.name)
    }
}
