/// Reads the text form of a one-dimensional array as `array_out` prints it: `{1,2,3}`, `{"a b","c\"d",NULL}`,
/// `{}`, optionally preceded by bounds such as `[0:2]=`. Elements are handed to the element decoder as views
/// of the input; only an element containing backslash escapes is unescaped, into one reused scratch buffer.
enum ArrayTextParser {
    static func decode<Element: PostgresDecodable>(
        _ raw: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID, as _: Element.Type
    ) throws -> [Element] {
        func failure(_ reason: String) -> PostgresDecodingError {
            PostgresDecodingError([Element].self, type, format, reason)
        }
        if format == .binary, !PostgresTypeOID.isTextLike(type) {
            throw failure("not an array in text form")
        }
        // Text-like columns give no element type: elements are then parsed as text of the Swift type.
        let elementType = PostgresTypeOID.elementOID(forArray: type) ?? 0
        let bytes = ASCII.trimmed(raw)
        var cursor = ASCIICursor(bytes)
        if cursor.peek == UInt8(ascii: "[") {
            while let byte = cursor.peek, byte != UInt8(ascii: "=") { cursor.index += 1 }
            guard cursor.consume(UInt8(ascii: "=")) else { throw failure("array bounds without '='") }
        }
        guard cursor.consume(UInt8(ascii: "{")) else {
            throw failure("\(PostgresDecodingError.preview(bytes)) does not start with '{'")
        }
        var result: [Element] = []
        var scratch: [UInt8] = []
        cursor.skipSpaces()
        if cursor.consume(UInt8(ascii: "}")) {
            cursor.skipSpaces()
            guard cursor.isAtEnd else { throw failure("text after the closing '}'") }
            return result
        }
        // One allocation for the result: commas bound the element count (quoted commas only over-reserve).
        result.reserveCapacity(bytes.reduce(1) { $1 == UInt8(ascii: ",") ? $0 + 1 : $0 })
        while true {
            cursor.skipSpaces()
            let index = result.count + 1
            guard let first = cursor.peek else { throw failure("unterminated array") }
            if first == UInt8(ascii: "{") { throw failure("multi-dimensional arrays are not supported, only one dimension") }
            do {
                let element = try readElement(&cursor, scratch: &scratch, failure: failure)
                switch element {
                case .null:
                    result.append(try Element.decodeNull(type: elementType, format: .text))
                case .view(let range):
                    let view = UnsafeRawBufferPointer(rebasing: bytes[range])
                    result.append(try Element.decode(from: view, format: .text, type: elementType))
                case .scratch:
                    result.append(try scratch.withUnsafeBytes { try Element.decode(from: $0, format: .text, type: elementType) })
                }
            } catch let error as PostgresDecodingError where error.swiftType != String(describing: [Element].self) {
                throw failure("element \(index): \(error)")
            }
            cursor.skipSpaces()
            if cursor.consume(UInt8(ascii: ",")) { continue }
            guard cursor.consume(UInt8(ascii: "}")) else { throw failure("expected ',' or '}' after element \(index)") }
            cursor.skipSpaces()
            guard cursor.isAtEnd else { throw failure("text after the closing '}'") }
            return result
        }
    }

    /// Where an element's text is: a range of the input, the scratch buffer (after unescaping), or NULL.
    private enum ElementText {
        case null
        case view(Range<Int>)
        case scratch
    }

    private static func readElement(
        _ cursor: inout ASCIICursor, scratch: inout [UInt8], failure: (String) -> PostgresDecodingError
    ) throws -> ElementText {
        let bytes = cursor.bytes
        if cursor.consume(UInt8(ascii: "\"")) {
            let start = cursor.index
            var escaped = false
            while let byte = cursor.peek, byte != UInt8(ascii: "\"") {
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    cursor.index += 1
                    guard !cursor.isAtEnd else { break }
                }
                cursor.index += 1
            }
            let end = cursor.index
            guard cursor.consume(UInt8(ascii: "\"")) else { throw failure("unterminated quoted element") }
            guard escaped else { return .view(start..<end) }
            unescape(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), into: &scratch)
            return .scratch
        }
        let start = cursor.index
        var escaped = false
        var significantEnd = start  // just past the last byte that is not unescaped trailing whitespace
        while let byte = cursor.peek, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}") {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "{") { throw failure("unexpected '\(Character(Unicode.Scalar(byte)))' in an unquoted element") }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                cursor.index += 1
                guard !cursor.isAtEnd else { throw failure("backslash at the end of the array") }
                cursor.index += 1
                significantEnd = cursor.index
                continue
            }
            cursor.index += 1
            if !ASCII.isSpace(byte) { significantEnd = cursor.index }
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[start..<significantEnd])
        guard !text.isEmpty else { throw failure("empty unquoted element") }
        if !escaped {
            return ASCII.equalsIgnoringCase(text, "null") ? .null : .view(start..<significantEnd)
        }
        unescape(text, into: &scratch)
        return .scratch
    }

    /// Copies `text` into `scratch`, a backslash making the next byte literal.
    private static func unescape(_ text: UnsafeRawBufferPointer, into scratch: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        var index = 0
        while index < text.count {
            if text[index] == UInt8(ascii: "\\"), index + 1 < text.count { index += 1 }
            scratch.append(text[index])
            index += 1
        }
    }
}
