/// Renders a diff as Markdown for an apply log: a heading, the counts, then one list per table.
///
/// Names and values are code spans; multi-line values (function bodies, view queries) are fenced
/// `diff` blocks showing the lines that changed.
public struct MarkdownDiffRenderer: Sendable {
    /// The heading's level (`###` by default), so the section fits the log it is pasted into.
    public var headingLevel: Int

    /// Creates a renderer.
    public init(headingLevel: Int = 3) {
        self.headingLevel = max(1, min(headingLevel, 6))
    }

    /// The Markdown, ending in a newline. An empty diff says so in one sentence (a log entry should
    /// record that the schemas matched, not be blank).
    public func render(_ diff: SnapshotDiff) -> String {
        let heading = String(repeating: "#", count: headingLevel) + " Schema changes"
        guard !diff.isEmpty else { return heading + "\n\nNo schema changes.\n" }
        var lines = [heading, "", DiffLayout.counts(diff) + "."]
        for block in DiffLayout.blocks(diff) {
            switch block {
            case .object(let change):
                lines += [""] + item(change, label: "\(change.kind.displayName) \(Self.code(change.name))")
            case .table(let name, let change, let members):
                lines += ["", "**\(Self.code(name))**", ""]
                if let change { lines += item(change, label: "table \(Self.code(name))") }
                for member in members {
                    lines += item(member, label: "\(member.kind.displayName) \(Self.code(member.localName))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func item(_ change: Change, label: String) -> [String] {
        switch change.action {
        case .added, .removed:
            let value = change.action == .added ? change.new : change.old
            let summary = value.flatMap { ValueText.summary(kind: change.kind, of: $0) }.map { ": " + Self.code($0) } ?? ""
            return ["- **\(change.action.rawValue)** \(label)\(summary)"]
        case .changed:
            return ["- **changed** \(label)"] + change.properties.flatMap { property(change: change, $0) }
        }
    }

    private func property(change: Change, _ property: PropertyChange) -> [String] {
        let old = ValueText.property(property.old, path: property.property, kind: change.kind)
        let new = ValueText.property(property.new, path: property.property, kind: change.kind)
        guard old.contains("\n") || new.contains("\n") else {
            return ["  - \(Self.code(property.property)): \(Self.code(old)) → \(Self.code(new))"]
        }
        let body = LineDiff.lines(old: old, new: new).map { line in
            switch line {
            case .same(let text): return "  " + text
            case .removed(let text): return "- " + text
            case .added(let text): return "+ " + text
            case .skipped(let count): return "  … \(count) unchanged \(count == 1 ? "line" : "lines")"
            }
        }
        let fence = Self.fence(for: body)
        return ["  - \(Self.code(property.property)):", "", "    \(fence)diff"] + body.map { "    " + $0 } + ["    \(fence)", ""]
    }

    /// `text` as a code span, with a backtick run longer than any inside it.
    static func code(_ text: String) -> String {
        let ticks = String(repeating: "`", count: longestRun(of: "`", in: text) + 1)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return ticks + padded + ticks
    }

    /// A code fence longer than any backtick run in `lines`.
    private static func fence(for lines: [String]) -> String {
        String(repeating: "`", count: max(3, lines.map { longestRun(of: "`", in: $0) }.max().map { $0 + 1 } ?? 3))
    }

    private static func longestRun(of character: Character, in text: String) -> Int {
        var longest = 0
        var current = 0
        for each in text {
            current = each == character ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
