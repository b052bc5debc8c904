#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PGSupport

/// A failure writing results: the output file or stream, or the temporary spool behind aligned output.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed, with the path and the system's reason.
    public let message: String

    /// Creates an error with a message a person can act on.
    public init(_ message: String) { self.message = message }

    /// An error for a failed system call: `what` followed by `strerror(errno)`.
    static func system(_ what: String, errno code: Int32 = errno) -> OutputError {
        OutputError("\(what): \(String(cString: strerror(code)))")
    }

    public var description: String { message }
}

extension OutputError: ClassifiedError {
    /// An output file or stream that cannot be written is for the user to fix: bad input.
    public var failureKind: FailureKind { .badInput }
}
