import Foundation
import PGTestSupport
import Testing
@testable import PostgresWire

/// A fake server that lies: every malformed or hostile message is refused promptly, with an error that
/// says what was wrong, and the connection is closed rather than trusted further.
@Suite struct HostileServerTests {
    /// One lie told instead of the answer to a query, and the words the refusal must contain.
    struct QueryLie: Sendable, CustomTestStringConvertible {
        let name: String
        let response: [UInt8]
        let phase: ConnectionPhase
        let expected: String
        var testDescription: String { name }
    }

    static let queryLies: [QueryLie] = [
        QueryLie(name: "a DataRow with more columns than the RowDescription",
                 response: WireBytes.rowDescription(["a"]) + WireBytes.dataRow(["1", "2", "3"]),
                 phase: .protocolViolation, expected: "DataRow has 3 columns but the RowDescription announced 1"),
        QueryLie(name: "a DataRow with fewer columns than the RowDescription",
                 response: WireBytes.rowDescription(["a", "b"]) + WireBytes.dataRow(["1"]),
                 phase: .protocolViolation, expected: "DataRow has 1 columns but the RowDescription announced 2"),
        QueryLie(name: "a DataRow before any RowDescription",
                 response: WireBytes.dataRow(["1"]),
                 phase: .protocolViolation, expected: "DataRow without a RowDescription"),
        QueryLie(name: "a column length running past the end of the message",
                 response: WireBytes.rowDescription(["a"]) + WireBytes.message("D", WireBytes.int16(1) + WireBytes.int32(1000) + Array("abc".utf8)),
                 phase: .protocolViolation, expected: "announces 1000 bytes but only 3 remain"),
        QueryLie(name: "a negative column length other than NULL's -1",
                 response: WireBytes.rowDescription(["a"]) + WireBytes.message("D", WireBytes.int16(1) + WireBytes.int32(-7)),
                 phase: .protocolViolation, expected: "invalid length -7"),
        QueryLie(name: "a negative message length",
                 response: WireBytes.header("C", announcing: -5) + Array("SELECT 1".utf8),
                 phase: .protocolViolation, expected: "invalid length -5"),
        QueryLie(name: "a message length below the 4 bytes of the length itself",
                 response: WireBytes.header("C", announcing: 3),
                 phase: .protocolViolation, expected: "invalid length 3"),
        QueryLie(name: "a 1 GiB CommandComplete (a type that is never long)",
                 response: WireBytes.header("C", announcing: 1 << 30),
                 phase: .protocolViolation, expected: "over the 30000-byte limit"),
        QueryLie(name: "a DataRow announced above PostgreSQL's 1 GiB limit",
                 response: WireBytes.rowDescription(["a"]) + WireBytes.header("D", announcing: Int32.max),
                 phase: .protocolViolation, expected: "over the 1073741824-byte limit"),
        QueryLie(name: "an unknown message type",
                 response: WireBytes.message("X", Array("junk".utf8)),
                 phase: .protocolViolation, expected: "unknown message type 'X'"),
        QueryLie(name: "an unprintable message type",
                 response: [0x07] + WireBytes.int32(4),
                 phase: .protocolViolation, expected: "unknown message type 0x7"),
        QueryLie(name: "an authentication request in the middle of a query",
                 response: WireBytes.cleartextPasswordRequest,
                 phase: .protocolViolation, expected: "Authentication in the middle of a query"),
        QueryLie(name: "CopyData outside COPY",
                 response: WireBytes.message("d", Array("1\tsecret\n".utf8)),
                 phase: .protocolViolation, expected: "CopyData outside COPY OUT"),
        QueryLie(name: "an ErrorResponse whose fields never end",
                 response: WireBytes.message("E", Array("SERROR\0C42000\0Mno terminator".utf8)),
                 phase: .protocolViolation, expected: "ErrorResponse"),
        QueryLie(name: "a ReadyForQuery with an unknown transaction status",
                 response: WireBytes.commandComplete("SELECT 0") + WireBytes.message("Z", [UInt8(ascii: "?")]),
                 phase: .protocolViolation, expected: "ReadyForQuery"),
        QueryLie(name: "a RowDescription announcing more columns than it holds",
                 response: WireBytes.message("T", WireBytes.int16(30000) + WireBytes.cString("a")),
                 phase: .protocolViolation, expected: "RowDescription announces 30000 columns"),
    ]

    @Test(arguments: queryLies)
    func queryResponseLieIsRefused(_ lie: QueryLie) throws {
        let server = try HostileServer(script: HostileScripts.answerQuery(with: lie.response))
        let outcome = HostileClient.run(server, query: "SELECT 1")
        let error = try #require(outcome.clientError())
        #expect(error.phase == lie.phase, "\(error)")
        #expect(error.message.contains(lie.expected), "\(error)")
        #expect(outcome.elapsed < .seconds(3), "refused promptly, not after a timeout")
        #expect(outcome.connection?.isClosed == true, "a connection that was lied to is not reused")
        #expect(server.waitForScript() == nil)
    }

    /// One lie told during startup or authentication.
    struct StartupLie: Sendable, CustomTestStringConvertible {
        let name: String
        let script: @Sendable (HostileSession) throws -> Void
        let phase: ConnectionPhase
        let expected: String
        var testDescription: String { name }

        init(_ name: String, phase: ConnectionPhase, expected: String, sending bytes: [UInt8]) {
            self.name = name
            self.phase = phase
            self.expected = expected
            script = { session in
                try session.readStartup()
                session.send(bytes)
                _ = session.waitForClientToLeave()
            }
        }

        init(_ name: String, phase: ConnectionPhase, expected: String, script: @escaping @Sendable (HostileSession) throws -> Void) {
            self.name = name
            self.phase = phase
            self.expected = expected
            self.script = script
        }
    }

    static let startupLies: [StartupLie] = [
        StartupLie("AuthenticationSASL offering no mechanism we support", phase: .authentication,
                   expected: "offered no SASL mechanism pgcheck supports (offered: SCRAM-SHA-1, OAUTHBEARER)",
                   sending: WireBytes.sasl(["SCRAM-SHA-1", "OAUTHBEARER"])),
        StartupLie("AuthenticationSASL offering nothing at all", phase: .authentication,
                   expected: "offered no SASL mechanism", sending: WireBytes.sasl([])),
        StartupLie("an unknown authentication method", phase: .protocolViolation,
                   expected: "unknown authentication method (code 99)", sending: WireBytes.authentication(99)),
        StartupLie("an MD5 request with a 2-byte salt", phase: .protocolViolation,
                   expected: "Authentication message truncated", sending: WireBytes.authentication(5, [1, 2])),
        StartupLie("ReadyForQuery before any authentication", phase: .protocolViolation,
                   expected: "ReadyForQuery before authentication completed", sending: WireBytes.readyForQuery()),
        StartupLie("a DataRow during startup", phase: .protocolViolation,
                   expected: "DataRow during startup", sending: WireBytes.dataRow(["x"])),
        StartupLie("a 1 GiB authentication message", phase: .protocolViolation,
                   expected: "over the 30000-byte limit", sending: WireBytes.header("R", announcing: 1 << 30)),
        StartupLie("a negative length during startup", phase: .protocolViolation,
                   expected: "invalid length -1", sending: WireBytes.header("R", announcing: -1)),
        StartupLie("SCRAM with a nonce that does not extend ours", phase: .authentication,
                   expected: "server nonce does not start with the client nonce",
                   script: HostileScripts.scram(serverFirst: { _ in "r=someoneElsesNonce123,s=c2FsdHNhbHQ=,i=4096" })),
        StartupLie("SCRAM with a nonce equal to ours", phase: .authentication,
                   expected: "server nonce adds nothing to the client nonce",
                   script: HostileScripts.scram(serverFirst: { "r=\($0),s=c2FsdHNhbHQ=,i=4096" })),
        StartupLie("SCRAM with an iteration count of zero", phase: .authentication,
                   expected: "server asked for 0 SCRAM iterations; at least 1 is required",
                   script: HostileScripts.scram(serverFirst: { "r=\($0)xyz,s=c2FsdHNhbHQ=,i=0" })),
        StartupLie("SCRAM with an iteration count of 10^9", phase: .authentication,
                   expected: "server asked for 1000000000 SCRAM iterations, more than the 10000000 this client allows",
                   script: HostileScripts.scram(serverFirst: { "r=\($0)xyz,s=c2FsdHNhbHQ=,i=1000000000" })),
        StartupLie("SCRAM with a salt that is not base64", phase: .authentication,
                   expected: "the salt is not valid base64",
                   script: HostileScripts.scram(serverFirst: { "r=\($0)xyz,s=!!!,i=4096" })),
        StartupLie("SCRAM server-final with a wrong signature", phase: .authentication,
                   expected: "server could not prove it knows the password",
                   script: HostileScripts.scram(serverFirst: { "r=\($0)xyz,s=c2FsdHNhbHQ=,i=4096" },
                                                serverFinal: "v=" + Data(repeating: 0x41, count: 32).base64EncodedString())),
        StartupLie("SCRAM server-final that is not a signature", phase: .authentication,
                   expected: "malformed SCRAM server-final-message",
                   script: HostileScripts.scram(serverFirst: { "r=\($0)xyz,s=c2FsdHNhbHQ=,i=4096" }, serverFinal: "x=nonsense")),
        StartupLie("AuthenticationOk in the middle of SCRAM (skipping the server's proof)", phase: .authentication,
                   expected: "accepted the login before completing SCRAM",
                   script: { session in
                       try session.readStartup()
                       session.send(WireBytes.sasl(["SCRAM-SHA-256"]))
                       _ = try session.readMessage()
                       session.send(WireBytes.authenticationOk + WireBytes.readyForQuery())
                       _ = session.waitForClientToLeave()
                   }),
    ]

    @Test(arguments: startupLies)
    func startupLieIsRefused(_ lie: StartupLie) throws {
        let server = try HostileServer(script: lie.script)
        let outcome = HostileClient.run(server)
        let error = try #require(outcome.clientError())
        #expect(error.phase == lie.phase, "\(error)")
        #expect(error.message.contains(lie.expected), "\(error)")
        #expect(outcome.elapsed < .seconds(3), "refused promptly (no PBKDF2 for a hostile iteration count)")
        #expect(!error.description.contains("hostile-password"))
        #expect(server.waitForScript() == nil)
    }

    @Test func aOneGiBRowAnnouncedThenCutKeepsMemoryBounded() throws {
        let sent = 4 << 20
        let server = try HostileServer(script: { session in
            try session.readStartup()
            session.send(WireBytes.trustStartup)
            _ = try session.readMessage()
            session.send(WireBytes.rowDescription(["a"]) + WireBytes.header("D", announcing: (1 << 30) + 4)
                + WireBytes.int16(1) + WireBytes.int32((1 << 30) - 6) + [UInt8](repeating: 0x78, count: sent))
            session.close()
        })
        let configuration = try ConnectionConfiguration.parse(server.url(), environment: TestClusters.environment)
        let connection = try PostgresConnection.connect(configuration)
        let before = ProcessResources.residentBytes()
        #expect(before > 1 << 20, "resident memory is readable")
        let error = try #require(throws: ClientError.self) { try connection.simpleQuery("SELECT huge") }
        let growth = ProcessResources.residentBytes() - before
        #expect(error.phase == .io)
        #expect(error.message.contains("server closed the connection unexpectedly in the middle of a DataRow message ('D', received"), "\(error)")
        #expect(error.message.contains("of 1,073,741,829 bytes"), "\(error)")
        #expect(growth < 100 << 20, "resident memory grew by \(growth >> 20) MiB for a 1 GiB announcement")
        #expect(connection.buffer.capacity <= 4 * sent, "the buffer grew only with the bytes that arrived (\(connection.buffer.capacity))")
        #expect(connection.isClosed)
    }

    @Test func aOneGiBRowAnnouncedThenStalledTimesOut() throws {
        let server = try HostileServer(script: { session in
            try session.readStartup()
            session.send(WireBytes.trustStartup)
            _ = try session.readMessage()
            session.send(WireBytes.rowDescription(["a"]) + WireBytes.header("D", announcing: 1 << 30) + [0, 1])
            _ = session.waitForClientToLeave()
        })
        let before = ProcessResources.residentBytes()
        let outcome = HostileClient.run(server, options: SessionOptions(readTimeout: .milliseconds(400)), query: "SELECT huge")
        let error = try #require(outcome.clientError())
        #expect(error.message.contains("no data arrived for 0.4 seconds (the read timeout)"), "\(error)")
        #expect(error.message.contains("in the middle of a DataRow message ('D', received 7 of 1,073,741,825 bytes)"), "\(error)")
        #expect(outcome.elapsed < .seconds(3))
        #expect(ProcessResources.residentBytes() - before < 100 << 20)
    }

    @Test func aLyingServerNeverSeesThePasswordInCleartextOverPlainTCP() throws {
        let server = try HostileServer(script: { session in
            try session.readStartup()
            session.send(WireBytes.cleartextPasswordRequest)
            // Whatever arrives next would be the password; the client must hang up instead.
            #expect(session.waitForClientToLeave(), "the client sent something instead of hanging up")
        })
        let outcome = HostileClient.run(server)
        let error = try #require(outcome.clientError())
        #expect(error.phase == .authentication)
        #expect(error.message.contains("in cleartext on a connection without TLS"), "\(error)")
        #expect(error.message.contains("require_auth=password"), "the error says how to allow it")
        #expect(server.waitForScript() == nil)
    }

    @Test func cleartextOverPlainTCPIsSentWhenRequireAuthNamesPassword() throws {
        let server = try HostileServer(script: { session in
            try session.readStartup()
            session.send(WireBytes.cleartextPasswordRequest)
            let password = try session.readMessage()
            #expect(password.type == "p")
            #expect(password.body == WireBytes.cString("hostile-password"))
            session.send(WireBytes.trustStartup)
            _ = session.waitForClientToLeave()
        })
        let outcome = HostileClient.run(server, parameters: ["require_auth": "password"])
        #expect(outcome.error == nil, "\(String(describing: outcome.error))")
        #expect(outcome.connection?.authenticationMethod == .cleartextPassword)
        outcome.connection?.close()
        #expect(server.waitForScript() == nil)
    }
}
