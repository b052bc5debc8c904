import Testing
import PGLocal
@testable import PostgresWire

/// Logging in with every method the server offers, and failing clearly.
@Suite struct AuthenticationTests {
    @Test func scramWithoutChannelBinding() throws {
        let config = try TestClusters.configuration(try TestClusters.tls(), user: LocalCluster.scramUser, sslMode: "require", ["channel_binding": "disable"])
        let connection = try PostgresConnection.connect(config)
        defer { connection.close() }
        #expect(connection.authenticationMethod == .scramSHA256)
    }

    @Test func scramPlusWhenChannelBindingIsRequired() throws {
        let config = try TestClusters.configuration(try TestClusters.tls(), user: LocalCluster.scramUser, sslMode: "require", ["channel_binding": "require"])
        let connection = try PostgresConnection.connect(config)
        defer { connection.close() }
        #expect(connection.authenticationMethod == .scramSHA256Plus)
    }

    @Test func channelBindingRequiredRefusesMD5AndPlaintext() throws {
        let cluster = try TestClusters.tls()
        let md5 = try TestClusters.configuration(cluster, user: LocalCluster.md5User, sslMode: "require", ["channel_binding": "require"])
        #expect(throws: ClientError.self) { try PostgresConnection.connect(md5) }
        let plain = try TestClusters.configuration(cluster, user: LocalCluster.scramUser, sslMode: "disable", ["channel_binding": "require"])
        #expect(throws: ClientError.self) { try PostgresConnection.connect(plain) }
    }

    @Test func md5Login() throws {
        let connection = try PostgresConnection.connect(try TestClusters.configuration(try TestClusters.tls(), user: LocalCluster.md5User))
        defer { connection.close() }
        #expect(connection.authenticationMethod == .md5)
    }

    @Test func cleartextLogin() throws {
        let connection = try PostgresConnection.connect(try TestClusters.configuration(try TestClusters.tls(), user: LocalCluster.cleartextUser, sslMode: "require"))
        defer { connection.close() }
        #expect(connection.authenticationMethod == .cleartextPassword)
    }

    @Test func saslPreppedPasswordLogsIn() throws {
        let connection = try PostgresConnection.connect(try TestClusters.configuration(try TestClusters.tls(), user: LocalCluster.unicodeUser))
        defer { connection.close() }
        #expect(connection.authenticationMethod == .scramSHA256)
    }

    @Test func wrongPasswordSurfaces28P01() throws {
        let cluster = try TestClusters.tls()
        for user in [LocalCluster.scramUser, LocalCluster.md5User] {
            var config = try TestClusters.configuration(cluster, user: user)
            config.password = "definitely-wrong"
            let error = try #require(throws: PostgresServerError.self) { try PostgresConnection.connect(config) }
            #expect(error.sqlState == "28P01")
            #expect(error.phase == .authentication)
            #expect(error.message == "password authentication failed for user \"\(user.name)\"")
            #expect(!error.description.contains("definitely-wrong"))
        }
    }

    @Test func unixSocketLogin() throws {
        let cluster = try TestClusters.tls()
        let password = try #require(LocalCluster.scramUser.password)
        let config = try ConnectionConfiguration.parse(
            "host=\(cluster.socketDirectory) port=\(cluster.port) user=\(LocalCluster.scramUser.name) password='\(password)' dbname=postgres",
            environment: TestClusters.environment)
        let connection = try PostgresConnection.connect(config)
        defer { connection.close() }
        #expect(connection.endpoint.isUnixSocket)
        #expect(connection.tls == nil, "libpq never uses TLS over a Unix socket")
    }

    @Test func severalHostsAreTriedInOrder() throws {
        let cluster = try TestClusters.tls()
        let closedPort = 1 // nothing listens on port 1 of loopback
        let config = try ConnectionConfiguration.parse(
            "host=127.0.0.1,127.0.0.1 port=\(closedPort),\(cluster.port) user=\(LocalCluster.trustUser.name) dbname=postgres sslmode=disable",
            environment: TestClusters.environment)
        let connection = try PostgresConnection.connect(config)
        defer { connection.close() }
        #expect(connection.endpoint.port == cluster.port)
    }

    @Test func targetSessionAttrsReadWriteSkipsAReadOnlyServer() throws {
        let cluster = try TestClusters.tls()
        // A session made read-only through its options looks like a read-only server to the check.
        let config = try ConnectionConfiguration.parse(
            "host=127.0.0.1 port=\(cluster.port) user=\(LocalCluster.trustUser.name) dbname=postgres sslmode=disable target_session_attrs=read-write options='-c default_transaction_read_only=on'",
            environment: TestClusters.environment)
        let error = try #require(throws: ClientError.self) { try PostgresConnection.connect(config) }
        #expect(error.message.contains("read-only"))
    }
}
