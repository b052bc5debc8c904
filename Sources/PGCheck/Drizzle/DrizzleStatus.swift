/// Where each migration of a folder stands against a database's ledger: the `drizzle-kit status` that does not exist.
public struct DrizzleStatus: Sendable, Equatable {
    /// One migration's state.
    public enum State: String, Sendable, Codable {
        /// Recorded with the same hash.
        case applied
        /// Recorded, but the file changed since (its hash differs): drizzle never notices.
        case mismatched
        /// Not recorded, and newer than the last applied one: the migrator will run it.
        case pending
        /// Not recorded, but not newer than the last applied one: drizzle's migrator skips it without a word.
        case skipped
    }

    /// A migration and its state.
    public struct Item: Sendable, Equatable {
        /// The migration's tag.
        public let tag: String
        /// Its journal `when`.
        public let when: Int64
        /// Its state.
        public let state: State
        /// The hash in the file.
        public let fileHash: String
        /// The hash in the ledger, when recorded.
        public let recordedHash: String?
    }

    /// Every migration of the folder, in journal order.
    public let items: [Item]
    /// Ledger rows that match no migration file (applied from elsewhere, or a file was deleted).
    public let unknownRows: [DrizzleLedger.Row]

    /// Compares a folder with a ledger, as drizzle's migrator would see them.
    ///
    /// A recorded row belongs to the migration whose `when` equals its `created_at` (that is all the
    /// migrator writes); its hash then tells whether the file was edited after it was applied.
    public init(folder: DrizzleMigrationFolder, ledger: DrizzleLedger) {
        var rowsByCreatedAt: [Int64: DrizzleLedger.Row] = [:]
        for row in ledger.rows { if let createdAt = row.createdAt { rowsByCreatedAt[createdAt] = row } }
        let last = ledger.lastCreatedAt
        items = folder.migrations.map { migration in
            let when = migration.entry.when
            if let row = rowsByCreatedAt[when] {
                return Item(tag: migration.tag, when: when, state: migration.matches(hash: row.hash) ? .applied : .mismatched,
                            fileHash: migration.hash, recordedHash: row.hash)
            }
            let state: State = last.map { when > $0 } ?? true ? .pending : .skipped
            return Item(tag: migration.tag, when: when, state: state, fileHash: migration.hash, recordedHash: nil)
        }
        let known = Set(folder.migrations.map(\.entry.when))
        unknownRows = ledger.rows.filter { row in row.createdAt.map { !known.contains($0) } ?? true }
    }

    /// The migrations the migrator would run now, in order.
    public var pending: [Item] { items.filter { $0.state == .pending } }

    /// Whether anything needs a person's attention (edited or silently skipped migrations, unknown rows).
    public var hasProblems: Bool {
        items.contains { $0.state == .mismatched || $0.state == .skipped } || !unknownRows.isEmpty
    }
}
