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
    @Flag(name: .long, help: "Instead of a run: diff the database against the evidence folder's pre-apply snapshot (rollback check).")
    var verifyRollback = false

    func run() throws {
        let plan = try makePlan()
        if verifyRollback { return try runRollbackCheck(plan) }
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

    /// Flags over the runbook file over defaults.
    func makePlan() throws -> RunbookPlan {
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
            readTimeout: timeouts.statement ?? .seconds(60))
    }
}

/// The OS user running pgcheck, for the apply log's operator line.
enum OperatingSystemUser {
    static var name: String {
        ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }
}
