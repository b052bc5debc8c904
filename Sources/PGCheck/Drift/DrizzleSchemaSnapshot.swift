/// The schema drizzle-kit believes a database has after a migration: one `meta/NNNN_snapshot.json` (or a
/// 1.0 beta `snapshot.json`), read into one shape whatever version wrote it.
///
/// Names are as drizzle-kit writes them; a table's empty `schema` (drizzle-kit's spelling of `public`) is
/// read as `public`. Keys are `schema.name` for tables, enums, sequences and views.
public struct DrizzleSchemaSnapshot: Sendable, Hashable {
    /// The snapshot's `id`.
    public var id: String
    /// Its parents: `prevId` (0.x), `prevIds` (1.0 beta).
    public var prevIds: [String]
    /// The format version as written ("5", "6", "7", "8").
    public var version: String
    /// The dialect as written (`pg`, `postgresql`, `postgres`).
    public var dialect: String
    /// Tables by `schema.name`.
    public var tables: [String: Table]
    /// Enums by `schema.name`.
    public var enums: [String: Enum]
    /// Schemas drizzle-kit manages besides `public`.
    public var schemas: Set<String>
    /// Stand-alone sequences by `schema.name`.
    public var sequences: [String: Sequence]
    /// Views and materialized views by `schema.name`.
    public var views: [String: View]
    /// Roles drizzle-kit manages.
    public var roles: Set<String>

    /// Creates a snapshot.
    public init(id: String, prevIds: [String], version: String, dialect: String, tables: [String: Table] = [:],
                enums: [String: Enum] = [:], schemas: Set<String> = [], sequences: [String: Sequence] = [:],
                views: [String: View] = [:], roles: Set<String> = []) {
        self.id = id
        self.prevIds = prevIds
        self.version = version
        self.dialect = dialect
        self.tables = tables
        self.enums = enums
        self.schemas = schemas
        self.sequences = sequences
        self.views = views
        self.roles = roles
    }

    /// Every schema the snapshot's objects live in, `public` included.
    public var managedSchemas: Set<String> {
        var all = schemas
        all.insert("public")
        for table in tables.values { all.insert(table.schema) }
        for item in enums.values { all.insert(item.schema) }
        for item in sequences.values { all.insert(item.schema) }
        for item in views.values { all.insert(item.schema) }
        return all
    }

    /// A table.
    public struct Table: Sendable, Hashable {
        /// The schema (`public` when drizzle-kit wrote an empty string).
        public var schema: String
        /// The table's name.
        public var name: String
        /// Columns by name, in file order.
        public var columns: [Column]
        /// Indexes by name.
        public var indexes: [String: Index]
        /// Foreign keys by name.
        public var foreignKeys: [String: ForeignKey]
        /// Composite primary keys by name (a one-column primary key is the column's ``Column/primaryKey``).
        public var compositePrimaryKeys: [String: KeyConstraint]
        /// Unique constraints by name.
        public var uniqueConstraints: [String: KeyConstraint]
        /// Check constraints by name: the expression as drizzle wrote it.
        public var checkConstraints: [String: String]
        /// Row-level security policies by name.
        public var policies: [String: Policy]
        /// `ENABLE ROW LEVEL SECURITY`.
        public var isRLSEnabled: Bool

        /// Creates a table.
        public init(schema: String, name: String, columns: [Column] = [], indexes: [String: Index] = [:],
                    foreignKeys: [String: ForeignKey] = [:], compositePrimaryKeys: [String: KeyConstraint] = [:],
                    uniqueConstraints: [String: KeyConstraint] = [:], checkConstraints: [String: String] = [:],
                    policies: [String: Policy] = [:], isRLSEnabled: Bool = false) {
            self.schema = schema
            self.name = name
            self.columns = columns
            self.indexes = indexes
            self.foreignKeys = foreignKeys
            self.compositePrimaryKeys = compositePrimaryKeys
            self.uniqueConstraints = uniqueConstraints
            self.checkConstraints = checkConstraints
            self.policies = policies
            self.isRLSEnabled = isRLSEnabled
        }

        /// The column named `name`.
        public func column(_ name: String) -> Column? { columns.first { $0.name == name } }
    }

    /// A column.
    public struct Column: Sendable, Hashable {
        /// The column's name.
        public var name: String
        /// The type as the TypeScript schema spells it (`varchar(255)`, `serial`, `timestamp with time zone`, `text[]`).
        public var type: String
        /// The schema of an enum type.
        public var typeSchema: String?
        /// Part of a one-column `PRIMARY KEY`.
        public var primaryKey: Bool
        /// `NOT NULL`.
        public var notNull: Bool
        /// The default as drizzle wrote it: SQL text, or a JSON number or boolean.
        public var `default`: DefaultValue?
        /// `GENERATED ... AS IDENTITY`.
        public var identity: Identity?
        /// The expression of `GENERATED ALWAYS AS (...) STORED`.
        public var generated: String?

        /// Creates a column.
        public init(name: String, type: String, typeSchema: String? = nil, primaryKey: Bool = false, notNull: Bool = false,
                    default: DefaultValue? = nil, identity: Identity? = nil, generated: String? = nil) {
            self.name = name
            self.type = type
            self.typeSchema = typeSchema
            self.primaryKey = primaryKey
            self.notNull = notNull
            self.default = `default`
            self.identity = identity
            self.generated = generated
        }
    }

    /// A column default as drizzle-kit writes it.
    public enum DefaultValue: Sendable, Hashable, CustomStringConvertible {
        /// SQL text (`now()`, `'pending'`, `'{}'::jsonb`).
        case sql(String)
        /// A JSON number (`0`, `1.5`), written for numeric columns.
        case number(String)
        /// A JSON boolean.
        case bool(Bool)

        public var description: String {
            switch self {
            case .sql(let text), .number(let text): text
            case .bool(let value): value ? "true" : "false"
            }
        }
    }

    /// An identity column's generation.
    public struct Identity: Sendable, Hashable {
        /// `always` or `byDefault`.
        public var type: String
        /// The sequence's name, when written.
        public var name: String?

        /// Creates an identity.
        public init(type: String, name: String? = nil) {
            self.type = type
            self.name = name
        }
    }

    /// An index.
    public struct Index: Sendable, Hashable {
        /// The index's name.
        public var name: String
        /// Its keys in order.
        public var columns: [IndexColumn]
        /// `UNIQUE`.
        public var isUnique: Bool
        /// The access method (`btree` by default).
        public var method: String
        /// The predicate of a partial index, as drizzle wrote it.
        public var `where`: String?
        /// Storage parameters (`with`), values as text.
        public var with: [String: String]

        /// Creates an index.
        public init(name: String, columns: [IndexColumn], isUnique: Bool = false, method: String = "btree", where: String? = nil, with: [String: String] = [:]) {
            self.name = name
            self.columns = columns
            self.isUnique = isUnique
            self.method = method
            self.where = `where`
            self.with = with
        }
    }

    /// One key of an index.
    public struct IndexColumn: Sendable, Hashable {
        /// The column name, or the expression when ``isExpression``.
        public var expression: String
        /// Whether ``expression`` is SQL rather than a column name.
        public var isExpression: Bool
        /// Ascending.
        public var asc: Bool
        /// `first` or `last`.
        public var nulls: String
        /// The operator class, when given.
        public var opclass: String?

        /// Creates an index key.
        public init(expression: String, isExpression: Bool = false, asc: Bool = true, nulls: String = "last", opclass: String? = nil) {
            self.expression = expression
            self.isExpression = isExpression
            self.asc = asc
            self.nulls = nulls
            self.opclass = opclass
        }
    }

    /// A foreign key.
    public struct ForeignKey: Sendable, Hashable {
        /// The constraint's name.
        public var name: String
        /// The referencing columns.
        public var columnsFrom: [String]
        /// The referenced table's schema (`public` when absent).
        public var schemaTo: String
        /// The referenced table.
        public var tableTo: String
        /// The referenced columns.
        public var columnsTo: [String]
        /// `ON UPDATE`, lower-case (`no action` when absent).
        public var onUpdate: String
        /// `ON DELETE`, lower-case (`no action` when absent).
        public var onDelete: String

        /// Creates a foreign key.
        public init(name: String, columnsFrom: [String], schemaTo: String, tableTo: String, columnsTo: [String], onUpdate: String = "no action", onDelete: String = "no action") {
            self.name = name
            self.columnsFrom = columnsFrom
            self.schemaTo = schemaTo
            self.tableTo = tableTo
            self.columnsTo = columnsTo
            self.onUpdate = onUpdate
            self.onDelete = onDelete
        }
    }

    /// A composite primary key or a unique constraint.
    public struct KeyConstraint: Sendable, Hashable {
        /// The constraint's name.
        public var name: String
        /// Its columns in order.
        public var columns: [String]
        /// `NULLS NOT DISTINCT` (unique constraints).
        public var nullsNotDistinct: Bool

        /// Creates a key constraint.
        public init(name: String, columns: [String], nullsNotDistinct: Bool = false) {
            self.name = name
            self.columns = columns
            self.nullsNotDistinct = nullsNotDistinct
        }
    }

    /// A row-level security policy.
    public struct Policy: Sendable, Hashable {
        /// The policy's name.
        public var name: String
        /// `PERMISSIVE` or `RESTRICTIVE`.
        public var `as`: String
        /// `ALL`, `SELECT`, `INSERT`, `UPDATE`, `DELETE`.
        public var `for`: String
        /// The roles, sorted.
        public var to: [String]
        /// The `USING` expression as drizzle wrote it.
        public var using: String?
        /// The `WITH CHECK` expression as drizzle wrote it.
        public var withCheck: String?

        /// Creates a policy.
        public init(name: String, as: String = "PERMISSIVE", for: String = "ALL", to: [String] = ["public"], using: String? = nil, withCheck: String? = nil) {
            self.name = name
            self.as = `as`
            self.for = `for`
            self.to = to
            self.using = using
            self.withCheck = withCheck
        }
    }

    /// An enum type.
    public struct Enum: Sendable, Hashable {
        /// The schema.
        public var schema: String
        /// The type's name.
        public var name: String
        /// The labels in order.
        public var values: [String]

        /// Creates an enum.
        public init(schema: String, name: String, values: [String]) {
            self.schema = schema
            self.name = name
            self.values = values
        }
    }

    /// A stand-alone sequence.
    public struct Sequence: Sendable, Hashable {
        /// The schema.
        public var schema: String
        /// The sequence's name.
        public var name: String
        /// `INCREMENT BY`, `MINVALUE`, `MAXVALUE`, `START WITH`, `CACHE` as drizzle wrote them.
        public var increment: String?, minValue: String?, maxValue: String?, startWith: String?, cache: String?
        /// `CYCLE`.
        public var cycle: Bool?

        /// Creates a sequence.
        public init(schema: String, name: String, increment: String? = nil, minValue: String? = nil, maxValue: String? = nil,
                    startWith: String? = nil, cache: String? = nil, cycle: Bool? = nil) {
            self.schema = schema
            self.name = name
            self.increment = increment
            self.minValue = minValue
            self.maxValue = maxValue
            self.startWith = startWith
            self.cache = cache
            self.cycle = cycle
        }
    }

    /// A view or materialized view.
    public struct View: Sendable, Hashable {
        /// The schema.
        public var schema: String
        /// The view's name.
        public var name: String
        /// `materialized`.
        public var materialized: Bool
        /// The query as drizzle wrote it (absent for `.existing()` views drizzle does not manage).
        public var definition: String?
        /// Declared with `.existing()`: drizzle neither creates nor tracks its definition.
        public var isExisting: Bool

        /// Creates a view.
        public init(schema: String, name: String, materialized: Bool = false, definition: String? = nil, isExisting: Bool = false) {
            self.schema = schema
            self.name = name
            self.materialized = materialized
            self.definition = definition
            self.isExisting = isExisting
        }
    }
}
