extension RelationDescription {
    /// One entry of a table's index list.
    public struct IndexSummary: Codable, Sendable, Equatable {
        /// The index name.
        public var name: String
        /// Whether it is the primary key's index.
        public var isPrimary: Bool
        /// Whether it is unique.
        public var isUnique: Bool
        /// Whether the table was clustered on it.
        public var isClustered: Bool
        /// False while the index is being built or after a failed `CREATE INDEX CONCURRENTLY`.
        public var isValid: Bool
        /// `pg_get_indexdef(indexrelid, 0, true)`: the whole `CREATE INDEX` statement.
        public var definition: String
        /// The constraint the index implements, if any.
        public var constraintType: IndexConstraintType?
        /// That constraint's definition (`pg_get_constraintdef`), e.g. for exclusion constraints.
        public var constraintDefinition: String?
        /// The constraint is `DEFERRABLE`.
        public var deferrable: Bool
        /// The constraint is `INITIALLY DEFERRED`.
        public var initiallyDeferred: Bool
        /// It is the table's replica identity.
        public var isReplicaIdentity: Bool
        /// A tablespace other than the database default.
        public var tablespace: String?

        /// The part of ``definition`` psql shows: everything after ` USING `, e.g. `btree (a, b)`.
        public var methodAndColumns: String {
            guard let using = definition.range(of: " USING ") else { return definition }
            return String(definition[using.upperBound...])
        }
    }

    /// The kind of constraint an index implements.
    public enum IndexConstraintType: String, Codable, Sendable {
        /// `PRIMARY KEY`.
        case primaryKey = "primary key"
        /// `UNIQUE`.
        case unique
        /// `EXCLUDE`.
        case exclusion

        /// The type for a `contype` letter; nil for others.
        init?(contype: String) {
            switch contype {
            case "p": self = .primaryKey
            case "u": self = .unique
            case "x": self = .exclusion
            default: return nil
            }
        }
    }

    /// What psql shows below an index's columns.
    public struct IndexProperties: Codable, Sendable, Equatable {
        /// The indexed table (in the index's schema).
        public var table: String
        /// The access method, e.g. `btree`.
        public var method: String
        /// Whether it is the primary key's index.
        public var isPrimary: Bool
        /// Whether it is unique.
        public var isUnique: Bool
        /// `UNIQUE NULLS NOT DISTINCT` (PostgreSQL 15 and later).
        public var nullsNotDistinct: Bool
        /// A partial index's predicate.
        public var predicate: String?
        /// Whether the table was clustered on it.
        public var isClustered: Bool
        /// False while the index is being built or after a failed `CREATE INDEX CONCURRENTLY`.
        public var isValid: Bool
        /// Its constraint is `DEFERRABLE`.
        public var deferrable: Bool
        /// Its constraint is `INITIALLY DEFERRED`.
        public var initiallyDeferred: Bool
        /// It is the table's replica identity.
        public var isReplicaIdentity: Bool
    }

    /// A foreign-key constraint, as defined on a table or as seen from the table it references.
    public struct ForeignKey: Codable, Sendable, Equatable {
        /// The constraint name.
        public var name: String
        /// The referencing table (`regclass` text: qualified when not on the search_path).
        public var table: String
        /// `pg_get_constraintdef(oid, true)`, e.g. `FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE`.
        public var definition: String
        /// For a partition's list: the constraint is defined on an ancestor partitioned table.
        public var isInherited: Bool
    }
}
