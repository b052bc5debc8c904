/// One row of a streamed result, read in place from the connection's receive buffer.
///
/// A row is lent to your closure and cannot outlive it (it is non-copyable): nothing is copied or
/// allocated to hand it to you, and values are decoded only when you ask for them. Call ``owned()``
/// to keep a row past the callback.
///
/// ```swift
/// try connection.query("SELECT id, meter FROM usage_events") { row in
///     let id = try row.decode(Int64.self, at: 0)
///     let meter = try row.decode(String.self, column: "meter")
/// }
/// ```
public struct PostgresRow: ~Copyable {
    @usableFromInline let body: UnsafeRawBufferPointer
    @usableFromInline let starts: UnsafePointer<Int32>
    @usableFromInline let lengths: UnsafePointer<Int32>
    /// Each column's type and format (the columns' flat layout).
    @usableFromInline let layout: UnsafePointer<PostgresColumns.ColumnLayout>
    /// The columns, held without reference counting: a row only exists while the connection lends it,
    /// and the connection keeps the columns alive for the whole result. Nothing on the decoding path
    /// touches a reference count.
    @usableFromInline let columnsReference: Unmanaged<PostgresColumns>
    /// The number of columns.
    public let count: Int

    /// The result's columns (names, types, formats): an ordinary reference you may keep.
    public var columns: PostgresColumns { columnsReference.takeUnretainedValue() }

    init(body: UnsafeRawBufferPointer, index: DataRowColumns, shape: PostgresColumns.RowShape) {
        self.body = body
        starts = UnsafePointer(index.starts)
        lengths = UnsafePointer(index.lengths)
        layout = shape.layout
        columnsReference = shape.columns
        count = shape.count
    }

    init(body: UnsafeRawBufferPointer, index: DataRowColumns, columns: PostgresColumns) {
        self.init(body: body, index: index, shape: columns.rowShape)
    }

    /// Whether column `index` is SQL NULL.
    @inlinable public func isNull(_ index: Int) -> Bool {
        precondition(index >= 0 && index < count, "column index \(index) out of range 0..<\(count)")
        return lengths[index] < 0
    }

    /// The raw bytes of column `index` (nil for NULL), lent to `body`.
    @inlinable public func withBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try body(view(at: index))
    }

    @inlinable func view(at index: Int) -> UnsafeRawBufferPointer? {
        precondition(index >= 0 && index < count, "column index \(index) out of range 0..<\(count)")
        let length = Int(lengths[index])
        guard length >= 0 else { return nil }
        let start = Int(starts[index])
        return UnsafeRawBufferPointer(rebasing: body[start..<(start + length)])
    }

    /// Decodes column `index` as `T`; NULL is an error (use ``decodeIfPresent(_:at:)`` for nullable columns).
    @inlinable public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T {
        try RowValueDecoding.decode(type, view(at: index), index: index, layout: layout[index], columns: columnsReference)
    }

    /// Decodes column `index` as `T`, or nil when it is NULL.
    @inlinable public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T? {
        guard let bytes = view(at: index) else { return nil }
        return try RowValueDecoding.decode(type, bytes, index: index, layout: layout[index], columns: columnsReference)
    }

    /// Decodes the column named `name` as `T`; NULL is an error.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws -> T {
        try decode(type, at: columns.requireIndex(of: name))
    }

    /// Decodes the column named `name` as `T`, or nil when it is NULL.
    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws -> T? {
        try decodeIfPresent(type, at: columns.requireIndex(of: name))
    }

    /// Column `index` as PostgreSQL's text output would show it (nil for NULL), whatever the wire format.
    public func text(at index: Int) -> String? {
        guard let bytes = view(at: index) else { return nil }
        return PostgresTextRenderer.render(
            bytes: bytes, format: layout[index].format, type: layout[index].typeOID, settings: columns.textSettings)
    }

    /// A copy of this row that can be kept, stored and sent across tasks.
    public func owned() -> PostgresDataRow {
        var builder = RowStorageBuilder(columnCount: count, expectedBytes: body.count)
        builder.append(self)
        return PostgresDataRow(storage: builder.build(), row: 0, columns: columns)
    }
}
