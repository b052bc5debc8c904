import Foundation
import PGCheck
import Testing

/// The runbook's drift steps: the database before the apply against 0002's snapshot, after it against 0003's.
@Suite struct RunbookDriftTests {
    @Test func bothDriftStepsRecordNoDriftAsEvidence() throws {
        let database = try RunbookTests.scenario("runbook_drift")
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let outcome = try Runbook(plan: try RunbookTests.plan(database, evidence: evidence)).run()
        #expect(outcome.succeeded, "failed at \(String(describing: outcome.failedStep))")
        let pre = try #require(outcome.steps.first { $0.step == .preDrift })
        let post = try #require(outcome.steps.first { $0.step == .postDrift })
        #expect(pre.detail == "no drift against 0002_usage_account_lookup")
        #expect(post.detail == "no drift against 0003_usage_event_windows")
        #expect(pre.artefacts == ["drift-pre-0003.txt", "drift-pre-0003.json"] && post.artefacts == ["drift-post-0003.txt", "drift-post-0003.json"])
        let text = try String(contentsOf: evidence.appendingPathComponent("drift-post-0003.txt"), encoding: .utf8)
        #expect(text.contains("against drizzle's snapshot of 0003_usage_event_windows"))
        let log = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(log.contains("- drift before apply against 0002_usage_account_lookup's snapshot: no drift (`drift-pre-0003.txt`, `drift-pre-0003.json`)"))
        #expect(try RunbookTests.sha256sumCheck(evidence) == 0)
        #expect(try EvidenceVerifier().verify(evidence).isIntact)
    }

    @Test func driftBeforeTheApplyIsEvidenceAndAfterItFailsTheRun() throws {
        let database = try RunbookTests.scenario("runbook_drifted")
        try database.superuserSQL("CREATE INDEX by_hand_meter_idx ON usage_events (meter)")
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let outcome = try Runbook(plan: try RunbookTests.plan(database, evidence: evidence)).run()
        #expect(!outcome.succeeded)
        let pre = try #require(outcome.steps.first { $0.step == .preDrift })
        #expect(pre.succeeded && pre.detail == "1 drift against 0002_usage_account_lookup")
        let failed = try #require(outcome.failedStep)
        #expect(failed.step == .postDrift && failed.failure == .checkFailed)
        #expect(failed.detail.contains("differs from drizzle-kit's snapshot of 0003_usage_event_windows: 1 drift"))
        let text = try String(contentsOf: evidence.appendingPathComponent("drift-post-0003.txt"), encoding: .utf8)
        #expect(text.contains("index public.by_hand_meter_idx: not in drizzle's snapshot"))
    }
}
