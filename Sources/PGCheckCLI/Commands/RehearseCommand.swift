import ArgumentParser
import Foundation
import PGCheck
import PGSupport
import PostgresWire

/// `pgcheck rehearse`: what pending migrations will lock, rewrite and break, measured on real data
/// before they are applied.
struct RehearseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Rehearse pending Drizzle migrations on a copy of the data: what they lock, for how long, what they rewrite and what fails.",
        discussion: """
            Runs the pending migrations (decided as `pgcheck migrations status` decides them) exactly as \
            drizzle's migrator would: every statement in one transaction, so every lock is held until the \
            last one commits. Each statement runs behind a savepoint and is traced: its time, the locks it \
            takes on tables that existed before (and what they block), rewrites, scans under lock, \
            indexes built, data that makes it fail. The transaction is always rolled back (on success, \
            on error, on Ctrl-C and SIGTERM; after a SIGKILL the server rolls it back).

            --url is a rehearsal database with the target's schema and data (a Neon branch, a restored \
            copy, staging): durations are only meaningful on real data. It takes real locks there, so it \
            is never taken from DATABASE_URL or the PG* variables. Without --url a throwaway local \
            cluster is started, the migrations before the rehearsed ones are applied, and --seed FILE (SQL) \
            loads data. A connection pooler (Neon's -pooler hosts by name, PgBouncer by its behaviour) is \
            refused: give the direct host.

            Statements PostgreSQL refuses inside a transaction (CREATE/DROP INDEX CONCURRENTLY, VACUUM, …) \
            are not run; CREATE/DROP INDEX CONCURRENTLY are measured through the same statement without \
            CONCURRENTLY (to time the build and find duplicate keys), and reported with the lock they \
            really take.

            Hazard kinds: blocks-reads, blocks-writes (longer than --max-blocked), rewrite, index-build, \
            validation-under-lock, data-failure, statement-failed, non-transactional.

            Exit status: 0 no hazard, 1 hazards found, 2 bad input, 3 connection failure, 4 the server \
            failed outside the traced statements, 128+N interrupted by signal N (rolled back).
            """
    )

    @OptionGroup var migrations: MigrationsOptions

    @Option(name: .long, help: ArgumentHelp("Rehearse pending migrations up to and including this tag.", valueName: "tag"))
    var to: String?

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "text, json or markdown.")
    var format: RehearsalFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp(
        "How long a table that existed before may be blocked for reads or writes before it is a hazard (1s, 500ms, 2min).",
        valueName: "duration"))
    var maxBlocked: DurationArgument = DurationArgument(.seconds(1))

    @Option(name: .long, help: ArgumentHelp("Without --url: an SQL file to load into the throwaway cluster before rehearsing.", valueName: "file"))
    var seed: String?

    @Option(name: .long, help: ArgumentHelp(
        "Without --url: apply migrations up to and including this tag before rehearsing (default: every migration before the last one rehearsed).",
        valueName: "tag"))
    var appliedThrough: String?

    @OptionGroup var timeouts: TimeoutOptions

    func validate() throws {
        if connection.url != nil {
            if seed != nil { throw ValidationError("--seed loads a throwaway cluster: it goes without --url") }
            if appliedThrough != nil { throw ValidationError("--applied-through prepares a throwaway cluster: it goes without --url") }
        }
    }

    func run() throws {
        let folder = try migrations.folder()
        if let to, folder.migration(tagged: to) == nil {
            throw DrizzleError.badInput("--to \(to): no migration with that tag in \(folder.url.path)")
        }
        let rehearsal = MigrationRehearsal(
            ledger: migrations.ledger, maxBlocked: maxBlocked.duration,
            lockTimeout: timeouts.lock(or: .seconds(10)), statementTimeout: timeouts.statement)
        let report: RehearsalReport?
        // Only an explicit --url: a rehearsal takes real locks, so DATABASE_URL or PG* pointing at
        // production must never be picked up by accident.
        if connection.url != nil {
            report = try rehearseOnDatabase(folder: folder, rehearsal: rehearsal)
        } else {
            report = try rehearseOnThrowawayCluster(folder: folder, rehearsal: rehearsal)
        }
        guard let report else {
            printError("pgcheck: nothing to rehearse: no pending migration\(to.map { " up to \($0)" } ?? "")")
            return
        }
        let output: Data
        switch format {
        case .text: output = Data(report.text.utf8)
        case .json: output = try report.encodedJSON()
        case .markdown: output = Data(report.markdown.utf8)
        }
        if let out {
            try AtomicFile.write(output, to: out)
        } else {
            FileHandle.standardOutput.write(output)
        }
        if report.hasHazards { throw ReportedFailure.checkFailed }
    }

    /// The rehearsal database the flags name.
    private func rehearseOnDatabase(folder: DrizzleMigrationFolder, rehearsal: MigrationRehearsal) throws -> RehearsalReport? {
        let configuration = try connection.configuration()
        try configuration.refuseTransactionPoolerHostNames(for: "rehearse")
        let session = try PostgresConnection.connect(configuration, options: connection.sessionOptions())
        defer { session.close() }
        try session.refuseTransactionPooler(for: "rehearse")
        return try Self.rehearse(folder: folder, through: to, with: rehearsal, on: session)
    }

    /// A throwaway local cluster: the migrations before the rehearsed ones applied, then the seed.
    private func rehearseOnThrowawayCluster(folder: DrizzleMigrationFolder, rehearsal: MigrationRehearsal) throws -> RehearsalReport? {
        let last = to ?? folder.migrations.last?.tag
        guard let last, let lastIndex = folder.migrations.firstIndex(where: { $0.tag == last }) else { return nil }
        let applied = try appliedThrough.map { tag -> Int in
            guard let index = folder.migrations.firstIndex(where: { $0.tag == tag }) else {
                throw DrizzleError.badInput("--applied-through \(tag): no migration with that tag in \(folder.url.path)")
            }
            guard index < lastIndex else { throw CommandLineError("--applied-through \(tag) leaves nothing to rehearse up to \(last)") }
            return index
        } ?? lastIndex - 1
        let database = ThrowawayRehearsalDatabase(seed: seed, ledger: rehearsal.ledger)
        defer { database.stop() }
        let session = try database.prepare(applied: Array(folder.migrations.prefix(applied + 1)))
        defer { session.close() }
        return try Self.rehearse(folder: folder, through: last, with: rehearsal, on: session)
    }

    /// Runs the rehearsal with SIGINT and SIGTERM turned into a cancel of the running statement.
    private static func rehearse(
        folder: DrizzleMigrationFolder, through tag: String?, with rehearsal: MigrationRehearsal, on session: PostgresConnection
    ) throws -> RehearsalReport? {
        let interruption = InterruptGuard(cancelling: session.cancelToken)
        defer { interruption.restore() }
        do {
            return try rehearsal.rehearsePending(in: folder, through: tag, on: session) { interruption.receivedSignal != nil }
        } catch {
            if let signal = interruption.receivedSignal {
                printError("pgcheck: rehearsal interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM"); its transaction was rolled back")
                Foundation.exit(128 + signal)
            }
            throw error
        }
    }
}

/// The output formats of `pgcheck rehearse`.
enum RehearsalFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}
