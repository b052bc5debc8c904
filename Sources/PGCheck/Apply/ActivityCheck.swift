import Foundation
import PGJSON
import PGSupport
import PostgresWire

/// Before an apply, a look at the tables the pending migrations touch: is anyone holding or waiting for
/// locks on them, is a transaction open too long (a concurrent index build waits for it, and DDL queues
/// behind it), are rows being written to them right now? The staging runbook's "ensure no ingestion jobs
/// are running against staging during apply", checked instead of hoped for.
public struct ActivityCheck: Sendable {
    /// How long to watch for writes.
    public var window: Duration
    /// A transaction open longer than this is reported.
    public var longTransaction: Duration

    /// Creates a check.
    public init(window: Duration = .seconds(2), longTransaction: Duration = .seconds(60)) {
        self.window = window
        self.longTransaction = longTransaction
    }

    /// Looks at what `migrations` touch on `connection`'s database (read-only; takes no lock on a table).
    public func run(for migrations: [DrizzleMigration], on connection: PostgresConnection) throws -> ActivityReport {
        let names = migrations.flatMap { $0.statements.map(MigrationStatement.init).flatMap(\.namedRelations) }
        let tables = try Self.existingTables(named: names, on: connection)
        let oids = tables.map(\.oid)
        let list = oids.isEmpty ? "0" : oids.map(String.init).joined(separator: ",")
        let lockHolders = try Self.sessionsOnTables(list, on: connection)
        let long = try DatabaseSession.read(
            where: "a.datname = pg_catalog.current_database() AND a.pid <> pg_catalog.pg_backend_pid() AND a.xact_start < now() - make_interval(secs => $1)",
            [longTransaction.inSeconds], on: connection)
        // Writes: the tables' row counters across the window, and whoever holds ROW EXCLUSIVE on them meanwhile.
        let before = try Self.writeCounters(list, on: connection)
        var writers: [Int32: DatabaseSession] = [:]
        let clock = ContinuousClock()
        let end = clock.now + window
        while clock.now < end {
            for session in try Self.sessionsOnTables(list, modes: ["RowExclusiveLock"], on: connection) { writers[session.session.pid] = session.session }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let after = try Self.writeCounters(list, on: connection)
        // A writer holds its lock for a moment only; its last statement, though, stays in pg_stat_activity.
        for session in try Self.recentWriters(of: tables.map(\.name), within: window, on: connection) { writers[session.pid] = session }
        let writes = tables.compactMap { table -> TableWrites? in
            let rows = (after[table.oid] ?? 0) - (before[table.oid] ?? 0)
            return rows > 0 ? TableWrites(table: table.name, rows: rows) : nil
        }
        return ActivityReport(
            tables: tables.map(\.name), lockHolders: lockHolders, longTransactions: long, writes: writes,
            writers: writers.values.sorted { $0.pid < $1.pid }, windowSeconds: window.inSeconds,
            longTransactionSeconds: longTransaction.inSeconds)
    }

    /// The existing tables among `names` (indexes stand for their tables).
    private static func existingTables(named names: [String], on connection: PostgresConnection) throws -> [(oid: Int64, name: String)] {
        guard !names.isEmpty else { return [] }
        var seen: Set<Int64> = []
        var tables: [(oid: Int64, name: String)] = []
        for name in names {
            // to_regclass refuses some malformed names with an error rather than NULL: such a name is not a table here.
            guard let row = try? connection.query("""
                SELECT COALESCE(i.indrelid, c.oid)::int8, COALESCE(i.indrelid, c.oid)::regclass::text
                FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
                WHERE c.oid = pg_catalog.to_regclass($1) AND c.relkind IN ('r', 'p', 'i', 'I', 'm')
                """, [name]).rows.first else { continue }
            let oid = try row.decode(Int64.self, at: 0)
            if seen.insert(oid).inserted { tables.append((oid, try row.decode(String.self, at: 1))) }
        }
        return tables
    }

    private static func sessionsOnTables(_ list: String, modes: [String]? = nil, on connection: PostgresConnection) throws -> [SessionOnTable] {
        let modeFilter = modes.map { " AND l.mode IN (\($0.map { "'\($0)'" }.joined(separator: ","))) " } ?? " "
        let rows = try connection.query("""
            SELECT DISTINCT l.pid, l.relation::regclass::text, l.mode, l.granted FROM pg_catalog.pg_locks l
            WHERE l.locktype = 'relation' AND l.relation IN (\(list)) AND l.pid <> pg_catalog.pg_backend_pid()\(modeFilter)
            ORDER BY 1, 2, 3
            """).rows
        guard !rows.isEmpty else { return [] }
        let sessions = Dictionary(
            try DatabaseSession.read(where: "a.pid = ANY ($1)", [try rows.map { try $0.decode(Int32.self, at: 0) }], on: connection).map { ($0.pid, $0) }
        ) { first, _ in first }
        return try rows.compactMap { row in
            guard let session = sessions[try row.decode(Int32.self, at: 0)] else { return nil }
            return SessionOnTable(session: session, table: try row.decode(at: 1), mode: try row.decode(at: 2), granted: try row.decode(at: 3))
        }
    }

    /// Sessions whose statement in the last `window` wrote to one of `tables` (by its text).
    private static func recentWriters(of tables: [String], within window: Duration, on connection: PostgresConnection) throws -> [DatabaseSession] {
        guard !tables.isEmpty else { return [] }
        // A table name as the query would spell it: bare (unqualified, unquoted) is enough to recognise it.
        let names = tables.map { $0.split(separator: ".").last.map(String.init) ?? $0 }.map { $0.replacingOccurrences(of: "\"", with: "") }
        return try DatabaseSession.read(
            where: """
                a.datname = pg_catalog.current_database() AND a.pid <> pg_catalog.pg_backend_pid()
                AND a.state_change >= now() - make_interval(secs => $1)
                AND a.query ~* '^\\s*(insert|update|delete|copy|merge)\\M'
                AND EXISTS (SELECT 1 FROM unnest($2::text[]) t(name) WHERE a.query ~* ('\\m"?' || regexp_replace(t.name, '([.*+?^${}()|\\[\\]\\\\])', '\\\\\\1', 'g') || '"?\\M'))
                """,
            [window.inSeconds + 1, names], on: connection)
    }

    private static func writeCounters(_ list: String, on connection: PostgresConnection) throws -> [Int64: Int64] {
        var counters: [Int64: Int64] = [:]
        for row in try connection.query(
            "SELECT relid::int8, (n_tup_ins + n_tup_upd + n_tup_del)::int8 FROM pg_catalog.pg_stat_user_tables WHERE relid IN (\(list))").rows {
            counters[try row.decode(at: 0)] = try row.decode(at: 1)
        }
        return counters
    }
}

/// A session holding (or waiting for) a lock on one of the tables.
public struct SessionOnTable: Sendable, Codable, Equatable {
    /// The session.
    public let session: DatabaseSession
    /// The table.
    public let table: String
    /// The lock mode (`RowExclusiveLock`, …).
    public let mode: String
    /// Whether it holds the lock (false: it waits for it).
    public let granted: Bool
}

/// Rows written to a table during the window.
public struct TableWrites: Sendable, Codable, Equatable {
    /// The table.
    public let table: String
    /// Rows inserted, updated or deleted (committed) during the window.
    public let rows: Int64
}

/// What ``ActivityCheck`` found.
public struct ActivityReport: Sendable, Codable, Equatable {
    /// The existing tables the pending migrations touch.
    public var tables: [String]
    /// Sessions holding or waiting for locks on them.
    public var lockHolders: [SessionOnTable]
    /// Transactions open longer than the limit.
    public var longTransactions: [DatabaseSession]
    /// Rows written to them during the window.
    public var writes: [TableWrites]
    /// Sessions seen writing to them during the window.
    public var writers: [DatabaseSession]
    /// The window's length, in seconds.
    public var windowSeconds: Double
    /// The long-transaction limit, in seconds.
    public var longTransactionSeconds: Double

    /// Nothing found: the tables are quiet.
    public var isQuiet: Bool { lockHolders.isEmpty && longTransactions.isEmpty && writes.isEmpty && writers.isEmpty }

    /// The report for a person, and for the evidence folder.
    public var text: String {
        var lines = ["Activity on the tables the pending migrations touch: \(tables.isEmpty ? "none that exist yet" : tables.joined(separator: ", "))"]
        if isQuiet {
            lines.append("quiet: no session holds or waits for a lock on them, no transaction is open longer than \(Figures.seconds(longTransactionSeconds)), no row was written in \(Figures.seconds(windowSeconds))")
        }
        for holder in lockHolders {
            lines.append("  \(holder.granted ? "holds" : "waits for") \(holder.mode) on \(holder.table): \(holder.session)")
        }
        for session in longTransactions { lines.append("  transaction open longer than \(Figures.seconds(longTransactionSeconds)): \(session)") }
        for write in writes { lines.append("  \(Figures.count(write.rows)) rows written to \(write.table) in \(Figures.seconds(windowSeconds))") }
        for writer in writers { lines.append("  writing meanwhile: \(writer)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as a JSON document.
    public func encodedJSON() throws -> Data { try CanonicalJSONDocument.data(of: self) }
}

/// The apply was refused because the tables it touches are busy.
public struct TablesNotQuiet: ClassifiedError, CustomStringConvertible {
    /// What was found.
    public let report: ActivityReport

    /// Creates the refusal.
    public init(report: ActivityReport) { self.report = report }

    public var description: String {
        var found: [String] = []
        if !report.lockHolders.isEmpty { found.append("\(Set(report.lockHolders.map(\.session.pid)).count) session(s) holding or waiting for locks on them") }
        if !report.longTransactions.isEmpty { found.append("\(report.longTransactions.count) long transaction(s)") }
        if !report.writes.isEmpty || !report.writers.isEmpty {
            let pids = report.writers.map { "pid \($0.pid)\($0.applicationName.isEmpty ? "" : " (\($0.applicationName))")" }
            found.append("writes during the check\(pids.isEmpty ? "" : " by " + pids.joined(separator: ", "))")
        }
        return "not applying: the tables the migrations touch (\(report.tables.joined(separator: ", "))) are busy: \(found.joined(separator: "; ")); apply when they are quiet, or override with --ignore-activity"
    }

    /// Busy tables are a check that did not hold.
    public var failureKind: FailureKind { .checkFailed }
}
