import Foundation
import PGSupport

/// `meta/_journal.json` of a drizzle-kit migrations folder (PostgreSQL, 0.x layout), or the journal pgcheck
/// builds for the 1.0 beta's one-folder-per-migration layout (see ``DrizzleFolderLayout``).
///
/// Read as drizzle-orm's migrator reads it (`readMigrationFiles`): only `entries` with their `idx`, `when`,
/// `tag` and `breakpoints` matter. Every PostgreSQL journal drizzle-kit has written is accepted: dialect
/// `"pg"` (drizzle-kit before 0.21, journal and snapshot versions 5) and `"postgresql"` (versions 6 and 7);
/// MySQL, SQLite, Turso, SingleStore and Gel journals are refused with the reason.
public struct DrizzleJournal: Codable, Sendable, Equatable {
    /// One generated migration.
    public struct Entry: Codable, Sendable, Equatable {
        /// Position in the folder.
        public var idx: Int
        /// drizzle-kit's snapshot format version when it was generated ("5", "6", "7"); empty when absent.
        public var version: String
        /// Generation time in milliseconds since the epoch; the migrator records it as `created_at`.
        public var when: Int64
        /// The migration's name: its SQL file is `<tag>.sql`.
        public var tag: String
        /// Whether statements are separated by `--> statement-breakpoint`.
        public var breakpoints: Bool

        /// Creates an entry.
        public init(idx: Int, version: String, when: Int64, tag: String, breakpoints: Bool) {
            self.idx = idx
            self.version = version
            self.when = when
            self.tag = tag
            self.breakpoints = breakpoints
        }

        private enum CodingKeys: String, CodingKey { case idx, version, when, tag, breakpoints }

        /// Decodes an entry; `version` and `breakpoints` may be absent (the migrator reads neither).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            idx = try container.decode(Int.self, forKey: .idx)
            version = try container.decodeIfPresent(String.self, forKey: .version) ?? ""
            when = try container.decode(Int64.self, forKey: .when)
            tag = try container.decode(String.self, forKey: .tag)
            breakpoints = try container.decodeIfPresent(Bool.self, forKey: .breakpoints) ?? true
        }
    }

    /// The journal format version ("5" from drizzle-kit before 0.21, then "6", "7").
    public var version: String
    /// `"postgresql"` or, in journals written before drizzle-kit 0.21, `"pg"`.
    public var dialect: String
    /// The migrations in generation order.
    public var entries: [Entry]

    /// Creates a journal.
    public init(version: String, dialect: String, entries: [Entry]) {
        self.version = version
        self.dialect = dialect
        self.entries = entries
    }

    private enum CodingKeys: String, CodingKey { case version, dialect, entries }

    /// Decodes a journal; `version` and `dialect` may be absent (drizzle's migrator reads only `entries`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(String.self, forKey: .version) ?? ""
        dialect = try container.decodeIfPresent(String.self, forKey: .dialect) ?? ""
        entries = try container.decode([Entry].self, forKey: .entries)
    }

    /// The dialects drizzle-kit writes for PostgreSQL: `pg` (journal version 5 and older) and `postgresql`.
    public static let postgresDialects: Set<String> = ["postgresql", "pg", "postgres", ""]

    /// Why a journal of another dialect cannot be applied to PostgreSQL, or nil for a PostgreSQL journal.
    public static func refusal(ofDialect dialect: String) -> String? {
        if postgresDialects.contains(dialect) { return nil }
        switch dialect {
        case "mysql", "singlestore":
            return "its migrations are MySQL statements (backticks, AUTO_INCREMENT), which PostgreSQL cannot run"
        case "sqlite", "turso":
            return "its migrations are SQLite statements, which PostgreSQL cannot run"
        case "gel":
            return "Gel manages its own migrations; drizzle-kit only pulls its schema"
        default:
            return "drizzle-kit writes \"postgresql\" (or \"pg\" before 0.21) for PostgreSQL"
        }
    }

    /// Reads and checks a journal file.
    ///
    /// - Throws: ``DrizzleError`` naming the file and what is wrong with it.
    public static func load(from url: URL) throws -> DrizzleJournal {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DrizzleError.badInput("cannot read the Drizzle journal \(url.path): \(error.localizedDescription)")
        }
        let journal: DrizzleJournal
        do { journal = try JSONDecoder().decode(DrizzleJournal.self, from: data) } catch {
            throw DrizzleError.badInput("\(url.path) is not a Drizzle journal (meta/_journal.json): \(Self.describe(error))")
        }
        if let reason = refusal(ofDialect: journal.dialect) {
            throw DrizzleError.badInput("\(url.path) is for dialect \"\(journal.dialect)\"; pgcheck applies PostgreSQL migrations only: \(reason)")
        }
        var tags: Set<String> = []
        for entry in journal.entries where !tags.insert(entry.tag).inserted {
            throw DrizzleError.badInput("\(url.path) lists the migration \"\(entry.tag)\" twice")
        }
        return journal
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}

/// What can go wrong with Drizzle migrations.
public enum DrizzleError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The folder, journal or a migration file is missing or malformed.
    case badInput(String)
    /// A migration cannot be applied as asked (e.g. CREATE INDEX CONCURRENTLY inside the migrator's transaction).
    case refused(String)
    /// A statement failed; everything was rolled back.
    case statementFailed(tag: String, statementNumber: Int, statement: String, serverError: String)
    /// In an apply of several transactions (`--allow-nontransactional`), a statement failed: its
    /// transaction (or the statement on its own) did not apply; the migrations in `applied` did and stay.
    case segmentFailed(statement: String, sql: String, serverError: String, applied: [String], invalidIndex: String?)
    /// A statement could not get its lock within `lock_timeout`, on every attempt; its transaction was
    /// rolled back each time. `blockers` are the sessions seen holding the lock.
    case lockTimeout(statement: String, sql: String, attempts: Int, blockers: [DatabaseSession], applied: [String])

    public var description: String {
        switch self {
        case .badInput(let message), .refused(let message): message
        case .statementFailed(let tag, let number, let statement, let serverError):
            "migration \(tag), statement \(number) failed and everything was rolled back: \(serverError)\n  statement: \(statement)"
        case .segmentFailed(let statement, let sql, let serverError, let applied, let invalidIndex):
            "\(statement) failed: \(serverError)\(invalidIndex.map { "; \($0)" } ?? "")\(Self.appliedNote(applied))\n  statement: \(sql)"
        case .lockTimeout(let statement, let sql, let attempts, let blockers, let applied):
            "\(statement) could not get its lock within lock_timeout (\(attempts) attempt\(attempts == 1 ? "" : "s"), each rolled back)"
                + (blockers.isEmpty ? "; the session holding it could not be identified" : "; held by " + blockers.map(\.description).joined(separator: "; "))
                + Self.appliedNote(applied) + "\n  statement: \(sql)"
        }
    }

    private static func appliedNote(_ applied: [String]) -> String {
        applied.isEmpty ? "; nothing was applied" : "; applied before it, and kept: \(applied.joined(separator: ", "))"
    }
}

extension DrizzleError: ClassifiedError {
    /// A failed statement is the server's (everything was rolled back); a folder, journal or request
    /// that cannot be used is bad input.
    public var failureKind: FailureKind {
        switch self {
        case .statementFailed, .segmentFailed, .lockTimeout: .server
        case .badInput, .refused: .badInput
        }
    }
}
