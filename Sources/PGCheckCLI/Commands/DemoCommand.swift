import ArgumentParser
import Foundation
import PGCheck
import PGLocal
import PostgresWire

/// `pgcheck demo`: the whole runbook for migration 0003 against a throwaway local cluster.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole 0003 runbook against a throwaway local PostgreSQL cluster loaded from Fixtures/.",
        discussion: "Needs only the PostgreSQL server package (Debian: apt-get install -y postgresql). The cluster is removed at the end; the evidence folder is kept and its path printed."
    )

    @Option(name: .long, help: ArgumentHelp("Where to write the evidence (default: a new temporary folder).", valueName: "dir"))
    var evidence: String?

    func run() throws {
        let fixtures = try DemoScenario.locateFixtures()
        say("starting a throwaway PostgreSQL cluster (TLS, SCRAM)…")
        let cluster = try LocalCluster.start(LocalClusterOptions(tls: true))
        defer { cluster.stop() }
        let scenario = DemoScenario(cluster: cluster, fixtures: fixtures)
        say("PostgreSQL \(cluster.serverVersion) on 127.0.0.1:\(cluster.port); applying Drizzle migrations 0000–0002 and seed rows…")
        try scenario.prepare()
        let plan = try makePlan(scenario)
        say("running the runbook for 0003_usage_event_windows (evidence: \(plan.evidence.path))\n")
        let outcome = try Runbook(plan: plan).run(observer: RunbookPrinter())
        showResults(outcome, plan: plan)
        if let failed = outcome.failedStep { throw ReportedFailure(failed.failure ?? .badInput) }
    }

    private func makePlan(_ scenario: DemoScenario) throws -> RunbookPlan {
        let file = try RunbookFile.load(path: scenario.fixtures.appendingPathComponent("runbook/0003-usage-event-windows.yaml").path)
        let evidenceFolder = evidence.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("pgcheck-demo-\(Int(Date().timeIntervalSince1970))-\(getpid())")
        let (configuration, url) = try scenario.configuration()
        return RunbookPlan(
            configuration: configuration,
            databaseURL: url,
            label: file.label ?? "0003",
            migrationsFolder: file.resolve(file.migrations),
            apply: .native(folder: file.resolve(file.migrations)!, throughTag: file.to),
            evidence: evidenceFolder,
            describeTables: file.describe ?? [],
            expectations: try file.resolve(file.expectations).map { try SchemaExpectationsFile.load(path: $0.path) } ?? [],
            smokeQueries: try file.resolve(file.smoke).map { try SmokeFile.load(path: $0.path).queriesWithFileTimeout } ?? [],
            operatorName: "pgcheck demo (\(OperatingSystemUser.name))",
            // The rehearsal runs on a copy of the demo database, as it would on a Neon branch of production.
            rehearsal: RunbookRehearsal(
                target: .database(try scenario.makeRehearsalCopy()),
                accepted: Set((file.rehearse?.acceptHazards ?? []).compactMap(RehearsalHazard.Kind.init(rawValue:))),
                maxBlocked: .milliseconds(roundingUp: file.rehearse?.maxBlocked ?? 1)),
            // Nothing else runs on the demo's cluster: a short look at the tables is enough to show the check.
            applyPolicy: ApplyPolicy(activity: ActivityCheck(window: .milliseconds(500))))
    }

    private func showResults(_ outcome: RunbookOutcome, plan: RunbookPlan) {
        if !outcome.rehearsalText.isEmpty {
            print("\n── lock rehearsal on a copy of the database (\(plan.names.rehearsalText)) ──")
            print(outcome.rehearsalText, terminator: "")
        }
        print("\n── structural diff (\(plan.names.diff)) ──")
        print(outcome.diffText.isEmpty ? "no structural differences\n" : outcome.diffText, terminator: "")
        if !outcome.verifyText.isEmpty {
            print("\n── verify (\(plan.names.verify)) ──")
            print(outcome.verifyText, terminator: outcome.verifyText.hasSuffix("\n") ? "" : "\n")
        }
        if !outcome.smokeText.isEmpty {
            print("\n── smoke ──")
            print(outcome.smokeText, terminator: "")
        }
        if let report = try? EvidenceVerifier().verify(plan.evidence) {
            print("\n── evidence ──")
            print("\(plan.evidence.path): \(report.verified.count) artefact(s), chain \(plan.names.chain) \(report.isIntact ? "verified" : "BROKEN")")
            print("re-check any time: pgcheck evidence verify \(plan.evidence.path)   (or: cd \(plan.evidence.path) && sha256sum -c \(plan.names.chain))")
        }
        print(outcome.succeeded ? "\nrunbook PASSED" : "\nrunbook FAILED at \(outcome.failedStep?.step.rawValue ?? "?")")
    }

    private func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
