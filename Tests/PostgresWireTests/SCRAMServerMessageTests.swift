import Testing

@testable import PostgresWire

extension String {
    /// The UTF-8 bytes, the form SCRAM messages travel in.
    fileprivate var bytes: [UInt8] { Array(utf8) }
}

@Suite("SCRAM-SHA-256 client: hostile and malformed server messages")
struct SCRAMServerMessageTests {
    /// A client that has sent its first message and waits for the server-first-message.
    static func waitingClient() throws -> SCRAMSHA256Client {
        var client = try RFC7677.client()
        _ = client.clientFirstMessage()
        return client
    }

    /// The message of the error `serverFirst` makes the client throw, or nil when it throws none.
    static func serverFirstError(_ serverFirst: [UInt8]) throws -> ClientError? {
        var client = try waitingClient()
        let error = #expect(throws: ClientError.self) { try client.receiveServerFirst(serverFirst) }
        #expect(error?.phase == .authentication)
        return error
    }

    static let salt = "s=W22ZaJ0SNY7soEsUEjb6gQ=="
    static let nonce = "r=\(RFC7677.combinedNonce)"

    @Test("server-first-messages that are refused, with the reason given", arguments: [
        (
            "r=someoneElsesNonce123,\(salt),i=4096",
            "server nonce does not start with the client nonce; refusing the connection"
        ),
        (
            "r=rOprNGfwEbeRWgbNEkq,\(salt),i=4096",
            "server nonce does not start with the client nonce; refusing the connection"
        ),
        (
            "r=\(RFC7677.clientNonce),\(salt),i=4096",
            "server nonce adds nothing to the client nonce; refusing the connection"
        ),
        (
            "\(nonce),\(salt),i=0",
            "server asked for 0 SCRAM iterations; at least 1 is required"
        ),
        (
            "\(nonce),\(salt),i=-5",
            "server asked for -5 SCRAM iterations; at least 1 is required"
        ),
        (
            "\(nonce),\(salt),i=1000000000",
            "server asked for 1000000000 SCRAM iterations, more than the 10000000 this client allows "
                + "(a hostile server could make us burn CPU); refusing the connection"
        ),
        (
            "\(nonce),\(salt),i=99999999999999999999999",
            "server asked for 99999999999999999999999 SCRAM iterations, more than the 10000000 this client "
                + "allows (a hostile server could make us burn CPU); refusing the connection"
        ),
        (
            "\(nonce),\(salt),i=4k",
            "malformed SCRAM server-first-message: the iteration count \"4k\" is not a decimal number"
        ),
        (
            "\(nonce),s=not*base64,i=4096",
            "malformed SCRAM server-first-message: the salt is not valid base64"
        ),
        (
            "\(nonce),s=,i=4096",
            "malformed SCRAM server-first-message: the salt is empty"
        ),
        (
            "\(nonce),i=4096,\(salt)",
            "malformed SCRAM server-first-message: expected the salt attribute \"s=\" but found \"i=\""
        ),
        (
            "\(nonce),\(salt)",
            "malformed SCRAM server-first-message: the iteration count attribute \"i=\" is missing"
        ),
        (
            "\(nonce),,\(salt),i=4096",
            "malformed SCRAM server-first-message: \"\" is not an attribute of the form x=value"
        ),
        (
            "m=required-extension,\(nonce),\(salt),i=4096",
            "server requires a SCRAM extension (m=) this client does not support"
        ),
        (
            "",
            "malformed SCRAM server-first-message: the message is empty"
        ),
    ])
    func refused(serverFirst: String, message: String) throws {
        #expect(try Self.serverFirstError(serverFirst.bytes)?.message == message)
    }

    @Test("bytes that are not UTF-8, or contain NUL, are refused")
    func badBytes() throws {
        let invalidUTF8 = "r=".bytes + [0xC3, 0x28] + ",\(Self.salt),i=4096".bytes
        #expect(
            try Self.serverFirstError(invalidUTF8)?.message
                == "malformed SCRAM server-first-message: the message is not valid UTF-8"
        )
        let withNUL = "\(Self.nonce),\(Self.salt),i=4096".bytes + [0]
        #expect(
            try Self.serverFirstError(withNUL)?.message
                == "malformed SCRAM server-first-message: the message contains a NUL byte"
        )
    }

    @Test("extensions after the iteration count are ignored, as RFC 5802 allows")
    func trailingExtension() throws {
        var client = try Self.waitingClient()
        let clientFinal = try client.receiveServerFirst("\(RFC7677.serverFirst),x=extension".bytes)
        #expect(String(decoding: clientFinal, as: UTF8.self).hasPrefix("c=biws,r=\(RFC7677.combinedNonce),p="))
    }

    @Test("server-final-messages that are refused", arguments: [
        ("v=not*base64", "malformed SCRAM server-final-message: the server signature is not 32 bytes of base64"),
        ("v=AAAA", "malformed SCRAM server-final-message: the server signature is not 32 bytes of base64"),
        (
            "x=1",
            "malformed SCRAM server-final-message: expected the server signature attribute \"v=\" but found \"x=\""
        ),
        ("e=unknown-user", "server rejected the SCRAM exchange: unknown-user"),
        (
            "e=channel-bindings-dont-match",
            "server rejected the SCRAM exchange: channel-bindings-dont-match "
                + "(the server certificate differs from the one we saw; something may be intercepting TLS)"
        ),
        ("e=bad\u{1B}[31mred", "server rejected the SCRAM exchange: bad?[31mred"),
    ])
    func serverFinalRefused(serverFinal: String, message: String) throws {
        var client = try Self.waitingClient()
        _ = try client.receiveServerFirst(RFC7677.serverFirst.bytes)
        let error = #expect(throws: ClientError.self) { try client.receiveServerFinal(serverFinal.bytes) }
        #expect(error?.message == message)
    }

    @Test("steps out of order are refused")
    func outOfOrder() throws {
        var fresh = try RFC7677.client()
        let beforeFirst = #expect(throws: ClientError.self) { try fresh.receiveServerFirst(RFC7677.serverFirst.bytes) }
        #expect(
            beforeFirst?.message
                == "SCRAM exchange out of order: "
                + "received the server-first-message before sending the client-first-message"
        )

        var waiting = try Self.waitingClient()
        let finalTooSoon = #expect(throws: ClientError.self) {
            try waiting.receiveServerFinal(RFC7677.serverFinal.bytes)
        }
        #expect(
            finalTooSoon?.message
                == "SCRAM exchange out of order: received the server-final-message before the server-first-message"
        )

        var client = try Self.waitingClient()
        _ = try client.receiveServerFirst(RFC7677.serverFirst.bytes)
        let secondFirst = #expect(throws: ClientError.self) { try client.receiveServerFirst(RFC7677.serverFirst.bytes) }
        #expect(secondFirst?.message == "SCRAM exchange out of order: received a second server-first-message")

        try client.receiveServerFinal(RFC7677.serverFinal.bytes)
        let afterEnd = #expect(throws: ClientError.self) { try client.receiveServerFinal(RFC7677.serverFinal.bytes) }
        #expect(afterEnd?.message == "SCRAM exchange out of order: the exchange is already finished")
    }

    @Test("no error message contains the password")
    func passwordNeverInErrors() throws {
        let password = "s3cret-pencil"
        var client = try SCRAMSHA256Client(
            username: "", password: password, channelBinding: .unsupported, clientNonce: RFC7677.clientNonce
        )
        _ = client.clientFirstMessage()
        _ = try client.receiveServerFirst(RFC7677.serverFirst.bytes)
        let error = #expect(throws: ClientError.self) { try client.receiveServerFinal(RFC7677.serverFinal.bytes) }
        #expect(error != nil)
        #expect(error?.description.contains(password) == false)
    }
}
