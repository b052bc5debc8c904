/// A captured snapshot and the warnings about what was asked for but is not there.
///
/// Warnings stay out of the ``Snapshot`` itself so that its bytes depend on the schema alone.
public struct SnapshotResult: Sendable {
    /// The snapshot.
    public var snapshot: Snapshot
    /// Schemas asked for by name that do not exist, in a stable order; empty when everything asked for was captured.
    public var warnings: [SnapshotWarning]

    /// Creates a result.
    public init(snapshot: Snapshot, warnings: [SnapshotWarning] = []) {
        self.snapshot = snapshot
        self.warnings = warnings
    }
}

/// Something asked for that the snapshot could not capture.
public struct SnapshotWarning: Sendable, Equatable, CustomStringConvertible {
    /// Why it was left out.
    public enum Reason: String, Sendable, Equatable {
        /// A schema asked for by name does not exist.
        case schemaNotFound
    }

    /// Why.
    public var reason: Reason
    /// The object concerned (a schema name).
    public var object: String
    /// One line a person can act on.
    public var message: String

    /// Creates a warning.
    public init(reason: Reason, object: String, message: String) {
        self.reason = reason
        self.object = object
        self.message = message
    }

    public var description: String { message }
}
