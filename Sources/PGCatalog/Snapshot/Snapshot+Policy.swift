extension Snapshot {
    /// A row-level security policy on a table.
    public struct Policy: Codable, Sendable, Equatable {
        /// The command it applies to.
        public var command: PolicyCommand
        /// `AS PERMISSIVE` (true) or `AS RESTRICTIVE`.
        public var permissive: Bool
        /// The roles it applies to, sorted (`public` for everyone).
        public var roles: [String]
        /// The `USING` expression.
        public var using: String?
        /// The `WITH CHECK` expression.
        public var withCheck: String?
        /// `COMMENT ON POLICY`.
        public var comment: String?

        /// Creates a policy.
        public init(command: PolicyCommand = .all, permissive: Bool = true, roles: [String] = ["public"], using: String? = nil, withCheck: String? = nil, comment: String? = nil) {
            self.command = command
            self.permissive = permissive
            self.roles = roles
            self.using = using
            self.withCheck = withCheck
            self.comment = comment
        }
    }

    /// The command a policy covers (`polcmd`).
    public enum PolicyCommand: String, Codable, Sendable, Equatable {
        /// `FOR ALL` (`*`).
        case all
        /// `FOR SELECT` (`r`).
        case select
        /// `FOR INSERT` (`a`).
        case insert
        /// `FOR UPDATE` (`w`).
        case update
        /// `FOR DELETE` (`d`).
        case delete
    }
}
