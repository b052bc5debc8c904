import PostgresWire

/// The smoke-query engine: runs read-only queries with timeouts and streams their rows.
///
/// Every query runs in its own `BEGIN READ ONLY` transaction with `SET LOCAL statement_timeout` and
/// `lock_timeout`, so nothing it does can write and nothing can run away. No named statement is left
/// on the server between transactions: queries are described as the unnamed statement and parsed
/// again (in the same write as Bind and Execute) inside the transaction that runs them, so a
/// transaction pooler, which lends each transaction any server process, runs them as a direct
/// connection does, and nothing of one run is left on a server process for the next. Rows are lent one
/// at a time to a ``RowSink`` or a closure — never collected — so memory does not grow with the result.
///
/// A sink prints each value exactly as the server's text output shows it. To get there at the lowest
/// cost, columns of the types pgcheck renders byte for byte as the server does under the session's
/// settings (integers, numeric, UUIDs, dates and times, jsonb…; see
/// ``PostgresWire/ServerTextSettings/rendersBinary(_:)``) come in binary format, which the server
/// produces much more cheaply, and are rendered by the sink; every other column comes in text format.
/// The settings are read in the round trip that opens the transaction. Closures get text format unless
/// they ask for ``SmokeResultFormat/serverText``.
///
/// ```swift
/// let runner = SmokeRunner(connection: connection)
/// let query = SmokeQuery(name: "windows", sql: "SELECT count(*) AS missing FROM usage_events WHERE window_end IS NULL",
///                        expectations: [try SmokeExpectation.parse("missing = 0")])
/// let prepared = try runner.prepare([query])          // checks the expectation's columns; runs nothing
/// let result = try runner.run(prepared[0], into: CSVSink(writer: .standardOutput()))
/// print(result.verdicts.map(\.description).joined(separator: "\n"))
/// ```
public final class SmokeRunner {
    /// The connection queries run on (one at a time).
    public let connection: PostgresConnection
    /// The limits each query runs under unless the query sets its own statement timeout.
    public let limits: SmokeLimits

    /// Creates a runner on an open, idle connection.
    public init(connection: PostgresConnection, limits: SmokeLimits = SmokeLimits()) {
        self.connection = connection
        self.limits = limits
    }

    /// Parses and describes every query on the server, inside a read-only transaction, and checks
    /// that every column an expectation names is in that query's result — without running any of them
    /// (each is described as the unnamed statement: nothing stays on the server).
    ///
    /// - Throws: ``SmokeError/unknownColumn(query:column:available:)`` for a missing column,
    ///   ``SmokeError/serverError(query:sql:_:)`` for SQL the server rejects (syntax, unknown table).
    public func prepare(_ queries: [SmokeQuery]) throws -> [PreparedSmokeQuery] {
        var prepared: [PreparedSmokeQuery] = []
        try ReadOnlyTransaction.begin(on: connection, statementTimeout: limits.statementTimeout, lockTimeout: limits.lockTimeout)
        defer { ReadOnlyTransaction.end(on: connection) }
        for query in queries {
            let statement: PreparedStatement
            do {
                statement = try connection.prepare(query.sql, name: "")
            } catch let error as PostgresServerError {
                throw SmokeError.classify(error, query: query.name, sql: query.sql, limits: limits)
            }
            prepared.append(PreparedSmokeQuery(query: query, statement: statement))
            _ = try SmokeExpectationObserver(expectations: query.expectations, columns: statement.columns, query: query.name)
        }
        return prepared
    }

    /// Runs a prepared query, writing its rows to `sink` as they arrive, and judges its expectations.
    ///
    /// A sink that fails (disk full, closed pipe) cancels the query on the server at once rather than
    /// reading the rest of the result, and its error is the one thrown.
    ///
    /// - Parameter format: ``SmokeResultFormat/serverText`` (the default) asks for binary format where the
    ///   sink prints the server's text from it byte for byte; ``SmokeResultFormat/text`` asks for text
    ///   format for every column.
    public func run(
        _ prepared: PreparedSmokeQuery, into sink: any RowSink, progress: (any SmokeProgress)? = nil,
        format: SmokeResultFormat = .serverText
    ) throws -> SmokeQueryResult {
        var sinkError: (any Error)?
        let cancel = connection.cancelToken
        let result: SmokeQueryResult
        do {
            result = try run(prepared, format: format, progress: progress, onColumns: { columns in
                do { try sink.begin(columns) } catch {
                    sinkError = error
                    throw error
                }
            }, onRow: { row in
                do { try sink.write(row) } catch {
                    sinkError = error
                    try? cancel?.cancel()
                    throw error
                }
            })
        } catch {
            throw sinkError ?? error
        }
        try sink.finish(ResultSummary(result.outcome))
        return result
    }

    /// Runs a prepared query, lending each row to `onRow`, and judges its expectations.
    ///
    /// Parse, Bind, Execute and Sync go in one write after the transaction's `BEGIN`: the same round
    /// trips as executing a named statement, and no `Close` afterwards.
    /// Rows come in text format unless `format` is ``SmokeResultFormat/serverText`` (then read values
    /// through ``PostgresWire/ResultTextRenderer`` or ``PostgresWire/PostgresRow/text(at:)``).
    public func run(
        _ prepared: PreparedSmokeQuery,
        format: SmokeResultFormat = .text,
        progress: (any SmokeProgress)? = nil,
        onColumns: (PostgresColumns) throws -> Void = { _ in },
        onRow: (borrowing PostgresRow) throws -> Void
    ) throws -> SmokeQueryResult {
        let query = prepared.query
        let observer = try SmokeExpectationObserver(expectations: query.expectations, columns: prepared.columns, query: query.name)
        let queryLimits = SmokeLimits(statementTimeout: query.statementTimeout ?? limits.statementTimeout, lockTimeout: limits.lockTimeout)
        let clock = ContinuousClock()
        let started = clock.now
        progress?.started(query: query.name)
        defer { progress?.finished() }
        let outcome: StatementOutcome
        do {
            let settings = try ReadOnlyTransaction.begin(
                on: connection, statementTimeout: queryLimits.statementTimeout, lockTimeout: queryLimits.lockTimeout,
                readTextSettings: format == .serverText)
            defer { ReadOnlyTransaction.end(on: connection) }
            let formats = format.resultFormats(for: prepared, settings: settings)
            outcome = try connection.query(query.sql, resultFormats: formats, onColumns: onColumns) { row in
                observer.observe(row)
                if let progress { progress.row(bytes: Self.size(of: row)) }
                try onRow(row)
            }
        } catch let error as PostgresServerError {
            throw SmokeError.classify(error, query: query.name, sql: query.sql, limits: queryLimits)
        }
        let elapsed = clock.now - started
        return SmokeQueryResult(name: query.name, outcome: outcome, verdicts: observer.verdicts(), elapsed: elapsed)
    }

    /// Streams any single read-only statement under the runner's limits, lending each row to `onRow`:
    /// the row stream for tools that need rows but no expectations.
    @discardableResult
    public func forEachRow(
        _ sql: String,
        onColumns: (PostgresColumns) throws -> Void = { _ in },
        _ onRow: (borrowing PostgresRow) throws -> Void
    ) throws -> StatementOutcome {
        let prepared = try prepare([SmokeQuery(name: "query", sql: sql)])[0]
        return try run(prepared, onColumns: onColumns, onRow: onRow).outcome
    }

    /// Prepares and runs queries in order, writing each result to a sink made by `makeSink`:
    /// the whole of `pgcheck smoke` without the printing.
    ///
    /// Stops at the first error (nothing after it runs); expectation failures do not stop the run.
    public func runAll(
        _ queries: [SmokeQuery], progress: (any SmokeProgress)? = nil, format: SmokeResultFormat = .serverText,
        makeSink: (SmokeQuery) -> any RowSink
    ) throws -> [SmokeQueryResult] {
        var results: [SmokeQueryResult] = []
        for query in try prepare(queries) {
            results.append(try run(query, into: makeSink(query.query), progress: progress, format: format))
        }
        return results
    }

    /// The bytes a row's values occupied on the wire, for the progress line.
    private static func size(of row: borrowing PostgresRow) -> Int {
        var total = 0
        for index in 0..<row.count {
            total += row.withBytes(at: index) { $0?.count ?? 0 }
        }
        return total
    }
}
