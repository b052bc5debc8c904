extension DrizzleStatus {
    /// The status as people read it: one line per migration, problems explained, then the counts.
    ///
    /// ```
    ///   applied    0000_init_admins
    ///   mismatched 0001_usage_events           file edited after it was applied (recorded 1f0c…, file 9ab2…)
    ///   pending    0003_usage_event_windows
    /// 1 pending, 1 mismatched, 0 skipped
    /// ```
    public var text: String {
        let width = items.map(\.tag.count).max() ?? 0
        var lines: [String] = []
        for item in items {
            var line = "  " + item.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0) + item.tag
            switch item.state {
            case .mismatched:
                line = line.padding(toLength: width + 15, withPad: " ", startingAt: 0)
                    + "file edited after it was applied (recorded \(item.recordedHash?.prefix(12) ?? "")…, file \(item.fileHash.prefix(12))…)"
            case .skipped:
                line = line.padding(toLength: width + 15, withPad: " ", startingAt: 0)
                    + "older than the last applied migration: drizzle's migrator will skip it"
            case .applied, .pending:
                break
            }
            lines.append(line)
        }
        for row in unknownRows {
            lines.append("  unknown    ledger row id \(row.id) (created_at \(row.createdAt.map(String.init) ?? "NULL")) matches no migration file")
        }
        let count = { (state: State) in self.items.count { $0.state == state } }
        lines.append("\(count(.pending)) pending, \(count(.mismatched)) mismatched, \(count(.skipped)) skipped")
        return lines.joined(separator: "\n") + "\n"
    }
}
