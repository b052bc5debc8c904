/// A server SCRAM message split into its `letter=value` attributes (RFC 5802 section 5), in order.
///
/// Parsing only checks the shape; the client checks which attributes must appear and what they hold.
struct SCRAMAttributes {
    /// One `letter=value` pair.
    struct Attribute {
        /// The attribute letter, for example `r` for the nonce.
        var name: Character
        /// Everything after the `=`, up to the next comma.
        var value: Substring
    }

    /// The attributes in the order the server sent them.
    private(set) var attributes: [Attribute]
    /// The message as text, needed verbatim for the SCRAM AuthMessage.
    let text: String
    /// Which message this is, for error messages: "server-first-message" or "server-final-message".
    let messageName: String

    /// Splits `bytes` into attributes.
    ///
    /// - Throws: ``ClientError`` (`authentication`) when the message is empty, not UTF-8, contains a NUL
    ///   byte or holds something that is not `letter=value`.
    init(_ bytes: [UInt8], messageName: String) throws {
        self.messageName = messageName
        guard !bytes.isEmpty else {
            throw Self.malformed(messageName, "the message is empty")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Self.malformed(messageName, "the message is not valid UTF-8")
        }
        guard !bytes.contains(0) else {
            throw Self.malformed(messageName, "the message contains a NUL byte")
        }
        self.text = text
        attributes = []
        // Split on bytes, not Characters: a comma followed by a combining mark is one Character.
        for field in text.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let name = field.first ?? 0
            guard
                field.count >= 2, (0x41...0x5A).contains(name) || (0x61...0x7A).contains(name),
                field[field.index(after: field.startIndex)] == UInt8(ascii: "=")
            else {
                throw Self.malformed(
                    messageName, "\"\(Self.printable(Substring(field)))\" is not an attribute of the form x=value"
                )
            }
            let value = Substring(field.dropFirst(2))
            attributes.append(Attribute(name: Character(Unicode.Scalar(name)), value: value))
        }
    }

    /// Removes and returns the next attribute, which must be named `name`.
    ///
    /// - Throws: ``ClientError`` (`authentication`) naming the attribute that is missing or out of place.
    mutating func take(_ name: Character, meaning: String) throws -> Substring {
        guard let next = attributes.first else {
            throw Self.malformed(messageName, "the \(meaning) attribute \"\(name)=\" is missing")
        }
        guard next.name == name else {
            throw Self.malformed(
                messageName, "expected the \(meaning) attribute \"\(name)=\" but found \"\(next.name)=\""
            )
        }
        attributes.removeFirst()
        return next.value
    }

    /// The next attribute's name, if any is left.
    var nextName: Character? { attributes.first?.name }

    /// An error for a message that does not follow the SCRAM grammar.
    static func malformed(_ messageName: String, _ detail: String) -> ClientError {
        ClientError(.authentication, "malformed SCRAM \(messageName): \(detail)")
    }

    /// Server-chosen text made safe to quote in one line: printable ASCII only, at most 64 characters.
    static func printable(_ text: some StringProtocol) -> String {
        let limit = 64
        var result = String(text.unicodeScalars.prefix(limit).map { scalar -> Character in
            (0x20...0x7E).contains(scalar.value) ? Character(scalar) : "?"
        })
        if text.unicodeScalars.count > limit {
            result += "..."
        }
        return result
    }
}
