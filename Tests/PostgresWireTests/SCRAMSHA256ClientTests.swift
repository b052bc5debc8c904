import Foundation
import Testing

@testable import PostgresWire

/// The RFC 7677 section 3 example exchange.
enum RFC7677 {
    static let clientNonce = "rOprNGfwEbeRWgbNEkqO"
    static let combinedNonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    static let serverFirst = "r=\(combinedNonce),s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
    static let clientFinal = "c=biws,r=\(combinedNonce),p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
    static let serverFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="

    static func client(
        username: String = "user", password: String = "pencil", channelBinding: SCRAMChannelBinding = .unsupported
    ) throws -> SCRAMSHA256Client {
        try SCRAMSHA256Client(
            username: username, password: password, channelBinding: channelBinding, clientNonce: clientNonce
        )
    }
}

extension String {
    /// The UTF-8 bytes, the form SCRAM messages travel in.
    fileprivate var bytes: [UInt8] { Array(utf8) }
}

@Suite("SCRAM-SHA-256 client: the RFC 7677 exchange and its variants")
struct SCRAMSHA256ClientTests {
    @Test("reproduces RFC 7677 section 3 byte for byte")
    func rfc7677Example() throws {
        var client = try RFC7677.client()
        #expect(client.mechanism == "SCRAM-SHA-256")
        #expect(client.clientFirstMessage() == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO".bytes)
        let clientFinal = try client.receiveServerFirst(RFC7677.serverFirst.bytes)
        #expect(String(decoding: clientFinal, as: UTF8.self) == RFC7677.clientFinal)
        #expect(!client.isFinished)
        try client.receiveServerFinal(RFC7677.serverFinal.bytes)
        #expect(client.isFinished)
        #expect(!client.isChannelBound)
    }

    @Test("an empty username is sent as n=, the way libpq does")
    func emptyUsername() throws {
        var client = try RFC7677.client(username: "")
        #expect(client.clientFirstMessage() == "n,,n=,r=rOprNGfwEbeRWgbNEkqO".bytes)
    }

    @Test("'=' and ',' in a username are escaped as =3D and =2C")
    func usernameEscaping() throws {
        var client = try RFC7677.client(username: "a=b,c")
        #expect(client.clientFirstMessage() == "n,,n=a=3Db=2Cc,r=rOprNGfwEbeRWgbNEkqO".bytes)
    }

    @Test("the password goes through SASLprep before key derivation")
    func passwordIsPrepared() throws {
        // "I<soft hyphen>X" prepares to "IX"; expected proof computed with Python for password "IX".
        var client = try RFC7677.client(password: "I\u{00AD}X")
        _ = client.clientFirstMessage()
        let clientFinal = try client.receiveServerFirst(RFC7677.serverFirst.bytes)
        #expect(
            String(decoding: clientFinal, as: UTF8.self)
                == "c=biws,r=\(RFC7677.combinedNonce),p=Ccfz+MPysZ5YsRatnfoQRtOYQ0RquqCRk+EhNl23pFE="
        )
        try client.receiveServerFinal("v=oSLkEWhkxIA3AphzDz+SheC1WRVNS+NlSwxyipFvUvI=".bytes)
        #expect(client.isFinished)
    }

    @Test("a generated nonce is 18 random bytes in base64 and differs every time")
    func generatedNonce() throws {
        let first = try SCRAMSHA256Client(username: "", password: "pw", channelBinding: .unsupported)
        let second = try SCRAMSHA256Client(username: "", password: "pw", channelBinding: .unsupported)
        #expect(first.clientNonce.count == 24)
        #expect(Data(base64Encoded: first.clientNonce)?.count == 18)
        #expect(first.clientNonce != second.clientNonce)
    }

    @Test("a wrong server signature is refused")
    func wrongServerSignature() throws {
        var client = try RFC7677.client()
        _ = client.clientFirstMessage()
        _ = try client.receiveServerFirst(RFC7677.serverFirst.bytes)
        var forged = Array(try #require(Data(base64Encoded: String(RFC7677.serverFinal.dropFirst(2)))))
        forged[0] ^= 0x01
        let error = #expect(throws: ClientError.self) {
            try client.receiveServerFinal("v=\(Data(forged).base64EncodedString())".bytes)
        }
        #expect(error?.phase == .authentication)
        #expect(error?.message == "server could not prove it knows the password; refusing the connection")
        #expect(!client.isFinished)
    }

    @Test("a server error e= is surfaced with its value")
    func serverError() throws {
        var client = try RFC7677.client()
        _ = client.clientFirstMessage()
        _ = try client.receiveServerFirst(RFC7677.serverFirst.bytes)
        let error = #expect(throws: ClientError.self) {
            try client.receiveServerFinal("e=invalid-proof".bytes)
        }
        #expect(error?.message == "server rejected the SCRAM exchange: invalid-proof (the password is wrong)")
    }

    @Test("the exchange is over after a failure")
    func failureIsFinal() throws {
        var client = try RFC7677.client()
        _ = client.clientFirstMessage()
        _ = try client.receiveServerFirst(RFC7677.serverFirst.bytes)
        #expect(throws: ClientError.self) { try client.receiveServerFinal("e=other-error".bytes) }
        let error = #expect(throws: ClientError.self) { try client.receiveServerFinal(RFC7677.serverFinal.bytes) }
        #expect(error?.message == "SCRAM exchange out of order: the exchange already failed; start a new one")
        #expect(!client.isFinished)
    }
}

@Suite("SCRAM-SHA-256 client: channel binding")
struct SCRAMChannelBindingTests {
    static let certificateHash = Crypto.sha256(Array("certificate".utf8))

    @Test("GS2 headers and c= values", arguments: [
        (SCRAMChannelBinding.unsupported, "n,,", "biws"),
        (.supportedButNotUsed, "y,,", "eSws"),
        (
            .tlsServerEndPoint(certificateHash: SCRAMChannelBindingTests.certificateHash),
            "p=tls-server-end-point,,",
            "cD10bHMtc2VydmVyLWVuZC1wb2ludCwsA9Zt0Ig1wco/EozOrNHzGslBYwlrIPRFroQoW8CDLXI="
        ),
    ])
    func headers(binding: SCRAMChannelBinding, header: String, channelBindingValue: String) throws {
        var client = try RFC7677.client(username: "", channelBinding: binding)
        #expect(client.clientFirstMessage() == "\(header)n=,r=\(RFC7677.clientNonce)".bytes)
        let clientFinal = String(decoding: try client.receiveServerFirst(RFC7677.serverFirst.bytes), as: UTF8.self)
        #expect(clientFinal.hasPrefix("c=\(channelBindingValue),r=\(RFC7677.combinedNonce),p="))
        // c= is base64(gs2-header + cbind-data).
        let decoded = Data(base64Encoded: channelBindingValue).map(Array.init)
        #expect(decoded == Array(header.utf8) + (binding.bindsToChannel ? Self.certificateHash : []))
    }

    @Test("SCRAM-SHA-256-PLUS exchange matches an independent computation")
    func plusExchange() throws {
        var client = try RFC7677.client(
            username: "", channelBinding: .tlsServerEndPoint(certificateHash: Self.certificateHash)
        )
        #expect(client.mechanism == "SCRAM-SHA-256-PLUS")
        _ = client.clientFirstMessage()
        let clientFinal = String(decoding: try client.receiveServerFirst(RFC7677.serverFirst.bytes), as: UTF8.self)
        #expect(clientFinal.hasSuffix(",p=+zCdMK4l2JRBX6aaOY99rhAluhUDgC1judMOSldbSW0="))
        try client.receiveServerFinal("v=hvxs8NC6p2j23GdNkoOcIr90RKXwCdx7cZgArRYoUIo=".bytes)
        #expect(client.isChannelBound)
    }

    @Test("the y,, header is part of what both sides sign")
    func supportedButNotUsedExchange() throws {
        var client = try RFC7677.client(username: "", channelBinding: .supportedButNotUsed)
        #expect(client.mechanism == "SCRAM-SHA-256")
        _ = client.clientFirstMessage()
        let clientFinal = String(decoding: try client.receiveServerFirst(RFC7677.serverFirst.bytes), as: UTF8.self)
        #expect(clientFinal.hasSuffix(",p=VpuC5DGQa5ro9tXE9MnKs69NH1nxnuregZZcclqIGfM="))
        try client.receiveServerFinal("v=FOmOj9BpTGwvnzwBtWQjBaPmVxT9I8IeHBOhcIPu3us=".bytes)
        #expect(client.isFinished)
        #expect(!client.isChannelBound)
    }

    @Test("an empty certificate hash is refused up front")
    func emptyHash() {
        let error = #expect(throws: ClientError.self) {
            try SCRAMSHA256Client(
                username: "", password: "pencil", channelBinding: .tlsServerEndPoint(certificateHash: [])
            )
        }
        #expect(error?.phase == .authentication)
    }
}
