/// A deterministic picture of a database schema, read from `pg_catalog`.
///
/// Two captures of the same schema produce equal snapshots (and byte-identical ``encodedJSON()``)
/// except for ``meta``, whatever the objects' OIDs, physical order, creation order or the caller's
/// `search_path`. That makes a snapshot taken before a migration and one taken after directly comparable.
///
/// ## Keys
/// Every top-level collection is a dictionary keyed by the object's qualified name, written the way the
/// server's `quote_ident` writes it: `schema.name` for ordinary lower-case names, `public."Users"` when a
/// part needs quotes. Functions are keyed `schema.name(identity arguments)`, triggers
/// `schema.table.trigger`, extensions by their bare name. Objects that live inside a table (columns,
/// constraints, policies) are keyed by their bare, unquoted name within it. A field that refers to
/// another object (an index's ``Index/table``, a foreign key's referenced table, a sequence's owner) uses
/// the same key format, so it can be looked up directly.
///
/// ## Canonical text
/// Definitions and types are the server's own renderings (`format_type`, `pg_get_expr`,
/// `pg_get_constraintdef`, `pg_get_indexdef`, `pg_get_viewdef`, `pg_get_functiondef`,
/// `pg_get_triggerdef`), produced with `search_path = pg_catalog`, so every object outside
/// `pg_catalog` is schema-qualified the same way every time.
///
/// ## Absent values
/// Optional fields are omitted from the JSON when they do not apply or hold the default (no comment,
/// no non-default collation, default privileges). An `acl` that is absent means the object has its
/// built-in default privileges; an empty list means every privilege was revoked.
public struct Snapshot: Codable, Sendable, Equatable {
    /// The JSON format version this library writes and reads.
    public static let currentFormatVersion = 1

    /// The format version of this snapshot (``currentFormatVersion`` when captured by this library).
    public var formatVersion: Int
    /// When, where and how the snapshot was taken: the only part that differs between two captures of
    /// the same schema. Comparisons of schemas ignore it.
    public var meta: Meta
    /// Schemas by name.
    public var schemas: [String: Schema]
    /// Installed extensions by name (database-wide; listed even when their member objects are left out).
    public var extensions: [String: Extension]
    /// Ordinary and partitioned tables (partitions included) by qualified name.
    public var tables: [String: Table]
    /// Views by qualified name.
    public var views: [String: View]
    /// Materialized views by qualified name.
    public var materializedViews: [String: View]
    /// Indexes on tables and materialized views by qualified name (an index lives in its table's schema).
    public var indexes: [String: Index]
    /// Sequences by qualified name, including those behind identity and serial columns.
    public var sequences: [String: SequenceDefinition]
    /// Functions, procedures, aggregates and window functions, keyed `schema.name(identity arguments)`.
    public var functions: [String: Function]
    /// User-defined triggers (not the internal ones behind foreign keys), keyed `schema.table.trigger`.
    public var triggers: [String: Trigger]
    /// Enum types by qualified name.
    public var enums: [String: EnumType]
    /// Domains by qualified name.
    public var domains: [String: Domain]
    /// Stand-alone composite types (`CREATE TYPE ... AS (...)`) by qualified name.
    public var compositeTypes: [String: CompositeType]

    /// Creates a snapshot; collections default to empty.
    public init(
        formatVersion: Int = Snapshot.currentFormatVersion,
        meta: Meta,
        schemas: [String: Schema] = [:],
        extensions: [String: Extension] = [:],
        tables: [String: Table] = [:],
        views: [String: View] = [:],
        materializedViews: [String: View] = [:],
        indexes: [String: Index] = [:],
        sequences: [String: SequenceDefinition] = [:],
        functions: [String: Function] = [:],
        triggers: [String: Trigger] = [:],
        enums: [String: EnumType] = [:],
        domains: [String: Domain] = [:],
        compositeTypes: [String: CompositeType] = [:]
    ) {
        self.formatVersion = formatVersion
        self.meta = meta
        self.schemas = schemas
        self.extensions = extensions
        self.tables = tables
        self.views = views
        self.materializedViews = materializedViews
        self.indexes = indexes
        self.sequences = sequences
        self.functions = functions
        self.triggers = triggers
        self.enums = enums
        self.domains = domains
        self.compositeTypes = compositeTypes
    }

    /// This snapshot with its ``meta`` replaced, for comparing schema content alone.
    public func withMeta(_ meta: Meta) -> Snapshot {
        var copy = self
        copy.meta = meta
        return copy
    }

    /// Whether two snapshots describe the same schema (everything but ``meta`` is equal).
    public func hasSameContent(as other: Snapshot) -> Bool {
        withMeta(other.meta) == other
    }
}
