/// Where each column of the current DataRow lies inside the message body: an index reused for every row.
///
/// Building it is one pass over the length fields, with no allocation once its capacity fits the
/// column count; the values themselves stay in the read buffer.
final class DataRowColumns {
    private(set) var starts: UnsafeMutablePointer<Int32>
    private(set) var lengths: UnsafeMutablePointer<Int32>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 32) {
        self.capacity = capacity
        starts = .allocate(capacity: capacity)
        lengths = .allocate(capacity: capacity)
    }

    deinit {
        starts.deallocate()
        lengths.deallocate()
    }

    /// Indexes a DataRow body, checking it against the expected column count.
    ///
    /// - Throws: ``ClientError`` (`.protocolViolation`) when the row has a different number of
    ///   columns than its RowDescription, or a length runs past the end of the message.
    func index(_ body: UnsafeRawBufferPointer, expectedCount: Int) throws {
        guard body.count >= 2 else {
            throw ClientError(.protocolViolation, "DataRow message truncated: no column count")
        }
        let columnCount = Int(Int16(bitPattern: body.loadBigEndianUInt16(at: 0)))
        guard columnCount == expectedCount else {
            throw ClientError(.protocolViolation, "DataRow has \(columnCount) columns but the RowDescription announced \(expectedCount)")
        }
        if columnCount > capacity { grow(to: columnCount) }
        // Offsets fit in Int32 (a message is at most 1 GiB) and every step is checked against `end`
        // before it is taken, so the arithmetic below cannot overflow.
        let base = body.baseAddress!
        let starts = self.starts
        let lengths = self.lengths
        var offset = 2
        let end = body.count
        for column in 0..<columnCount {
            guard end &- offset >= 4 else {
                throw ClientError(.protocolViolation, "DataRow message truncated in column \(column + 1) of \(columnCount)")
            }
            let length = Int32(bitPattern: UInt32(bigEndian: (base + offset).loadUnaligned(as: UInt32.self)))
            offset &+= 4
            starts[column] = Int32(truncatingIfNeeded: offset)
            lengths[column] = length
            if length > 0 {
                guard Int(length) <= end &- offset else {
                    throw ClientError(.protocolViolation, "DataRow column \(column + 1) announces \(length) bytes but only \(end - offset) remain")
                }
                offset &+= Int(length)
            } else if length < -1 {
                throw ClientError(.protocolViolation, "DataRow column \(column + 1) has an invalid length \(length)")
            }
        }
        guard offset == end else {
            throw ClientError(.protocolViolation, "DataRow has \(end - offset) unexpected trailing byte(s)")
        }
        count = columnCount
    }

    private func grow(to newCapacity: Int) {
        starts.deallocate()
        lengths.deallocate()
        capacity = newCapacity
        starts = .allocate(capacity: newCapacity)
        lengths = .allocate(capacity: newCapacity)
    }
}
