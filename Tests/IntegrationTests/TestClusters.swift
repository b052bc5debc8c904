import Foundation
import PGLocal
import PostgresWire

/// Throwaway clusters shared by the integration tests: started once per test process, stopped at exit.
enum TestClusters {
    private static let tlsResult = Result { try LocalCluster.start(LocalClusterOptions(tls: true)) }
    private static let plainResult = Result { try LocalCluster.start(LocalClusterOptions(tls: false)) }

    /// A cluster with `ssl=on`, certificates for localhost/127.0.0.1/::1 and the test users.
    static func tls() throws -> LocalCluster { try tlsResult.get() }
    /// A cluster with `ssl=off`.
    static func plain() throws -> LocalCluster { try plainResult.get() }

    /// The environment the tests connect with: nothing from the developer's shell leaks in.
    static let environment: [String: String] = ["HOME": NSTemporaryDirectory()]

    /// A configuration for `user` on `cluster` over TCP, with extra URI query parameters.
    static func configuration(
        _ cluster: LocalCluster, user: LocalCluster.User, sslMode: String = "disable", _ parameters: [String: String] = [:]
    ) throws -> ConnectionConfiguration {
        try ConnectionConfiguration.parse(cluster.url(user: user, sslMode: sslMode, parameters: parameters), environment: environment)
    }

    /// Connects as the trust user over TCP without TLS: the quickest session for query tests.
    static func connect(sslMode: String = "disable", options: SessionOptions = SessionOptions()) throws -> PostgresConnection {
        try PostgresConnection.connect(try configuration(try tls(), user: LocalCluster.trustUser, sslMode: sslMode), options: options)
    }
}
