/// Renders a diff for a person at a terminal: grouped by table, `+` added, `-` removed, `~` changed.
///
/// ```
/// public.usage_events
///   + column metadata: jsonb NOT NULL DEFAULT '{}'::jsonb
///   ~ index usage_admin_bucket_idx
///       include: none → (source)
///       keys:
///         - (admin_id, meter, bucket_start)
///         + (admin_id, meter, bucket_start, window_start, window_end)
///
/// 2 changes: 1 added, 1 changed
/// ```
///
/// An empty diff renders as the empty string, as diff(1) prints nothing for identical files.
public struct TextDiffRenderer: Sendable {
    /// Whether to colour markers with ANSI escapes (green added, red removed, yellow changed).
    public var colors: Bool

    /// Creates a renderer. Decide `colors` with ``TerminalColors/shouldColor(isTerminal:environment:)``.
    public init(colors: Bool = false) {
        self.colors = colors
    }

    /// The text, ending in a newline; empty when there are no changes.
    public func render(_ diff: SnapshotDiff) -> String {
        guard !diff.isEmpty else { return "" }
        var lines: [String] = []
        for block in DiffLayout.blocks(diff) {
            switch block {
            case .object(let change):
                lines += changeLines(change, label: "\(change.kind.displayName) \(change.name)", indent: "")
            case .table(let name, let change, let members):
                if let change {
                    lines += changeLines(change, label: "table \(name)", indent: "")
                } else {
                    lines.append(paint(name, .bold))
                }
                for member in members {
                    lines += changeLines(member, label: "\(member.kind.displayName) \(member.localName)", indent: "  ")
                }
            }
        }
        lines += ["", DiffLayout.counts(diff)]
        return lines.joined(separator: "\n") + "\n"
    }

    private func changeLines(_ change: Change, label: String, indent: String) -> [String] {
        switch change.action {
        case .added, .removed:
            let value = change.action == .added ? change.new : change.old
            let marker = change.action == .added ? "+" : "-"
            let summary = value.flatMap { ValueText.summary(kind: change.kind, of: $0) }.map { ": " + $0 } ?? ""
            return [indent + paint("\(marker) \(label)", change.action == .added ? .green : .red) + summary]
        case .changed:
            let header = indent + paint("~ \(label)", .yellow)
            return [header] + change.properties.flatMap { propertyLines($0, kind: change.kind, indent: indent + "    ") }
        }
    }

    private func propertyLines(_ property: PropertyChange, kind: ObjectKind, indent: String) -> [String] {
        let old = ValueText.property(property.old, path: property.property, kind: kind)
        let new = ValueText.property(property.new, path: property.property, kind: kind)
        if old.contains("\n") || new.contains("\n") {
            return [indent + property.property + ":"] + LineDiff.lines(old: old, new: new).map { line in
                switch line {
                case .same(let text): return indent + "    " + text
                case .removed(let text): return indent + paint("  - " + text, .red)
                case .added(let text): return indent + paint("  + " + text, .green)
                case .skipped(let count): return indent + "    … \(count) unchanged \(count == 1 ? "line" : "lines")"
                }
            }
        }
        if property.property.count + old.count + new.count <= 72 {
            return [indent + "\(property.property): \(old) → \(new)"]
        }
        return [indent + property.property + ":", indent + paint("  - " + old, .red), indent + paint("  + " + new, .green)]
    }

    private enum Style: String {
        case bold = "1"
        case red = "31"
        case green = "32"
        case yellow = "33"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        colors ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

/// When output may be coloured.
public enum TerminalColors {
    /// Colour only on a terminal, never when `NO_COLOR` is set (to anything, even empty: stricter than
    /// no-color.org asks, so a user who exported it at all gets plain text) and never on a `dumb` terminal.
    public static func shouldColor(isTerminal: Bool, environment: [String: String]) -> Bool {
        isTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}
