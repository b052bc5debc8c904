import Foundation
import PGTestSupport

/// Test support: server scripts shared by the hostile tests.
enum HostileScripts {
    /// Trust startup, then reads the client's query and answers with `response`, then waits for the
    /// client to hang up.
    static func answerQuery(with response: [UInt8]) -> @Sendable (HostileSession) throws -> Void {
        { session in
            try session.readStartup()
            session.send(WireBytes.trustStartup)
            let query = try session.readMessage()
            guard query.type == "Q" else { throw TestSetupError("expected a Query, got '\(query.type)'") }
            session.send(response)
            _ = session.waitForClientToLeave()
        }
    }

    /// Offers SCRAM-SHA-256, reads the client-first-message, and answers with `serverFirst(clientNonce)`;
    /// then, if `serverFinal` is given, reads the client-final-message and answers with it.
    static func scram(
        serverFirst: @escaping @Sendable (String) -> String, serverFinal: String? = nil
    ) -> @Sendable (HostileSession) throws -> Void {
        { session in
            try session.readStartup()
            session.send(WireBytes.sasl(["SCRAM-SHA-256"]))
            let initial = try session.readMessage()
            let text = String(decoding: initial.body, as: UTF8.self)
            guard initial.type == "p", let range = text.range(of: ",r=") else {
                throw TestSetupError("expected a SASLInitialResponse, got '\(initial.type)'")
            }
            let nonce = String(text[range.upperBound...].prefix { $0 != "," && $0 != "\0" })
            session.send(WireBytes.saslContinue(serverFirst(nonce)))
            if let serverFinal {
                let response = try session.readMessage()
                guard response.type == "p" else { throw TestSetupError("expected a SASLResponse, got '\(response.type)'") }
                session.send(WireBytes.saslFinal(serverFinal))
            }
            _ = session.waitForClientToLeave()
        }
    }
}
