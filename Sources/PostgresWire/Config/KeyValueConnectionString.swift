/// libpq's `keyword = value` connection strings (`conninfo_parse`).
///
/// Pairs are separated by whitespace; whitespace around `=` is allowed. A value is either a run
/// of non-space bytes or a single-quoted string; in both, a backslash takes the next byte
/// literally, so `'it\'s'` is `it's` and `'a\\b'` is `a\b`. Unknown keywords are errors.
enum KeyValueConnectionString {
    private static let equals = UInt8(ascii: "=")
    private static let quote = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")

    /// Parses `text` into the pairs it sets; throws ``ClientError`` (`.configuration`).
    static func parse(_ text: String) throws -> ConnectionParameters {
        let bytes = Array(text.utf8)
        var parameters = ConnectionParameters()
        var index = 0

        while index < bytes.count {
            if ConnectionStringBytes.isSpace(bytes[index]) {
                index += 1
                continue
            }

            let nameStart = index
            var nameEnd: Int?
            while index < bytes.count, bytes[index] != equals {
                if ConnectionStringBytes.isSpace(bytes[index]) {
                    nameEnd = index
                    while index < bytes.count, ConnectionStringBytes.isSpace(bytes[index]) { index += 1 }
                    break
                }
                index += 1
            }
            let name = ConnectionStringBytes.string(bytes[nameStart..<(nameEnd ?? index)])
            guard index < bytes.count, bytes[index] == equals else {
                throw missingEquals(after: name, previous: parameters.lastStoredKeyword)
            }
            index += 1
            let valueSearchStart = index
            while index < bytes.count, ConnectionStringBytes.isSpace(bytes[index]) { index += 1 }
            if index > valueSearchStart, let next = keywordAssignment(in: bytes, at: index) {
                throw emptyValueSwallowsNext(name, next: next)
            }

            let value: [UInt8]
            if index < bytes.count, bytes[index] == quote {
                value = try quotedValue(bytes, from: &index)
            } else {
                value = bareValue(bytes, from: &index)
            }

            guard parameters.store(keyword: name, value: ConnectionStringBytes.string(value)) else {
                throw ClientError(
                    .configuration,
                    "invalid connection option \"\(name)\"\(ConnectionKeyword.suggestion(for: name))")
            }
        }
        return parameters
    }

    /// The keyword of a `keyword=` at `index`, if the bytes there start one.
    private static func keywordAssignment(in bytes: [UInt8], at index: Int) -> String? {
        var end = index
        while end < bytes.count, bytes[end] != equals, !ConnectionStringBytes.isSpace(bytes[end]), bytes[end] != backslash { end += 1 }
        guard end < bytes.count, bytes[end] == equals, end > index else { return nil }
        let word = ConnectionStringBytes.string(bytes[index..<end])
        return ConnectionKeyword.named(word) == nil ? nil : word
    }

    /// `host= password=secret`: libpq skips the blanks after `=` and takes `password=secret` as the
    /// host, which then shows up in descriptions and "could not translate host name" errors. pgcheck
    /// refuses it instead, without repeating the swallowed value (it may be a secret).
    private static func emptyValueSwallowsNext(_ name: String, next: String) -> ClientError {
        ClientError(
            .configuration,
            "\"\(name)\" has no value before the next setting \"\(next)=\", which libpq would take as its value; "
                + "write \(name)='' for an empty value, or remove the blank after \"\(name)=\"")
    }

    /// Reads an unquoted value up to the next whitespace, consuming that whitespace byte.
    private static func bareValue(_ bytes: [UInt8], from index: inout Int) -> [UInt8] {
        var value: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if ConnectionStringBytes.isSpace(byte) {
                index += 1
                break
            }
            if byte == backslash {
                index += 1
                if index < bytes.count {
                    value.append(bytes[index])
                    index += 1
                }
            } else {
                value.append(byte)
                index += 1
            }
        }
        return value
    }

    /// Reads a single-quoted value; `index` points at the opening quote.
    private static func quotedValue(_ bytes: [UInt8], from index: inout Int) throws -> [UInt8] {
        var value: [UInt8] = []
        index += 1
        while true {
            guard index < bytes.count else {
                throw ClientError(.configuration, "unterminated quoted string in connection info string")
            }
            let byte = bytes[index]
            if byte == backslash {
                index += 1
                if index < bytes.count {
                    value.append(bytes[index])
                    index += 1
                }
                continue
            }
            index += 1
            if byte == quote { return value }
            value.append(byte)
        }
    }

    /// libpq's `missing "=" after "x"`, except when `x` may be the tail of an unquoted secret
    /// (`password=two words`): then the word is not repeated and the fix is spelled out.
    private static func missingEquals(after name: String, previous: ConnectionKeyword?) -> ClientError {
        if let previous, previous.isSecret {
            return ClientError(
                .configuration,
                "missing \"=\" after the value of \"\(previous.name)\" in connection info string; "
                    + "quote a value that contains spaces: \(previous.name)='...'")
        }
        return ClientError(.configuration, "missing \"=\" after \"\(name)\" in connection info string")
    }
}
