import PGSupport

/// Why a fingerprint could not be taken or compared.
public enum FingerprintError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The table, a column or the ordering is wrong, or no ordering key can be found (exit status 2).
    case invalidRequest(String)
    /// A fingerprint file cannot be read or is not one this version understands (exit status 2).
    case invalidFile(path: String, problem: String)
    /// Two fingerprints were taken in ways that make them incomparable (exit status 2).
    case incomparable(String)

    public var description: String {
        switch self {
        case .invalidRequest(let problem): return problem
        case .invalidFile(let path, let problem): return "\(path): \(problem)"
        case .incomparable(let problem): return "the fingerprints cannot be compared: \(problem)"
        }
    }
}

extension FingerprintError: ClassifiedError {
    /// What was asked, the files given, or two fingerprints that cannot be compared: bad input.
    public var failureKind: FailureKind { .badInput }
}
