import Foundation
import Testing
import PGCatalog
import PGCheck
import PGLocal
@testable import PostgresWire

/// The runbook when the network fails under it: it stops at the step that failed, says why, and
/// leaves an evidence folder whose every chained artefact still verifies.
@Suite struct FaultRunbookTests {
    static let runbookFile = RunbookTests.runbookFixtures.appendingPathComponent("0003-usage-event-windows.yaml").path

    /// The scenario's plan, connecting through `proxy`.
    static func plan(_ database: FixtureDatabase, through proxy: FaultProxy, evidence: URL) throws -> RunbookPlan {
        var plan = try RunbookTests.plan(database, evidence: evidence)
        plan.configuration.endpoints = [Endpoint(host: "127.0.0.1", port: proxy.port)]
        return plan
    }

    /// Every chained artefact matches, for both `sha256sum -c` and `pgcheck evidence verify`'s checker.
    static func expectIntact(_ evidence: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try RunbookTests.sha256sumCheck(evidence) == 0, "sha256sum -c", sourceLocation: sourceLocation)
        let report = try EvidenceVerifier().verify(evidence)
        #expect(report.isIntact, "\(report.problems)", sourceLocation: sourceLocation)
    }

    @Test func aConnectionCutWhenTheMigrationIsSentStopsAtApply() throws {
        let database = try RunbookTests.scenario("fault_apply")
        let proxy = try FaultProxy(targetPort: database.cluster.port, plan: .cut(.clientSends("window_start")))
        defer { proxy.stop() }
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let runbook = try Runbook(plan: try Self.plan(database, through: proxy, evidence: evidence))
        let outcome = runbook.run()
        let failed = try #require(outcome.failedStep)
        #expect(failed.step == .apply)
        #expect(failed.failure == .connection)
        #expect(failed.detail.contains("server closed the connection unexpectedly"), "\(failed.detail)")
        #expect(outcome.steps.map(\.step) == [.preSnapshot, .migrationStatus, .preDrift, .rehearse, .logEntry, .apply], "nothing ran after the failed step")
        try Self.expectIntact(evidence)
        let log = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        #expect(log.contains("HALTED at apply"))
        // The statement never reached the server: the schema is still the pre-apply snapshot.
        #expect(try runbook.verifyRollback().identical)
    }

    @Test func aCutMidSnapshotWritesNoSnapshotAndStops() throws {
        let database = try RunbookTests.scenario("fault_snapshot")
        let proxy = try FaultProxy(targetPort: database.cluster.port, plan: .cut(.serverMessage(UInt8(ascii: "D"), occurrence: 5, keepingBytes: 11)))
        defer { proxy.stop() }
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let outcome = try Runbook(plan: try Self.plan(database, through: proxy, evidence: evidence)).run()
        let failed = try #require(outcome.failedStep)
        #expect(failed.step == .preSnapshot)
        #expect(failed.failure == .connection)
        #expect(failed.detail.contains("in the middle of a DataRow message"), "\(failed.detail)")
        #expect(!FileManager.default.fileExists(atPath: evidence.appendingPathComponent("schema-snapshot-pre-0003.json").path),
                "no partial snapshot was written")
        try Self.expectIntact(evidence)
    }

    @Test func aStalledServerStopsTheRunAtConnectTimeout() throws {
        let database = try RunbookTests.scenario("fault_stall")
        let proxy = try FaultProxy(targetPort: database.cluster.port, plan: .stall(.serverBytes(0)))
        defer { proxy.stop() }
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        var plan = try Self.plan(database, through: proxy, evidence: evidence)
        plan.configuration.connectTimeout = 2
        let started = ContinuousClock.now
        let outcome = try Runbook(plan: plan).run()
        #expect(ContinuousClock.now - started < .seconds(6))
        let failed = try #require(outcome.failedStep)
        #expect(failed.step == .preSnapshot)
        #expect(failed.detail.contains("timeout expired after 2 seconds (connect_timeout)"), "\(failed.detail)")
        try Self.expectIntact(evidence)
    }

    @Test func theCommandStopsAtTheFailingStepWithItsExitStatus() throws {
        let database = try RunbookTests.scenario("fault_cli")
        let proxy = try FaultProxy(targetPort: database.cluster.port, plan: .cut(.clientSends("window_start")))
        defer { proxy.stop() }
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }
        let url = "postgresql://\(LocalCluster.trustUser.name)@127.0.0.1:\(proxy.port)/\(database.name)?sslmode=disable"
        let run = try PGCheckProcess.run(["runbook", "--file", Self.runbookFile, "--url", url, "--evidence", evidence.path, "--operator", "carol"])
        #expect(run.status == 3, "a connection failure: \(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("✗ apply"), "\(run.stdout)")
        #expect(run.stderr.contains("runbook halted at apply"), "\(run.stderr)")
        #expect(run.stderr.contains("server closed the connection unexpectedly"), "\(run.stderr)")
        #expect(try PGCheckProcess.run(["evidence", "verify", evidence.path]).status == 0)
        try Self.expectIntact(evidence)
    }
}
