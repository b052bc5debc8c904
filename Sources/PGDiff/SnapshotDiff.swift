import PGCatalog

/// The structural difference between two snapshots: what was added, removed and changed, in a stable order.
///
/// ```swift
/// let diff = try SnapshotDiff(from: pre, to: post)
/// for change in diff.changes where change.kind == .index { print(change.name, change.properties.map(\.property)) }
/// ```
///
/// - Capture metadata (`meta`, `formatVersion`) is ignored: two captures of the same schema diff empty.
/// - Objects are matched by kind and qualified name. An index or constraint dropped and recreated under
///   the same name is one changed entry; a renamed object (a renamed column too) is removed plus added,
///   because a snapshot records names, not identities.
/// - Columns, constraints and policies are taken out of their table's entry and reported on their own,
///   like indexes and triggers, each with ``Change/table`` naming its table. The table's own entry
///   covers only its table-level properties.
/// - A column's `position` is reported only when the column moved relative to the columns present on
///   both sides; the shift caused by dropping an earlier column is not a change of this column.
/// - Changes are ordered by kind (``ObjectKind``'s order), then qualified name.
public struct SnapshotDiff: Sendable, Equatable {
    /// The changes, ordered by kind, then qualified name.
    public var changes: [Change]

    /// Counts of changes by action.
    public struct Summary: Codable, Sendable, Equatable {
        /// Objects only in the second snapshot.
        public var added: Int
        /// Objects only in the first snapshot.
        public var removed: Int
        /// Objects in both with different properties.
        public var changed: Int
    }

    /// Diffs `old` (before) against `new` (after).
    ///
    /// - Throws: only if a snapshot cannot be encoded as JSON, which a decoded or captured snapshot always can.
    public init(from old: Snapshot, to new: Snapshot) throws {
        let before = try SnapshotObjects(old).entries
        let after = try SnapshotObjects(new).entries
        let positions = ColumnOrder(before: before, after: after)
        var changes: [Change] = []
        for key in Set(before.keys).union(after.keys) {
            switch (before[key], after[key]) {
            case (let was?, nil):
                changes.append(Self.change(was, action: .removed, old: was.value))
            case (nil, let now?):
                changes.append(Self.change(now, action: .added, new: now.value))
            case (let was?, let now?):
                var properties = PropertyComparison.changes(old: was.value, new: now.value)
                if key.kind == .column, !positions.isReportable(now) {
                    properties.removeAll { $0.property == "position" }
                }
                if !properties.isEmpty {
                    changes.append(Self.change(now, action: .changed, properties: properties))
                }
            case (nil, nil):
                continue
            }
        }
        self.changes = changes.sorted(by: Change.listedBefore)
    }

    /// A diff holding `changes`, put in the listing order.
    public init(changes: [Change]) {
        self.changes = changes.sorted(by: Change.listedBefore)
    }

    /// Whether the two snapshots describe the same schema.
    public var isEmpty: Bool { changes.isEmpty }

    /// How many objects were added, removed and changed.
    public var summary: Summary {
        Summary(
            added: changes.count { $0.action == .added },
            removed: changes.count { $0.action == .removed },
            changed: changes.count { $0.action == .changed })
    }

    /// The diff of the same snapshots taken in the opposite order.
    public var mirrored: SnapshotDiff { SnapshotDiff(changes: changes.map(\.mirrored)) }

    /// Only the changes `filter` keeps.
    public func filtered(by filter: ChangeFilter) -> SnapshotDiff {
        SnapshotDiff(changes: changes.filter(filter.keeps))
    }

    private static func change(
        _ entry: SnapshotObjects.Entry, action: Change.Action, old: JSONValue? = nil, new: JSONValue? = nil,
        properties: [PropertyChange] = []
    ) -> Change {
        Change(
            kind: entry.kind, name: entry.name, localName: entry.localName, schema: entry.schema, table: entry.table,
            action: action, old: old, new: new, properties: properties)
    }
}

/// Which column position changes are real moves rather than the shift left by an added or dropped column.
private struct ColumnOrder {
    /// Per table: each common column's rank among the common columns, before and after.
    private var ranks: [String: (before: [String: Int], after: [String: Int])] = [:]
    /// Tables that gained or lost columns.
    private var reshaped: Set<String> = []

    init(before: [SnapshotObjects.Key: SnapshotObjects.Entry], after: [SnapshotObjects.Key: SnapshotObjects.Entry]) {
        let common = before.filter { $0.key.kind == .column && after[$0.key] != nil }.keys
        let byTable = Dictionary(grouping: common) { before[$0]?.table ?? "" }
        for (table, keys) in byTable {
            ranks[table] = (Self.rank(keys, in: before), Self.rank(keys, in: after))
        }
        let added = after.filter { $0.key.kind == .column && before[$0.key] == nil }.values
        let removed = before.filter { $0.key.kind == .column && after[$0.key] == nil }.values
        reshaped = Set(added.compactMap(\.table)).union(removed.compactMap(\.table))
    }

    /// Whether a change of `column`'s position is worth reporting: always when its table has the same
    /// columns on both sides, otherwise only when it moved relative to the columns both sides have.
    func isReportable(_ column: SnapshotObjects.Entry) -> Bool {
        let table = column.table ?? ""
        guard reshaped.contains(table), let tableRanks = ranks[table] else { return true }
        return tableRanks.before[column.name] != tableRanks.after[column.name]
    }

    private static func rank(_ keys: [SnapshotObjects.Key], in entries: [SnapshotObjects.Key: SnapshotObjects.Entry]) -> [String: Int] {
        let ordered = keys.sorted { position(of: $0, in: entries) < position(of: $1, in: entries) }
        return Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element.name, $0.offset) })
    }

    private static func position(of key: SnapshotObjects.Key, in entries: [SnapshotObjects.Key: SnapshotObjects.Entry]) -> Int64 {
        entries[key]?.value["position"]?.integerValue ?? 0
    }
}
