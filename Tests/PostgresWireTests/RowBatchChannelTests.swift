import Foundation
import Testing
@testable import PostgresWire

/// The back-pressured hand-off behind `AsyncPostgresConnection.rows`: every row, in order, whatever the
/// timing; bounded in rows and in bytes; one suspension per batch at most.
@Suite struct RowBatchChannelTests {
    private static let columns = PostgresColumns(RowDescription(columns: [.init(name: "n", dataTypeOID: PostgresTypeOID.int4)]))

    /// A batch of the text values `numbers`.
    private static func batch(_ numbers: Range<Int>, padding: Int = 0) -> RowBatch {
        var builder = RowStorageBuilder(columnCount: 1)
        for number in numbers { builder.append(values: [Array(String(number).utf8) + [UInt8](repeating: 0x20, count: padding)]) }
        return RowBatch(storage: builder.build(), columns: columns)
    }

    private static func sequence(_ channel: RowBatchChannel) -> PostgresRowSequence { PostgresRowSequence(channel: channel) }

    @Test(arguments: [(1, 1), (3, 7), (64, 1000)])
    func rowsArriveInOrderWhenTheProducerWaitsForRoom(rowsPerBatch: Int, rowLimit: Int) async throws {
        let channel = RowBatchChannel(rowLimit: rowLimit, byteLimit: 1 << 20)
        let count = 3000
        Thread.detachNewThread {
            var number = 0
            while number < count {
                let end = min(count, number + rowsPerBatch)
                guard channel.push(Self.batch(number..<end)) else { return }
                number = end
            }
            channel.finish(nil)
        }
        var received: [Int] = []
        for try await row in Self.sequence(channel) {
            received.append(Int(String(try row.decode(String.self, at: 0)).trimmingCharacters(in: .whitespaces))!)
            // Alternate a slow consumer (the producer fills the queue and waits) with a fast one
            // (the consumer drains it and waits): the interleaving that once reordered rows.
            if received.count % 50 < 5 { try await Task.sleep(for: .microseconds(200)) }
        }
        let firstOutOfPlace = received.indices.first { received[$0] != $0 }
        #expect(received.count == count && firstOutOfPlace == nil,
                "\(received.count) of \(count) rows; first out of place at \(String(describing: firstOutOfPlace))")
    }

    @Test func waitingBatchesAreBoundedInBytesAsWellAsRows() async throws {
        // 100 rows of about 1 KiB per batch, a bound of 10,000 rows but 64 KiB: at most one batch may wait.
        let channel = RowBatchChannel(rowLimit: 10_000, byteLimit: 64 * 1024)
        let pushed = Counter()
        Thread.detachNewThread {
            for start in stride(from: 0, to: 2000, by: 100) {
                guard channel.push(Self.batch(start..<(start + 100), padding: 1000)) else { return }
                pushed.add(1)
            }
            channel.finish(nil)
        }
        var iterator = Self.sequence(channel).makeAsyncIterator()
        _ = try await iterator.next()
        try await Task.sleep(for: .milliseconds(200))
        // The consumer holds the first batch; the producer got one more in, and waits with the third.
        #expect(pushed.value == 2)
        var rows = 1
        while try await iterator.next() != nil { rows += 1 }
        #expect(rows == 2000 && pushed.value == 20)
    }

    @Test func aBatchLargerThanTheBoundStillPassesAlone() async throws {
        let channel = RowBatchChannel(rowLimit: 10, byteLimit: 100)
        Thread.detachNewThread {
            _ = channel.push(Self.batch(0..<50, padding: 100))
            channel.finish(nil)
        }
        var rows = 0
        for try await _ in Self.sequence(channel) { rows += 1 }
        #expect(rows == 50)
    }

    @Test func anErrorEndsTheStreamAfterTheRowsBeforeIt() async throws {
        struct Failure: Error {}
        let channel = RowBatchChannel(rowLimit: 100, byteLimit: 1 << 20)
        Thread.detachNewThread {
            _ = channel.push(Self.batch(0..<5))
            channel.finish(Failure())
        }
        var rows = 0
        await #expect(throws: Failure.self) {
            for try await _ in Self.sequence(channel) { rows += 1 }
        }
        #expect(rows == 5)
    }

    @Test func abandoningReleasesABlockedProducer() async throws {
        let channel = RowBatchChannel(rowLimit: 1, byteLimit: 1 << 20)
        let stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var number = 0
            while channel.push(Self.batch(number..<(number + 1))) { number += 1 }
            stopped.signal()
        }
        var iterator: PostgresRowSequence.Iterator? = Self.sequence(channel).makeAsyncIterator()
        _ = try await iterator?.next()
        iterator = nil
        #expect(stopped.wait(timeout: .now() + 5) == .success, "the producer saw the consumer leave")
    }

    @MainActor
    @Test func theMainActorTakesRowsFromABatchWithoutLeavingIt() async throws {
        let channel = RowBatchChannel(rowLimit: 10_000, byteLimit: 1 << 20)
        _ = channel.push(Self.batch(0..<1000))
        channel.finish(nil)
        var rows = 0
        for try await _ in Self.sequence(channel) {
            MainActor.assertIsolated("every row is handed out on the main actor")
            rows += 1
        }
        #expect(rows == 1000)
    }
}

/// A count shared with a producer thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ amount: Int) { lock.withLock { count += amount } }
    var value: Int { lock.withLock { count } }
}
