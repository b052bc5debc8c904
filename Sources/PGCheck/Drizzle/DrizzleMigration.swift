import Foundation
import PostgresWire

/// One migration of a Drizzle folder: its journal entry, SQL text, statements and the hash the migrator records.
public struct DrizzleMigration: Sendable, Equatable {
    /// The journal entry.
    public let entry: DrizzleJournal.Entry
    /// The file's text, as read.
    public let sql: String
    /// The statements the migrator runs: the text split on `--> statement-breakpoint`.
    public let statements: [String]
    /// SHA-256 (hex) of the file text: what drizzle's migrator stores in `__drizzle_migrations.hash`.
    public let hash: String
    /// The same hash after turning CRLF into LF, as newer drizzle versions compute it.
    public let normalizedHash: String

    /// The migration's tag (file name without `.sql`).
    public var tag: String { entry.tag }

    /// Builds a migration from its journal entry and file text.
    public init(entry: DrizzleJournal.Entry, sql: String) {
        self.entry = entry
        self.sql = sql
        statements = sql.components(separatedBy: "--> statement-breakpoint")
            .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        hash = SHA256Hasher.hash(Array(sql.utf8)).hexString
        normalizedHash = SHA256Hasher.hash(Array(sql.replacingOccurrences(of: "\r\n", with: "\n").utf8)).hexString
    }

    /// Whether `recorded` is this file's hash under either drizzle convention.
    public func matches(hash recorded: String) -> Bool { recorded == hash || recorded == normalizedHash }

    /// The first statement that cannot run inside the migrator's transaction, if any.
    ///
    /// drizzle runs every pending migration in one transaction, where PostgreSQL refuses
    /// `CREATE INDEX CONCURRENTLY` (and friends): better to say so before starting.
    public var nonTransactionalStatement: String? {
        statements.first { MigrationStatement($0).nonTransactional != nil }
    }
}

/// A drizzle-kit migrations folder: its journal and the SQL files it lists, in either layout drizzle-kit
/// writes (``DrizzleFolderLayout``).
public struct DrizzleMigrationFolder: Sendable {
    /// The folder.
    public let url: URL
    /// How the folder is laid out.
    public let layout: DrizzleFolderLayout
    /// The journal (built from the subfolders' names for the folder-per-migration layout).
    public let journal: DrizzleJournal
    /// The migrations in journal order.
    public let migrations: [DrizzleMigration]

    /// Reads a migrations folder.
    ///
    /// - Throws: ``DrizzleError/badInput(_:)`` when the journal or a listed file is missing or unreadable.
    public init(url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DrizzleError.badInput("\(url.path) is not a folder; point --dir at the Drizzle migrations folder (the one holding meta/_journal.json)")
        }
        self.url = url
        let journalFile = url.appendingPathComponent("meta/_journal.json")
        if !FileManager.default.fileExists(atPath: journalFile.path), let built = try DrizzleFolderLayout.folderPerMigrationJournal(in: url) {
            layout = .folderPerMigration
            journal = built
        } else {
            layout = .journal
            journal = try DrizzleJournal.load(from: journalFile)
        }
        let layout = layout
        migrations = try journal.entries.map { entry in
            let file = layout.sqlFile(tag: entry.tag, in: url)
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw DrizzleError.badInput("the journal lists \(entry.tag) but \(file.path) does not exist")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw DrizzleError.badInput("\(file.path) is not UTF-8 text")
            }
            return DrizzleMigration(entry: entry, sql: text)
        }
    }

    /// The migration with this tag.
    public func migration(tagged tag: String) -> DrizzleMigration? { migrations.first { $0.tag == tag } }

    /// The schema snapshot drizzle-kit wrote with the migration tagged `tag` (it may not exist).
    public func snapshotFile(tag: String) -> URL { layout.snapshotFile(tag: tag, in: url) }
}
