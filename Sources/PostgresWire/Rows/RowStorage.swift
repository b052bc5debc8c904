/// The bytes of one or more owned rows in one allocation: the values of every row back to back, with
/// each value's start and length (-1 for NULL).
///
/// Rows streamed by ``AsyncPostgresConnection/rows(_:_:resultFormat:bufferSize:bufferBytes:)`` share
/// one storage per batch, so handing a row to the consumer costs a reference, not an allocation.
/// Immutable once built (``RowStorageBuilder`` fills it), hence `Sendable`.
final class RowStorage: Sendable {
    /// Every value's bytes.
    let bytes: [UInt8]
    /// `(start, length)` of every value, row after row; length -1 for NULL.
    let fields: [Int]
    /// Values per row.
    let columnCount: Int

    init(bytes: [UInt8], fields: [Int], columnCount: Int) {
        self.bytes = bytes
        self.fields = fields
        self.columnCount = columnCount
    }

    /// The number of rows held.
    var rowCount: Int { columnCount == 0 ? 0 : fields.count / (2 * columnCount) }

    /// Lends value `column` of row `row` (nil for NULL).
    @inline(__always)
    func withValue<R>(row: Int, column: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        let field = 2 * (row * columnCount + column)
        let length = fields[field + 1]
        guard length >= 0 else { return try body(nil) }
        let start = fields[field]
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)])) }
    }
}

/// Copies lent rows into a ``RowStorage``.
struct RowStorageBuilder {
    private(set) var bytes: [UInt8] = []
    private(set) var fields: [Int] = []
    private(set) var rowCount = 0
    let columnCount: Int

    init(columnCount: Int, expectedBytes: Int = 0, expectedRows: Int = 1) {
        self.columnCount = columnCount
        bytes.reserveCapacity(expectedBytes)
        fields.reserveCapacity(2 * columnCount * expectedRows)
    }

    /// Appends a copy of a lent row's values.
    mutating func append(_ row: borrowing PostgresRow) {
        for column in 0..<row.count {
            row.withBytes(at: column) { value in
                guard let value else {
                    fields.append(0)
                    fields.append(-1)
                    return
                }
                fields.append(bytes.count)
                fields.append(value.count)
                bytes.append(contentsOf: value)
            }
        }
        rowCount += 1
    }

    /// Appends values given as arrays.
    mutating func append(values: [[UInt8]?]) {
        for value in values {
            guard let value else {
                fields.append(0)
                fields.append(-1)
                continue
            }
            fields.append(bytes.count)
            fields.append(value.count)
            bytes.append(contentsOf: value)
        }
        rowCount += 1
    }

    /// The bytes held so far.
    var byteCount: Int { bytes.count }

    /// The storage of every row appended; the builder starts empty again, keeping nothing.
    mutating func build() -> RowStorage {
        let storage = RowStorage(bytes: bytes, fields: fields, columnCount: columnCount)
        bytes = []
        fields = []
        rowCount = 0
        return storage
    }
}
