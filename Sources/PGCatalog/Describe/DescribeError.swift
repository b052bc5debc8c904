import PGSupport

/// Why a relation could not be described. The messages are psql's own where psql has one.
public enum DescribeError: Error, Equatable, CustomStringConvertible {
    /// Nothing matched the name (psql: `Did not find any relation named "x".`).
    case relationNotFound(String)
    /// More than `database.schema.name`.
    case tooManyDottedNames(String)
    /// A `database.schema.name` naming another database.
    case crossDatabaseReference(String)
    /// The server is older than PostgreSQL 12, whose catalogs this describer does not read.
    case unsupportedServer(Int)
    /// A catalog answer did not have the expected shape (the relation was probably dropped meanwhile).
    case unexpectedCatalog(String)

    /// One line a person can act on.
    public var description: String {
        switch self {
        case .relationNotFound(let pattern):
            "Did not find any relation named \"\(pattern)\"."
        case .tooManyDottedNames(let pattern):
            "improper qualified name (too many dotted names): \(pattern)"
        case .crossDatabaseReference(let pattern):
            "cross-database references are not implemented: \(pattern)"
        case .unsupportedServer(let version):
            "describe needs PostgreSQL 12 or later; the server is version \(version / 10000)"
        case .unexpectedCatalog(let detail):
            "unexpected catalog contents: \(detail)"
        }
    }
}

extension DescribeError: ClassifiedError {
    /// A name that matches nothing (or cannot be a name) and a server too old are bad input; catalog
    /// rows that do not have the shape psql's queries expect are the server's.
    public var failureKind: FailureKind {
        switch self {
        case .relationNotFound, .tooManyDottedNames, .crossDatabaseReference, .unsupportedServer: .badInput
        case .unexpectedCatalog: .server
        }
    }
}
