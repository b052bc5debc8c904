import PostgresWire

/// Where a streamed result goes: a formatter that writes rows as they arrive.
///
/// The engine calls ``begin(_:)`` once when the statement's columns are known, ``write(_:)`` for every
/// row (the row is lent and must not be kept), and ``finish(_:)`` when the statement ends. A statement
/// that returns no rows (`SET`, DDL) gets only ``finish(_:)``. Implementations hold no row after
/// `write` returns, so memory stays flat however many rows pass.
///
/// Use the built-in sinks through ``RowOutputFormat/makeSink(writer:title:)``, or write your own.
public protocol RowSink: AnyObject {
    /// The result's columns are known; nothing has been written for this statement yet.
    func begin(_ columns: PostgresColumns) throws
    /// One row, lent for the duration of the call.
    func write<Row: ResultRow & ~Copyable>(_ row: borrowing Row) throws
    /// The statement ended, with its command tag and row count.
    func finish(_ summary: ResultSummary) throws
}

/// A sink that discards rows: for runs that only check expectations.
public final class DiscardingSink: RowSink {
    /// Creates the sink.
    public init() {}
    public func begin(_ columns: PostgresColumns) throws {}
    public func write<Row: ResultRow & ~Copyable>(_ row: borrowing Row) throws {}
    public func finish(_ summary: ResultSummary) throws {}
}

/// How a statement ended, as a sink sees it.
public struct ResultSummary: Sendable, Equatable {
    /// The command tag ("SELECT 3", "SET").
    public var commandTag: String
    /// The rows written.
    public var rowCount: Int

    /// Creates a summary.
    public init(commandTag: String, rowCount: Int) {
        self.commandTag = commandTag
        self.rowCount = rowCount
    }

    /// The summary of a statement the connection ran.
    public init(_ outcome: StatementOutcome) {
        self.init(commandTag: outcome.commandTag, rowCount: outcome.rowCount)
    }
}
