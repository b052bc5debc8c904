/// The bytes of one or more owned rows in one allocation: the values of every row back to back, with
/// each value's start and length (-1 for NULL).
///
/// Rows streamed by ``AsyncPostgresConnection/rows(_:_:resultFormat:bufferSize:bufferBytes:)`` share
/// one storage per batch, so handing a row to the consumer costs a reference, not an allocation.
/// Immutable once built (``RowStorageBuilder`` fills the memory it then hands over), hence `Sendable`.
@usableFromInline
final class RowStorage: @unchecked Sendable {
    /// Every value's bytes.
    @usableFromInline let bytes: UnsafeMutableRawPointer
    /// `(start, length)` of every value, row after row; length -1 for NULL.
    @usableFromInline let fields: UnsafeMutablePointer<Int>
    /// Values per row.
    @usableFromInline let columnCount: Int
    /// The number of rows held.
    @usableFromInline let rowCount: Int
    /// The bytes of values held.
    let byteCount: Int

    /// Takes ownership of memory filled by a builder.
    fileprivate init(bytes: UnsafeMutableRawPointer, byteCount: Int, fields: UnsafeMutablePointer<Int>, columnCount: Int, rowCount: Int) {
        self.bytes = bytes
        self.byteCount = byteCount
        self.fields = fields
        self.columnCount = columnCount
        self.rowCount = rowCount
    }

    deinit {
        bytes.deallocate()
        fields.deallocate()
    }

    /// Lends value `column` of row `row` (nil for NULL); both must be in range.
    @inlinable @inline(__always)
    func withValue<R>(row: Int, column: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        let field = 2 &* (row &* columnCount &+ column)
        let length = fields[field &+ 1]
        guard length >= 0 else { return try body(nil) }
        return try body(UnsafeRawBufferPointer(start: bytes + fields[field], count: length))
    }
}

/// Copies lent rows into memory that becomes a ``RowStorage``: one copy of each DataRow's values, with
/// no allocation per row (a batch's memory is allocated when its first row comes, at the size the
/// previous batch reached).
///
/// A plain struct over manually managed memory: ``build()`` hands the memory to the storage; a builder
/// holding rows that will not be built must be ``discard()``ed.
struct RowStorageBuilder {
    private var bytes: UnsafeMutableRawPointer?
    private var byteCapacity: Int
    private(set) var byteCount = 0
    private var fields: UnsafeMutablePointer<Int>?
    private var fieldCapacity: Int
    private var fieldCount = 0
    private(set) var rowCount = 0
    let columnCount: Int

    /// A builder for rows of `columnCount` values; its memory is sized for `expectedBytes` and `expectedRows`.
    init(columnCount: Int, expectedBytes: Int = 0, expectedRows: Int = 1) {
        self.columnCount = columnCount
        byteCapacity = max(expectedBytes, 64)
        fieldCapacity = max(2 * columnCount * max(expectedRows, 1), 2)
    }

    /// Appends a copy of a lent row's values: its DataRow body in one copy, and where each value lies.
    mutating func append(_ row: borrowing PostgresRow) {
        let count = row.count
        let size = row.body.count
        let (target, fieldTarget) = reserve(bytes: size, fields: 2 * count)
        let base = byteCount
        if let source = row.body.baseAddress, size > 0 { (target + base).copyMemory(from: source, byteCount: size) }
        byteCount += size
        var next = fieldTarget + fieldCount
        for column in 0..<count {
            next[0] = base &+ Int(row.starts[column])
            next[1] = Int(row.lengths[column])
            next += 2
        }
        fieldCount += 2 * count
        rowCount += 1
    }

    /// Appends values given as arrays.
    mutating func append(values: [[UInt8]?]) {
        let (target, fieldTarget) = reserve(bytes: values.reduce(0) { $0 + ($1?.count ?? 0) }, fields: 2 * values.count)
        for value in values {
            guard let value else {
                fieldTarget[fieldCount] = 0
                fieldTarget[fieldCount + 1] = -1
                fieldCount += 2
                continue
            }
            value.withUnsafeBytes { source in
                if let base = source.baseAddress, !source.isEmpty { (target + byteCount).copyMemory(from: base, byteCount: source.count) }
            }
            fieldTarget[fieldCount] = byteCount
            fieldTarget[fieldCount + 1] = value.count
            fieldCount += 2
            byteCount += value.count
        }
        rowCount += 1
    }

    /// The storage of every row appended; the builder starts empty again (its next row allocates anew).
    mutating func build() -> RowStorage {
        let (target, fieldTarget) = reserve(bytes: 0, fields: 0)
        let storage = RowStorage(bytes: target, byteCount: byteCount, fields: fieldTarget, columnCount: columnCount, rowCount: rowCount)
        bytes = nil
        fields = nil
        byteCount = 0
        fieldCount = 0
        rowCount = 0
        return storage
    }

    /// Releases the memory of rows that will not be built.
    mutating func discard() {
        bytes?.deallocate()
        fields?.deallocate()
        bytes = nil
        fields = nil
        byteCount = 0
        fieldCount = 0
        rowCount = 0
    }

    /// The memory, with room for `extraBytes` and `extraFields` more (allocated or grown as needed).
    @inline(__always)
    private mutating func reserve(bytes extraBytes: Int, fields extraFields: Int) -> (UnsafeMutableRawPointer, UnsafeMutablePointer<Int>) {
        if bytes == nil || byteCount + extraBytes > byteCapacity {
            var capacity = byteCapacity
            while capacity < byteCount + extraBytes { capacity *= 2 }
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            if let bytes {
                grown.copyMemory(from: bytes, byteCount: byteCount)
                bytes.deallocate()
            }
            bytes = grown
            byteCapacity = capacity
        }
        if fields == nil || fieldCount + extraFields > fieldCapacity {
            var capacity = fieldCapacity
            while capacity < fieldCount + extraFields { capacity *= 2 }
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
            if let fields {
                grown.update(from: fields, count: fieldCount)
                fields.deallocate()
            }
            fields = grown
            fieldCapacity = capacity
        }
        return (bytes!, fields!)
    }
}
