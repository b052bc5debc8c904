import Foundation
import PGJSON

/// Everything `psql`'s `\d+ NAME` shows about one relation, as structured facts.
///
/// ``RelationDescriber`` fills it from the catalogs; ``psqlText`` renders it byte for byte as psql 15
/// prints it, and ``jsonData()`` encodes it for tools. Texts such as definitions, defaults and
/// expressions are exactly what the server's deparsing functions (`pg_get_indexdef`,
/// `pg_get_constraintdef`, `pg_get_expr`, `pg_get_viewdef`, ...) returned under the session's
/// `search_path`, which is also what psql shows. Arrays are in psql's order; empty when the
/// relation has none (or when psql would not look, e.g. indexes of a view).
public struct RelationDescription: Codable, Sendable, Equatable {
    /// The schema the relation lives in.
    public var schema: String
    /// The relation's name.
    public var name: String
    /// What sort of relation it is.
    public var kind: Kind
    /// Permanent, unlogged or temporary.
    public var persistence: Persistence
    /// The heading psql prints, e.g. `Table "public.usage_events"`.
    public var title: String
    /// The columns psql's table shows, in order (they depend on the kind and the server version).
    public var columnFields: [ColumnField]
    /// The relation's columns (for a sequence: empty, see ``sequence``).
    public var columns: [Column]
    /// A sequence's parameters.
    public var sequence: SequenceParameters?
    /// An index's properties (for indexes and partitioned indexes).
    public var index: IndexProperties?
    /// The parent and bound of a partition.
    public var partitionOf: PartitionParent?
    /// A partitioned table's partition key (`pg_get_partkeydef`), e.g. `RANGE (recorded_at)`.
    public var partitionKey: String?
    /// A TOAST table's owning table, `schema.table`.
    public var owningTable: String?
    /// The table's indexes: primary key first, then by name.
    public var indexes: [IndexSummary]
    /// Check constraints by name.
    public var checkConstraints: [NamedDefinition]
    /// Foreign keys this table (or a partitioned ancestor) defines.
    public var foreignKeys: [ForeignKey]
    /// Foreign keys elsewhere that reference this table.
    public var referencedBy: [ForeignKey]
    /// Row-level security switches.
    public var rowSecurity: RowSecurity
    /// Row-level security policies by name.
    public var policies: [Policy]
    /// Extended statistics objects.
    public var statisticsObjects: [StatisticsObject]
    /// Rewrite rules (for views: other than the view's own `_RETURN` rule).
    public var rules: [Rule]
    /// Publications that include the table.
    public var publications: [Publication]
    /// A view's or materialized view's query (`pg_get_viewdef(oid, true)`).
    public var viewDefinition: String?
    /// User triggers (and disabled internal ones) by name.
    public var triggers: [Trigger]
    /// A foreign table's server and options.
    public var foreignServer: ForeignServer?
    /// Parents in plain (non-partition) inheritance, in `inhseqno` order.
    public var inherits: [String]
    /// Partitions of a partitioned table or index, or child tables in plain inheritance.
    public var children: [ChildRelation]
    /// The composite type of a typed table (`CREATE TABLE ... OF type`).
    public var typedTableOf: String?
    /// `relreplident`: how rows are identified in logical replication.
    public var replicaIdentity: ReplicaIdentity
    /// A tablespace other than the database default.
    public var tablespace: String?
    /// The access method (`heap`, `btree`, ...); nil for kinds without one.
    public var accessMethod: String?
    /// Storage parameters, `name=value` (TOAST ones prefixed `toast.`).
    public var options: [String]
    /// The server's `server_version_num`; psql's output differs slightly between versions.
    public var serverVersionNumber: Int

    /// The text `psql -c '\d+ NAME'` prints for this relation (psql 15, default settings), including
    /// the blank line that ends it.
    public var psqlText: String { PsqlDescriptionText(self).rendered() }

    /// The description as a JSON document (pretty-printed, sorted keys, a trailing newline).
    public func jsonData() throws -> Data { try CanonicalJSONDocument.data(of: self) }
}

extension RelationDescription {
    /// A column of psql's `\d+` table.
    public enum ColumnField: String, Codable, Sendable, CaseIterable {
        /// `Column`: the column name.
        case name
        /// `Type`.
        case type
        /// `Collation`: a non-default collation.
        case collation
        /// `Nullable`: `not null` or empty.
        case nullable
        /// `Default`: the default, identity or generation expression.
        case defaultValue
        /// `Key?`: whether an index column is a key column.
        case isKey
        /// `Definition`: what an index column indexes.
        case definition
        /// `FDW options` of a foreign table column.
        case fdwOptions
        /// `Storage`.
        case storage
        /// `Compression` (servers 14 and later).
        case compression
        /// `Stats target`.
        case statisticsTarget
        /// `Description`: the column comment.
        case description

        /// The header psql prints.
        public var header: String {
            switch self {
            case .name: "Column"
            case .type: "Type"
            case .collation: "Collation"
            case .nullable: "Nullable"
            case .defaultValue: "Default"
            case .isKey: "Key?"
            case .definition: "Definition"
            case .fdwOptions: "FDW options"
            case .storage: "Storage"
            case .compression: "Compression"
            case .statisticsTarget: "Stats target"
            case .description: "Description"
            }
        }
    }

    /// How rows of a table are identified in logical replication (`relreplident`).
    public enum ReplicaIdentity: String, Codable, Sendable {
        /// The primary key, if any.
        case `default`
        /// Nothing.
        case nothing
        /// The whole row.
        case full
        /// A chosen unique index (marked `REPLICA IDENTITY` in the index list).
        case index

        /// The identity for a `relreplident` letter.
        init(relreplident: String) {
            switch relreplident {
            case "n": self = .nothing
            case "f": self = .full
            case "i": self = .index
            default: self = .default
            }
        }
    }
}
