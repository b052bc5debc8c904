/// The reading order of text and Markdown output: changes that belong to a table gathered under it.
///
/// Objects other than tables keep the list's kind order; the table groups (sorted by table name) sit
/// where tables come in that order.
enum DiffLayout {
    /// One block of output.
    enum Block {
        /// A change that belongs to no table (a schema, a function, a view, ...).
        case object(Change)
        /// A table's own change (when its table-level properties changed, or it was added or removed)
        /// and the changes of its columns, constraints, indexes, triggers and policies.
        case table(name: String, change: Change?, members: [Change])
    }

    static func blocks(_ diff: SnapshotDiff) -> [Block] {
        var before: [Block] = []
        var after: [Block] = []
        var groups: [String: (change: Change?, members: [Change])] = [:]
        for change in diff.changes {
            if change.kind == .table {
                groups[change.name, default: (nil, [])].change = change
            } else if change.kind.belongsToTable, let table = change.table {
                groups[table, default: (nil, [])].members.append(change)
            } else if change.kind < .table {
                before.append(.object(change))
            } else {
                after.append(.object(change))
            }
        }
        let tables = groups.keys.sorted().map { name in
            Block.table(name: name, change: groups[name]?.change, members: groups[name]?.members ?? [])
        }
        return before + tables + after
    }

    /// `4 added, 1 changed` style counts, leaving out zeros.
    static func counts(_ diff: SnapshotDiff) -> String {
        let summary = diff.summary
        let parts = [(summary.added, "added"), (summary.removed, "removed"), (summary.changed, "changed")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        let total = diff.changes.count
        return "\(total) \(total == 1 ? "change" : "changes"): " + parts.joined(separator: ", ")
    }
}
