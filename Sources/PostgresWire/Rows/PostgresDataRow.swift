/// A row that owns its values: kept after streaming, collected into arrays, sent across tasks.
///
/// Rows of one streamed batch share their storage, so an owned row is a reference and an index, not a
/// copy per value.
public struct PostgresDataRow: Sendable {
    @usableFromInline let storage: RowStorage
    @usableFromInline let row: Int
    /// The result's columns.
    public let columns: PostgresColumns

    /// Creates a row from its values and columns.
    public init(values: [[UInt8]?], columns: PostgresColumns) {
        precondition(values.count == columns.count, "a row needs one value per column")
        var builder = RowStorageBuilder(columnCount: values.count)
        builder.append(values: values)
        self.init(storage: builder.build(), row: 0, columns: columns)
    }

    @inlinable
    init(storage: RowStorage, row: Int, columns: PostgresColumns) {
        self.storage = storage
        self.row = row
        self.columns = columns
    }

    /// Each column's bytes as received (a copy); nil is SQL NULL.
    public var values: [[UInt8]?] {
        (0..<count).map { index in storage.withValue(row: row, column: index) { $0.map { Array($0) } } }
    }

    /// The number of columns.
    @inlinable
    public var count: Int { storage.columnCount }

    /// Whether column `index` is SQL NULL.
    @inlinable
    public func isNull(_ index: Int) -> Bool { withView(index) { $0 == nil } }

    /// Decodes column `index` as `T`; NULL is an error.
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T {
        try withView(index) { try RowValueDecoding.decode(type, $0, index: index, columns: columns) }
    }

    /// Decodes column `index` as `T`, or nil when it is NULL.
    @inlinable
    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T? {
        guard !isNull(index) else { return nil }
        return try decode(type, at: index)
    }

    /// Decodes the column named `name` as `T`; NULL is an error.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws -> T {
        try decode(type, at: columns.requireIndex(of: name))
    }

    /// Decodes the column named `name` as `T`, or nil when it is NULL.
    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws -> T? {
        try decodeIfPresent(type, at: columns.requireIndex(of: name))
    }

    /// Column `index` as PostgreSQL's text output would show it (nil for NULL).
    public func text(at index: Int) -> String? {
        withView(index) { bytes in
            bytes.map {
                PostgresTextRenderer.render(
                    bytes: $0, format: columns.format(at: index), type: columns.typeOID(at: index), settings: columns.textSettings)
            }
        }
    }

    @inlinable @inline(__always)
    func withView<R>(_ index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        precondition(index >= 0 && index < count, "column index \(index) out of range 0..<\(count)")
        return try storage.withValue(row: row, column: index, body)
    }
}
