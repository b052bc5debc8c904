import ArgumentParser
import PGCheck
import PostgresWire

/// pgcheck's documented exit statuses.
enum ExitStatus {
    /// Everything held.
    static let success: Int32 = 0
    /// A check, expectation or comparison failed.
    static let checkFailed: Int32 = 1
    /// Bad input: arguments, files, configuration.
    static let badInput: Int32 = 2
    /// Could not connect: resolve, connect, TLS, authentication, startup.
    static let connectionFailed: Int32 = 3
    /// The server reported an error while running a query.
    static let serverError: Int32 = 4

    /// The status for an error thrown by the libraries, by the same classification the runbook uses.
    static func forError(_ error: any Error) -> Int32 {
        forFailure(RunbookFailure.classify(error))
    }

    /// The status for a kind of failure.
    static func forFailure(_ failure: RunbookFailure?) -> Int32 {
        switch failure {
        case .checkFailed: checkFailed
        case .badInput, .none: badInput
        case .connection: connectionFailed
        case .server: serverError
        }
    }
}

/// Prints an error as one line on stderr and exits with its status.
func fail(_ error: any Error) -> ExitCode {
    let line: String
    switch error {
    case let error as ClientError:
        line = "pgcheck: \(error.phase.rawValue): \(error.message)"
    case let error as PostgresServerError:
        line = "pgcheck: \(error.phase.rawValue): \(error.description.replacingOccurrences(of: "\n", with: " "))"
    default:
        line = "pgcheck: \(error)"
    }
    printError(line)
    return ExitCode(ExitStatus.forError(error))
}
