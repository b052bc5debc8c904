import PGTestSupport
import Testing
@testable import PostgresWire

/// Where a cut or a stall happened, as the errors say it: the message boundary tracker on exact byte
/// sequences, however they are split into reads.
@Suite struct FaultPositionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let position: MessageBoundaryTracker.Position
        let phrase: String
        var testDescription: String { name }
    }

    static let row = WireBytes.dataRow(["12345"])  // 5 + 2 + 4 + 5 = 16 bytes

    static let cases: [Case] = [
        Case(name: "nothing", bytes: [], position: .start, phrase: "before the server sent any message"),
        Case(name: "one whole message", bytes: WireBytes.readyForQuery(), position: .between(lastType: UInt8(ascii: "Z")),
             phrase: "after a ReadyForQuery message ('Z'), between messages"),
        Case(name: "a type byte only", bytes: [UInt8(ascii: "D")], position: .inHeader(type: UInt8(ascii: "D"), received: 1),
             phrase: "in the middle of the header of a DataRow message ('D', received 1 of 5 header bytes)"),
        Case(name: "half a row", bytes: Array(row.prefix(9)), position: .inBody(type: UInt8(ascii: "D"), received: 9, total: 16),
             phrase: "in the middle of a DataRow message ('D', received 9 of 16 bytes)"),
        Case(name: "rows then half a CommandComplete", bytes: row + row + Array(WireBytes.commandComplete("SELECT 2").prefix(7)),
             position: .inBody(type: UInt8(ascii: "C"), received: 7, total: 14),
             phrase: "in the middle of a CommandComplete message ('C', received 7 of 14 bytes)"),
        Case(name: "an empty-bodied message", bytes: WireBytes.message("n"), position: .between(lastType: UInt8(ascii: "n")),
             phrase: "after a NoData message ('n'), between messages"),
        Case(name: "an unknown type", bytes: [0x07] + WireBytes.int32(8) + [1], position: .inBody(type: 0x07, received: 6, total: 9),
             phrase: "in the middle of a message of unknown type (0x7, received 6 of 9 bytes)"),
        Case(name: "an impossible length", bytes: WireBytes.header("Z", announcing: 2) + WireBytes.readyForQuery(), position: .lost,
             phrase: "after a message with an invalid length"),
        Case(name: "a big row announced", bytes: WireBytes.header("D", announcing: 1 << 30) + [0, 1],
             position: .inBody(type: UInt8(ascii: "D"), received: 7, total: (1 << 30) + 1),
             phrase: "in the middle of a DataRow message ('D', received 7 of 1,073,741,825 bytes)"),
    ]

    @Test(arguments: cases)
    func positionIsTheSameHoweverTheBytesArrive(_ testCase: Case) {
        for chunkSize in [1, 2, 3, 5, 7, 64] {
            var tracker = MessageBoundaryTracker()
            var offset = 0
            while offset < testCase.bytes.count {
                let end = min(testCase.bytes.count, offset + chunkSize)
                testCase.bytes[offset..<end].withUnsafeBytes { tracker.observe($0) }
                offset = end
            }
            #expect(tracker.position == testCase.position, "in chunks of \(chunkSize)")
            #expect(tracker.phrase == testCase.phrase, "in chunks of \(chunkSize)")
        }
    }

    @Test func countsCompleteMessages() {
        var tracker = MessageBoundaryTracker()
        (Self.row + Self.row + WireBytes.commandComplete("SELECT 2") + WireBytes.readyForQuery()).withUnsafeBytes { tracker.observe($0) }
        #expect(tracker.completedMessages == 4)
    }

    @Test func aZeroOrNegativeReadTimeoutMeansNone() {
        #expect(SupervisedStream(ClosedStream(), idleTimeout: .zero).idleTimeout == nil)
        #expect(SupervisedStream(ClosedStream(), idleTimeout: .seconds(-1)).idleTimeout == nil)
        #expect(SupervisedStream(ClosedStream(), idleTimeout: .milliseconds(5)).idleTimeout == .milliseconds(5))
    }

    @Test func endOfStreamIsAnErrorNamingThePosition() throws {
        let stream = SupervisedStream(ClosedStream(), idleTimeout: nil)
        stream.phase = .startup
        stream.awaiting = "ReadyForQuery"
        var byte: UInt8 = 0
        let error = try #require(throws: ClientError.self) { try withUnsafeMutableBytes(of: &byte) { try stream.read(into: $0) } }
        #expect(error.phase == .startup)
        #expect(error.message.hasPrefix("server closed the connection unexpectedly before the server sent any message, while waiting for ReadyForQuery"))
    }
}

/// A stream whose server has already hung up.
private final class ClosedStream: ByteStream {
    var deadline: ContinuousClock.Instant?
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { 0 }
    func writeSome(_ bytes: UnsafeRawBufferPointer) throws -> Int { bytes.count }
    func close() {}
}
