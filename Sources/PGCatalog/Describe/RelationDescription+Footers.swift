extension RelationDescription {
    /// Row-level security switches of a table.
    public struct RowSecurity: Codable, Sendable, Equatable {
        /// `ENABLE ROW LEVEL SECURITY`.
        public var enabled: Bool
        /// `FORCE ROW LEVEL SECURITY` (applies to the owner too).
        public var forced: Bool
    }

    /// A row-level security policy.
    public struct Policy: Codable, Sendable, Equatable {
        /// The policy name.
        public var name: String
        /// False for `AS RESTRICTIVE`.
        public var permissive: Bool
        /// The command it applies to (`SELECT`, `INSERT`, `UPDATE`, `DELETE`); nil for `ALL`.
        public var command: String?
        /// The roles it applies to, sorted; nil for `PUBLIC`.
        public var roles: [String]?
        /// The `USING` expression.
        public var using: String?
        /// The `WITH CHECK` expression.
        public var withCheck: String?
    }

    /// An extended statistics object (`CREATE STATISTICS`).
    public struct StatisticsObject: Codable, Sendable, Equatable {
        /// Its schema.
        public var schema: String
        /// Its name.
        public var name: String
        /// The table (`regclass` text).
        public var table: String
        /// The columns and expressions, as psql lists them.
        public var columns: String
        /// n-distinct statistics.
        public var ndistinct: Bool
        /// Functional-dependency statistics.
        public var dependencies: Bool
        /// Most-common-values statistics.
        public var mcv: Bool
        /// A statistics target other than the default.
        public var statisticsTarget: Int?
    }

    /// A rewrite rule.
    public struct Rule: Codable, Sendable, Equatable {
        /// The rule name.
        public var name: String
        /// `pg_get_ruledef(oid, true)` without the trailing semicolon.
        public var definition: String
        /// `ev_enabled`: `O` (origin, i.e. enabled), `D` (disabled), `A` (always), `R` (replica).
        public var firing: String
    }

    /// A publication that includes the table.
    public struct Publication: Codable, Sendable, Equatable {
        /// The publication name.
        public var name: String
        /// The published columns, when the publication lists them.
        public var columns: String?
        /// The row filter (`WHERE ...`), when the publication has one.
        public var rowFilter: String?
    }

    /// A trigger.
    public struct Trigger: Codable, Sendable, Equatable {
        /// The trigger name.
        public var name: String
        /// `pg_get_triggerdef(oid, true)`.
        public var definition: String
        /// `tgenabled`: `O` (origin, i.e. enabled), `D` (disabled), `A` (always), `R` (replica).
        public var firing: String
        /// Internal triggers (shown only when disabled).
        public var isInternal: Bool
        /// For a partition: the partitioned ancestor the trigger is inherited from.
        public var inheritedFrom: String?

        /// The part of ``definition`` psql shows: everything after ` TRIGGER `.
        public var summary: String {
            guard let keyword = definition.range(of: " TRIGGER ") else { return definition }
            return String(definition[keyword.upperBound...])
        }
    }

    /// A foreign table's server.
    public struct ForeignServer: Codable, Sendable, Equatable {
        /// The server name.
        public var name: String
        /// The table's FDW options, `name 'value', ...`; empty for none.
        public var options: String
    }

    /// A partition or inheritance child.
    public struct ChildRelation: Codable, Sendable, Equatable {
        /// The child (`regclass` text).
        public var name: String
        /// Its kind.
        public var kind: RelationDescription.Kind?
        /// A partition's bound, e.g. `FOR VALUES FROM (1) TO (10)`.
        public var bound: String?
        /// `DETACH PARTITION ... CONCURRENTLY` has not finished.
        public var detachPending: Bool
    }

    /// The parent of a partition.
    public struct PartitionParent: Codable, Sendable, Equatable {
        /// The partitioned table (`regclass` text).
        public var parent: String
        /// The partition bound.
        public var bound: String
        /// `DETACH PARTITION ... CONCURRENTLY` has not finished.
        public var detachPending: Bool
        /// The implied partition constraint (`pg_get_partition_constraintdef`); nil for none.
        public var constraint: String?
    }
}
