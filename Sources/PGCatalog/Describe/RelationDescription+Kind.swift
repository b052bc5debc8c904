extension RelationDescription {
    /// What sort of relation a `pg_class` row is (`relkind`).
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// An ordinary table (`r`).
        case table
        /// A partitioned table (`p`).
        case partitionedTable = "partitioned table"
        /// A view (`v`).
        case view
        /// A materialized view (`m`).
        case materializedView = "materialized view"
        /// An index (`i`).
        case index
        /// An index on a partitioned table (`I`).
        case partitionedIndex = "partitioned index"
        /// A sequence (`S`).
        case sequence
        /// A foreign table (`f`).
        case foreignTable = "foreign table"
        /// A composite type's row type (`c`).
        case compositeType = "composite type"
        /// A TOAST table (`t`).
        case toastTable = "TOAST table"

        /// The kind for a `relkind` letter; nil for letters this version does not know.
        public init?(relkind: String) {
            switch relkind {
            case "r": self = .table
            case "p": self = .partitionedTable
            case "v": self = .view
            case "m": self = .materializedView
            case "i": self = .index
            case "I": self = .partitionedIndex
            case "S": self = .sequence
            case "f": self = .foreignTable
            case "c": self = .compositeType
            case "t": self = .toastTable
            default: return nil
            }
        }

        /// The `relkind` letter.
        public var relkind: String {
            switch self {
            case .table: "r"
            case .partitionedTable: "p"
            case .view: "v"
            case .materializedView: "m"
            case .index: "i"
            case .partitionedIndex: "I"
            case .sequence: "S"
            case .foreignTable: "f"
            case .compositeType: "c"
            case .toastTable: "t"
            }
        }

        /// Indexes and partitioned indexes.
        var isIndex: Bool { self == .index || self == .partitionedIndex }

        /// Partitioned tables and partitioned indexes (they list partitions, never rows).
        var isPartitioned: Bool { self == .partitionedTable || self == .partitionedIndex }

        /// Kinds psql describes with the table footers (indexes, constraints, policies, ...).
        var hasTableFooters: Bool {
            switch self {
            case .table, .materializedView, .foreignTable, .partitionedTable, .partitionedIndex, .toastTable: true
            default: false
            }
        }

        /// Kinds whose columns show Collation, Nullable and Default.
        var showsColumnDetails: Bool {
            switch self {
            case .table, .view, .materializedView, .foreignTable, .compositeType, .partitionedTable: true
            default: false
            }
        }

        /// Kinds whose columns have compression settings (shown by psql for servers 14 and later).
        var hasCompression: Bool { self == .table || self == .partitionedTable || self == .materializedView }

        /// Kinds whose columns have per-column statistics targets.
        var hasStatisticsTarget: Bool {
            switch self {
            case .table, .index, .partitionedIndex, .materializedView, .foreignTable, .partitionedTable: true
            default: false
            }
        }

        /// Kinds whose columns can carry comments.
        var hasColumnComments: Bool {
            switch self {
            case .table, .view, .materializedView, .foreignTable, .compositeType, .partitionedTable: true
            default: false
            }
        }

        /// Kinds that can live in a tablespace of their own.
        var hasTablespace: Bool {
            switch self {
            case .table, .materializedView, .index, .partitionedTable, .partitionedIndex, .toastTable: true
            default: false
            }
        }
    }

    /// Whether a relation is written to the WAL (`relpersistence`).
    public enum Persistence: String, Codable, Sendable {
        /// Ordinary, WAL-logged.
        case permanent
        /// `UNLOGGED`: not WAL-logged, emptied after a crash.
        case unlogged
        /// `TEMPORARY`: private to a session.
        case temporary

        /// The persistence for a `relpersistence` letter (`p`, `u`, `t`).
        init(relpersistence: String) {
            switch relpersistence {
            case "u": self = .unlogged
            case "t": self = .temporary
            default: self = .permanent
            }
        }
    }
}
