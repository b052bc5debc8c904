import PostgresWire
import PGSupport

extension AsyncPostgresConnection {
    /// Streams one query's rows as an `AsyncSequence`, inside a read-only transaction with the smoke
    /// limits, and ends the transaction when `body` returns.
    ///
    /// Rows arrive in text format (values exactly as the server prints them). The sequence is
    /// back-pressured: the connection stops reading while `body` is behind, so memory stays bounded.
    /// Leaving the loop early cancels the query.
    ///
    /// ```swift
    /// let count = try await connection.withSmokeRows("SELECT id, meter FROM usage_events") { rows in
    ///     var count = 0
    ///     for try await row in rows { count += row.text(at: 1) == "api_calls" ? 1 : 0 }
    ///     return count
    /// }
    /// ```
    /// - Throws: ``SmokeError`` for server errors (read-only refusal, timeouts, SQL errors), or what `body` throws.
    public func withSmokeRows<Result>(
        _ sql: String, limits: SmokeLimits = SmokeLimits(), _ body: (PostgresRowSequence) async throws -> Result
    ) async throws -> Result {
        let setup = "BEGIN READ ONLY; SET LOCAL statement_timeout = \(limits.statementTimeout.roundedUpMilliseconds); "
            + "SET LOCAL lock_timeout = \(limits.lockTimeout.roundedUpMilliseconds)"
        try await execute(setup)
        do {
            let result = try await body(rows(sql, resultFormat: .text))
            try await execute("ROLLBACK")
            return result
        } catch let error as PostgresServerError {
            try? await execute("ROLLBACK")
            throw SmokeError.classify(error, query: "query", sql: sql, limits: limits)
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
    }
}

extension PostgresRowSequence {
    /// Writes every row to `sink` and returns the row count.
    ///
    /// An owned row carries its columns, so the sink begins at the first row; a result with no rows
    /// therefore writes nothing (the async stream does not report the columns of an empty result —
    /// use ``SmokeRunner`` when an empty table must still print its header).
    @discardableResult
    public func write(to sink: any RowSink) async throws -> Int {
        var count = 0
        for try await row in self {
            if count == 0 { try sink.begin(row.columns) }
            try sink.write(row)
            count += 1
        }
        if count > 0 { try sink.finish(ResultSummary(commandTag: "SELECT \(count)", rowCount: count)) }
        return count
    }
}
