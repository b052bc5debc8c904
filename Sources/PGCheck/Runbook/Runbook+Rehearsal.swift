import Foundation
import Logging
import PGSupport
import PostgresWire

extension Runbook {
    /// Rehearses the pending migrations before the apply; halts on hazards the operator has not accepted.
    func rehearsalStep() throws -> (String, [String]) {
        guard let rehearsal = plan.rehearsal else { return ("not asked for; skipped", []) }
        guard let folderURL = plan.migrationsFolder else { return ("no migrations folder given; skipped", []) }
        let folder = try DrizzleMigrationFolder(url: folderURL)
        let throughTag: String? = if case .native(_, let tag) = plan.apply { tag } else { nil }
        let target = DrizzleStatus(folder: folder, ledger: try readOnly { try DrizzleLedger.read($0, at: plan.ledger) })
        let session: PostgresConnection
        switch rehearsal.target {
        case .database(let configuration):
            // The ledger's CREATE … IF NOT EXISTS notices are the migrator's business, not the terminal's.
            var quiet = Logger(label: "pgcheck.rehearsal")
            quiet.logLevel = .warning
            session = try PostgresConnection.connect(configuration, options: SessionOptions(noticeHandler: { _ in }, logger: quiet))
            do {
                try session.refuseTransactionPooler(for: "the runbook's rehearsal")
            } catch {
                session.close()
                throw error
            }
        case .prepared(_, let prepare):
            let applied = target.items.filter { $0.state != .pending }.compactMap { folder.migration(tagged: $0.tag) }
            session = try prepare(applied)
        }
        defer { session.close() }
        let engine = MigrationRehearsal(ledger: plan.ledger, maxBlocked: rehearsal.maxBlocked, lockTimeout: .seconds(10))
        guard let report = try engine.rehearsePending(in: folder, through: throughTag, on: session) else {
            rehearsalLines = ["- lock rehearsal: nothing pending"]
            return ("nothing pending", [])
        }
        rehearsalText = report.text
        let text = try evidence.record(report.text, as: plan.names.rehearsalText)
        let json = try evidence.record(try report.encodedJSON(), as: plan.names.rehearsalJSON)
        let artefacts = [text.name, json.name]
        let found = Set(report.hazards.map(\.kind))
        let accepted = found.intersection(rehearsal.accepted)
        let refused = found.subtracting(rehearsal.accepted)
        let kinds = { (set: Set<RehearsalHazard.Kind>) in set.map(\.rawValue).sorted().joined(separator: ", ") }
        var lines = ["- lock rehearsal on \(report.database): \(report.hazards.count) hazard(s) (`\(text.name)`, `\(json.name)`)"]
        if !accepted.isEmpty { lines.append("- hazards accepted by \(plan.operatorName): \(kinds(accepted))") }
        rehearsalLines = lines
        summaryLines += lines
        guard refused.isEmpty else {
            throw RunbookStepFailed(
                detail: "the rehearsal found \(kinds(refused)) (see \(text.name)); fix the migration, or accept on purpose with --accept-hazard \(refused.map(\.rawValue).sorted().joined(separator: " --accept-hazard "))",
                artefacts: artefacts, failure: .checkFailed)
        }
        let longest = report.tables.map { max($0.readsBlockedSeconds, $0.writesBlockedSeconds) }.max() ?? 0
        let acceptedText = accepted.isEmpty ? "" : "; accepted: \(kinds(accepted))"
        return ("\(report.hazards.count) hazard(s), longest block \(Figures.seconds(longest))\(acceptedText)", artefacts)
    }
}
