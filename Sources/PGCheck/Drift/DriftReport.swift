/// What `pgcheck drift` found: where the database differs from the schema drizzle-kit believes it has.
public struct DriftReport: Sendable, Equatable, Encodable {
    /// One difference, or one comparison that could not be made.
    public struct Finding: Sendable, Equatable, Encodable {
        /// What kind of object (`table`, `column`, `index`, `foreignKey`, `unique`, `check`, `primaryKey`,
        /// `enum`, `sequence`, `schema`, `view`, `policy`).
        public var kind: String
        /// The object's qualified name: `public.usage_events.quantity`, `public.usage_admin_bucket_idx`.
        public var object: String
        /// The property that differs (`default`, `notNull`, `onDelete`, …); `exists` when the object is
        /// missing on one side.
        public var property: String
        /// What drizzle's snapshot says (nil: the object is not in it).
        public var expected: String?
        /// What the database has (nil: the object is not there).
        public var actual: String?
        /// The migration that last defined the object in drizzle's snapshots (or dropped it).
        public var definedIn: String?

        /// Creates a finding.
        public init(kind: String, object: String, property: String, expected: String?, actual: String?, definedIn: String? = nil) {
            self.kind = kind
            self.object = object
            self.property = property
            self.expected = expected
            self.actual = actual
            self.definedIn = definedIn
        }

        /// `index public.usage_admin_bucket_idx`.
        public var subject: String { "\(kind) \(object)" }
    }

    /// The snapshot compared with.
    public var snapshotFile: String
    /// The migration whose snapshot it is.
    public var migration: String
    /// Why that migration (`last applied (ledger)`, `last in the journal`, `--at`).
    public var chosenBy: String
    /// The database or snapshot file compared.
    public var database: String
    /// Differences: each is drift.
    public var drift: [Finding]
    /// Expressions that could not be proved equal or different, with both spellings.
    public var cannotCompare: [Finding]
    /// Objects drizzle does not manage (other schemas, extensions, functions, triggers, the ledger).
    public var unmanaged: [String]
    /// Migrations the ledger lacks although a later one is applied: drizzle's migrator skipped them.
    public var skippedMigrations: [String]

    /// Creates a report.
    public init(snapshotFile: String, migration: String, chosenBy: String, database: String, drift: [Finding] = [],
                cannotCompare: [Finding] = [], unmanaged: [String] = [], skippedMigrations: [String] = []) {
        self.snapshotFile = snapshotFile
        self.migration = migration
        self.chosenBy = chosenBy
        self.database = database
        self.drift = drift
        self.cannotCompare = cannotCompare
        self.unmanaged = unmanaged
        self.skippedMigrations = skippedMigrations
    }

    /// Whether anything drifted (skipped migrations count).
    public var hasDrift: Bool { !drift.isEmpty || !skippedMigrations.isEmpty }
}
