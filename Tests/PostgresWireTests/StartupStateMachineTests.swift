import PGTestSupport
import Testing
@testable import PostgresWire

/// The startup exchange, driven by transcripts of what a server sends.
@Suite struct StartupStateMachineTests {
    private func machine(
        password: String? = "secret", channelBinding: ChannelBindingMode = .prefer, tls: Bool = false,
        requireAuth: String? = nil
    ) throws -> StartupStateMachine {
        try StartupStateMachine(settings: .init(
            user: "alice", password: password, channelBinding: channelBinding, tlsInUse: tls,
            tlsServerEndPointHash: tls ? Array(repeating: 7, count: 32) : nil,
            requireAuth: try requireAuth.map { try RequireAuthPolicy(parsing: $0) }))
    }

    private func finishStartup(_ machine: inout StartupStateMachine) throws {
        #expect(try machine.receive(.parameterStatus(ParameterStatus(name: "server_version", value: "15.18"))) == .wait)
        #expect(try machine.receive(.backendKeyData(BackendKeyData(processID: 1, secretKey: 2))) == .wait)
        #expect(try machine.receive(.readyForQuery(ReadyForQuery(status: .idle))) == .ready)
        #expect(machine.parameters["server_version"] == "15.18")
        #expect(machine.backendKey == BackendKeyData(processID: 1, secretKey: 2))
    }

    @Test func trustLogsInWithoutSendingAnything() throws {
        var machine = try machine()
        #expect(try machine.receive(.authentication(.ok)) == .wait)
        try finishStartup(&machine)
        #expect(machine.method == .none)
    }

    @Test func md5AnswersWithTheSaltedHash() throws {
        var machine = try machine()
        let action = try machine.receive(.authentication(.md5Password(salt: [1, 2, 3, 4])))
        let expected = PasswordMessage(password: md5PasswordMessage(user: "alice", password: "secret", salt: [1, 2, 3, 4]))
        #expect(action == .send(expected.encodedBytes))
        #expect(try machine.receive(.authentication(.ok)) == .wait)
        try finishStartup(&machine)
        #expect(machine.method == .md5)
    }

    @Test func cleartextAnswersWithThePassword() throws {
        var machine = try machine()
        #expect(try machine.receive(.authentication(.cleartextPassword)) == .send(PasswordMessage(password: "secret").encodedBytes))
    }

    @Test func scramPicksPlusOverTLSAndPlainWithout() throws {
        var withTLS = try machine(tls: true)
        guard case .send(let first) = try withTLS.receive(.authentication(.sasl(mechanisms: ["SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"]))) else {
            Issue.record("expected a SASLInitialResponse"); return
        }
        #expect(first.starts(with: [0x70] + WireBytes.int32(Int32(first.count - 1)) + WireBytes.cString("SCRAM-SHA-256-PLUS")))
        #expect(withTLS.method == .scramSHA256Plus)

        var plain = try machine(tls: false)
        _ = try plain.receive(.authentication(.sasl(mechanisms: ["SCRAM-SHA-256"])))
        #expect(plain.method == .scramSHA256)
    }

    @Test func channelBindingRequiredRefusesEverythingButPlus() throws {
        #expect(throws: ClientError.self) { try machine(channelBinding: .require, tls: false) }
        var md5 = try machine(channelBinding: .require, tls: true)
        #expect(throws: ClientError.self) { try md5.receive(.authentication(.md5Password(salt: [0, 0, 0, 0]))) }
        var cleartext = try machine(channelBinding: .require, tls: true)
        #expect(throws: ClientError.self) { try cleartext.receive(.authentication(.cleartextPassword)) }
        var noPlus = try machine(channelBinding: .require, tls: true)
        #expect(throws: ClientError.self) { try noPlus.receive(.authentication(.sasl(mechanisms: ["SCRAM-SHA-256"]))) }
        var trust = try machine(channelBinding: .require, tls: true)
        #expect(throws: ClientError.self) { try trust.receive(.authentication(.ok)) }
    }

    @Test func requireAuthRefusesOtherMethods() throws {
        var machine = try machine(requireAuth: "scram-sha-256")
        #expect(throws: ClientError.self) { try machine.receive(.authentication(.cleartextPassword)) }
        var negated = try self.machine(requireAuth: "!password")
        #expect(throws: ClientError.self) { try negated.receive(.authentication(.cleartextPassword)) }
        var noneRequired = try self.machine(requireAuth: "md5")
        #expect(throws: ClientError.self) { try noneRequired.receive(.authentication(.ok)) }
    }

    @Test func missingPasswordSaysWhereToPutOne() throws {
        var machine = try machine(password: nil)
        do {
            _ = try machine.receive(.authentication(.md5Password(salt: [0, 0, 0, 0])))
            Issue.record("expected an error")
        } catch let error as ClientError {
            #expect(error.phase == .authentication)
            #expect(error.message.contains("PGPASSWORD"))
        }
    }

    @Test func serverErrorDuringAuthenticationKeepsItsFields() throws {
        var machine = try machine()
        _ = try machine.receive(.authentication(.md5Password(salt: [0, 0, 0, 0])))
        let fields = ErrorNoticeFields([UInt8(ascii: "V"): "FATAL", UInt8(ascii: "C"): "28P01", UInt8(ascii: "M"): "password authentication failed for user \"alice\""])
        #expect(throws: PostgresServerError(fields: fields, phase: .authentication)) { try machine.receive(.errorResponse(fields)) }
    }

    @Test func outOfOrderMessagesAreProtocolViolations() throws {
        var early = try machine()
        #expect(throws: ClientError.self) { try early.receive(.readyForQuery(ReadyForQuery(status: .idle))) }
        var row = try machine()
        #expect(throws: ClientError.self) { try row.receive(.dataRow(DataRow(values: []))) }
        var unsupported = try machine()
        #expect(throws: ClientError.self) { try unsupported.receive(.authentication(.gss)) }
        var noMechanism = try machine()
        #expect(throws: ClientError.self) { try noMechanism.receive(.authentication(.sasl(mechanisms: ["OAUTHBEARER"]))) }
    }

    @Test func okBeforeSCRAMCompletesIsRefused() throws {
        var machine = try machine()
        _ = try machine.receive(.authentication(.sasl(mechanisms: ["SCRAM-SHA-256"])))
        #expect(throws: ClientError.self) { try machine.receive(.authentication(.ok)) }
    }
}
