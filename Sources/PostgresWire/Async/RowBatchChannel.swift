import Foundation

/// Rows handed over together: the storage of a batch and the columns they belong to.
@usableFromInline
struct RowBatch: Sendable {
    @usableFromInline let storage: RowStorage
    @usableFromInline let columns: PostgresColumns

    init(storage: RowStorage, columns: PostgresColumns) {
        self.storage = storage
        self.columns = columns
    }

    /// What the batch holds in memory, for the channel's byte bound.
    var byteCount: Int { storage.byteCount + 16 * storage.columnCount * storage.rowCount }
}

/// A bounded hand-off of row batches from the connection's queue (producer) to an async consumer.
///
/// The producer blocks while the waiting batches hold `rowLimit` rows or `byteLimit` bytes (a single
/// batch larger than that is still accepted when nothing waits, so one huge row cannot stall the
/// stream), until the consumer has drained them to half. The consumer takes a whole batch at a time and suspends only when none is waiting: one
/// suspension, one continuation and one executor hop per batch, never per row.
final class RowBatchChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [RowBatch] = []
    private var head = 0
    private var queuedRows = 0
    private var queuedBytes = 0
    private let rowLimit: Int
    private let byteLimit: Int
    private var waiting: CheckedContinuation<RowBatch?, any Error>?
    private var outcome: Result<Void, any Error>?
    private var abandoned = false
    /// The producer waits for room; it is woken when the queue has drained to half its bounds (not at every
    /// batch taken), so producer and consumer do not trade places batch by batch.
    private var producerWaiting = false

    init(rowLimit: Int, byteLimit: Int) {
        self.rowLimit = max(1, rowLimit)
        self.byteLimit = max(1, byteLimit)
    }

    /// Whether the consumer stopped listening (so the producer should stop).
    var isAbandoned: Bool {
        condition.lock()
        defer { condition.unlock() }
        return abandoned
    }

    /// Hands a batch over; blocks while the waiting batches are at a bound. Returns false when the
    /// consumer is gone.
    ///
    /// A consumer waits only when nothing is queued, so a waiting consumer always gets this batch
    /// directly — also after the producer itself waited for room, which keeps rows in order.
    func push(_ batch: RowBatch) -> Bool {
        let rows = batch.storage.rowCount
        let bytes = batch.byteCount
        condition.lock()
        while true {
            if abandoned {
                condition.unlock()
                return false
            }
            if let continuation = waiting {
                waiting = nil
                condition.unlock()
                continuation.resume(returning: batch)
                return true
            }
            if head == batches.count || (queuedRows + rows <= rowLimit && queuedBytes + bytes <= byteLimit) {
                batches.append(batch)
                queuedRows += rows
                queuedBytes += bytes
                condition.unlock()
                return true
            }
            producerWaiting = true
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

    /// The next batch, or nil at the end. Runs on the caller's actor: it returns at once when a batch is
    /// waiting, and otherwise suspends until the producer hands one over.
    func next(isolation actor: isolated (any Actor)? = #isolation) async throws -> RowBatch? {
        switch take() {
        case .batch(let batch): return batch
        case .end(let outcome):
            try outcome.get()
            return nil
        case .wait: break
        }
        return try await withCheckedThrowingContinuation(isolation: actor) { (continuation: CheckedContinuation<RowBatch?, any Error>) in
            condition.lock()
            switch takeLocked() {
            case .batch(let batch):
                condition.unlock()
                continuation.resume(returning: batch)
            case .end(let outcome):
                condition.unlock()
                continuation.resume(with: outcome.map { nil })
            case .wait:
                waiting = continuation
                condition.unlock()
            }
        }
    }

    private enum Take {
        case batch(RowBatch)
        case end(Result<Void, any Error>)
        case wait
    }

    /// ``takeLocked()`` under the lock (a synchronous step, so an async caller never holds the lock across
    /// a suspension).
    private func take() -> Take {
        condition.lock()
        defer { condition.unlock() }
        return takeLocked()
    }

    /// A queued batch, the end of the stream, or word to wait; called with the lock held.
    private func takeLocked() -> Take {
        if head < batches.count {
            let batch = batches[head]
            head += 1
            queuedRows -= batch.storage.rowCount
            queuedBytes -= batch.byteCount
            if head == batches.count {
                batches.removeAll(keepingCapacity: true)
                head = 0
            }
            if producerWaiting, head == batches.count || (queuedRows <= rowLimit / 2 && queuedBytes <= byteLimit / 2) {
                producerWaiting = false
                condition.signal()
            }
            return .batch(batch)
        }
        return outcome.map { .end($0) } ?? .wait
    }

    /// The consumer is gone: release a blocked producer.
    func abandon() {
        condition.lock()
        abandoned = true
        producerWaiting = false
        condition.broadcast()
        condition.unlock()
    }
}
