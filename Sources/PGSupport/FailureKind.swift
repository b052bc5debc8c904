/// What kind of failure an error is: the one taxonomy behind pgcheck's exit statuses 1–4.
///
/// Every domain error says which kind it is (``ClassifiedError``); the command line turns kinds into
/// exit statuses in one place, so the same failure exits the same way from every command and from
/// every runbook step.
public enum FailureKind: Sendable, Equatable, CaseIterable {
    /// An expectation, a comparison, the migration history or a smoke check did not hold (exit 1).
    case checkFailed
    /// Bad input: arguments, files, names, options, a connection string (exit 2).
    case badInput
    /// Could not connect: resolve, connect, TLS, authentication, startup (exit 3).
    case connection
    /// The server reported an error while running a query, or the work it was doing failed (exit 4).
    case server

    /// The kind of `error`: what it says of itself, and bad input for an error that says nothing
    /// (a file that cannot be read, a document that cannot be decoded).
    public static func of(_ error: any Error) -> FailureKind {
        (error as? any ClassifiedError)?.failureKind ?? .badInput
    }
}

/// An error that says what kind of failure it is.
public protocol ClassifiedError: Error {
    /// The kind of failure, which decides the exit status.
    var failureKind: FailureKind { get }
}
