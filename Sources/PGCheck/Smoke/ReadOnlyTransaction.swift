import PostgresWire
import PGSupport

/// The transaction every smoke query, fingerprint and ledger read runs in: `READ ONLY`, so the server
/// refuses any write (SQLSTATE 25006) whatever the SQL says, with its timeouts set by `SET LOCAL` so they
/// end with the transaction and never leak into the session (nor, through a transaction pooler, into
/// another client's transaction on the same server connection).
public enum ReadOnlyTransaction {
    /// Runs `body` inside a read-only transaction with these limits and ends it, whatever happens.
    ///
    /// ```swift
    /// let ledger = try ReadOnlyTransaction.run(on: connection) { try DrizzleLedger.read(connection) }
    /// ```
    /// - Parameters:
    ///   - statementTimeout: nil for no limit; default 60 s.
    ///   - lockTimeout: default 5 s, so a read never queues behind a migration's exclusive lock.
    public static func run<Result>(
        on connection: PostgresConnection, statementTimeout: Duration? = .seconds(60), lockTimeout: Duration = .seconds(5),
        _ body: () throws -> Result
    ) throws -> Result {
        try begin(on: connection, statementTimeout: statementTimeout, lockTimeout: lockTimeout)
        defer { end(on: connection) }
        return try body()
    }

    /// Begins the transaction (one round trip), and returns the session's text output settings when asked
    /// (read in the same round trip, after the `SET LOCAL`s).
    ///
    /// - Parameters:
    ///   - repeatableRead: one snapshot for every statement (a fingerprint's catalog lookups and COPY).
    ///   - statementTimeout: nil for no limit.
    ///   - settings: more `SET LOCAL name = 'value'` lines (output formats for stable text).
    ///   - readTextSettings: also read ``PostgresWire/ServerTextSettings`` (nil when not asked).
    @discardableResult
    static func begin(
        on connection: PostgresConnection, statementTimeout: Duration?, lockTimeout: Duration,
        repeatableRead: Bool = false, settings: [(name: String, value: String)] = [], readTextSettings: Bool = false
    ) throws -> ServerTextSettings? {
        var sql = repeatableRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; " : "BEGIN READ ONLY; "
        sql += "SET LOCAL statement_timeout = \(statementTimeout?.roundedUpMilliseconds ?? 0); "
        sql += "SET LOCAL lock_timeout = \(lockTimeout.roundedUpMilliseconds); "
        for setting in settings {
            sql += "SET LOCAL \(setting.name) = '\(setting.value.replacingOccurrences(of: "'", with: "''"))'; "
        }
        guard readTextSettings else {
            try connection.execute(sql)
            return nil
        }
        let results = try connection.simpleQuery(sql + ServerTextSettings.query)
        guard let textSettings = connection.textSettings(from: results.last) else {
            throw ClientError(.protocolViolation, "the server did not return its text output settings")
        }
        return textSettings
    }

    /// Ends it. It wrote nothing, so rolling back is only bookkeeping; after a failed statement this is
    /// also what clears the aborted state. A connection already lost is left alone.
    static func end(on connection: PostgresConnection) {
        guard !connection.isClosed, connection.transactionStatus != .idle else { return }
        _ = try? connection.execute("ROLLBACK")
    }
}
