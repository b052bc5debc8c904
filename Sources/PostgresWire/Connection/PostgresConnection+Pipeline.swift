/// One statement of a pipeline: SQL and its bound parameters.
public struct PipelinedStatement {
    /// The SQL (one statement, `$1`, `$2`... for parameters).
    public var sql: String
    /// The parameters, sent separately from the SQL.
    public var parameters: [(any PostgresEncodable)?]

    /// Creates a statement for ``PostgresConnection/pipeline(_:resultFormat:onColumns:onRow:onStatementEnd:)``.
    public init(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}

extension PostgresConnection {
    /// Runs several statements in one round trip with the extended protocol, streaming their rows.
    ///
    /// Every statement's Parse, Bind, Describe and Execute go out in one write, followed by a single
    /// Sync, so the server starts each statement as soon as the previous one ends, while the caller is
    /// still reading that one's rows: with many queries whose results the client has to process, server
    /// and client work overlap instead of alternating. Results arrive in statement order;
    /// `onStatementEnd` is called once per statement, so the number of calls so far is the index of the
    /// statement whose rows are arriving.
    ///
    /// The statements form one unit, as in libpq's pipeline mode up to a sync point: if one fails, the
    /// server skips the rest, and the first error is thrown once it is ready again. Run it inside a
    /// transaction when the statements must see the same data.
    /// - Returns: one outcome per statement that completed.
    @discardableResult
    public func pipeline(
        _ statements: [PipelinedStatement],
        resultFormat: PostgresFormat = .binary,
        onColumns: (PostgresColumns) throws -> Void = { _ in },
        onRow: (borrowing PostgresRow) throws -> Void,
        onStatementEnd: (StatementOutcome) throws -> Void = { _ in }
    ) throws -> [StatementOutcome] {
        try checkOpen()
        for statement in statements { try SQLText.validate(statement.sql) }
        for statement in statements {
            let bound = BoundParameters(statement.parameters)
            Parse(sql: statement.sql, parameterTypes: bound.types).encode(into: &writer)
            bound.bind(statement: "", resultFormats: [resultFormat]).encode(into: &writer)
            Describe(.portal).encode(into: &writer)
            Execute().encode(into: &writer)
        }
        Sync().encode(into: &writer)
        try flushWriter()
        return try readCycleOutcomes(onColumns: onColumns, onRow: onRow, onStatementEnd: onStatementEnd)
    }

    /// Runs several statements in one round trip and collects each one's rows.
    ///
    /// Use for small results; stream large ones with ``pipeline(_:resultFormat:onColumns:onRow:onStatementEnd:)``.
    public func pipeline(_ statements: [PipelinedStatement], resultFormat: PostgresFormat = .binary) throws -> [PostgresResult] {
        var collector = ResultCollector()
        try pipeline(
            statements, resultFormat: resultFormat,
            onColumns: { collector.begin($0) }, onRow: { collector.add($0) }, onStatementEnd: { collector.end($0) })
        return collector.results
    }
}
