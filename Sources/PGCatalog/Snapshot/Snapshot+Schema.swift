extension Snapshot {
    /// A schema (namespace).
    public struct Schema: Codable, Sendable, Equatable {
        /// The schema's name, unquoted.
        public var name: String
        /// The owning role.
        public var owner: String
        /// Privileges (`aclitem` text, sorted); nil when the schema has its default privileges.
        public var acl: [String]?
        /// `COMMENT ON SCHEMA`.
        public var comment: String?

        /// Creates a schema.
        public init(name: String, owner: String, acl: [String]? = nil, comment: String? = nil) {
            self.name = name
            self.owner = owner
            self.acl = acl
            self.comment = comment
        }
    }

    /// An installed extension.
    public struct Extension: Codable, Sendable, Equatable {
        /// The extension's name.
        public var name: String
        /// The installed version (`extversion`).
        public var version: String
        /// The schema its objects were installed into.
        public var schema: String
        /// `COMMENT ON EXTENSION` (usually the control file's comment).
        public var comment: String?

        /// Creates an extension.
        public init(name: String, version: String, schema: String, comment: String? = nil) {
            self.name = name
            self.version = version
            self.schema = schema
            self.comment = comment
        }
    }
}
