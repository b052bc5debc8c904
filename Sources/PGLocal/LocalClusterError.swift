import PGSupport

/// Why a throwaway local cluster could not be found, set up, started or queried.
///
/// Every ``description`` is a single line that says what to do next and never contains a password.
public enum LocalClusterError: Error, CustomStringConvertible, Sendable, Equatable {
    /// initdb, pg_ctl and postgres are not installed where we look; the text says how to install them.
    case serverNotInstalled(String)
    /// A helper program (initdb, psql, openssl, runuser) exited unsuccessfully or could not be launched.
    case commandFailed(command: String, status: Int32, output: String)
    /// The postmaster did not come up; the text quotes the end of its log.
    case serverDidNotStart(String)
    /// We run as root, but there is no unprivileged OS user to run the server as.
    case noUnprivilegedUser(String)
    /// A file or folder under the cluster's root folder could not be created or changed.
    case fileSystem(String)
    /// The cluster was already stopped with ``LocalCluster/stop()``.
    case stopped(String)

    /// One line that says what went wrong and, where possible, how to fix it.
    public var description: String {
        switch self {
        case .serverNotInstalled(let message),
            .serverDidNotStart(let message),
            .noUnprivilegedUser(let message),
            .fileSystem(let message),
            .stopped(let message):
            return message
        case .commandFailed(let command, let status, let output):
            let details = Self.oneLine(output)
            return "\(command) failed with exit status \(status)" + (details.isEmpty ? "" : ": \(details)")
        }
    }

    /// Joins the non-empty lines of a program's output with " | " so the error stays one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " | ")
    }
}

extension LocalClusterError: ClassifiedError {
    /// A throwaway cluster that cannot be set up is a problem of this machine's setup (the text says what
    /// to install or fix): bad input, as a missing file would be.
    public var failureKind: FailureKind { .badInput }
}
