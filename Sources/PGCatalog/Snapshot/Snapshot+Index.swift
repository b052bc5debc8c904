extension Snapshot {
    /// An index, both as `pg_get_indexdef` text and as structured fields (so tools never parse SQL).
    public struct Index: Codable, Sendable, Equatable {
        /// The index's schema (always its table's), unquoted.
        public var schema: String
        /// The index's name, unquoted.
        public var name: String
        /// The qualified name of the table or materialized view it indexes.
        public var table: String
        /// The access method (`btree`, `gin`, `gist`, `hash`, `brin`, ...).
        public var method: String
        /// `UNIQUE`.
        public var unique: Bool
        /// `NULLS NOT DISTINCT` (PostgreSQL 15+; always false before).
        public var nullsNotDistinct: Bool
        /// Whether it backs the table's primary key.
        public var primary: Bool
        /// The key columns and expressions, in index order.
        public var keys: [IndexKey]
        /// The non-key `INCLUDE` columns, in order.
        public var include: [String]?
        /// The `WHERE` predicate of a partial index.
        public var predicate: String?
        /// `indisvalid`: false after a failed `CREATE INDEX CONCURRENTLY` (the index is not used by queries).
        public var valid: Bool
        /// `indisready`: false while an index is still being built concurrently (not yet maintained on writes).
        public var ready: Bool
        /// The definition as `pg_get_indexdef` prints it.
        public var definition: String
        /// The name of the table constraint that owns it (primary key, unique, exclusion), if any.
        public var constraint: String?
        /// The tablespace, only when not the database's default.
        public var tablespace: String?
        /// `COMMENT ON INDEX`.
        public var comment: String?

        /// Creates an index.
        public init(
            schema: String, name: String, table: String, method: String = "btree", unique: Bool = false,
            nullsNotDistinct: Bool = false, primary: Bool = false, keys: [IndexKey], include: [String]? = nil,
            predicate: String? = nil, valid: Bool = true, ready: Bool = true, definition: String,
            constraint: String? = nil, tablespace: String? = nil, comment: String? = nil
        ) {
            self.schema = schema
            self.name = name
            self.table = table
            self.method = method
            self.unique = unique
            self.nullsNotDistinct = nullsNotDistinct
            self.primary = primary
            self.keys = keys
            self.include = include
            self.predicate = predicate
            self.valid = valid
            self.ready = ready
            self.definition = definition
            self.constraint = constraint
            self.tablespace = tablespace
            self.comment = comment
        }
    }

    /// One key of an index: a column or an expression, with its operator class, collation and ordering.
    public struct IndexKey: Codable, Sendable, Equatable {
        /// The indexed column's name; absent for an expression key.
        public var column: String?
        /// The indexed expression as the server prints it, e.g. `lower(email)`; absent for a column key.
        public var expression: String?
        /// The operator class, only when not the default for the type (qualified, e.g. `pg_catalog.text_pattern_ops`).
        public var opclass: String?
        /// The collation, only when not the column's (or expression type's) default.
        public var collation: String?
        /// `ASC` or `DESC`; absent for access methods without ordering (GIN, GiST, hash, BRIN).
        public var order: SortOrder?
        /// `NULLS FIRST` or `NULLS LAST`; absent for access methods without ordering.
        public var nulls: NullsOrder?

        /// Creates an index key.
        public init(column: String? = nil, expression: String? = nil, opclass: String? = nil, collation: String? = nil, order: SortOrder? = nil, nulls: NullsOrder? = nil) {
            self.column = column
            self.expression = expression
            self.opclass = opclass
            self.collation = collation
            self.order = order
            self.nulls = nulls
        }
    }

    /// The direction of an index key.
    public enum SortOrder: String, Codable, Sendable, Equatable {
        /// `ASC`.
        case asc
        /// `DESC`.
        case desc
    }

    /// Where NULLs sort in an index key.
    public enum NullsOrder: String, Codable, Sendable, Equatable {
        /// `NULLS FIRST`.
        case first
        /// `NULLS LAST`.
        case last
    }
}
