import PGCatalog
import PGJSON

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
        let objects = try SnapshotObjects(old: old, new: new)
        let before = objects.before
        let after = objects.after
        var changes: [Change] = []
        var common: [(was: SnapshotObjects.Entry, now: SnapshotObjects.Entry)] = []
        var reshapedTables: Set<String> = []
        for (key, was) in before {
            if let now = after[key] {
                common.append((was, now))
            } else {
                changes.append(Self.change(was, action: .removed, old: was.value))
                if key.kind == .column, let table = was.table { reshapedTables.insert(table) }
            }
        }
        for (key, now) in after where before[key] == nil {
            changes.append(Self.change(now, action: .added, new: now.value))
            if key.kind == .column, let table = now.table { reshapedTables.insert(table) }
        }
        let positions = ColumnOrder(common: common, reshapedTables: reshapedTables)
        for (was, now) in common {
            var properties = PropertyComparison.changes(old: was.value, new: now.value)
            if now.kind == .column, !positions.isReportable(now) {
                properties.removeAll { $0.property == "position" }
            }
            if !properties.isEmpty {
                changes.append(Self.change(now, action: .changed, properties: properties))
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
    /// Per reshaped table: each common column's rank among the common columns, before and after.
    private var ranks: [String: (before: [String: Int], after: [String: Int])] = [:]
    /// Tables that gained or lost columns.
    private let reshaped: Set<String>

    /// - Parameters:
    ///   - common: the objects present on both sides (entries of every kind; columns are picked out).
    ///   - reshapedTables: the tables that gained or lost columns; only their columns need ranks.
    init(common: [(was: SnapshotObjects.Entry, now: SnapshotObjects.Entry)], reshapedTables: Set<String>) {
        reshaped = reshapedTables
        guard !reshapedTables.isEmpty else { return }
        var byTable: [String: [(name: String, before: Int64, after: Int64)]] = [:]
        for (was, now) in common where was.kind == .column {
            let table = was.table ?? ""
            guard reshapedTables.contains(table) else { continue }
            byTable[table, default: []].append((was.name, Self.position(of: was), Self.position(of: now)))
        }
        for (table, columns) in byTable {
            ranks[table] = (Self.rank(columns.map { ($0.name, $0.before) }), Self.rank(columns.map { ($0.name, $0.after) }))
        }
    }

    /// Whether a change of `column`'s position is worth reporting: always when its table has the same
    /// columns on both sides, otherwise only when it moved relative to the columns both sides have.
    func isReportable(_ column: SnapshotObjects.Entry) -> Bool {
        let table = column.table ?? ""
        guard reshaped.contains(table), let tableRanks = ranks[table] else { return true }
        return tableRanks.before[column.name] != tableRanks.after[column.name]
    }

    /// Each column's rank by position (equal positions, which a real table never has, by name).
    private static func rank(_ columns: [(name: String, position: Int64)]) -> [String: Int] {
        let ordered = columns.sorted { ($0.position, $0.name) < ($1.position, $1.name) }
        return Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element.name, $0.offset) })
    }

    private static func position(of entry: SnapshotObjects.Entry) -> Int64 {
        entry.value["position"]?.integerValue ?? 0
    }
}
