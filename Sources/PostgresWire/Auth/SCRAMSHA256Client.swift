import Foundation

/// The client side of a SCRAM-SHA-256 or SCRAM-SHA-256-PLUS exchange (RFC 5802, RFC 7677), as
/// PostgreSQL runs it inside `AuthenticationSASL` messages.
///
/// The exchange is three steps, in this order:
/// 1. ``clientFirstMessage()`` gives the bytes for `SASLInitialResponse`;
/// 2. ``receiveServerFirst(_:)`` takes `AuthenticationSASLContinue` and gives the bytes for `SASLResponse`;
/// 3. ``receiveServerFinal(_:)`` takes `AuthenticationSASLFinal` and checks that the server knows the password.
///
/// Every failure, including a step taken out of order, throws ``ClientError`` in the `authentication`
/// phase and leaves the exchange failed. Messages never contain the password or keys derived from it.
struct SCRAMSHA256Client: Sendable {
    /// The SASL name of the mechanism without channel binding.
    static let mechanismName = "SCRAM-SHA-256"
    /// The SASL name of the mechanism with channel binding.
    static let plusMechanismName = "SCRAM-SHA-256-PLUS"
    /// The most PBKDF2 iterations a server may ask for. PostgreSQL's default is 4096; a hostile server
    /// asking for billions could otherwise keep the client busy for hours.
    static let maximumIterations = 10_000_000

    private enum State: Sendable {
        case initial
        case awaitingServerFirst
        case awaitingServerFinal(expectedServerSignature: [UInt8])
        case finished
        case failed
    }

    /// The channel-binding choice announced in the GS2 header.
    let channelBinding: SCRAMChannelBinding
    /// The client's half of the nonce: printable ASCII without commas.
    let clientNonce: String
    /// `n=<user>,r=<client nonce>`: the client-first-message without its GS2 header.
    private let clientFirstMessageBare: String
    /// The SASLprep'd password as UTF-8. Emptied as soon as the keys are derived.
    private var preparedPassword: [UInt8]
    private var state = State.initial

    /// Prepares an exchange.
    ///
    /// - Parameters:
    ///   - username: the name for the `n=` attribute. PostgreSQL ignores it and authenticates the user
    ///     from the startup message, so pass `""` to send `n=,` exactly as libpq does (this also avoids
    ///     sending a name the server would have to parse). A non-empty name is escaped per RFC 5802.
    ///   - password: the password; it is prepared with ``saslPrep(_:)``.
    ///   - channelBinding: what to say about channel binding; `.tlsServerEndPoint` selects the PLUS mechanism.
    ///   - clientNonce: the client nonce, only for reproducing known exchanges in tests. By default it is
    ///     18 random bytes in base64, like libpq's.
    /// - Throws: ``ClientError`` (`authentication`) when random bytes are unavailable, the given nonce is
    ///   not printable ASCII without commas, or a channel-binding certificate hash is empty.
    init(
        username: String, password: String, channelBinding: SCRAMChannelBinding, clientNonce: String? = nil
    ) throws {
        if case .tlsServerEndPoint(let hash) = channelBinding, hash.isEmpty {
            throw ClientError(
                .authentication, "channel binding needs the server certificate hash, but it is empty"
            )
        }
        let nonce = try clientNonce ?? Data(Crypto.randomBytes(18)).base64EncodedString()
        guard Self.isValidNonce(nonce) else {
            throw ClientError(
                .authentication, "the SCRAM client nonce must be printable ASCII without commas"
            )
        }
        self.channelBinding = channelBinding
        self.clientNonce = nonce
        self.clientFirstMessageBare = "n=\(Self.escapedSASLName(saslPrep(username))),r=\(nonce)"
        self.preparedPassword = Array(saslPrep(password).utf8)
    }

    /// The SASL mechanism name to put in `SASLInitialResponse`: `SCRAM-SHA-256-PLUS` when binding to
    /// the TLS channel, `SCRAM-SHA-256` otherwise.
    var mechanism: String {
        channelBinding.bindsToChannel ? Self.plusMechanismName : Self.mechanismName
    }

    /// Whether the exchange completed and the server's proof was verified.
    var isFinished: Bool {
        if case .finished = state { true } else { false }
    }

    /// Whether the exchange completed over a bound channel, which is what `channel_binding=require` demands.
    var isChannelBound: Bool {
        isFinished && channelBinding.bindsToChannel
    }

    /// The client-first-message: GS2 header, then `n=<user>,r=<client nonce>`.
    ///
    /// Calling it again before the server answers returns the same bytes.
    mutating func clientFirstMessage() -> [UInt8] {
        if case .initial = state {
            state = .awaitingServerFirst
        }
        return Array((channelBinding.gs2Header + clientFirstMessageBare).utf8)
    }

    /// Reads the server-first-message and returns the client-final-message carrying the client proof.
    ///
    /// - Throws: ``ClientError`` (`authentication`) when the message is out of order or malformed, when
    ///   the server nonce does not extend ours, when the salt is not base64, or when the iteration count is
    ///   below 1 or above ``maximumIterations``.
    mutating func receiveServerFirst(_ message: [UInt8]) throws -> [UInt8] {
        switch state {
        case .awaitingServerFirst:
            break
        case .initial:
            throw Self.outOfOrder("received the server-first-message before sending the client-first-message")
        case .awaitingServerFinal:
            throw Self.outOfOrder("received a second server-first-message")
        case .finished, .failed:
            throw Self.exchangeOver(state)
        }
        do {
            let serverFirst = try ServerFirstMessage(message, clientNonce: clientNonce)
            let saltedPassword = Crypto.pbkdf2SHA256(
                password: preparedPassword, salt: serverFirst.salt, iterations: serverFirst.iterations
            )
            preparedPassword = []
            let channelBindingText = Data(channelBinding.channelBindingInput).base64EncodedString()
            let finalWithoutProof = "c=\(channelBindingText),r=\(serverFirst.nonce)"
            let authMessage = Array("\(clientFirstMessageBare),\(serverFirst.text),\(finalWithoutProof)".utf8)

            let clientKey = Crypto.hmacSHA256(key: saltedPassword, message: Array("Client Key".utf8))
            let storedKey = Crypto.sha256(clientKey)
            let clientSignature = Crypto.hmacSHA256(key: storedKey, message: authMessage)
            let proof = zip(clientKey, clientSignature).map { $0 ^ $1 }
            let serverKey = Crypto.hmacSHA256(key: saltedPassword, message: Array("Server Key".utf8))
            let serverSignature = Crypto.hmacSHA256(key: serverKey, message: authMessage)

            state = .awaitingServerFinal(expectedServerSignature: serverSignature)
            return Array("\(finalWithoutProof),p=\(Data(proof).base64EncodedString())".utf8)
        } catch {
            fail()
            throw error
        }
    }

    /// Reads the server-final-message and checks the server signature, which proves the server knows
    /// the password (or its SCRAM secret) rather than merely relaying our messages.
    ///
    /// - Throws: ``ClientError`` (`authentication`) when the message is out of order or malformed, when
    ///   the server reports an error (`e=`), or when the signature does not match.
    mutating func receiveServerFinal(_ message: [UInt8]) throws {
        let expectedSignature: [UInt8]
        switch state {
        case .awaitingServerFinal(let signature):
            expectedSignature = signature
        case .initial, .awaitingServerFirst:
            throw Self.outOfOrder("received the server-final-message before the server-first-message")
        case .finished, .failed:
            throw Self.exchangeOver(state)
        }
        do {
            let signature = try Self.serverSignature(in: message)
            guard Crypto.constantTimeEqual(signature, expectedSignature) else {
                throw ClientError(
                    .authentication, "server could not prove it knows the password; refusing the connection"
                )
            }
            state = .finished
        } catch {
            fail()
            throw error
        }
    }

    /// Ends the exchange for good after an error, forgetting the password.
    private mutating func fail() {
        state = .failed
        preparedPassword = []
    }

    /// The decoded `v=` signature of a server-final-message, or the server's `e=` error thrown.
    private static func serverSignature(in message: [UInt8]) throws -> [UInt8] {
        var attributes = try SCRAMAttributes(message, messageName: "server-final-message")
        if attributes.nextName == "e" {
            let reason = try attributes.take("e", meaning: "server error")
            throw ClientError(.authentication, serverErrorDescription(reason))
        }
        let encoded = try attributes.take("v", meaning: "server signature")
        guard let signature = Data(base64Encoded: String(encoded)), signature.count == Crypto.sha256Length else {
            throw SCRAMAttributes.malformed(
                "server-final-message", "the server signature is not \(Crypto.sha256Length) bytes of base64"
            )
        }
        // Anything after v= would be extensions (RFC 5802 section 7), which we may ignore.
        return Array(signature)
    }

    /// One line explaining a server `e=` error, with a hint for the values that have a usual cause.
    private static func serverErrorDescription(_ value: Substring) -> String {
        let shown = SCRAMAttributes.printable(value)
        let hint: String
        switch value {
        case "invalid-proof":
            hint = " (the password is wrong)"
        case "channel-bindings-dont-match":
            hint = " (the server certificate differs from the one we saw; something may be intercepting TLS)"
        case "server-does-support-channel-binding":
            hint = " (the server supports channel binding but was not offered it; something may be tampering)"
        default:
            hint = ""
        }
        return "server rejected the SCRAM exchange: \(shown)\(hint)"
    }

    /// An error for a step taken at the wrong time.
    private static func outOfOrder(_ detail: String) -> ClientError {
        ClientError(.authentication, "SCRAM exchange out of order: \(detail)")
    }

    /// An error for any step after the exchange already ended.
    private static func exchangeOver(_ state: State) -> ClientError {
        if case .finished = state {
            return outOfOrder("the exchange is already finished")
        }
        return outOfOrder("the exchange already failed; start a new one")
    }

    /// Whether `nonce` is a valid SCRAM nonce: printable ASCII other than comma (RFC 5802 section 7).
    static func isValidNonce(_ nonce: some StringProtocol) -> Bool {
        !nonce.isEmpty && nonce.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ",") }
    }

    /// `name` as an RFC 5802 `saslname`: `=` becomes `=3D` and `,` becomes `=2C`.
    static func escapedSASLName(_ name: String) -> String {
        var escaped = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "=": escaped += "=3D"
            case ",": escaped += "=2C"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
