import PGSupport

/// pgcheck's documented exit statuses (README, "Exit status"), and the one mapping from kinds of
/// failure to them: every command and every runbook step exits through ``of(_:)``.
enum ExitStatus {
    /// Everything held.
    static let success: Int32 = 0

    /// The status for a kind of failure.
    static func of(_ kind: FailureKind) -> Int32 {
        switch kind {
        case .checkFailed: 1
        case .badInput: 2
        case .connection: 3
        case .server: 4
        }
    }
}

/// A failure a command has already reported in its own output (a failed check's report, a halted
/// runbook's step lines): pgcheck exits with the status of its kind and prints nothing more.
struct ReportedFailure: ClassifiedError {
    let failureKind: FailureKind

    init(_ kind: FailureKind) { failureKind = kind }

    /// A check, expectation or comparison did not hold; the report said which.
    static let checkFailed = ReportedFailure(.checkFailed)
}

/// Bad input the command line finds itself (arguments that do not fit together), as one line.
struct CommandLineError: ClassifiedError, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }

    var failureKind: FailureKind { .badInput }
}
