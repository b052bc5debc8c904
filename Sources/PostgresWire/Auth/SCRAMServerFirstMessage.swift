import Foundation

extension SCRAMSHA256Client {
    /// A validated server-first-message: `r=<nonce>,s=<salt>,i=<iterations>` (RFC 5802 section 7).
    struct ServerFirstMessage {
        /// The combined nonce: the client nonce followed by the server's part.
        let nonce: String
        /// The decoded salt, never empty.
        let salt: [UInt8]
        /// The PBKDF2 iteration count, between 1 and ``SCRAMSHA256Client/maximumIterations``.
        let iterations: Int
        /// The message verbatim, which goes into the AuthMessage both sides sign.
        let text: String

        /// Parses and validates `bytes` against the nonce this client sent.
        ///
        /// - Throws: ``ClientError`` (`authentication`) describing the first problem found.
        init(_ bytes: [UInt8], clientNonce: String) throws {
            let name = "server-first-message"
            var attributes = try SCRAMAttributes(bytes, messageName: name)
            if attributes.nextName == "m" {
                throw ClientError(
                    .authentication, "server requires a SCRAM extension (m=) this client does not support"
                )
            }

            let nonce = try attributes.take("r", meaning: "nonce")
            guard nonce.utf8.starts(with: clientNonce.utf8) else {
                throw ClientError(
                    .authentication,
                    "server nonce does not start with the client nonce; refusing the connection"
                )
            }
            guard nonce.utf8.count > clientNonce.utf8.count else {
                throw ClientError(
                    .authentication, "server nonce adds nothing to the client nonce; refusing the connection"
                )
            }
            guard SCRAMSHA256Client.isValidNonce(nonce) else {
                throw SCRAMAttributes.malformed(name, "the nonce contains characters other than printable ASCII")
            }

            let encodedSalt = try attributes.take("s", meaning: "salt")
            guard let salt = Data(base64Encoded: String(encodedSalt)) else {
                throw SCRAMAttributes.malformed(name, "the salt is not valid base64")
            }
            guard !salt.isEmpty else {
                throw SCRAMAttributes.malformed(name, "the salt is empty")
            }

            let iterationText = try attributes.take("i", meaning: "iteration count")
            // Anything after i= would be extensions (RFC 5802 section 7), which we may ignore.

            self.nonce = String(nonce)
            self.salt = Array(salt)
            self.iterations = try Self.validatedIterations(iterationText)
            self.text = attributes.text
        }

        /// The iteration count in `text`, refused when it is not a number, below 1, or so large that
        /// deriving the key would tie up the CPU for a server that may be hostile.
        private static func validatedIterations(_ text: Substring) throws -> Int {
            let shown = SCRAMAttributes.printable(text)
            let digits = text.first == "-" ? text.dropFirst() : text
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw SCRAMAttributes.malformed(
                    "server-first-message", "the iteration count \"\(shown)\" is not a decimal number"
                )
            }
            // Only digits, yet no Int: the number overflows 64 bits one way or the other.
            let count = Int(text) ?? (text.first == "-" ? Int.min : Int.max)
            guard count >= 1 else {
                throw ClientError(
                    .authentication, "server asked for \(shown) SCRAM iterations; at least 1 is required"
                )
            }
            guard count <= SCRAMSHA256Client.maximumIterations else {
                throw ClientError(
                    .authentication,
                    "server asked for \(shown) SCRAM iterations, more than the "
                        + "\(SCRAMSHA256Client.maximumIterations) this client allows "
                        + "(a hostile server could make us burn CPU); refusing the connection"
                )
            }
            return count
        }
    }
}
