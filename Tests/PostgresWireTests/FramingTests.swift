import PGTestSupport
import Testing
@testable import PostgresWire

/// Framing finds whole messages in a stream of bytes and refuses lying length fields.
@Suite struct FramingTests {
    @Test func incompleteFramesWaitForMoreBytes() throws {
        let message = WireBytes.commandComplete("SELECT 1")
        for cut in 0..<message.count {
            let frame = try Array(message.prefix(cut)).withUnsafeBytes { try MessageFramer().nextFrame(in: $0) }
            #expect(frame == nil, "a \(cut)-byte prefix must not produce a frame")
        }
    }

    @Test func lengthBelowFourIsRefused() {
        let bytes: [UInt8] = [UInt8(ascii: "Z"), 0, 0, 0, 3, 0]
        #expect(throws: ClientError.self) { try bytes.withUnsafeBytes { try MessageFramer().nextFrame(in: $0) } }
    }

    @Test func negativeLengthIsRefused() {
        let bytes: [UInt8] = [UInt8(ascii: "D"), 0xFF, 0xFF, 0xFF, 0xF0]
        #expect(throws: ClientError.self) { try bytes.withUnsafeBytes { try MessageFramer().nextFrame(in: $0) } }
    }

    @Test func oversizedAnnouncementsAreRefusedBeforeTheBodyArrives() {
        // A 1 GiB DataRow announced: refused from its 5-byte header alone, with a 1 MiB limit.
        let huge: [UInt8] = [UInt8(ascii: "D")] + WireBytes.int32(1 << 30)
        #expect(throws: ClientError.self) {
            try huge.withUnsafeBytes { try MessageFramer(maximumLongMessage: 1 << 20).nextFrame(in: $0) }
        }
        // Short-message types are capped at 30,000 bytes, as libpq does.
        let status: [UInt8] = [UInt8(ascii: "S")] + WireBytes.int32(100_000)
        #expect(throws: ClientError.self) { try status.withUnsafeBytes { try MessageFramer().nextFrame(in: $0) } }
    }

    @Test func readBufferFramesInPlaceAndShrinksAfterALargeMessage() throws {
        let buffer = ReadBuffer(capacity: 64)
        let big = WireBytes.dataRow([String(repeating: "x", count: 10_000)])
        let small = WireBytes.readyForQuery()
        buffer.append(big + small)
        #expect(buffer.capacity >= big.count)
        let first = try #require(try MessageFramer().nextFrame(in: buffer.readableBytes))
        #expect(first.type == UInt8(ascii: "D"))
        buffer.consume(first.wireLength)
        _ = buffer.prepareForWrite(minimumFree: 16)
        #expect(buffer.capacity == 64, "the buffer returns to its preferred size once the large message is consumed")
        let second = try #require(try MessageFramer().nextFrame(in: buffer.readableBytes))
        #expect(second.type == UInt8(ascii: "Z"))
    }

    @Test func dataRowColumnsIndexInPlaceAndCheckTheColumnCount() throws {
        let index = DataRowColumns(capacity: 1)
        let row = WireBytes.dataRow(["ab", nil, "c"])
        try row.withUnsafeBytes { raw in
            let frame = try #require(try MessageFramer().nextFrame(in: raw))
            try index.index(frame.body, expectedCount: 3)
            #expect(index.count == 3)
            #expect(index.lengths[0] == 2 && index.lengths[1] == -1 && index.lengths[2] == 1)
            #expect(throws: ClientError.self) { try index.index(frame.body, expectedCount: 2) }
        }
    }
}
