import PGCatalog

/// Finds the objects an expectation names in a snapshot, the way a default `search_path` would:
/// a qualified name must match exactly; an unqualified one prefers schema `public`, else the only
/// schema that has it, and is ambiguous when several others do.
struct SnapshotLookup {
    let snapshot: Snapshot

    /// What a name resolved to.
    enum Resolution<Found> {
        case found(Found)
        /// Nothing by that name.
        case missing
        /// Several schemas have it; the qualified names of the candidates.
        case ambiguous([String])
    }

    /// A table, view or materialized view.
    struct Relation {
        let key: String
        let schema: String
        let name: String
        /// `table`, `partitioned table`, `view` or `materialized view`.
        let kind: String
        let columns: [String: Snapshot.Column]
        let constraints: [String: Snapshot.Constraint]
    }

    /// Every table, view and materialized view.
    var relations: [Relation] {
        let tables = snapshot.tables.map { key, table in
            Relation(key: key, schema: table.schema, name: table.name,
                     kind: table.kind == .partitionedTable ? "partitioned table" : "table",
                     columns: table.columns, constraints: table.constraints)
        }
        let views = snapshot.views.map { key, view in
            Relation(key: key, schema: view.schema, name: view.name, kind: "view", columns: view.columns, constraints: [:])
        }
        let materialized = snapshot.materializedViews.map { key, view in
            Relation(key: key, schema: view.schema, name: view.name, kind: "materialized view", columns: view.columns, constraints: [:])
        }
        return tables + views + materialized
    }

    func relation(_ name: SQLName) -> Resolution<Relation> {
        Self.pick(relations.filter { $0.name == name.name }, schema: name.schema, schemaOf: \.schema, keyOf: \.key)
    }

    /// The index called `name`; when `table` is known, only among that table's indexes.
    func index(_ name: SQLName, onTable table: String?) -> Resolution<(key: String, index: Snapshot.Index)> {
        let candidates = snapshot.indexes
            .filter { $0.value.name == name.name && (table == nil || $0.value.table == table) }
            .map { (key: $0.key, index: $0.value) }
        return Self.pick(candidates, schema: name.schema, schemaOf: \.index.schema, keyOf: \.key)
    }

    /// The constraint called `name` on `table`, or on any table when `table` is nil.
    func constraint(_ name: String, onTable table: Relation?) -> Resolution<(table: Relation, constraint: Snapshot.Constraint)> {
        let scope = table.map { [$0] } ?? relations
        let candidates = scope.compactMap { relation in relation.constraints[name].map { (table: relation, constraint: $0) } }
        switch candidates.count {
        case 0: return .missing
        case 1: return .found(candidates[0])
        default: return .ambiguous(candidates.map(\.table.key).sorted())
        }
    }

    /// The indexes on the table keyed `table`, by name.
    func indexes(onTable table: String) -> [Snapshot.Index] {
        snapshot.indexes.values.filter { $0.table == table }.sorted { $0.name < $1.name }
    }

    private static func pick<Candidate>(
        _ candidates: [Candidate], schema: String?, schemaOf: KeyPath<Candidate, String>, keyOf: KeyPath<Candidate, String>
    ) -> Resolution<Candidate> {
        if let schema {
            return candidates.first { $0[keyPath: schemaOf] == schema }.map { .found($0) } ?? .missing
        }
        if let inPublic = candidates.first(where: { $0[keyPath: schemaOf] == "public" }) { return .found(inPublic) }
        switch candidates.count {
        case 0: return .missing
        case 1: return .found(candidates[0])
        default: return .ambiguous(candidates.map { $0[keyPath: keyOf] }.sorted())
        }
    }
}
