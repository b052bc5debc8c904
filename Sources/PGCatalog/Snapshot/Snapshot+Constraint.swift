extension Snapshot {
    /// A table constraint, both as the server's canonical text and as structured fields.
    public struct Constraint: Codable, Sendable, Equatable {
        /// The kind of constraint.
        public var type: ConstraintType
        /// The definition as `pg_get_constraintdef` prints it, e.g. `FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE CASCADE`.
        public var definition: String
        /// The constrained columns in constraint order (absent for checks on expressions only).
        public var columns: [String]?
        /// For a foreign key: what it references and what happens on change.
        public var references: ForeignKeyReference?
        /// `DEFERRABLE`.
        public var deferrable: Bool
        /// `INITIALLY DEFERRED`.
        public var initiallyDeferred: Bool
        /// False for a constraint added `NOT VALID` and not yet validated.
        public var validated: Bool
        /// The qualified name of the index that enforces it (primary key, unique, exclusion) or that a
        /// foreign key relies on.
        public var index: String?
        /// `COMMENT ON CONSTRAINT`.
        public var comment: String?

        /// Creates a constraint.
        public init(
            type: ConstraintType, definition: String, columns: [String]? = nil, references: ForeignKeyReference? = nil,
            deferrable: Bool = false, initiallyDeferred: Bool = false, validated: Bool = true, index: String? = nil,
            comment: String? = nil
        ) {
            self.type = type
            self.definition = definition
            self.columns = columns
            self.references = references
            self.deferrable = deferrable
            self.initiallyDeferred = initiallyDeferred
            self.validated = validated
            self.index = index
            self.comment = comment
        }
    }

    /// The kind of constraint (`contype`).
    public enum ConstraintType: String, Codable, Sendable, Equatable {
        /// `PRIMARY KEY` (`p`).
        case primaryKey
        /// `UNIQUE` (`u`).
        case unique
        /// `FOREIGN KEY` (`f`).
        case foreignKey
        /// `CHECK` (`c`).
        case check
        /// `EXCLUDE` (`x`).
        case exclusion
        /// A constraint trigger (`t`).
        case trigger
    }

    /// The referencing side of a foreign key.
    public struct ForeignKeyReference: Codable, Sendable, Equatable {
        /// The referenced table's qualified name.
        public var table: String
        /// The referenced columns, matching ``Constraint/columns`` one to one.
        public var columns: [String]
        /// `ON UPDATE`.
        public var onUpdate: ForeignKeyAction
        /// `ON DELETE`.
        public var onDelete: ForeignKeyAction
        /// `MATCH SIMPLE|FULL|PARTIAL`.
        public var match: ForeignKeyMatch

        /// Creates a foreign-key reference.
        public init(table: String, columns: [String], onUpdate: ForeignKeyAction = .noAction, onDelete: ForeignKeyAction = .noAction, match: ForeignKeyMatch = .simple) {
            self.table = table
            self.columns = columns
            self.onUpdate = onUpdate
            self.onDelete = onDelete
            self.match = match
        }
    }

    /// A referential action (`confupdtype`, `confdeltype`).
    public enum ForeignKeyAction: String, Codable, Sendable, Equatable {
        /// `NO ACTION` (`a`).
        case noAction
        /// `RESTRICT` (`r`).
        case restrict
        /// `CASCADE` (`c`).
        case cascade
        /// `SET NULL` (`n`).
        case setNull
        /// `SET DEFAULT` (`d`).
        case setDefault
    }

    /// A foreign key's match type (`confmatchtype`).
    public enum ForeignKeyMatch: String, Codable, Sendable, Equatable {
        /// `MATCH SIMPLE` (`s`), the default.
        case simple
        /// `MATCH FULL` (`f`).
        case full
        /// `MATCH PARTIAL` (`p`).
        case partial
    }
}
