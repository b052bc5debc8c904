extension Snapshot {
    /// A sequence's definition. Its current value is data, not schema, and is never captured.
    ///
    /// (Named `SequenceDefinition` so it does not shadow Swift's `Sequence` protocol.)
    public struct SequenceDefinition: Codable, Sendable, Equatable {
        /// The sequence's schema, unquoted.
        public var schema: String
        /// The sequence's name, unquoted.
        public var name: String
        /// `AS smallint|integer|bigint`.
        public var dataType: String
        /// `START WITH`.
        public var start: Int64
        /// `INCREMENT BY`.
        public var increment: Int64
        /// `MINVALUE`.
        public var minValue: Int64
        /// `MAXVALUE`.
        public var maxValue: Int64
        /// `CACHE`.
        public var cache: Int64
        /// `CYCLE`.
        public var cycle: Bool
        /// The column that owns it (`OWNED BY`, a serial column, or an identity column).
        public var ownedBy: ColumnReference?
        /// The owning role.
        public var owner: String
        /// Privileges (`aclitem` text, sorted); nil when the sequence has its default privileges.
        public var acl: [String]?
        /// `COMMENT ON SEQUENCE`.
        public var comment: String?

        /// Creates a sequence definition.
        public init(
            schema: String, name: String, dataType: String = "bigint", start: Int64 = 1, increment: Int64 = 1,
            minValue: Int64 = 1, maxValue: Int64 = Int64.max, cache: Int64 = 1, cycle: Bool = false,
            ownedBy: ColumnReference? = nil, owner: String, acl: [String]? = nil, comment: String? = nil
        ) {
            self.schema = schema
            self.name = name
            self.dataType = dataType
            self.start = start
            self.increment = increment
            self.minValue = minValue
            self.maxValue = maxValue
            self.cache = cache
            self.cycle = cycle
            self.ownedBy = ownedBy
            self.owner = owner
            self.acl = acl
            self.comment = comment
        }
    }

    /// A column of a table, by the table's qualified name and the column's bare name.
    public struct ColumnReference: Codable, Sendable, Equatable {
        /// The table's qualified name.
        public var table: String
        /// The column's name, unquoted.
        public var column: String

        /// Creates a column reference.
        public init(table: String, column: String) {
            self.table = table
            self.column = column
        }
    }
}
