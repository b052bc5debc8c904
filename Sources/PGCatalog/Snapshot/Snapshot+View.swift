extension Snapshot {
    /// A view or a materialized view. (Whether a materialized view is populated is data and is left out.)
    public struct View: Codable, Sendable, Equatable {
        /// The view's schema, unquoted.
        public var schema: String
        /// The view's name, unquoted.
        public var name: String
        /// The query as `pg_get_viewdef(oid, true)` prints it.
        public var definition: String
        /// The output columns by name, with their types.
        public var columns: [String: Column]
        /// Options (`reloptions`, e.g. `check_option=cascaded`, `security_barrier=true`), sorted.
        public var options: [String]?
        /// The table access method of a materialized view.
        public var accessMethod: String?
        /// The tablespace of a materialized view, only when not the database's default.
        public var tablespace: String?
        /// The owning role.
        public var owner: String
        /// Privileges (`aclitem` text, sorted); nil when it has its default privileges.
        public var acl: [String]?
        /// `COMMENT ON VIEW` / `COMMENT ON MATERIALIZED VIEW`.
        public var comment: String?

        /// Creates a view.
        public init(
            schema: String, name: String, definition: String, columns: [String: Column] = [:], options: [String]? = nil,
            accessMethod: String? = nil, tablespace: String? = nil, owner: String, acl: [String]? = nil, comment: String? = nil
        ) {
            self.schema = schema
            self.name = name
            self.definition = definition
            self.columns = columns
            self.options = options
            self.accessMethod = accessMethod
            self.tablespace = tablespace
            self.owner = owner
            self.acl = acl
            self.comment = comment
        }
    }
}
