import ArgumentParser
import Foundation
import PGCheck
import PostgresWire

/// `pgcheck runbook`: the staging runbook as one audited command.
struct RunbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runbook",
        abstract: "Snapshot, apply, snapshot, diff, \\d+, verify and smoke-test a migration, with an evidence folder.",
        discussion: """
            Steps, each with a line (✓/✗ and duration) and an artefact in the evidence folder whose SHA-256 is \
            appended to LABEL.sha256 (`sha256sum -c` works): pre-apply snapshot, migration status, apply-log entry, \
            apply (native Drizzle migrator, or --apply-cmd), post-apply snapshot, structural diff, \\d+ capture, \
            verify expectations, smoke queries, validation summary. A failed step stops the run and the apply log \
            says which and why. Inputs from flags or a runbook file (--file, YAML); flags win.

            --lock-timeout bounds the apply's lock waits (default 5 s, or the file's lock-timeout); \
            --statement-timeout bounds each read-only step's statements (default 60 s).
            Exit status: 0 every step passed, 1 a check failed, 2 bad input, 3 connection failure, 4 server error \
            or failed apply.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @Option(name: .long, help: ArgumentHelp("A runbook file (YAML) holding the options below.", valueName: "file"))
    var file: String?
    @Option(name: .long, help: "The label in artefact names (default: the number in front of --to, e.g. 0003).")
    var label: String?
    @Option(name: [.customLong("dir"), .customLong("migrations")], help: ArgumentHelp("The Drizzle migrations folder.", valueName: "dir"))
    var migrations: String?
    @Option(name: .long, help: ArgumentHelp("Apply pending migrations up to and including this tag.", valueName: "tag"))
    var to: String?
    @Option(name: .customLong("apply-cmd"), help: ArgumentHelp("Apply with this command instead (e.g. 'pnpm drizzle-kit push'); its output becomes the push log.", valueName: "command"))
    var applyCommand: String?
    @Option(name: .long, help: ArgumentHelp("The evidence folder (default audit/migration-prechecks).", valueName: "dir"))
    var evidence: String?
    @Option(name: .long, help: ArgumentHelp("A table to capture with \\d+ after the apply (repeatable).", valueName: "table"))
    var describe: [String] = []
    @Option(name: .long, help: ArgumentHelp("Schema expectations file (YAML, as pgcheck verify --file).", valueName: "file"))
    var expectations: String?
    @Option(name: .long, help: ArgumentHelp("Smoke file (YAML, as pgcheck smoke --file).", valueName: "file"))
    var smoke: String?
    @Option(name: .customLong("operator"), help: "Who applies (default: the OS user).")
    var operatorName: String?
    @OptionGroup var timeouts: TimeoutOptions
    @Flag(name: .long, help: "Do everything but the apply.")
    var dryRun = false

    @Option(name: .customLong("rehearse-url"), help: ArgumentHelp(
        "Rehearse the pending migrations on this database (a Neon branch, a restored copy) before the apply. Default: a throwaway local cluster.",
        valueName: "url"))
    var rehearseURL: String?

    @Option(name: .customLong("rehearse-seed"), help: ArgumentHelp("An SQL file of data for the throwaway rehearsal cluster.", valueName: "file"))
    var rehearseSeed: String?

    @Option(name: .customLong("accept-hazard"), help: ArgumentHelp(
        "A rehearsal hazard kind to accept on purpose (repeatable); the apply log records it and the operator.", valueName: "kind"))
    var acceptHazards: [String] = []

    @Option(name: .long, help: ArgumentHelp("How long a table may be blocked before the rehearsal calls it a hazard (default 1s).", valueName: "duration"))
    var maxBlocked: DurationArgument?

    @Flag(name: .customLong("no-rehearse"), help: "Skip the lock rehearsal before the apply.")
    var noRehearse = false

    @OptionGroup var careful: CarefulApplyOptions
    @Flag(name: .long, help: "Instead of a run: diff the database against the evidence folder's pre-apply snapshot (rollback check).")
    var verifyRollback = false

    func run() throws {
        let rehearsalFile = try file.map { try RunbookFile.load(path: $0) }
        let throwaway = try throwawayRehearsal(file: rehearsalFile)
        defer { throwaway?.stop() }
        let plan = try makePlan(throwaway: throwaway)
        if verifyRollback { return try runRollbackCheck(plan) }
        // Refused before any step runs when the name says so; the apply step also judges the server's behaviour.
        if case .native = plan.apply, !plan.dryRun { try plan.configuration.refuseTransactionPoolerHostNames(for: "the runbook's apply") }
        let runbook = try Runbook(plan: plan)
        let printer = RunbookPrinter()
        let outcome = runbook.run(observer: printer)
        print("evidence: \(outcome.evidence)")
        guard let failed = outcome.failedStep else { return }
        printError("pgcheck: runbook halted at \(failed.step.rawValue): \(failed.detail)")
        throw ReportedFailure(failed.failure ?? .badInput)
    }

    private func runRollbackCheck(_ plan: RunbookPlan) throws {
        let check = try Runbook(plan: plan).verifyRollback()
        print(check.identical ? "schema restored: no differences from \(plan.names.preSnapshot)" : check.diffText, terminator: check.identical ? "\n" : "")
        print("rollback check written to \(check.artefact) in \(plan.evidence.path)")
        if !check.identical { throw ReportedFailure.checkFailed }
    }

    /// The throwaway cluster for the rehearsal, when one is needed (no rehearsal database given).
    private func throwawayRehearsal(file: RunbookFile?) throws -> ThrowawayRehearsalDatabase? {
        guard !noRehearse, file?.rehearse?.enabled != false, rehearseURL == nil, file?.rehearse?.url == nil, !verifyRollback else { return nil }
        let seed = rehearseSeed ?? file?.resolve(file?.rehearse?.seed)?.path
        return ThrowawayRehearsalDatabase(seed: seed, ledger: .drizzleDefault)
    }

    /// The lock rehearsal the flags and the file ask for.
    private func rehearsal(file: RunbookFile?, throwaway: ThrowawayRehearsalDatabase?) throws -> RunbookRehearsal? {
        guard !noRehearse, file?.rehearse?.enabled != false else { return nil }
        let kinds = try (acceptHazards.isEmpty ? (file?.rehearse?.acceptHazards ?? []) : acceptHazards).map { name in
            guard let kind = RehearsalHazard.Kind(rawValue: name) else {
                throw CommandLineError("--accept-hazard \(name): unknown kind; known kinds: \(RehearsalHazard.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
        let limit = maxBlocked?.duration ?? file?.rehearse?.maxBlocked.map { .milliseconds(roundingUp: $0) } ?? .seconds(1)
        let target: RunbookRehearsal.Target
        if let url = rehearseURL ?? file?.rehearse?.url {
            let configuration = try ConnectionConfiguration.resolve(url: url)
            try configuration.refuseTransactionPoolerHostNames(for: "the runbook's rehearsal")
            target = .database(configuration)
        } else if let throwaway {
            target = .prepared(description: throwaway.description) { try throwaway.prepare(applied: $0) }
        } else {
            return nil
        }
        return RunbookRehearsal(target: target, accepted: Set(kinds), maxBlocked: limit)
    }

    /// Flags over the runbook file over defaults.
    func makePlan(throwaway: ThrowawayRehearsalDatabase? = nil) throws -> RunbookPlan {
        let file = try self.file.map { try RunbookFile.load(path: $0) }
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let migrationsFolder = migrations.map { URL(fileURLWithPath: $0, relativeTo: here) } ?? file?.resolve(file?.migrations)
        let tag = to ?? file?.to
        let command = applyCommand ?? file?.applyCommand
        guard let label = label ?? file?.label ?? tag.map({ String($0.prefix { $0.isNumber }) }).flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw RunbookFileError(message: "give --label (or --to with a numbered tag such as 0003_usage_event_windows) to name the artefacts")
        }
        let apply: RunbookPlan.Apply
        if let command {
            apply = .command(command)
        } else if let migrationsFolder {
            apply = .native(folder: migrationsFolder, throughTag: tag)
        } else {
            throw RunbookFileError(message: "say how to apply: --dir with the Drizzle migrations folder, or --apply-cmd")
        }
        let expectationsPath = expectations ?? file?.resolve(file?.expectations)?.path
        let smokePath = smoke ?? file?.resolve(file?.smoke)?.path
        return RunbookPlan(
            configuration: try connection.configuration(),
            databaseURL: connection.url,
            label: label,
            migrationsFolder: migrationsFolder,
            apply: apply,
            evidence: URL(fileURLWithPath: evidence ?? file?.evidence ?? "audit/migration-prechecks", relativeTo: here).standardizedFileURL,
            describeTables: describe.isEmpty ? (file?.describe ?? []) : describe,
            expectations: try expectationsPath.map { try SchemaExpectationsFile.load(path: $0) } ?? [],
            smokeQueries: try smokePath.map { try SmokeFile.load(path: $0).queriesWithFileTimeout } ?? [],
            operatorName: operatorName ?? file?.operator ?? OperatingSystemUser.name,
            dryRun: dryRun,
            lockTimeout: timeouts.lock(or: .milliseconds(roundingUp: file?.lockTimeout ?? 5)),
            readTimeout: timeouts.statement ?? .seconds(60),
            rehearsal: try rehearsal(file: file, throwaway: throwaway),
            applyPolicy: careful.policy)
    }
}

/// The OS user running pgcheck, for the apply log's operator line.
enum OperatingSystemUser {
    static var name: String {
        ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }
}
