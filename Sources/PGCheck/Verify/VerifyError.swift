import PGSupport

/// Why `verify` (or `diff`) could not judge anything: bad input, exit status 2. Each prints as one line.
public enum VerifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A command-line value that does not parse (a `--column` spec, a name).
    case invalidArgument(String)
    /// The expectations file cannot be read or does not follow the format; `line` and `column` point at the problem.
    case invalidExpectationsFile(path: String, line: Int?, column: Int?, problem: String)
    /// A snapshot file that cannot be read or is not a snapshot this pgcheck reads.
    case invalidSnapshotFile(path: String, problem: String)
    /// Nothing to check, or options that contradict each other.
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .invalidArgument(let problem), .invalidRequest(let problem):
            return problem
        case .invalidExpectationsFile(let path, let line, let column, let problem):
            let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(path)\(place): \(problem)"
        case .invalidSnapshotFile(let path, let problem):
            return "\(path): \(problem)"
        }
    }
}

extension VerifyError: ClassifiedError {
    /// Every verify error is about what was asked or the files given: bad input.
    public var failureKind: FailureKind { .badInput }
}
