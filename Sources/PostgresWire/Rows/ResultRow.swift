/// A result row read the same way whether it is lent or owned: a lent ``PostgresRow`` from a streamed
/// query, or an owned ``PostgresDataRow`` (from ``AsyncPostgresConnection/rows(_:_:resultFormat:bufferSize:bufferBytes:)``
/// or a collected result). Output sinks (CSV, JSON lines, psql's aligned table) take either.
///
/// Sinks read the raw bytes when the column came in text format (what the server prints, with no
/// copy), and fall back to ``text(at:)`` for binary columns.
public protocol ResultRow: ~Copyable {
    /// The number of columns.
    var count: Int { get }
    /// The raw bytes of column `index` (nil for NULL), lent to `body`.
    func withBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R
    /// Column `index` as PostgreSQL's text output shows it (nil for NULL), whatever the wire format.
    func text(at index: Int) -> String?
    /// Lends every column's raw bytes in order (nil for NULL) to `body`: one call per row rather than
    /// one per column, for sinks that write whole rows.
    func forEachValue(_ body: (_ index: Int, _ bytes: UnsafeRawBufferPointer?) throws -> Void) rethrows
}

extension ResultRow where Self: ~Copyable {
    /// Lends each column's bytes through ``withBytes(at:_:)``.
    public func forEachValue(_ body: (_ index: Int, _ bytes: UnsafeRawBufferPointer?) throws -> Void) rethrows {
        for index in 0..<count { try withBytes(at: index) { try body(index, $0) } }
    }
}

extension PostgresRow: ResultRow {
    /// Lends each column's bytes straight from the receive buffer (specialised here, so a sink pays one
    /// dynamic call per row, not one per column).
    public func forEachValue(_ body: (_ index: Int, _ bytes: UnsafeRawBufferPointer?) throws -> Void) rethrows {
        for index in 0..<count { try withBytes(at: index) { try body(index, $0) } }
    }
}

extension PostgresDataRow: ResultRow {
    /// The raw bytes of column `index` (nil for NULL), lent to `body`.
    public func withBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try withView(index, body)
    }
}
