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

/// Options shared by the migrations subcommands.
struct MigrationsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The Drizzle migrations folder (holding meta/_journal.json).", valueName: "dir"))
    var dir: String

    @Option(name: .long, help: "Schema of the ledger table (drizzle's migrationsSchema).")
    var migrationsSchema = "drizzle"

    @Option(name: .long, help: "Name of the ledger table (drizzle's migrationsTable).")
    var migrationsTable = "__drizzle_migrations"

    var ledger: DrizzleLedger.Location { DrizzleLedger.Location(schema: migrationsSchema, table: migrationsTable) }

    func folder() throws -> DrizzleMigrationFolder { try DrizzleMigrationFolder(url: URL(fileURLWithPath: dir)) }
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
        let session = try PostgresConnection.connect(configuration, options: connection.sessionOptions(readOnly: true))
        defer { session.close() }
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(session, at: migrations.ledger))
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
        abstract: "Apply pending migrations the way drizzle's migrator does (one transaction, ledger rows included).",
        discussion: "A failure rolls everything back and names the failing statement. Exit 0 applied (or nothing to do), 2 bad input or a statement that cannot run in a transaction, 3 connection, 4 a statement failed."
    )

    @OptionGroup var migrations: MigrationsOptions
    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: ArgumentHelp("Apply pending migrations up to and including this tag.", valueName: "tag"))
    var to: String?

    @OptionGroup var timeouts: TimeoutOptions

    func run() throws {
        let folder = try migrations.folder()
        let session = try PostgresConnection.connect(try connection.configuration(), options: connection.sessionOptions())
        defer { session.close() }
        let migrator = DrizzleMigrator(ledger: migrations.ledger, lockTimeout: timeouts.lock(), statementTimeout: timeouts.statement)
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(session, at: migrations.ledger))
        let plan = try migrator.plan(folder: folder, status: status, through: to)
        guard !plan.isEmpty else {
            print("nothing to apply: no pending migration\(to.map { " up to \($0)" } ?? "")")
            return
        }
        for tag in try migrator.apply(plan, on: session) { print("applied \(tag)") }
    }
}

/// The output formats of report commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
