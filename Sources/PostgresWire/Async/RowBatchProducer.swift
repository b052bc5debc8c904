/// Gathers streamed rows into batches on the connection's queue and hands each to a ``RowBatchChannel``.
///
/// A batch goes out when it holds `rowsPerBatch` rows or `bytesPerBatch` bytes, or when nothing more of the
/// response is at hand (the connection's next read would wait on the network): rows that trickle in reach
/// the consumer at once, rows that stream in travel in full batches.
struct RowBatchProducer {
    private let channel: RowBatchChannel
    private let rowsPerBatch: Int
    private let bytesPerBatch: Int
    private var columns: PostgresColumns?
    private var builder = RowStorageBuilder(columnCount: 0)

    init(channel: RowBatchChannel, rowsPerBatch: Int, bytesPerBatch: Int) {
        self.channel = channel
        self.rowsPerBatch = max(1, rowsPerBatch)
        self.bytesPerBatch = max(1, bytesPerBatch)
    }

    /// A new result begins.
    mutating func begin(_ columns: PostgresColumns) {
        builder.discard()
        self.columns = columns
        builder = RowStorageBuilder(columnCount: columns.count, expectedBytes: bytesPerBatch + bytesPerBatch / 4, expectedRows: rowsPerBatch)
    }

    /// Adds a copy of `row`; sends the batch when it is full or `moreBuffered` is false. Returns false when
    /// the consumer is gone.
    mutating func add(_ row: borrowing PostgresRow, moreBuffered: Bool) -> Bool {
        builder.append(row)
        if builder.rowCount >= rowsPerBatch || builder.byteCount >= bytesPerBatch || !moreBuffered {
            return flush()
        }
        return true
    }

    /// Sends what is gathered. Returns false when the consumer is gone.
    mutating func flush() -> Bool {
        guard let columns, builder.rowCount > 0 else { return !channel.isAbandoned }
        return channel.push(RowBatch(storage: builder.build(), columns: columns))
    }

    /// Releases rows gathered but not sent (the stream ended with an error or was abandoned).
    mutating func discard() {
        builder.discard()
    }
}
