import Foundation
import PostgresWire
import PGSupport

/// Applies pending Drizzle migrations as drizzle-orm's migrator does, so drizzle-kit sees them as applied
/// afterwards: the same ledger table, statements split on `--> statement-breakpoint`, a ledger row
/// (hash, `when`) per migration, all pending migrations in one transaction.
///
/// Unlike the migrator it sets `lock_timeout` (a migration never queues forever behind a long lock) and
/// says which statement failed. Asked to, it is the apply a careful DBA would run:
/// - ``allowNonTransactional``: statements PostgreSQL refuses in a transaction (CREATE INDEX
///   CONCURRENTLY, …) run on their own, in file order, the statements between them grouped into
///   transactions (``ApplySegment``); a migration's ledger row is written only once all its statements
///   succeeded. Without it, such statements are refused up front, as drizzle's migrator would fail on them.
/// - ``lockRetries``: a transaction that hits `lock_timeout` is rolled back and tried again after a
///   back-off; the final failure names the sessions seen holding the lock.
/// - ``onInvalidIndex``: a concurrent index build that fails leaves an INVALID index; it is reported by
///   name, and with ``InvalidIndexPolicy/drop`` dropped (DROP INDEX CONCURRENTLY), also when a later run
///   finds one left behind, so that a run after the cause is fixed needs no manual clean-up.
public struct DrizzleMigrator: Sendable {
    /// What to do with an INVALID index a failed concurrent build leaves behind.
    public enum InvalidIndexPolicy: String, Sendable, CaseIterable {
        /// Report it by name and leave it.
        case report
        /// Report it and drop it with DROP INDEX CONCURRENTLY.
        case drop
    }

    /// Where the ledger lives.
    public var ledger: DrizzleLedger.Location
    /// How long a statement may wait for a lock before its transaction is rolled back.
    public var lockTimeout: Duration
    /// How long one statement may run (nil: the server's setting).
    public var statementTimeout: Duration?
    /// Run statements that cannot run in a transaction on their own instead of refusing them.
    public var allowNonTransactional = false
    /// What to do with an INVALID index left by a failed concurrent build.
    public var onInvalidIndex = InvalidIndexPolicy.report
    /// How many times a transaction that hit `lock_timeout` is tried again.
    public var lockRetries = 0
    /// The wait before the first retry; it doubles for each next one.
    public var retryBackoff: Duration = .seconds(1)
    /// Told what happens: the plan before the apply, each segment, each retry.
    public var progress: (@Sendable (String) -> Void)?

    /// Creates a migrator.
    public init(ledger: DrizzleLedger.Location = .drizzleDefault, lockTimeout: Duration = .seconds(5), statementTimeout: Duration? = nil) {
        self.ledger = ledger
        self.lockTimeout = lockTimeout
        self.statementTimeout = statementTimeout
    }

    /// The migrations that `apply` would run: pending ones in journal order, up to and including `lastTag`.
    public func plan(folder: DrizzleMigrationFolder, status: DrizzleStatus, through lastTag: String? = nil) throws -> [DrizzleMigration] {
        if let lastTag, folder.migration(tagged: lastTag) == nil {
            throw DrizzleError.badInput("--to \(lastTag): no migration with that tag in \(folder.url.path)")
        }
        var plan: [DrizzleMigration] = []
        for item in status.items {
            if item.state == .pending, let migration = folder.migration(tagged: item.tag) { plan.append(migration) }
            if item.tag == lastTag { break }
        }
        return plan
    }

    /// The statements of `migrations` that PostgreSQL refuses inside a transaction, with where they are.
    public static func nonTransactionalStatements(in migrations: [DrizzleMigration]) -> [ApplySegment.Statement] {
        ApplySegment.plan(migrations).filter { !$0.transactional }.flatMap(\.statements)
    }

    /// Applies `migrations`.
    ///
    /// - Returns: the tags applied.
    /// - Throws: ``DrizzleError/refused(_:)`` before touching the database for a statement that cannot run in a
    ///   transaction (unless ``allowNonTransactional``); ``DrizzleError/statementFailed(tag:statementNumber:statement:serverError:)``
    ///   when a statement fails in the single transaction (everything rolled back);
    ///   ``DrizzleError/segmentFailed(statement:sql:serverError:applied:invalidIndex:)`` when one fails in a
    ///   segmented apply; ``DrizzleError/lockTimeout(statement:sql:attempts:blockers:applied:)``.
    @discardableResult
    public func apply(_ migrations: [DrizzleMigration], on connection: PostgresConnection) throws -> [String] {
        try checkRunnable(migrations)
        guard !migrations.isEmpty else { return [] }
        let segments = ApplySegment.plan(migrations)
        if segments.contains(where: { !$0.transactional }) {
            progress?("apply plan: \(segments.count) segment\(segments.count == 1 ? "" : "s") (statements that cannot run in a transaction run on their own)")
            for (index, segment) in segments.enumerated() { progress?("  \(index + 1). \(segment.summary)") }
        }
        // The ledger is created in the first transaction (so a failed first apply leaves none behind), or
        // on its own before a first statement that runs outside any.
        if !segments[0].transactional { try connection.execute(ledgerSetup) }
        let monitor = connection.backendKey.map { LockWaitMonitor(watching: $0.processID, configuration: connection.configuration) }
        defer { monitor?.stop() }
        var applied: [String] = []
        for (index, segment) in segments.enumerated() {
            if segments.count > 1 { progress?("segment \(index + 1)/\(segments.count) …") }
            try runWithRetries(segment, on: connection, monitor: monitor, applied: applied, single: segments.count == 1, createsLedger: index == 0)
            applied += segment.completes.map(\.tag)
        }
        return applied
    }

    /// Refuses, before anything touches the database, statements that cannot run in a transaction unless
    /// ``allowNonTransactional`` (drizzle's migrator would fail on them too).
    ///
    /// - Throws: ``DrizzleError/refused(_:)`` listing every such statement.
    public func checkRunnable(_ migrations: [DrizzleMigration]) throws {
        let refused = Self.nonTransactionalStatements(in: migrations)
        if !refused.isEmpty, !allowNonTransactional {
            let list = refused.map { "\($0.reference) (\($0.statement.nonTransactional!.rawValue): \(SQLSummary.firstLine(of: $0.statement.sql, limit: 100)))" }
            throw DrizzleError.refused(
                "\(refused.count == 1 ? "a statement" : "\(refused.count) statements") cannot run inside a transaction, and drizzle's migrator runs every pending migration in one, so it fails on \(refused.count == 1 ? "it" : "them") too (drizzle-orm #860): \(list.joined(separator: "; ")). Apply with --allow-nontransactional to run \(refused.count == 1 ? "it" : "each") on its own, or run \(refused.count == 1 ? "it" : "them") separately")
        }
    }

    /// Runs a segment, trying it again after a lock timeout.
    private func runWithRetries(
        _ segment: ApplySegment, on connection: PostgresConnection, monitor: LockWaitMonitor?, applied: [String], single: Bool,
        createsLedger: Bool
    ) throws {
        var attempt = 0
        while true {
            monitor?.reset()
            do {
                if segment.transactional {
                    try runTransaction(segment, on: connection, applied: applied, single: single, createsLedger: createsLedger)
                } else {
                    try runAlone(segment, on: connection, applied: applied)
                }
                return
            } catch let timeout as LockNotAvailable {
                attempt += 1
                guard attempt <= lockRetries else {
                    throw DrizzleError.lockTimeout(
                        statement: timeout.statement.reference, sql: SQLSummary.firstLine(of: timeout.statement.statement.sql, limit: 160),
                        attempts: attempt, blockers: monitor?.seen ?? [], applied: applied)
                }
                let wait = retryBackoff * (1 << (attempt - 1))
                let holders = monitor?.seen.map(\.description).joined(separator: "; ")
                progress?("lock timeout at \(timeout.statement.reference)\(holders.map { " (held by \($0))" } ?? ""); rolled back, trying again in \(Figures.seconds(wait.inSeconds)) (\(attempt)/\(lockRetries))")
                Thread.sleep(forTimeInterval: wait.inSeconds)
            }
        }
    }

    /// A lock timeout (SQLSTATE 55P03) at `statement`, after which the segment is tried again.
    private struct LockNotAvailable: Error {
        let statement: ApplySegment.Statement
    }

    private func runTransaction(
        _ segment: ApplySegment, on connection: PostgresConnection, applied: [String], single: Bool, createsLedger: Bool
    ) throws {
        var setup = "BEGIN; SET LOCAL lock_timeout = \(lockTimeout.roundedUpMilliseconds)"
        if let statementTimeout { setup += "; SET LOCAL statement_timeout = \(statementTimeout.roundedUpMilliseconds)" }
        if createsLedger { setup += "; " + ledgerSetup }
        try connection.execute(setup)
        do {
            for entry in segment.statements {
                do {
                    try connection.execute(entry.statement.sql)
                } catch let error as PostgresServerError where error.phase == .query {
                    if error.sqlState == "55P03" { throw LockNotAvailable(statement: entry) }
                    let first = SQLSummary.firstLine(of: entry.statement.sql, limit: 160)
                    if single {
                        throw DrizzleError.statementFailed(tag: entry.migration, statementNumber: entry.number, statement: first, serverError: "\(error)")
                    }
                    throw DrizzleError.segmentFailed(statement: entry.reference, sql: first, serverError: "\(error)", applied: applied, invalidIndex: nil)
                }
            }
            for migration in segment.completes { try record(migration, on: connection) }
            try connection.execute("COMMIT")
        } catch {
            if !connection.isClosed { try? connection.execute("ROLLBACK") }
            throw error
        }
    }

    /// One statement that cannot run in a transaction, then the ledger row of the migration it completes.
    private func runAlone(_ segment: ApplySegment, on connection: PostgresConnection, applied: [String]) throws {
        guard let entry = segment.statements.first else { return }
        var settings = "SET lock_timeout = \(lockTimeout.roundedUpMilliseconds)"
        if let statementTimeout { settings += "; SET statement_timeout = \(statementTimeout.roundedUpMilliseconds)" }
        try connection.execute(settings)
        defer { if !connection.isClosed { try? connection.execute("RESET lock_timeout; RESET statement_timeout") } }
        let builds = entry.statement.nonTransactional == .createIndexConcurrently ? IndexStatementShape(entry.statement.sql)?.name : nil
        if let builds, try isInvalidIndex(builds, on: connection) {
            // Left by an earlier run whose build failed: IF NOT EXISTS would skip it and leave it invalid.
            guard onInvalidIndex == .drop else {
                throw DrizzleError.segmentFailed(
                    statement: entry.reference, sql: SQLSummary.firstLine(of: entry.statement.sql, limit: 160),
                    serverError: "an INVALID index \(builds) is left from an earlier failed build",
                    applied: applied, invalidIndex: "drop it with DROP INDEX CONCURRENTLY \(builds), or run again with --on-invalid drop")
            }
            progress?("dropping the INVALID index \(builds) left by an earlier failed build")
            try connection.execute("DROP INDEX CONCURRENTLY IF EXISTS \(builds)")
        }
        do {
            try connection.execute(entry.statement.sql)
        } catch let error as PostgresServerError where error.phase == .query {
            var note: String?
            if let builds, try isInvalidIndex(builds, on: connection) {
                // A lock timeout is retried: the half-built index is ours to remove first, whatever the policy.
                if onInvalidIndex == .drop || error.sqlState == "55P03" {
                    try connection.execute("DROP INDEX CONCURRENTLY IF EXISTS \(builds)")
                    note = "the INVALID index \(builds) it left was dropped"
                } else {
                    note = "it left the INVALID index \(builds): drop it with DROP INDEX CONCURRENTLY \(builds), or run again with --on-invalid drop"
                }
            }
            if error.sqlState == "55P03" { throw LockNotAvailable(statement: entry) }
            throw DrizzleError.segmentFailed(
                statement: entry.reference, sql: SQLSummary.firstLine(of: entry.statement.sql, limit: 160),
                serverError: "\(error)", applied: applied, invalidIndex: note)
        }
        for migration in segment.completes { try record(migration, on: connection) }
    }

    /// Whether `name` (as the statement writes it) is an index that exists and is INVALID.
    private func isInvalidIndex(_ name: String, on connection: PostgresConnection) throws -> Bool {
        let result = try connection.query(
            "SELECT NOT i.indisvalid FROM pg_catalog.pg_index i WHERE i.indexrelid = pg_catalog.to_regclass($1)", [name])
        return try result.rows.first?.decode(Bool.self, at: 0) ?? false
    }

    /// Creates drizzle's ledger schema and table when missing, as its migrator does.
    private var ledgerSetup: String {
        "CREATE SCHEMA IF NOT EXISTS \(SQLIdentifier.doubleQuoted(ledger.schema)); "
            + "CREATE TABLE IF NOT EXISTS \(ledger.sqlName) (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)"
    }

    private func record(_ migration: DrizzleMigration, on connection: PostgresConnection) throws {
        try connection.query("INSERT INTO \(ledger.sqlName) (hash, created_at) VALUES ($1, $2)", [migration.hash, migration.entry.when]) { _ in }
    }
}
