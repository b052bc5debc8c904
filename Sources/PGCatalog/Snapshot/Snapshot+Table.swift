extension Snapshot {
    /// An ordinary or partitioned table, with the objects that live inside it.
    public struct Table: Codable, Sendable, Equatable {
        /// The table's schema, unquoted.
        public var schema: String
        /// The table's name, unquoted.
        public var name: String
        /// Ordinary or partitioned.
        public var kind: TableKind
        /// Logged or unlogged.
        public var persistence: Persistence
        /// For a partitioned table: how its rows are split among partitions.
        public var partitioning: Partitioning?
        /// For a partition: its parent and bound.
        public var partitionOf: PartitionMembership?
        /// Parents by classic (non-partition) inheritance, qualified, in `INHERITS` order.
        public var inherits: [String]?
        /// `ALTER TABLE ... ENABLE ROW LEVEL SECURITY`.
        public var rowSecurityEnabled: Bool
        /// `ALTER TABLE ... FORCE ROW LEVEL SECURITY` (policies apply to the owner too).
        public var rowSecurityForced: Bool
        /// Storage parameters (`reloptions`, e.g. `fillfactor=70`), sorted.
        public var options: [String]?
        /// The table access method (`heap`); absent for partitioned tables that have none.
        public var accessMethod: String?
        /// The tablespace, only when not the database's default.
        public var tablespace: String?
        /// The owning role.
        public var owner: String
        /// Privileges (`aclitem` text, sorted); nil when the table has its default privileges.
        public var acl: [String]?
        /// `COMMENT ON TABLE`.
        public var comment: String?
        /// Live columns by name.
        public var columns: [String: Column]
        /// Constraints by name (primary key, unique, foreign key, check, exclusion, constraint triggers).
        public var constraints: [String: Constraint]
        /// Row-level security policies by name.
        public var policies: [String: Policy]

        /// Creates a table.
        public init(
            schema: String, name: String, kind: TableKind = .table, persistence: Persistence = .permanent,
            partitioning: Partitioning? = nil, partitionOf: PartitionMembership? = nil, inherits: [String]? = nil,
            rowSecurityEnabled: Bool = false, rowSecurityForced: Bool = false, options: [String]? = nil,
            accessMethod: String? = nil, tablespace: String? = nil, owner: String, acl: [String]? = nil,
            comment: String? = nil, columns: [String: Column] = [:], constraints: [String: Constraint] = [:],
            policies: [String: Policy] = [:]
        ) {
            self.schema = schema
            self.name = name
            self.kind = kind
            self.persistence = persistence
            self.partitioning = partitioning
            self.partitionOf = partitionOf
            self.inherits = inherits
            self.rowSecurityEnabled = rowSecurityEnabled
            self.rowSecurityForced = rowSecurityForced
            self.options = options
            self.accessMethod = accessMethod
            self.tablespace = tablespace
            self.owner = owner
            self.acl = acl
            self.comment = comment
            self.columns = columns
            self.constraints = constraints
            self.policies = policies
        }
    }

    /// What kind of table (`relkind`).
    public enum TableKind: String, Codable, Sendable, Equatable {
        /// An ordinary table (`r`).
        case table
        /// A partitioned table (`p`): holds no rows itself.
        case partitionedTable
    }

    /// Whether changes are WAL-logged (`relpersistence`).
    public enum Persistence: String, Codable, Sendable, Equatable {
        /// Logged (`p`).
        case permanent
        /// `UNLOGGED` (`u`): not crash-safe, not replicated.
        case unlogged
    }

    /// A partitioned table's partitioning scheme.
    public struct Partitioning: Codable, Sendable, Equatable {
        /// Range, list or hash.
        public var strategy: PartitionStrategy
        /// The partition key as `pg_get_partkeydef` prints it, e.g. `RANGE (created_at)`.
        public var key: String

        /// Creates a partitioning scheme.
        public init(strategy: PartitionStrategy, key: String) {
            self.strategy = strategy
            self.key = key
        }
    }

    /// The partitioning strategy (`partstrat`).
    public enum PartitionStrategy: String, Codable, Sendable, Equatable {
        /// `PARTITION BY RANGE`.
        case range
        /// `PARTITION BY LIST`.
        case list
        /// `PARTITION BY HASH`.
        case hash
    }

    /// Where a partition sits in its parent.
    public struct PartitionMembership: Codable, Sendable, Equatable {
        /// The parent table's qualified name.
        public var parent: String
        /// The bound as the server prints it, e.g. `FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')` or `DEFAULT`.
        public var bound: String

        /// Creates a partition membership.
        public init(parent: String, bound: String) {
            self.parent = parent
            self.bound = bound
        }
    }
}
