import Foundation
import PGCatalog
import PGDiff
import PostgresWire

extension Runbook {
    /// The rollback section's check: the database now against the evidence folder's pre-apply snapshot.
    public struct RollbackCheck: Sendable {
        /// Whether the schema is exactly as before the apply.
        public let identical: Bool
        /// The structural diff (empty when identical).
        public let diffText: String
        /// The artefact written.
        public let artefact: String
    }

    /// Diffs the live database against the pre-apply snapshot and records the result as evidence: the diff
    /// as an artefact, an entry in the apply log, and one in `rollback_log.md` (what was compared, the
    /// result, the artefact), as the staging runbook asks, both logs append-only and chained.
    public func verifyRollback() throws -> RollbackCheck {
        let path = plan.evidence.appendingPathComponent(plan.names.preSnapshot)
        guard let data = FileManager.default.contents(atPath: path.path) else {
            throw RunbookFileError(message: "no pre-apply snapshot at \(path.path): run the runbook first, or point --evidence at its folder")
        }
        let before = try Snapshot.decode(from: data)
        let connection = try reader()
        defer { connection.close() }
        let session = try CatalogSession(connection: connection, options: CatalogSession.Options(statementTimeout: plan.readTimeout))
        let now = try SnapshotCapture.capture(session: session).snapshot
        try session.finish()
        let diff = try SnapshotDiff(from: before, to: now)
        let text = TextDiffRenderer().render(diff)
        let artefact = try evidence.record(text.isEmpty ? "no structural differences: schema restored\n" : text, as: plan.names.rollbackDiff)
        let result = diff.changes.isEmpty ? "schema restored to the pre-apply snapshot" : "\(diff.changes.count) difference(s) from the pre-apply snapshot"
        let when = RunbookLog.timestamp(Date())
        try evidence.appendToLog("### \(plan.label) — rollback check \(when)\n\n- \(result) (`\(artefact.name)`)\n\n")
        try evidence.appendToLog("""
            ## \(plan.label) — rollback check \(when)

            - operator: \(plan.operatorName)
            - compared: \(plan.configuration.redactedDescription) (live) against `\(plan.names.preSnapshot)` (before the apply)
            - result: \(diff.changes.isEmpty ? "PASS: " : "FAIL: ")\(result)
            - evidence: `\(artefact.name)`


            """, log: EvidenceFolder.rollbackLogName)
        return RollbackCheck(identical: diff.changes.isEmpty, diffText: text, artefact: artefact.name)
    }
}
