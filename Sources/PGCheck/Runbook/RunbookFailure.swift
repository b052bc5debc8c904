import PostgresWire

/// The kind of failure behind pgcheck's exit statuses 1–4: why a runbook step failed, and the one
/// classification of library errors the command line uses for every command.
public enum RunbookFailure: Sendable, Equatable {
    /// An expectation, the migration history or a smoke check did not hold (exit 1).
    case checkFailed
    /// Bad input: files, names, options (exit 2).
    case badInput
    /// Could not connect (exit 3).
    case connection
    /// The server reported an error, or the apply failed (exit 4).
    case server

    /// Classifies an error thrown by the libraries (unknown errors count as bad input).
    public static func classify(_ error: any Error) -> RunbookFailure {
        switch error {
        case let error as ClientError:
            switch error.phase {
            case .configuration: return .badInput
            case .query: return .server
            default: return .connection
            }
        case let error as PostgresServerError:
            return error.phase == .query ? .server : .connection
        case is DrizzleError:
            if case .statementFailed = error as? DrizzleError { return .server }
            return .badInput
        default:
            return .badInput
        }
    }
}
