extension DriftReport {
    /// One line per finding: `index public.extra_idx: not in drizzle's snapshot; the database has CREATE INDEX …`.
    static func line(_ finding: Finding) -> String {
        var text = "\(finding.subject)"
        switch (finding.property, finding.expected, finding.actual) {
        case ("exists", nil, let actual?): text += ": not in drizzle's snapshot; the database has it (\(actual))"
        case ("exists", let expected?, nil): text += ": missing from the database; drizzle expects it (\(expected))"
        default: text += " \(finding.property): drizzle expects \(finding.expected ?? "none"), the database has \(finding.actual ?? "none")"
        }
        if let migration = finding.definedIn {
            text += finding.actual != nil && finding.expected == nil ? " [dropped in \(migration)]" : " [defined in \(migration)]"
        }
        return text
    }

    /// The summary line: `no drift` or `2 drift, 1 cannot compare`.
    public var summary: String {
        let drifted = drift.isEmpty ? "no drift" : "\(drift.count) drift"
        return cannotCompare.isEmpty ? drifted : "\(drifted), \(cannotCompare.count) cannot compare"
    }

    /// The report as people read it in a terminal.
    public var text: String {
        var lines = ["Drift: \(database)", "against drizzle's snapshot of \(migration) (\(chosenBy)): \(snapshotFile)"]
        if !drift.isEmpty {
            lines.append("")
            lines.append("drift (\(drift.count)):")
            lines += drift.map { "  " + Self.line($0) }
        }
        if !cannotCompare.isEmpty {
            lines.append("")
            lines.append("cannot compare (\(cannotCompare.count)): the spellings differ and could not be proved equal or different")
            lines += cannotCompare.map { "  \($0.subject) \($0.property): drizzle wrote \($0.expected ?? "none"); the database has \($0.actual ?? "none")" }
        }
        if !unmanaged.isEmpty {
            lines.append("")
            lines.append("unmanaged (\(unmanaged.count)): not drizzle's, not compared")
            lines += unmanaged.map { "  " + $0 }
        }
        lines.append("")
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as Markdown, for a pull-request comment.
    public var markdown: String {
        func cell(_ text: String?) -> String {
            (text ?? "—").replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var lines = ["### Drift: \(cell(database))", "", "Against drizzle's snapshot of `\(migration)` (\(chosenBy)). **\(summary)**."]
        if !drift.isEmpty {
            lines += ["", "| object | property | drizzle expects | database has | migration |", "| --- | --- | --- | --- | --- |"]
            lines += drift.map { "| `\(cell($0.subject))` | \($0.property) | \(cell($0.expected)) | \(cell($0.actual)) | \(cell($0.definedIn)) |" }
        }
        if !cannotCompare.isEmpty {
            lines += ["", "Cannot compare (spellings not proved equal or different):", "",
                      "| object | property | drizzle wrote | database has |", "| --- | --- | --- | --- |"]
            lines += cannotCompare.map { "| `\(cell($0.subject))` | \($0.property) | `\(cell($0.expected))` | `\(cell($0.actual))` |" }
        }
        if !unmanaged.isEmpty {
            lines += ["", "<details><summary>Unmanaged (\(unmanaged.count))</summary>", ""]
            lines += unmanaged.map { "- \(cell($0))" }
            lines += ["", "</details>"]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
