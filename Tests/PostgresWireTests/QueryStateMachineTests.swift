import Testing
@testable import PostgresWire

/// The response side of a query cycle.
@Suite struct QueryStateMachineTests {
    private let error = ErrorNoticeFields([UInt8(ascii: "V"): "ERROR", UInt8(ascii: "C"): "42P01", UInt8(ascii: "M"): "relation \"x\" does not exist"])

    @Test func rowsNeedARowDescriptionFirst() throws {
        var machine = QueryStateMachine()
        #expect(throws: ClientError.self) { try machine.acceptDataRow() }
        _ = try machine.receive(.rowDescription(RowDescription(columns: [.init(name: "a", dataTypeOID: 25)])))
        try machine.acceptDataRow()
        _ = try machine.receive(.commandComplete(CommandComplete(tag: "SELECT 1")))
        #expect(throws: ClientError.self) { try machine.acceptDataRow() }
    }

    @Test func anErrorIsRememberedUntilReadyForQuery() throws {
        var machine = QueryStateMachine()
        #expect(try machine.receive(.errorResponse(error)) == .wait)
        #expect(machine.firstError?.sqlState == "42P01")
        #expect(try machine.receive(.readyForQuery(ReadyForQuery(status: .idle))) == .done(.idle))
        #expect(machine.isFinished)
    }

    @Test func aFatalErrorIsThrownAtOnce() {
        var machine = QueryStateMachine()
        let fatal = ErrorNoticeFields([UInt8(ascii: "V"): "FATAL", UInt8(ascii: "C"): "57P01", UInt8(ascii: "M"): "terminating connection due to administrator command"])
        #expect(throws: PostgresServerError.self) { try machine.receive(.errorResponse(fatal)) }
    }

    @Test func copyInIsAnsweredWithCopyFail() throws {
        var machine = QueryStateMachine()
        #expect(try machine.receive(.copyInResponse(CopyResponse(overallFormat: 0, columnFormats: []))) == .sendCopyFail)
    }

    @Test func copyOutAcceptsDataUntilCopyDone() throws {
        var machine = QueryStateMachine()
        #expect(throws: ClientError.self) { try machine.acceptCopyData() }
        _ = try machine.receive(.copyOutResponse(CopyResponse(overallFormat: 0, columnFormats: [0])))
        try machine.acceptCopyData()
        _ = try machine.receive(.copyDone)
        #expect(throws: ClientError.self) { try machine.acceptCopyData() }
        #expect(try machine.receive(.commandComplete(CommandComplete(tag: "COPY 2"))) == .commandComplete(CommandComplete(tag: "COPY 2")))
    }

    @Test func startupOnlyMessagesAreViolationsMidQuery() {
        var machine = QueryStateMachine()
        #expect(throws: ClientError.self) { try machine.receive(.authentication(.ok)) }
        #expect(throws: ClientError.self) { try machine.receive(.backendKeyData(BackendKeyData(processID: 1, secretKey: 1))) }
    }

    @Test func commandTags() {
        #expect(CommandComplete(tag: "INSERT 0 5").rowCount == 5)
        #expect(CommandComplete(tag: "INSERT 0 5").command == "INSERT")
        #expect(CommandComplete(tag: "CREATE TABLE").rowCount == nil)
        #expect(CommandComplete(tag: "CREATE TABLE").command == "CREATE TABLE")
        #expect(CommandComplete(tag: "SELECT 12").rowCount == 12)
    }
}
