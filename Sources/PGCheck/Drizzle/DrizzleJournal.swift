import Foundation
import PGSupport

/// `meta/_journal.json` of a drizzle-kit migrations folder (PostgreSQL dialect, 0.x layout).
public struct DrizzleJournal: Codable, Sendable, Equatable {
    /// One generated migration.
    public struct Entry: Codable, Sendable, Equatable {
        /// Position in the folder.
        public var idx: Int
        /// drizzle-kit's snapshot format version ("7").
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
    }

    /// The journal format version.
    public var version: String
    /// "postgresql" for the migrations pgcheck applies.
    public var dialect: String
    /// The migrations in generation order.
    public var entries: [Entry]

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
        guard journal.dialect == "postgresql" else {
            throw DrizzleError.badInput("\(url.path) is for dialect \"\(journal.dialect)\"; pgcheck applies PostgreSQL migrations only")
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
