import PGCatalog
import PGSupport
import PostgresWire

/// How an error that ends a command is shown: one line on stderr naming the phase where there is one,
/// never a password, and the exit status of its kind (``ExitStatus/of(_:)``).
enum ErrorReport {
    /// Prints `error`'s line (nothing for a ``ReportedFailure``) and returns its exit status.
    static func report(_ error: any Error) -> Int32 {
        if let line = line(for: error) { printError(line) }
        return ExitStatus.of(FailureKind.of(error))
    }

    /// The line for `error`, or nil when it was reported already.
    static func line(for error: any Error) -> String? {
        switch error {
        case is ReportedFailure:
            return nil
        case let error as ClientError:
            return "pgcheck: \(error.phase.rawValue): \(error.message)"
        case let error as PostgresServerError:
            return "pgcheck: \(error.phase.rawValue): \(error.description.replacingOccurrences(of: "\n", with: " "))"
        case let error as DescribeError where error.isPsqlMessage:
            // psql's own words for a name it cannot resolve, so scripts that read psql's stderr read ours.
            return error.description
        default:
            return "pgcheck: \(error)"
        }
    }
}

extension DescribeError {
    /// Whether the description is the message psql itself prints for this case.
    fileprivate var isPsqlMessage: Bool {
        switch self {
        case .relationNotFound, .tooManyDottedNames, .crossDatabaseReference: true
        case .unsupportedServer, .unexpectedCatalog: false
        }
    }
}
