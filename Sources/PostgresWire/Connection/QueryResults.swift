/// How one statement of a query ended.
public struct StatementOutcome: Sendable, Equatable {
    /// The command tag ("SELECT 3", "CREATE TABLE"); "" for an empty query.
    public let commandTag: String
    /// The rows streamed for this statement.
    public let rowCount: Int

    /// The command word(s) of the tag ("SELECT", "INSERT").
    public var command: String { CommandComplete(tag: commandTag).command }
    /// The row count the server put in the tag (rows affected or returned), when it reports one.
    public var affectedRows: Int? { CommandComplete(tag: commandTag).rowCount }
}

/// A statement's result collected in memory: columns, rows and command tag.
///
/// Convenient for small results (catalog queries, smoke checks); stream large ones instead.
public struct PostgresResult: Sendable {
    /// The result's columns; nil for statements that return no rows.
    public let columns: PostgresColumns?
    /// The rows.
    public let rows: [PostgresDataRow]
    /// How the statement ended.
    public let outcome: StatementOutcome

    /// The command tag.
    public var commandTag: String { outcome.commandTag }
}

/// Collects streamed statements into ``PostgresResult`` values.
struct ResultCollector {
    private(set) var results: [PostgresResult] = []
    private var columns: PostgresColumns?
    private var rows: [PostgresDataRow] = []

    mutating func begin(_ columns: PostgresColumns) {
        self.columns = columns
        rows = []
    }

    mutating func add(_ row: borrowing PostgresRow) { rows.append(row.owned()) }

    mutating func end(_ outcome: StatementOutcome) {
        results.append(PostgresResult(columns: columns, rows: rows, outcome: outcome))
        columns = nil
        rows = []
    }
}
