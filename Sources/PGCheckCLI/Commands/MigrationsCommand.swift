import ArgumentParser
import Foundation
import PGCheck
import PostgresWire

/// `pgcheck migrations status|apply`: Drizzle migrations against a database's ledger.
struct Migrations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrations",
        abstract: "Drizzle migrations: what is applied, pending, edited or skipped; apply the pending ones.",
        subcommands: [MigrationsStatus.self, MigrationsApply.self]
    )
}

/// `pgcheck migrations status`.
struct MigrationsStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List applied, pending, mismatched (edited after apply) and skipped migrations.",
        discussion: "Exit 0 when nothing needs attention (pending migrations are fine), 1 when a migration was edited after it was applied, will be skipped by drizzle's migrator, the ledger has rows no file matches, or drizzle-kit's snapshot chain is broken (a missing snapshot, a prevId that is not the previous id, two snapshots with one id); 2 bad input, 3 connection, 4 server error."
    )

    @OptionGroup var migrations: MigrationsOptions
    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let folder = try migrations.folder()
        let configuration = try connection.configuration()
        let session = try PostgresConnection.connect(configuration, options: connection.sessionOptions())
        defer { session.close() }
        // Read-only with timeouts per transaction: also through a transaction pooler.
        let ledger = try ReadOnlyTransaction.run(on: session) { try DrizzleLedger.read(session, at: migrations.ledger) }
        let status = DrizzleStatus(folder: folder, ledger: ledger)
        let chain = DrizzleSnapshotChain(folder: folder)
        let report = MigrationsStatusReport(status: status, chain: chain, folder: folder.url.path, database: configuration.redactedDescription, ledger: migrations.ledger)
        print(format == .json ? try report.json() : report.text(status) + chain.text, terminator: "")
        if status.hasProblems || !chain.problems.isEmpty { throw ReportedFailure.checkFailed }
    }
}

/// `pgcheck migrations apply`.
struct MigrationsApply: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply pending migrations as drizzle's migrator does (one transaction, ledger rows included), carefully.",
        discussion: """
            Before applying, the tables the pending migrations touch are checked: sessions holding or waiting \
            for locks on them, transactions open longer than --long-transaction, rows written during \
            --activity-window. Anything found refuses the apply (exit 1) unless --ignore-activity.

            Each transaction runs with lock_timeout (--lock-timeout, default 5 s); one that hits it is rolled back \
            and tried again --lock-retries times with back-off, and the final failure names the sessions that \
            held the lock. Statements that cannot run in a transaction (CREATE/DROP INDEX CONCURRENTLY, …) are \
            refused, as drizzle's migrator fails on them, unless --allow-nontransactional: then each runs on its \
            own, the statements between them in transactions (the plan is printed first), and a migration's \
            ledger row is written when all of its statements have succeeded. A failed concurrent build's INVALID \
            index is reported by name, and dropped with --on-invalid drop.

            Exit 0 applied (or nothing to do), 1 the tables are busy, 2 bad input or a statement that needs \
            --allow-nontransactional, 3 connection, 4 a statement failed or a lock could not be had.
            """
    )

    @OptionGroup var migrations: MigrationsOptions
    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: ArgumentHelp("Apply pending migrations up to and including this tag.", valueName: "tag"))
    var to: String?

    @OptionGroup var timeouts: TimeoutOptions

    @OptionGroup var careful: CarefulApplyOptions

    func run() throws {
        let folder = try migrations.folder()
        let configuration = try connection.configuration()
        try configuration.refuseTransactionPoolerHostNames(for: "migrations apply")
        let session = try PostgresConnection.connect(configuration, options: connection.sessionOptions())
        defer { session.close() }
        try session.refuseTransactionPooler(for: "migrations apply")
        let policy = careful.policy
        var migrator = policy.configure(DrizzleMigrator(ledger: migrations.ledger, lockTimeout: timeouts.lock(), statementTimeout: timeouts.statement))
        migrator.progress = { print($0) }
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(session, at: migrations.ledger))
        let plan = try migrator.plan(folder: folder, status: status, through: to)
        guard !plan.isEmpty else {
            print("nothing to apply: no pending migration\(to.map { " up to \($0)" } ?? "")")
            return
        }
        try migrator.checkRunnable(plan)
        if let check = policy.activity {
            let activity = try check.run(for: plan, on: session)
            print(activity.text, terminator: "")
            if !activity.isQuiet {
                guard policy.ignoreActivity else { throw TablesNotQuiet(report: activity) }
                print("applying anyway: --ignore-activity")
            }
        }
        for tag in try migrator.apply(plan, on: session) { print("applied \(tag)") }
    }
}

/// The output formats of report commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
