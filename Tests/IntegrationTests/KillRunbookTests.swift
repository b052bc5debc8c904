import Foundation
import PGSupport
import Testing
import PGCheck
import PGLocal
#if canImport(Glibc)
import Glibc
#endif

/// `pgcheck runbook` killed with SIGKILL at random moments, again and again, into one evidence folder:
/// no chained artefact is ever truncated or changed (`sha256sum -c` passes after every kill), and the
/// apply log is only ever appended to.
@Suite struct KillRunbookTests {
    /// Runs to kill while they are running; at most twice as many are started.
    static let kills = 24

    /// A database created from `template` (a scenario database nobody is connected to).
    static func copy(of template: FixtureDatabase, _ name: String) throws -> FixtureDatabase {
        try template.cluster.runSQL("CREATE DATABASE \(name) TEMPLATE \(template.name) OWNER \(LocalCluster.trustUser.name)")
        return FixtureDatabase(cluster: template.cluster, name: name)
    }

    /// Starts the runbook on `database`, writing into `evidence`.
    static func start(_ database: FixtureDatabase, evidence: URL) throws -> Process {
        let process = Process()
        process.executableURL = PGCheckProcess.executable
        process.arguments = [
            "runbook", "--file", FaultRunbookTests.runbookFile, "--evidence", evidence.path, "--operator", "kill-test",
            "--url", database.cluster.url(user: LocalCluster.trustUser, database: database.name),
        ]
        process.environment = ["HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin"]
        // A handle of its own (not the shared FileHandle.nullDevice), closed once the child has it.
        let sink = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
        defer { try? sink.close() }
        process.standardOutput = sink
        process.standardError = sink
        try process.run()
        return process
    }

    /// Every line of the chain names a file whose SHA-256 matches (what `sha256sum -c` checks).
    static func chainProblems(_ evidence: URL) throws -> [String] {
        guard FileManager.default.fileExists(atPath: evidence.appendingPathComponent("0003.sha256").path) else { return [] }
        return try EvidenceVerifier().verify(evidence).problems
            .filter { $0.reason.contains("checksum") || $0.reason.contains("missing") || $0.reason.contains("sha256sum format") }
            .map(\.description)
    }

    @Test func killedRunsNeverLeaveATruncatedChainedArtefact() throws {
        let template = try RunbookTests.scenario("kill_template")
        let evidence = RunbookTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: evidence) }

        // How long an undisturbed run takes, so the kills land anywhere inside one.
        let started = ContinuousClock.now
        let whole = try Self.start(try Self.copy(of: template, "\(template.name)_full"), evidence: evidence)
        whole.waitUntilExit()
        let runTime = ContinuousClock.now - started
        #expect(whole.terminationStatus == 0, "an undisturbed run passes")

        var generator = SystemRandomNumberGenerator()
        var logSoFar = try String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)
        var killedMidRun = 0
        var otherProblems: [Int: [String]] = [:]
        // The longest delay worth waiting: shrinks to the fastest run seen finishing before its kill.
        var longest = runTime
        for iteration in 0..<(2 * Self.kills) where killedMidRun < Self.kills {
            let database = try Self.copy(of: template, "\(template.name)_\(iteration)")
            let launched = ContinuousClock.now
            let process = try Self.start(database, evidence: evidence)
            let delay = Double.random(in: 0...longest.inSeconds, using: &generator)
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedMidRun += 1
            } else {
                longest = min(longest, ContinuousClock.now - launched)
            }
            process.waitUntilExit()

            let problems = try Self.chainProblems(evidence)
            #expect(problems.isEmpty, "after a kill at \(delay) s: \(problems)")
            #expect(try RunbookTests.sha256sumCheck(evidence) == 0, "sha256sum -c after a kill at \(delay) s")
            let log = (try? String(contentsOf: evidence.appendingPathComponent("apply-log.md"), encoding: .utf8)) ?? ""
            #expect(log.hasPrefix(logSoFar), "the apply log was rewritten, not appended to, by a run killed at \(delay) s")
            logSoFar = log
            // Problems beyond the chain (the log against its entries, artefacts the log names), new after this kill.
            let seen = Set(otherProblems.values.joined())
            let fresh = try EvidenceVerifier().verify(evidence).problems.map(\.description).filter { !seen.contains($0) && !problems.contains($0) }
            if !fresh.isEmpty { otherProblems[iteration] = fresh }
        }
        #expect(killedMidRun == Self.kills, "runs killed while running: \(killedMidRun)")

        // The folder is still usable: a complete run appends to it and every chained file verifies.
        let final = try Self.start(try Self.copy(of: template, "\(template.name)_last"), evidence: evidence)
        final.waitUntilExit()
        #expect(final.terminationStatus == 0)
        #expect(try Self.chainProblems(evidence).isEmpty)
        #expect(try RunbookTests.sha256sumCheck(evidence) == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: evidence.path).filter { $0.contains(".tmp-") }
        // A kill between writing a temporary file and renaming it leaves the temporary file: never chained,
        // never named like an artefact.
        #expect(leftovers.allSatisfy { $0.hasPrefix(".") }, "temporary files are hidden: \(leftovers)")
        print("KillRunbookTests: \(killedMidRun) runs killed mid-run, \(leftovers.count) temporary files left behind")
        for (iteration, problems) in otherProblems.sorted(by: { $0.key < $1.key }) {
            // Not about chained checksums (those are checked above): printed for the report, not failed.
            print("KillRunbookTests: after run \(iteration + 1), evidence verify also reports: \(problems)")
        }
    }
}
