import PGSupport

/// The phase of connecting or talking to a server in which something went wrong.
///
/// Every failure pgcheck reports names its phase, so a person knows where to look:
/// a `resolve` failure is DNS, a `tls` failure is certificates or `sslmode`, and so on.
public enum ConnectionPhase: String, Sendable, Codable, CaseIterable {
    /// Reading the connection string, the environment or the password file.
    case configuration
    /// Turning a host name into addresses.
    case resolve
    /// Opening the TCP or Unix-domain socket.
    case connect
    /// Negotiating TLS and verifying the server's certificate.
    case tls
    /// Proving who we are (password, MD5, SCRAM) and checking the server's proof.
    case authentication
    /// The rest of the startup exchange (parameters, backend key, session attributes).
    case startup
    /// Running a query after the connection was established.
    case query
    /// Reading or writing bytes on an established connection.
    case io
    /// The server sent bytes that do not follow the protocol.
    case protocolViolation = "protocol"
}

/// An error raised by the client itself (as opposed to an `ErrorResponse` sent by the server).
///
/// The ``description`` is one line a person can act on; it never contains a password.
public struct ClientError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Where it happened.
    public var phase: ConnectionPhase
    /// What happened, in words a person can act on.
    public var message: String

    /// Creates an error for `phase` with a human-readable `message`.
    public init(_ phase: ConnectionPhase, _ message: String) {
        self.phase = phase
        self.message = message
    }

    public var description: String { "\(phase.rawValue): \(message)" }
}

extension ClientError: ClassifiedError {
    /// A configuration problem is bad input; a failure after the connection was established, while a
    /// query ran, is the server's; everything else is a failure to connect (or to stay connected).
    public var failureKind: FailureKind {
        switch phase {
        case .configuration: .badInput
        case .query: .server
        case .resolve, .connect, .tls, .authentication, .startup, .io, .protocolViolation: .connection
        }
    }
}
