import Foundation

/// The Markdown entries the runbook appends to the apply log. Artefacts are cited as `` `name` `` so
/// `pgcheck evidence verify` can check each one exists.
enum RunbookLog {
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func start(plan: RunbookPlan, at date: Date, preSnapshot: String, pgcheckVersion: String, rehearsal: [String] = []) -> String {
        var lines = [
            "## \(plan.label) — apply entry \(timestamp(date))",
            "",
            "- operator: \(plan.operatorName)",
            "- planned apply time: \(timestamp(date))\(plan.dryRun ? " (dry run: nothing will be applied)" : "")",
            "- database: \(plan.configuration.redactedDescription)",
            "- pgcheck: \(pgcheckVersion)",
        ]
        switch plan.apply {
        case .native(let folder, let tag):
            lines.append("- apply: native Drizzle migrator from \(folder.path)\(tag.map { " through \($0)" } ?? "")")
        case .command(let command):
            lines.append("- apply: external command `\(command)`")
        }
        lines.append("- pre-apply snapshot: `\(preSnapshot)`")
        lines += rehearsal
        return lines.joined(separator: "\n") + "\n\n"
    }

    static func summary(label: String, lines: [String], at date: Date) -> String {
        (["### \(label) — validation summary \(timestamp(date))", ""] + lines + ["- result: PASS", ""]).joined(separator: "\n") + "\n"
    }

    static func halt(label: String, step: RunbookStep, reason: String, at date: Date, artefacts: [String]) -> String {
        var lines = ["### \(label) — HALTED at \(step.rawValue) \(timestamp(date))", "", "- reason: \(reason.replacingOccurrences(of: "\n", with: " "))"]
        if !artefacts.isEmpty { lines.append("- evidence so far: " + artefacts.map { "`\($0)`" }.joined(separator: ", ")) }
        lines.append("- result: FAIL")
        return lines.joined(separator: "\n") + "\n\n"
    }
}
