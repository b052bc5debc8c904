import PGTestSupport
import Testing
@testable import PostgresWire

/// Backend messages decode from byte transcripts; malformed ones are refused with an error, never a crash.
@Suite struct BackendMessageTests {
    private func decode(_ bytes: [UInt8]) throws -> BackendMessage {
        try bytes.withUnsafeBytes { raw in
            guard let frame = try MessageFramer().nextFrame(in: raw) else { throw ClientError(.io, "incomplete") }
            #expect(frame.wireLength == bytes.count)
            return try BackendMessage.decode(type: frame.type, body: frame.body)
        }
    }

    @Test func authenticationRequests() throws {
        #expect(try decode(WireBytes.message("R", WireBytes.int32(0))) == .authentication(.ok))
        #expect(try decode(WireBytes.message("R", WireBytes.int32(3))) == .authentication(.cleartextPassword))
        #expect(try decode(WireBytes.message("R", WireBytes.int32(5) + [1, 2, 3, 4])) == .authentication(.md5Password(salt: [1, 2, 3, 4])))
        let sasl = WireBytes.int32(10) + WireBytes.cString("SCRAM-SHA-256-PLUS") + WireBytes.cString("SCRAM-SHA-256") + [0]
        #expect(try decode(WireBytes.message("R", sasl)) == .authentication(.sasl(mechanisms: ["SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"])))
        #expect(try decode(WireBytes.message("R", WireBytes.int32(11) + [0x72, 0x3D])) == .authentication(.saslContinue(data: [0x72, 0x3D])))
        #expect(try decode(WireBytes.message("R", WireBytes.int32(12) + [0x76])) == .authentication(.saslFinal(data: [0x76])))
        #expect(try decode(WireBytes.message("R", WireBytes.int32(7))) == .authentication(.gss))
        #expect(try decode(WireBytes.message("R", WireBytes.int32(9))) == .authentication(.sspi))
        #expect(try decode(WireBytes.message("R", WireBytes.int32(2))) == .authentication(.kerberosV5))
        #expect(try decode(WireBytes.message("R", WireBytes.int32(8) + [5])) == .authentication(.gssContinue(data: [5])))
    }

    @Test func startupMessages() throws {
        #expect(try decode(WireBytes.message("S", WireBytes.cString("server_version") + WireBytes.cString("15.18")))
            == .parameterStatus(ParameterStatus(name: "server_version", value: "15.18")))
        #expect(try decode(WireBytes.message("K", WireBytes.int32(42) + WireBytes.int32(-7)))
            == .backendKeyData(BackendKeyData(processID: 42, secretKey: -7)))
        #expect(try decode(WireBytes.readyForQuery("T")) == .readyForQuery(ReadyForQuery(status: .inTransaction)))
        #expect(try decode(WireBytes.message("v", WireBytes.int32(0) + WireBytes.int32(1) + WireBytes.cString("_pq_.x")))
            == .negotiateProtocolVersion(NegotiateProtocolVersion(newestMinorVersion: 0, unrecognizedOptions: ["_pq_.x"])))
    }

    @Test func queryResponses() throws {
        let description = try decode(WireBytes.rowDescription(columns: [("id", 20), ("meter", 25)]))
        guard case .rowDescription(let rows) = description else { Issue.record("not a RowDescription"); return }
        #expect(rows.columns.map(\.name) == ["id", "meter"])
        #expect(rows.columns.map(\.dataTypeOID) == [20, 25])
        #expect(try decode(WireBytes.dataRow(["1", nil, ""])) == .dataRow(DataRow(values: [Array("1".utf8), nil, []])))
        #expect(try decode(WireBytes.commandComplete("SELECT 3")) == .commandComplete(CommandComplete(tag: "SELECT 3")))
        #expect(try decode(WireBytes.message("I", [])) == .emptyQueryResponse)
        #expect(try decode(WireBytes.message("1", [])) == .parseComplete)
        #expect(try decode(WireBytes.message("2", [])) == .bindComplete)
        #expect(try decode(WireBytes.message("3", [])) == .closeComplete)
        #expect(try decode(WireBytes.message("n", [])) == .noData)
        #expect(try decode(WireBytes.message("s", [])) == .portalSuspended)
        #expect(try decode(WireBytes.message("t", WireBytes.int16(2) + WireBytes.int32(23) + WireBytes.int32(25)))
            == .parameterDescription(ParameterDescription(dataTypeOIDs: [23, 25])))
    }

    @Test func copyAndNotifications() throws {
        let copyOut = WireBytes.message("H", [0] + WireBytes.int16(2) + WireBytes.int16(0) + WireBytes.int16(0))
        #expect(try decode(copyOut) == .copyOutResponse(CopyResponse(overallFormat: 0, columnFormats: [0, 0])))
        #expect(try decode(WireBytes.message("G", [1] + WireBytes.int16(0))) == .copyInResponse(CopyResponse(overallFormat: 1, columnFormats: [])))
        #expect(try decode(WireBytes.message("W", [0] + WireBytes.int16(0))) == .copyBothResponse(CopyResponse(overallFormat: 0, columnFormats: [])))
        #expect(try decode(WireBytes.message("d", [1, 2, 3])) == .copyData([1, 2, 3]))
        #expect(try decode(WireBytes.message("c", [])) == .copyDone)
        #expect(try decode(WireBytes.message("A", WireBytes.int32(9) + WireBytes.cString("ch") + WireBytes.cString("hi")))
            == .notificationResponse(NotificationResponse(processID: 9, channel: "ch", payload: "hi")))
    }

    @Test func errorResponseCarriesEveryField() throws {
        let fields: [(Character, String)] = [
            ("S", "FATAL"), ("V", "FATAL"), ("C", "28P01"), ("M", "password authentication failed for user \"x\""),
            ("D", "detail"), ("H", "hint"), ("P", "12"), ("s", "public"), ("t", "usage_events"), ("c", "meter"),
            ("n", "usage_admin_bucket_idx"), ("d", "text"), ("W", "context"), ("q", "internal"), ("p", "3"),
        ]
        guard case .errorResponse(let decoded) = try decode(WireBytes.errorResponse(fields)) else {
            Issue.record("not an ErrorResponse"); return
        }
        let error = PostgresServerError(fields: decoded, phase: .authentication)
        #expect(error.sqlState == "28P01")
        #expect(error.severity == "FATAL")
        #expect(error.isFatal)
        #expect(error.detail == "detail")
        #expect(error.hint == "hint")
        #expect(error.position == 12)
        #expect(error.schemaName == "public")
        #expect(error.tableName == "usage_events")
        #expect(error.columnName == "meter")
        #expect(error.constraintName == "usage_admin_bucket_idx")
        #expect(error.dataTypeName == "text")
        #expect(error.internalPosition == 3)
        #expect(error.description.hasPrefix("FATAL:  password authentication failed for user \"x\" (SQLSTATE 28P01)"))
    }

    /// Each malformed message is refused with a protocol-violation error.
    @Test(arguments: [
        WireBytes.message("Z", [UInt8(ascii: "Q")]),                  // unknown transaction status
        WireBytes.message("Z", [UInt8(ascii: "I"), 0]),               // trailing byte
        WireBytes.message("K", WireBytes.int32(1)),                   // truncated
        WireBytes.message("S", Array("no-nul".utf8)),                  // string without NUL
        WireBytes.message("R", WireBytes.int32(99)),                  // unknown auth code
        WireBytes.message("R", WireBytes.int32(5) + [1, 2]),          // short MD5 salt
        WireBytes.message("T", WireBytes.int16(3)),                   // columns announced, none present
        WireBytes.message("T", WireBytes.int16(-1)),                  // negative column count
        WireBytes.message("D", WireBytes.int16(1) + WireBytes.int32(10) + [1]), // value longer than message
        WireBytes.message("D", WireBytes.int16(1) + WireBytes.int32(-5)),       // negative length
        WireBytes.message("t", WireBytes.int16(2) + WireBytes.int32(23)),       // short parameter list
        WireBytes.message("1", [0]),                                   // body on a bodyless message
        WireBytes.message("?", []),                                    // unknown type
    ])
    func malformedMessagesAreRefused(_ bytes: [UInt8]) {
        #expect(throws: ClientError.self) { try decode(bytes) }
        do { _ = try decode(bytes) } catch let error as ClientError {
            #expect(error.phase == .protocolViolation)
        } catch { Issue.record("unexpected error \(error)") }
    }
}
