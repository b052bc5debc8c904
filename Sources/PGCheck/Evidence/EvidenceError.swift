import PGSupport

/// What can go wrong writing or checking an evidence folder.
public enum EvidenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file system refused a read or write.
    case io(String)
    /// An artefact would have contained a secret (a password); nothing was written.
    case secretInArtefact(String)
    /// The folder or its chain file is not usable.
    case badFolder(String)

    public var description: String {
        switch self {
        case .io(let message), .badFolder(let message): message
        case .secretInArtefact(let name): "refusing to write \(name): it contains a password; evidence must never hold secrets"
        }
    }
}

extension EvidenceError: ClassifiedError {
    /// An evidence folder that cannot be written or read, or an artefact that would leak a secret, is
    /// for the operator to fix: bad input.
    public var failureKind: FailureKind { .badInput }
}
