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

    /// Diffs the live database against the pre-apply snapshot and records the result as evidence.
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
        try evidence.appendToLog("### \(plan.label) — rollback check \(RunbookLog.timestamp(Date()))\n\n- \(diff.changes.isEmpty ? "schema restored to the pre-apply snapshot" : "\(diff.changes.count) difference(s) from the pre-apply snapshot") (`\(artefact.name)`)\n\n")
        return RollbackCheck(identical: diff.changes.isEmpty, diffText: text, artefact: artefact.name)
    }
}
