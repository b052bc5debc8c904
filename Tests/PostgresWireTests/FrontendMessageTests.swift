import PGTestSupport
import Testing
@testable import PostgresWire

/// Frontend messages encode to exactly the bytes the protocol chapter specifies.
@Suite struct FrontendMessageTests {
    @Test func startupMessageLaysOutVersionAndParameters() {
        let bytes = StartupMessage(parameters: [("user", "u"), ("database", "d")]).encodedBytes
        let expected: [UInt8] = WireBytes.int32(4 + 4 + 5 + 2 + 9 + 2 + 1) + [0, 3, 0, 0]
            + WireBytes.cString("user") + WireBytes.cString("u")
            + WireBytes.cString("database") + WireBytes.cString("d") + [0]
        #expect(bytes == expected)
    }

    @Test func sslAndCancelRequestsUseTheirMagicCodes() {
        #expect(SSLRequest().encodedBytes == [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F])
        #expect(CancelRequest(processID: 7, secretKey: -1).encodedBytes
            == [0, 0, 0, 16, 0x04, 0xD2, 0x16, 0x2E, 0, 0, 0, 7, 0xFF, 0xFF, 0xFF, 0xFF])
    }

    @Test func queryIsTypeLengthAndNulTerminatedText() {
        #expect(Query("SELECT 1").encodedBytes == [0x51, 0, 0, 0, 13] + Array("SELECT 1".utf8) + [0])
    }

    @Test func bodylessMessages() {
        #expect(Sync().encodedBytes == [0x53, 0, 0, 0, 4])
        #expect(Flush().encodedBytes == [0x48, 0, 0, 0, 4])
        #expect(Terminate().encodedBytes == [0x58, 0, 0, 0, 4])
        #expect(CopyDoneMessage().encodedBytes == [0x63, 0, 0, 0, 4])
    }

    @Test func parseBindDescribeExecuteClose() {
        #expect(Parse(name: "s", sql: "SELECT $1", parameterTypes: [23]).encodedBytes
            == [0x50] + WireBytes.int32(4 + 2 + 10 + 2 + 4) + WireBytes.cString("s") + WireBytes.cString("SELECT $1")
            + WireBytes.int16(1) + WireBytes.int32(23))
        let bind = Bind(portal: "", statement: "s", parameterFormats: [1], parameters: [[0, 0, 0, 5], nil], resultFormats: [1])
        #expect(bind.encodedBytes
            == [0x42] + WireBytes.int32(4 + 1 + 2 + 2 + 2 + 2 + 4 + 4 + 4 + 2 + 2) + [0] + WireBytes.cString("s")
            + WireBytes.int16(1) + WireBytes.int16(1) + WireBytes.int16(2)
            + WireBytes.int32(4) + [0, 0, 0, 5] + WireBytes.int32(-1) + WireBytes.int16(1) + WireBytes.int16(1))
        #expect(Describe(.portal).encodedBytes == [0x44, 0, 0, 0, 6, 0x50, 0])
        #expect(Execute(maxRows: 10).encodedBytes == [0x45, 0, 0, 0, 9, 0] + WireBytes.int32(10))
        #expect(Close(.statement, name: "s").encodedBytes == [0x43, 0, 0, 0, 7, 0x53, 0x73, 0])
    }

    @Test func saslMessages() {
        #expect(SASLInitialResponse(mechanism: "SCRAM-SHA-256", initialResponse: [1, 2]).encodedBytes
            == [0x70] + WireBytes.int32(4 + 14 + 4 + 2) + WireBytes.cString("SCRAM-SHA-256") + WireBytes.int32(2) + [1, 2])
        #expect(SASLResponse(data: [9]).encodedBytes == [0x70, 0, 0, 0, 5, 9])
    }

    @Test func passwordMessageNeverPrintsThePassword() {
        let message = PasswordMessage(password: "hunter2")
        #expect(!message.description.contains("hunter2"))
        #expect(message.encodedBytes == [0x70, 0, 0, 0, 12] + WireBytes.cString("hunter2"))
    }
}
