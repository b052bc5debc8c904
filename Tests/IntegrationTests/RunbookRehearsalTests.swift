import Foundation
import PGCheck
import PGLocal
import Testing
import PGTestSupport

/// The runbook's lock rehearsal before the apply: it halts on hazards nobody accepted, before anything is
/// applied, and records in the apply log what the operator accepted.
@Suite struct RunbookRehearsalTests {
    private static func plan(_ label: String, accepting accepted: Set<RehearsalHazard.Kind>, evidence: URL) throws -> (RunbookPlan, FixtureDatabase) {
        let database = try RunbookTests.scenario(label)
        // The rehearsal database: a copy of the target, as a Neon branch is.
        let copy = try KillRunbookTests.copy(of: database, "\(database.name)_branch")
        var plan = try RunbookTests.plan(database, evidence: evidence)
        plan.rehearsal = RunbookRehearsal(target: .database(try copy.configuration()), accepted: accepted)
        return (plan, database)
    }

    @Test func anUnacceptedHazardHaltsBeforeTheApply() throws {
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let (plan, database) = try Self.plan("runbook_rehearse_halt", accepting: [], evidence: evidence)
        let outcome = try Runbook(plan: plan).run()
        let failed = try #require(outcome.failedStep)
        #expect(failed.step == .rehearse && failed.failure == .checkFailed)
        #expect(failed.detail.contains("index-build") && failed.detail.contains("--accept-hazard index-build"))
        #expect(outcome.steps.map(\.step) == [.preSnapshot, .migrationStatus, .preDrift, .rehearse], "nothing was applied")
        #expect(failed.artefacts == ["lock-rehearsal-0003.txt", "lock-rehearsal-0003.json"])
        let connection = try database.connect()
        defer { connection.close() }
        #expect(try DrizzleLedger.read(connection).rows.count == 3, "0003 is still pending on the target")
        #expect(try EvidenceVerifier().verify(evidence).isIntact)
        let log = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(log.contains("HALTED at lock rehearsal"))
        #expect(outcome.rehearsalText.contains("[index-build] 0003_usage_event_windows #6"))
    }

    @Test func anAcceptedHazardIsRecordedWithTheOperator() throws {
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let (plan, _) = try Self.plan("runbook_rehearse_accept", accepting: [.indexBuild], evidence: evidence)
        let outcome = try Runbook(plan: plan).run()
        #expect(outcome.succeeded, "\(String(describing: outcome.failedStep))")
        let rehearsal = try #require(outcome.steps.first { $0.step == .rehearse })
        #expect(rehearsal.detail.contains("accepted: index-build"))
        let log = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(log.contains("- hazards accepted by alice: index-build"))
        #expect(log.contains("`lock-rehearsal-0003.txt`, `lock-rehearsal-0003.json`"))
        let chain = try String(contentsOf: evidence.appendingPathComponent("0003.sha256"), encoding: .utf8)
        #expect(chain.contains("  lock-rehearsal-0003.json\n"))
        #expect(try RunbookTests.sha256sumCheck(evidence) == 0)
    }

    @Test func throughTheCLIAnUnknownKindIsBadInput() throws {
        let run = try PGCheckProcess.run([
            "runbook", "--file", Fixtures.url("runbook/0003-usage-event-windows.yaml").path,
            "--accept-hazard", "everything", "--url", "postgresql://u@127.0.0.1:1/db",
        ])
        #expect(run.status == 2 && run.stderr.contains("--accept-hazard everything: unknown kind; known kinds: blocks-reads"), "\(run.stderr)")
    }
}
