import Foundation
import Testing
@testable import PostgresWire

/// The back-pressured hand-off behind `AsyncPostgresConnection.rows`: every row, in order, whatever the timing.
@Suite struct RowChannelTests {
    private static let columns = PostgresColumns(RowDescription(columns: [.init(name: "n", dataTypeOID: PostgresTypeOID.int4)]))

    private static func row(_ number: Int) -> PostgresDataRow {
        PostgresDataRow(values: [Array(String(number).utf8)], columns: columns)
    }

    @Test(arguments: [1, 2, 7])
    func rowsArriveInOrderWhenTheProducerWaitsForRoom(capacity: Int) async throws {
        let channel = RowChannel(capacity: capacity)
        let count = 2000
        Thread.detachNewThread {
            for number in 0..<count where !channel.push(Self.row(number)) { return }
            channel.finish(nil)
        }
        var received: [Int] = []
        while let row = try await channel.next() {
            received.append(Int(try row.decode(String.self, at: 0))!)
            // Alternate a slow consumer (the producer fills the buffer and waits) with a fast one
            // (the consumer drains it and waits): the interleaving that once reordered rows.
            if received.count % 50 < 5 { try await Task.sleep(for: .microseconds(200)) }
        }
        let firstOutOfPlace = received.indices.first { received[$0] != $0 }
        #expect(received.count == count && firstOutOfPlace == nil,
                "\(received.count) of \(count) rows; first out of place at \(String(describing: firstOutOfPlace))")
    }

    @Test func abandoningReleasesABlockedProducer() async throws {
        let channel = RowChannel(capacity: 1)
        let stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var number = 0
            while channel.push(Self.row(number)) { number += 1 }
            stopped.signal()
        }
        _ = try await channel.next()
        channel.abandon()
        #expect(stopped.wait(timeout: .now() + 5) == .success, "the producer saw the consumer leave")
    }
}
