import Foundation
import PGSupport
import PostgresWire

/// Rehearses pending Drizzle migrations on a copy of the data: runs them exactly as drizzle's migrator
/// would (every statement, split on `--> statement-breakpoint`, in one transaction with the ledger
/// rows), traces what each statement locks, rewrites and scans and how long it takes, and always rolls
/// the transaction back.
///
/// ```swift
/// let report = try MigrationRehearsal().rehearse(plan, on: connection)   // plan: DrizzleMigrator().plan(…)
/// for hazard in report.hazards { print(hazard.finding, "—", hazard.advice) }
/// ```
///
/// Each statement runs behind a savepoint, so one that fails is reported (with what in the data made it
/// fail) and the rest are still traced. Statements PostgreSQL refuses inside a transaction are not run;
/// for `CREATE`/`DROP INDEX CONCURRENTLY` the same statement without `CONCURRENTLY` stands in, to
/// measure the build and find duplicate keys, and its locks are reported as what the real statement takes.
public struct MigrationRehearsal: Sendable {
    /// Where drizzle's ledger lives (the rehearsal writes its rows too, and rolls them back).
    public var ledger: DrizzleLedger.Location
    /// How long a table that existed before may be blocked for reads or writes before that is a hazard.
    public var maxBlocked: Duration
    /// How long a statement may wait for a lock held by another session on the rehearsal database.
    public var lockTimeout: Duration
    /// How long one statement may run (nil: no limit).
    public var statementTimeout: Duration?

    /// Creates a rehearsal.
    public init(
        ledger: DrizzleLedger.Location = .drizzleDefault, maxBlocked: Duration = .seconds(1),
        lockTimeout: Duration = .seconds(10), statementTimeout: Duration? = nil
    ) {
        self.ledger = ledger
        self.maxBlocked = maxBlocked
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
    }

    /// Rehearses the migrations of `folder` that are pending on `connection`'s database, decided exactly as
    /// `pgcheck migrations status` decides them (from drizzle's ledger), up to and including `lastTag`.
    ///
    /// - Returns: nil when nothing is pending; otherwise the report (the database is as it was).
    public func rehearsePending(
        in folder: DrizzleMigrationFolder, through lastTag: String? = nil, on connection: PostgresConnection,
        stopRequested: () -> Bool = { false }
    ) throws -> RehearsalReport? {
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection, at: ledger))
        let plan = try DrizzleMigrator(ledger: ledger).plan(folder: folder, status: status, through: lastTag)
        guard !plan.isEmpty else { return nil }
        return try rehearse(plan, on: connection, stopRequested: stopRequested)
    }

    /// Rehearses `migrations` (pending, in order) on `connection`, which must not be in a transaction.
    ///
    /// `stopRequested` is asked before each statement: when it says yes, the rehearsal stops with
    /// ``RehearsalInterrupted`` (cancel the running statement with the connection's ``PostgresWire/CancelToken``
    /// to stop sooner).
    ///
    /// - Returns: the report; the database is as it was (the transaction is rolled back whatever happens).
    /// - Throws: ``PostgresWire/PostgresServerError`` or ``PostgresWire/ClientError`` when the server fails
    ///   outside the traced statements (the probes, the ledger) or the connection is lost or cancelled.
    public func rehearse(
        _ migrations: [DrizzleMigration], on connection: PostgresConnection, stopRequested: () -> Bool = { false }
    ) throws -> RehearsalReport {
        var setup = "BEGIN; SET LOCAL lock_timeout = \(lockTimeout.roundedUpMilliseconds); "
        setup += "SET LOCAL statement_timeout = \(statementTimeout?.roundedUpMilliseconds ?? 0); "
        // drizzle's migrator creates its schema and ledger before its transaction; here they are inside it,
        // so they are rolled back with everything else.
        setup += "CREATE SCHEMA IF NOT EXISTS \(SQLIdentifier.doubleQuoted(ledger.schema)); "
        setup += "CREATE TABLE IF NOT EXISTS \(ledger.sqlName) (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)"
        try connection.execute(setup)
        defer { if !connection.isClosed { try? connection.execute("ROLLBACK") } }
        var tracer = try StatementTracer(catalog: RehearsalCatalog(connection: connection))
        var traces: [StatementTrace] = []
        // The transactions the statements commit in, as the careful apply runs them (one when all can).
        for (index, segment) in ApplySegment.plan(migrations).enumerated() {
            for entry in segment.statements {
                if stopRequested() { throw RehearsalInterrupted() }
                traces.append(try tracer.trace(entry.statement, migration: entry.migration, number: entry.number, transaction: index + 1, on: connection))
            }
            for migration in segment.completes {
                try connection.query("INSERT INTO \(ledger.sqlName) (hash, created_at) VALUES ($1, $2)", [migration.hash, migration.entry.when]) { _ in }
            }
        }
        let tables = RehearsalFindings.tableBlocking(traces: traces, sizes: tracer.tableSizes)
        return RehearsalReport(
            database: connection.configuration.redactedDescription,
            serverVersion: connection.serverVersion,
            migrations: migrations.map(\.tag),
            statements: traces,
            tables: tables,
            hazards: RehearsalFindings.hazards(traces: traces, tables: tables, maxBlocked: maxBlocked.inSeconds),
            maxBlockedSeconds: maxBlocked.inSeconds,
            transactions: RehearsalFindings.transactions(of: traces),
            totalSeconds: Figures.sum(traces.map(\.seconds)),
            rolledBack: true)
    }
}

/// The rehearsal was asked to stop (Ctrl-C, SIGTERM); its transaction was rolled back.
public struct RehearsalInterrupted: ClassifiedError, CustomStringConvertible {
    public var description: String { "the rehearsal was interrupted; its transaction was rolled back" }
    /// Not the migration's fault, nor the input's: the work the server was doing was stopped.
    public var failureKind: FailureKind { .server }
}
