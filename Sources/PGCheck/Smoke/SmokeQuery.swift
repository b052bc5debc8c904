import PostgresWire

/// One named smoke query and what its result must show.
public struct SmokeQuery: Sendable, Equatable {
    /// The name reports use (`query "windows_backfilled": …`).
    public var name: String
    /// One SQL statement (it runs with the extended protocol, which takes a single statement).
    public var sql: String
    /// Checked on the result; empty to only run and print.
    public var expectations: [SmokeExpectation]
    /// This query's own `statement_timeout`, or nil for the run's.
    public var statementTimeout: Duration?

    /// Creates a query.
    public init(name: String, sql: String, expectations: [SmokeExpectation] = [], statementTimeout: Duration? = nil) {
        self.name = name
        self.sql = sql
        self.expectations = expectations
        self.statementTimeout = statementTimeout
    }
}

/// A smoke query parsed and described by the server, ready to run: its result columns are known and
/// every column its expectations name exists.
public struct PreparedSmokeQuery: Sendable {
    /// The query.
    public let query: SmokeQuery
    /// The statement as the server described it (the unnamed statement: it is parsed again where it runs).
    public let statement: PreparedStatement

    /// The result columns, or nil for a statement that returns no rows.
    public var columns: PostgresColumns? { statement.columns }
}

/// How one smoke query went.
public struct SmokeQueryResult: Sendable {
    /// The query's name.
    public let name: String
    /// The command tag and the number of rows streamed.
    public let outcome: StatementOutcome
    /// One verdict per expectation, in order.
    public let verdicts: [SmokeVerdict]
    /// Time from sending the query to its last row.
    public let elapsed: Duration

    /// Whether every expectation held.
    public var passed: Bool { verdicts.allSatisfy(\.passed) }
}
