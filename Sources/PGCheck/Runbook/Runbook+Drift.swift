import Foundation
import PGCatalog
import PGJSON

extension RunbookArtefactNames {
    /// `drift-pre-0003.txt`: the pre-apply database against the snapshot of the last applied migration.
    public var preDriftText: String { "drift-pre-\(label).txt" }
    /// `drift-pre-0003.json`.
    public var preDriftJSON: String { "drift-pre-\(label).json" }
    /// `drift-post-0003.txt`: the post-apply database against the snapshot of the migration applied last.
    public var postDriftText: String { "drift-post-\(label).txt" }
    /// `drift-post-0003.json`.
    public var postDriftJSON: String { "drift-post-\(label).json" }
}

extension Runbook {
    /// Compares the database with drizzle-kit's snapshot of the last migration its ledger records, as
    /// `pgcheck drift` does, on the snapshot the step before captured.
    ///
    /// Before the apply, drift is evidence (the operator sees what the apply lands on) and the run goes
    /// on; after it, drift fails the step: the applied database is not what drizzle believes it is.
    /// A folder that keeps no drizzle-kit snapshots skips the step.
    func driftStep(pre: Bool) throws -> (String, [String]) {
        guard let folderURL = plan.migrationsFolder else { return ("no migrations folder given; skipped", []) }
        guard let actual = pre ? preSnapshot : postSnapshot else { return ("no snapshot captured; skipped", []) }
        let folder = try DrizzleMigrationFolder(url: folderURL)
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(try reader(), at: plan.ledger))
        let check = DriftCheck(folder: folder, ledger: plan.ledger)
        guard let chosen = try? check.chooseMigration(at: nil, status: status) else { return ("no migration applied yet; skipped", []) }
        let file = folder.snapshotFile(tag: chosen.tag)
        guard FileManager.default.fileExists(atPath: file.path) else {
            return ("no drizzle-kit snapshot for \(chosen.tag) (\(file.lastPathComponent)); skipped", [])
        }
        let report = try check.run(at: nil, status: status, actual: actual, database: plan.configuration.redactedDescription,
                                   judge: ServerExpressionJudge(connection: try reader()))
        let text = try evidence.record(report.text, as: pre ? plan.names.preDriftText : plan.names.postDriftText)
        let json = try evidence.record(try CanonicalJSONDocument.data(of: report), as: pre ? plan.names.preDriftJSON : plan.names.postDriftJSON)
        let artefacts = [text.name, json.name]
        summaryLines.append("- drift \(pre ? "before" : "after") apply against \(chosen.tag)'s snapshot: \(report.summary) (`\(text.name)`, `\(json.name)`)")
        if !pre, report.hasDrift {
            throw RunbookStepFailed(
                detail: "the applied database differs from drizzle-kit's snapshot of \(chosen.tag): \(report.summary) (see \(text.name))",
                artefacts: artefacts, failure: .checkFailed)
        }
        return ("\(report.summary) against \(chosen.tag)", artefacts)
    }
}
