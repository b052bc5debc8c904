import Foundation
import Testing
@testable import PostgresWire

/// Test support: what the hostile-server tests have in common — the client's side of a connection to
/// a ``HostileServer``, with the error, how long it took, and the process's memory around it.
enum HostileClient {
    /// The outcome of one attempt.
    struct Outcome {
        /// What the client threw, if anything.
        let error: (any Error)?
        /// How long connecting (and querying) took.
        let elapsed: Duration
        /// The connection, when it got that far (for checking it was closed).
        let connection: PostgresConnection?

        /// The error as a ``ClientError``, recording an issue when it is something else.
        func clientError(sourceLocation: SourceLocation = #_sourceLocation) -> ClientError? {
            guard let error else {
                Issue.record("the client accepted what the hostile server sent", sourceLocation: sourceLocation)
                return nil
            }
            guard let clientError = error as? ClientError else {
                Issue.record("expected a ClientError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
                return nil
            }
            return clientError
        }
    }

    /// Connects to `server` and, if `query` is given, runs it with the simple protocol.
    static func run(
        _ server: HostileServer, sslMode: String = "disable", parameters: [String: String] = [:],
        options: SessionOptions = SessionOptions(), query: String? = nil
    ) -> Outcome {
        let started = ContinuousClock.now
        var connection: PostgresConnection?
        do {
            let configuration = try ConnectionConfiguration.parse(server.url(sslMode: sslMode, parameters), environment: TestClusters.environment)
            connection = try PostgresConnection.connect(configuration, options: options)
            if let query { _ = try connection?.simpleQuery(query) }
            return Outcome(error: nil, elapsed: ContinuousClock.now - started, connection: connection)
        } catch {
            return Outcome(error: error, elapsed: ContinuousClock.now - started, connection: connection)
        }
    }
}
