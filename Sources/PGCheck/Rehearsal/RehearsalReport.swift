import Foundation
import PGJSON

/// What rehearsing pending migrations showed: statement by statement, what each locked, rewrote,
/// scanned and how long it took on the rehearsal data; per table, how long it would be blocked; and the
/// hazards, each with the safer way to write the statement.
///
/// The rehearsal ran every statement in one transaction (as drizzle's migrator does) and rolled it back.
public struct RehearsalReport: Sendable, Codable, Equatable {
    /// The JSON document's version (`formatVersion`).
    public static let currentFormatVersion = 1

    /// The document's version.
    public var formatVersion = RehearsalReport.currentFormatVersion
    /// The rehearsal database, without credentials.
    public var database: String
    /// Its PostgreSQL version.
    public var serverVersion: String
    /// The migrations rehearsed, in order.
    public var migrations: [String]
    /// Every statement, in order.
    public var statements: [StatementTrace]
    /// Every table that existed before and that a statement locked, with how long it would be blocked.
    public var tables: [TableBlocking]
    /// What needs a person's attention before applying.
    public var hazards: [RehearsalHazard]
    /// The longest a table may be blocked for reads or writes before that is a hazard.
    public var maxBlockedSeconds: Double
    /// The transactions the statements commit in: one (drizzle's migrator) when every statement can run
    /// in a transaction; otherwise as `pgcheck migrations apply --allow-nontransactional` runs them, each
    /// statement that cannot on its own and the statements between them together (drizzle's migrator
    /// fails at the first such statement).
    public var transactions: [TransactionSpan]
    /// Every statement's time together.
    public var totalSeconds: Double
    /// Whether the transaction was rolled back (always, once the report exists).
    public var rolledBack: Bool

    /// Whether anything needs attention.
    public var hasHazards: Bool { !hazards.isEmpty }

    /// The report as a JSON document.
    public func encodedJSON() throws -> Data { try CanonicalJSONDocument.data(of: self) }
}

/// Statements that commit together: their locks are held from where each is taken to the commit.
public struct TransactionSpan: Sendable, Codable, Equatable {
    /// The first statement (`tag #n`).
    public var first: String
    /// The last statement.
    public var last: String
    /// How many statements.
    public var statements: Int
    /// From the first statement to the commit, on the rehearsal data.
    public var seconds: Double
}

/// One statement as the rehearsal ran it.
public struct StatementTrace: Sendable, Codable, Equatable {
    /// What happened to the statement.
    public enum Outcome: String, Sendable, Codable {
        /// It ran inside the transaction.
        case ran
        /// It failed (the rehearsal rolled back to the savepoint before it and went on).
        case failed
        /// It cannot run in a transaction; its stand-in without `CONCURRENTLY` ran in its place, to measure
        /// the work and find what the data would make fail. Its locks are not the real statement's.
        case standIn = "stand-in"
        /// It cannot run in a transaction and has no stand-in: not run.
        case notRun = "not-run"
    }

    /// The migration's tag.
    public var migration: String
    /// The statement's position in its migration, from 1.
    public var number: Int
    /// The transaction it commits in, from 1 (see ``RehearsalReport/transactions``).
    public var transaction: Int
    /// The statement's text.
    public var sql: String
    /// What happened.
    public var outcome: Outcome
    /// How long it took on the rehearsal data.
    public var seconds: Double
    /// When PostgreSQL refuses it inside a transaction: what it is and what it locks when run on its own.
    public var nonTransactional: NonTransactionalNote?
    /// Locks on tables and indexes that existed before, newly taken by this statement.
    public var acquired: [RelationLock]
    /// Every lock on tables and indexes that existed before, held after this statement (until the commit).
    public var held: [RelationLock]
    /// Tables and indexes that existed before and were rewritten (new files).
    public var rewrites: [RelationSize]
    /// Tables that existed before and that this statement read through (a scan under its locks).
    public var scans: [TableScan]
    /// Indexes this statement built on tables that existed before.
    public var builtIndexes: [BuiltIndex]
    /// Constraints it added and validated, and columns it made NOT NULL, on tables that existed before.
    public var validated: [String]
    /// The server's error, when it failed.
    public var error: StatementError?
    /// What in the data made it fail, when that could be found.
    public var dataProblem: DataProblem?

    /// `migration #number` for reports.
    public var reference: String { "\(migration) #\(number)" }
    /// The statement's first line, shortened, for one-line reports.
    public var summary: String { SQLSummary.firstLine(of: sql) }
}

/// A statement PostgreSQL refuses inside a transaction block.
public struct NonTransactionalNote: Sendable, Codable, Equatable {
    /// The command.
    public var command: String
    /// What it locks when it runs on its own.
    public var lock: String
    /// Why drizzle's migrator fails on it.
    public var migratorFails: String
}

/// A lock on a table or index that existed before the rehearsal.
public struct RelationLock: Sendable, Codable, Equatable {
    /// The locked relation, schema-qualified.
    public var relation: String
    /// The table it belongs to (itself for a table).
    public var table: String
    /// The lock mode.
    public var mode: LockMode
    /// What the lock keeps other sessions from doing on ``table``.
    public var blocks: LockMode.Blocks
}

/// A relation and its size.
public struct RelationSize: Sendable, Codable, Equatable {
    /// The relation, schema-qualified.
    public var relation: String
    /// Its size on disk with its indexes and TOAST (`pg_total_relation_size`), in bytes.
    public var bytes: Int64
    /// The planner's row estimate (`reltuples`); nil when never analysed.
    public var estimatedRows: Int64?
}

/// A table read through by a statement.
public struct TableScan: Sendable, Codable, Equatable {
    /// The table, schema-qualified.
    public var table: String
    /// Rows read by sequential scans (`pg_stat_xact_user_tables.seq_tup_read`).
    public var rowsRead: Int64
    /// The strongest lock the statement held on the table meanwhile.
    public var underLock: LockMode?
}

/// An index built by a statement on a table that existed before.
public struct BuiltIndex: Sendable, Codable, Equatable {
    /// The index, schema-qualified.
    public var index: String
    /// Its table.
    public var table: String
    /// The rows this session read to build it (a parallel build's workers read the rest).
    public var rowsRead: Int64
}

/// The server's error for a failed statement.
public struct StatementError: Sendable, Codable, Equatable {
    /// The SQLSTATE.
    public var sqlState: String
    /// The primary message.
    public var message: String
    /// The detail, if any.
    public var detail: String?
}

/// What in the data makes a statement fail: counts and one sample key, never whole rows.
public struct DataProblem: Sendable, Codable, Equatable {
    /// What kind of problem.
    public enum Kind: String, Sendable, Codable {
        /// A unique index or constraint over keys that repeat.
        case duplicateKeys = "duplicate-keys"
        /// NOT NULL over a column that has NULLs.
        case nulls
        /// A CHECK constraint that rows violate.
        case checkViolations = "check-violations"
        /// A foreign key that rows have no referenced row for.
        case missingReferences = "missing-references"
        /// Values that cannot be converted (a type change).
        case badValues = "bad-values"
    }

    /// What kind of problem.
    public var kind: Kind
    /// The table whose data it is.
    public var table: String
    /// The columns concerned, as the server named them.
    public var columns: String?
    /// One offending key, as the server reported it.
    public var sampleKey: String?
    /// How many rows are affected (duplicated keys: the rows in groups of duplicates), when counted.
    public var rows: Int64?
    /// Duplicate keys only: how many distinct keys repeat.
    public var groups: Int64?
}

/// How long a table would be blocked, from which statement to the commit.
public struct TableBlocking: Sendable, Codable, Equatable {
    /// The table, schema-qualified.
    public var table: String
    /// Its size with indexes and TOAST, in bytes.
    public var bytes: Int64?
    /// The planner's row estimate.
    public var estimatedRows: Int64?
    /// The strongest lock held on it (or on one of its indexes) before the commit.
    public var strongestLock: LockMode
    /// The statement from which reads (and writes) are blocked the longest, to its transaction's commit.
    public var readsBlockedFrom: String?
    /// How long reads are blocked then on the rehearsal data: that statement's time and every later one's
    /// in the same transaction.
    public var readsBlockedSeconds: Double
    /// The statement from which writes are blocked the longest, to its transaction's commit.
    public var writesBlockedFrom: String?
    /// How long writes are blocked then on the rehearsal data.
    public var writesBlockedSeconds: Double
}

/// The first line of a statement, shortened, for one-line reports.
enum SQLSummary {
    static func firstLine(of statement: String, limit: Int = 120) -> String {
        let trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        let line = trimmed.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? trimmed
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}
