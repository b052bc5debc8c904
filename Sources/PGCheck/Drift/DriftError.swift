import PGSupport

/// What can go wrong before a drift comparison can be made.
public enum DriftError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A snapshot file is not JSON, or a value is not what drizzle-kit writes there.
    case malformedSnapshot(file: String, path: String, message: String)
    /// A snapshot's `version` or `dialect` is not one drizzle-kit writes for PostgreSQL.
    case unsupportedSnapshot(file: String, path: String, message: String)
    /// The snapshot a comparison needs does not exist or cannot be read.
    case missingSnapshot(file: String, message: String)
    /// The request cannot be answered (an unknown `--at` tag, nothing applied yet, a pgcheck snapshot that cannot be read).
    case badRequest(String)

    public var description: String {
        switch self {
        case .malformedSnapshot(let file, let path, let message), .unsupportedSnapshot(let file, let path, let message):
            "\(file): at \(path): \(message)"
        case .missingSnapshot(let file, let message): "\(file): \(message)"
        case .badRequest(let message): message
        }
    }
}

extension DriftError: ClassifiedError {
    /// Every one of them is bad input: a file or a request to fix, never the server's fault.
    public var failureKind: FailureKind { .badInput }
}
