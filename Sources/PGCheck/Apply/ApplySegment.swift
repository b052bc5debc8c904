/// One unit of a careful apply: statements that commit together, or one statement PostgreSQL refuses in a
/// transaction, run on its own.
///
/// Drizzle's migrator runs every pending migration in one transaction. With
/// `--allow-nontransactional`, pgcheck keeps that for everything it can, and runs each statement that
/// cannot run in a transaction (CREATE INDEX CONCURRENTLY, …) on its own, in file order, with the
/// statements between them grouped into transactions. A migration's ledger row is written with its
/// last statement (in the same transaction, or right after a statement run on its own), so a migration
/// is recorded only when all of its statements have succeeded.
public struct ApplySegment: Sendable, Equatable {
    /// One statement and where it comes from.
    public struct Statement: Sendable, Equatable {
        /// The migration's tag.
        public let migration: String
        /// Its position in the migration, from 1.
        public let number: Int
        /// The statement.
        public let statement: MigrationStatement

        /// `tag #n`.
        public var reference: String { "\(migration) #\(number)" }
    }

    /// Whether the statements run in one transaction (false: one statement, on its own).
    public let transactional: Bool
    /// The statements, in file order.
    public let statements: [Statement]
    /// The migrations whose last statement is in this segment: their ledger rows are written with it.
    public let completes: [DrizzleMigration]

    /// The segments for `migrations`, in order.
    public static func plan(_ migrations: [DrizzleMigration]) -> [ApplySegment] {
        var segments: [ApplySegment] = []
        var pending: [Statement] = []
        var completing: [DrizzleMigration] = []
        func closeTransaction() {
            guard !pending.isEmpty || !completing.isEmpty else { return }
            segments.append(ApplySegment(transactional: true, statements: pending, completes: completing))
            pending = []
            completing = []
        }
        for migration in migrations {
            let statements = migration.statements.map { MigrationStatement($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            for (offset, statement) in statements.enumerated() {
                let entry = Statement(migration: migration.tag, number: offset + 1, statement: statement)
                let isLast = offset == statements.count - 1
                if statement.nonTransactional != nil {
                    closeTransaction()
                    segments.append(ApplySegment(transactional: false, statements: [entry], completes: isLast ? [migration] : []))
                } else {
                    pending.append(entry)
                    if isLast { completing.append(migration) }
                }
            }
            // A migration with no statement at all is still recorded, as drizzle records it.
            if statements.isEmpty { completing.append(migration) }
        }
        closeTransaction()
        return segments
    }

    /// One line for the plan printed before the apply and kept in the apply log.
    public var summary: String {
        let first = statements.first?.reference ?? "ledger rows"
        let last = statements.last?.reference ?? first
        let span = statements.count <= 1 ? first : "\(first) … \(last)"
        let records = completes.isEmpty ? "" : "; records \(completes.map(\.tag).joined(separator: ", "))"
        if transactional {
            return "transaction: \(statements.count) statement\(statements.count == 1 ? "" : "s") (\(span))\(records)"
        }
        let command = statements.first?.statement.nonTransactional?.rawValue ?? "statement"
        return "on its own: \(span) \(command)\(records)"
    }
}
