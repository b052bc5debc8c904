/// The rows of a streamed query, as an `AsyncSequence` of owned rows.
///
/// Rows arrive in batches: the iterator hands out the rows of its current batch without suspending,
/// and waits for the connection only when the batch is used up. Iterated from an actor (the main actor
/// of an async `@main`, say), it stays on that actor: there is no executor hop per row.
public struct PostgresRowSequence: AsyncSequence, Sendable {
    public typealias Element = PostgresDataRow
    public typealias Failure = any Error
    let channel: RowBatchChannel

    public func makeAsyncIterator() -> Iterator { Iterator(channel: channel) }

    /// Iterates the rows; dropping it before the end cancels the query.
    public struct Iterator: AsyncIteratorProtocol {
        public typealias Failure = any Error
        private let lifetime: Lifetime
        @usableFromInline var batch: RowBatch?
        @usableFromInline var nextRow = 0
        @usableFromInline var rowCount = 0

        init(channel: RowBatchChannel) { lifetime = Lifetime(channel: channel) }

        /// The next row, taken from the current batch; suspends only to wait for the next batch.
        /// (Inlinable, so that taking a row from the batch is inlined into the loop.)
        @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
        @inlinable
        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> PostgresDataRow? {
            if nextRow < rowCount, let batch { return take(from: batch) }
            return try await refill(isolation: actor)
        }

        /// The next row (for callers without an isolation to stay on).
        @inlinable
        public mutating func next() async throws -> PostgresDataRow? {
            if nextRow < rowCount, let batch { return take(from: batch) }
            return try await refill(isolation: nil)
        }

        @inlinable @inline(__always)
        mutating func take(from batch: RowBatch) -> PostgresDataRow {
            defer { nextRow &+= 1 }
            return PostgresDataRow(storage: batch.storage, row: nextRow, columns: batch.columns)
        }

        /// Waits for the next batch and takes its first row; nil at the end.
        @usableFromInline
        mutating func refill(isolation actor: isolated (any Actor)?) async throws -> PostgresDataRow? {
            guard let next = try await lifetime.channel.next(isolation: actor) else {
                batch = nil
                rowCount = 0
                nextRow = 0
                return nil
            }
            batch = next
            rowCount = next.storage.rowCount
            nextRow = 0
            return take(from: next)
        }
    }

    /// Abandons the channel when the last copy of the iterator goes away.
    private final class Lifetime: Sendable {
        let channel: RowBatchChannel
        init(channel: RowBatchChannel) { self.channel = channel }
        deinit { channel.abandon() }
    }
}
