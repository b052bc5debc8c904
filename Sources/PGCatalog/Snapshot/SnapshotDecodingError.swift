import PGSupport

/// Why bytes could not be read as a ``Snapshot``. Each description is one line a person can act on.
public enum SnapshotDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There were no bytes (or only whitespace).
    case empty
    /// The bytes are not JSON; the associated text is the parser's explanation.
    case notJSON(String)
    /// The JSON stops before its end, as a partly written or cut-off file does.
    case truncated
    /// Valid JSON, but not a pgcheck snapshot; the associated text says why.
    case notASnapshot(String)
    /// A snapshot in a format version this library does not read.
    case unsupportedFormatVersion(Int)
    /// A snapshot of the right version with a missing or malformed field at `path` (dotted, e.g. `tables.public.t.columns`).
    case invalidContent(path: String, detail: String)

    public var description: String {
        switch self {
        case .empty:
            return "not a pgcheck snapshot: the file is empty"
        case .notJSON(let detail):
            return "not a pgcheck snapshot: the file is not JSON (\(detail))"
        case .truncated:
            return "the snapshot is truncated: the JSON ends before it is complete; capture it again"
        case .notASnapshot(let reason):
            return "not a pgcheck snapshot: \(reason)"
        case .unsupportedFormatVersion(let version):
            return "unsupported snapshot formatVersion \(version): this pgcheck reads formatVersion \(Snapshot.currentFormatVersion)"
        case .invalidContent(let path, let detail):
            return "invalid snapshot: \(path.isEmpty ? "at the top level" : "at \(path)"): \(detail)"
        }
    }

    /// Describes a decoding failure inside a snapshot whose format version was right.
    init(invalidContent error: DecodingError) {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            self = .invalidContent(path: path(context), detail: "missing field \"\(key.stringValue)\"")
        case .valueNotFound(let type, let context):
            self = .invalidContent(path: path(context), detail: "null where a \(type) is required")
        case .typeMismatch(let type, let context):
            self = .invalidContent(path: path(context), detail: "expected a \(type)")
        case .dataCorrupted(let context):
            self = .invalidContent(path: path(context), detail: context.debugDescription)
        @unknown default:
            self = .invalidContent(path: "", detail: String(describing: error))
        }
    }
}

extension SnapshotDecodingError: ClassifiedError {
    /// A snapshot file that cannot be read is bad input.
    public var failureKind: FailureKind { .badInput }
}
