import Foundation

/// A bounded hand-off of rows from the connection's queue (producer) to an async consumer.
///
/// The producer blocks when `capacity` rows are waiting; the consumer suspends when none are.
final class RowChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var rows: [PostgresDataRow] = []
    private var head = 0
    private let capacity: Int
    private var waiting: CheckedContinuation<PostgresDataRow?, any Error>?
    private var outcome: Result<Void, any Error>?
    private var abandoned = false

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Whether the consumer stopped listening (so the producer should stop).
    var isAbandoned: Bool {
        condition.lock()
        defer { condition.unlock() }
        return abandoned
    }

    /// Hands a row over; blocks while the buffer is full. Returns false when the consumer is gone.
    ///
    /// A consumer waits only when the buffer is empty, so a waiting consumer always gets this row
    /// directly — also after the producer itself waited for room, which keeps rows in order.
    func push(_ row: PostgresDataRow) -> Bool {
        condition.lock()
        while true {
            if abandoned {
                condition.unlock()
                return false
            }
            if let continuation = waiting {
                waiting = nil
                condition.unlock()
                continuation.resume(returning: row)
                return true
            }
            if rows.count - head < capacity {
                rows.append(row)
                condition.unlock()
                return true
            }
            condition.wait()
        }
    }

    /// Ends the stream, with an error or normally.
    func finish(_ error: (any Error)?) {
        condition.lock()
        outcome = error.map { .failure($0) } ?? .success(())
        let continuation = waiting
        waiting = nil
        condition.unlock()
        if let continuation {
            if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: nil) }
        }
    }

    /// The next row, or nil at the end.
    func next() async throws -> PostgresDataRow? {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if head < rows.count {
                let row = rows[head]
                head += 1
                if head == rows.count { rows.removeAll(keepingCapacity: true); head = 0 }
                condition.signal()
                condition.unlock()
                continuation.resume(returning: row)
            } else if let outcome {
                condition.unlock()
                switch outcome {
                case .success: continuation.resume(returning: nil)
                case .failure(let error): continuation.resume(throwing: error)
                }
            } else {
                waiting = continuation
                condition.unlock()
            }
        }
    }

    /// The consumer is gone: release a blocked producer.
    func abandon() {
        condition.lock()
        abandoned = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The rows of a streamed query, as an `AsyncSequence`.
public struct PostgresRowSequence: AsyncSequence, Sendable {
    public typealias Element = PostgresDataRow
    let channel: RowChannel

    public func makeAsyncIterator() -> Iterator { Iterator(channel: channel) }

    /// Iterates the rows; dropping it before the end cancels the query.
    public struct Iterator: AsyncIteratorProtocol {
        private let lifetime: Lifetime

        init(channel: RowChannel) { lifetime = Lifetime(channel: channel) }

        public mutating func next() async throws -> PostgresDataRow? {
            try await lifetime.channel.next()
        }
    }

    /// Abandons the channel when the last copy of the iterator goes away.
    private final class Lifetime: Sendable {
        let channel: RowChannel
        init(channel: RowChannel) { self.channel = channel }
        deinit { channel.abandon() }
    }
}
