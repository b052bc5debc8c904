import PGSupport

extension PostgresConnection {
    /// Runs SQL with the simple protocol (one or several statements, text results), streaming rows.
    ///
    /// `onColumns` is called when a statement that returns rows starts, `onRow` for each row (lent,
    /// valid only during the call), `onStatementEnd` when each statement ends.
    /// - Returns: one outcome per statement.
    @discardableResult
    public func simpleQuery(
        _ sql: String,
        onColumns: (PostgresColumns) throws -> Void = { _ in },
        onRow: (borrowing PostgresRow) throws -> Void,
        onStatementEnd: (StatementOutcome) throws -> Void = { _ in }
    ) throws -> [StatementOutcome] {
        try checkOpen()
        try SQLText.validate(sql)
        Query(sql).encode(into: &writer)
        try flushWriter()
        return try readCycleOutcomes(onColumns: onColumns, onRow: onRow, onStatementEnd: onStatementEnd)
    }

    /// Runs SQL with the simple protocol and collects every statement's result.
    ///
    /// Use for small results; stream large ones with ``simpleQuery(_:onColumns:onRow:onStatementEnd:)``.
    public func simpleQuery(_ sql: String) throws -> [PostgresResult] {
        var collector = ResultCollector()
        try simpleQuery(sql, onColumns: { collector.begin($0) }, onRow: { collector.add($0) }, onStatementEnd: { collector.end($0) })
        return collector.results
    }

    /// Runs one or more statements that return no rows you need (SET, DDL, BEGIN...).
    public func execute(_ sql: String) throws {
        try simpleQuery(sql, onRow: { _ in })
    }

    /// Sets `statement_timeout` for the rest of the session (nil: no timeout).
    public func setStatementTimeout(_ timeout: Duration?) throws {
        try execute("SET statement_timeout = \(timeout?.roundedUpMilliseconds ?? 0)")
    }

    /// Sets `lock_timeout` for the rest of the session (nil: no timeout).
    public func setLockTimeout(_ timeout: Duration?) throws {
        try execute("SET lock_timeout = \(timeout?.roundedUpMilliseconds ?? 0)")
    }
}

/// Checks on SQL text before it is sent.
enum SQLText {
    /// The protocol ends strings at NUL, so a NUL inside SQL would silently cut it short.
    static func validate(_ sql: String) throws {
        if sql.utf8.contains(0) {
            throw ClientError(.query, "the SQL text contains a NUL character, which PostgreSQL cannot accept")
        }
    }
}
