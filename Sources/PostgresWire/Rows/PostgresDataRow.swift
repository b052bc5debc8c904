/// A row that owns its values: kept after streaming, collected into arrays, sent across tasks.
public struct PostgresDataRow: Sendable {
    /// Each column's bytes as received; nil is SQL NULL.
    public let values: [[UInt8]?]
    /// The result's columns.
    public let columns: PostgresColumns

    /// Creates a row from its values and columns.
    public init(values: [[UInt8]?], columns: PostgresColumns) {
        precondition(values.count == columns.count, "a row needs one value per column")
        self.values = values
        self.columns = columns
    }

    /// The number of columns.
    public var count: Int { values.count }

    /// Whether column `index` is SQL NULL.
    public func isNull(_ index: Int) -> Bool { values[index] == nil }

    /// Decodes column `index` as `T`; NULL is an error.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T {
        try withView(index) { try RowValueDecoding.decode(type, $0, index: index, columns: columns) }
    }

    /// Decodes column `index` as `T`, or nil when it is NULL.
    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws -> T? {
        guard values[index] != nil else { return nil }
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
            bytes.map { PostgresTextRenderer.render(bytes: $0, format: columns.format(at: index), type: columns.typeOID(at: index)) }
        }
    }

    private func withView<R>(_ index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard let value = values[index] else { return try body(nil) }
        return try value.withUnsafeBytes { try body($0) }
    }
}
