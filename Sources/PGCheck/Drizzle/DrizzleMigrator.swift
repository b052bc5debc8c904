import Foundation
import PostgresWire
import PGSupport

/// Applies pending Drizzle migrations exactly as drizzle-orm's migrator does, so drizzle-kit sees them as applied
/// afterwards: the same ledger table, one transaction for all pending migrations, statements split on
/// `--> statement-breakpoint`, a ledger row (hash, `when`) per migration in the same transaction.
///
/// Unlike the migrator it sets `lock_timeout` (a migration never queues forever behind a long lock),
/// refuses up front a statement that cannot run in a transaction, and says which statement failed.
public struct DrizzleMigrator: Sendable {
    /// Where the ledger lives.
    public var ledger: DrizzleLedger.Location
    /// How long a statement may wait for a lock before the whole apply is rolled back.
    public var lockTimeout: Duration
    /// How long one statement may run (nil: the server's setting).
    public var statementTimeout: Duration?

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

    /// Applies `migrations` in one transaction; on any failure everything is rolled back.
    ///
    /// - Returns: the tags applied.
    /// - Throws: ``DrizzleError/refused(_:)`` before touching the database for a non-transactional
    ///   statement, ``DrizzleError/statementFailed(tag:statementNumber:statement:serverError:)`` when one fails.
    @discardableResult
    public func apply(_ migrations: [DrizzleMigration], on connection: PostgresConnection) throws -> [String] {
        for migration in migrations {
            if let statement = migration.nonTransactionalStatement {
                throw DrizzleError.refused("migration \(migration.tag) contains a statement that cannot run inside the migrator's transaction: \(Self.firstLine(statement)); run it separately (drizzle-orm issue #860)")
            }
        }
        guard !migrations.isEmpty else { return [] }
        var setup = "BEGIN; SET LOCAL lock_timeout = \(lockTimeout.roundedUpMilliseconds); "
        if let statementTimeout { setup += "SET LOCAL statement_timeout = \(statementTimeout.roundedUpMilliseconds); " }
        setup += "CREATE SCHEMA IF NOT EXISTS \(SQLIdentifier.doubleQuoted(ledger.schema)); "
        setup += "CREATE TABLE IF NOT EXISTS \(ledger.sqlName) (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)"
        try connection.execute(setup)
        do {
            for migration in migrations {
                for (number, statement) in migration.statements.enumerated() {
                    do {
                        try connection.execute(statement)
                    } catch let error as PostgresServerError {
                        throw DrizzleError.statementFailed(
                            tag: migration.tag, statementNumber: number + 1, statement: Self.firstLine(statement), serverError: "\(error)")
                    }
                }
                try connection.query(
                    "INSERT INTO \(ledger.sqlName) (hash, created_at) VALUES ($1, $2)", [migration.hash, migration.entry.when]
                ) { _ in }
            }
            try connection.execute("COMMIT")
        } catch {
            if !connection.isClosed { try? connection.execute("ROLLBACK") }
            throw error
        }
        return migrations.map(\.tag)
    }

    private static func firstLine(_ statement: String) -> String {
        let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        let line = trimmed.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? trimmed
        return line.count > 160 ? String(line.prefix(157)) + "..." : line
    }

}
