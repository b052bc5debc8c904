extension Snapshot {
    /// A user-defined trigger on a table or view.
    public struct Trigger: Codable, Sendable, Equatable {
        /// The qualified name of the table or view it fires on.
        public var table: String
        /// The trigger's name, unquoted.
        public var name: String
        /// The `CREATE TRIGGER` text from `pg_get_triggerdef`.
        public var definition: String
        /// When it fires, given `session_replication_role` (`tgenabled`).
        public var enabled: TriggerEnabled
        /// `COMMENT ON TRIGGER`.
        public var comment: String?

        /// Creates a trigger.
        public init(table: String, name: String, definition: String, enabled: TriggerEnabled = .origin, comment: String? = nil) {
            self.table = table
            self.name = name
            self.definition = definition
            self.enabled = enabled
            self.comment = comment
        }
    }

    /// A trigger's firing state (`tgenabled`).
    public enum TriggerEnabled: String, Codable, Sendable, Equatable {
        /// Enabled, fires in `origin` and `local` modes (`O`, the default).
        case origin
        /// `DISABLE TRIGGER` (`D`).
        case disabled
        /// `ENABLE REPLICA TRIGGER` (`R`): fires only in `replica` mode.
        case replica
        /// `ENABLE ALWAYS TRIGGER` (`A`).
        case always
    }
}
