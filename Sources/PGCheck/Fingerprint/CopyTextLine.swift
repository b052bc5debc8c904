/// One row of `COPY … TO STDOUT` text format: fields separated by tabs, the line ending in `\n`.
///
/// COPY escapes tabs, newlines and backslashes inside values, so a raw tab is always a separator and
/// the raw field bytes identify a value unambiguously (NULL is `\N`, the two-character string `\N` is
/// `\\N`). The fingerprint hashes those raw bytes; only keys shown to people are unescaped.
enum CopyTextLine {
    /// Splits `line` (with or without its final `\n`) into exactly `count` field ranges.
    ///
    /// - Throws: ``FingerprintError`` when the server sent a different number of fields.
    static func split(_ line: UnsafeRawBufferPointer, count: Int, into fields: inout [Range<Int>]) throws {
        fields.removeAll(keepingCapacity: true)
        var end = line.count
        if end > 0 && line[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        var start = 0
        var index = 0
        while index < end {
            if line[index] == UInt8(ascii: "\t") {
                fields.append(start..<index)
                start = index + 1
            }
            index += 1
        }
        fields.append(start..<end)
        guard fields.count == count else {
            throw FingerprintError.invalidRequest("COPY returned a row with \(fields.count) fields where \(count) were selected")
        }
    }

    /// A field's value: nil for NULL (`\N`), otherwise the text with COPY's backslash escapes undone.
    static func value(_ field: UnsafeRawBufferPointer) -> String? {
        if field.count == 2 && field[0] == UInt8(ascii: "\\") && field[1] == UInt8(ascii: "N") { return nil }
        guard field.contains(UInt8(ascii: "\\")) else { return String(decoding: field, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.count)
        var index = 0
        while index < field.count {
            let byte = field[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < field.count else {
                bytes.append(byte)
                continue
            }
            let escaped = field[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "r"): bytes.append(UInt8(ascii: "\r"))
            case UInt8(ascii: "t"): bytes.append(UInt8(ascii: "\t"))
            case UInt8(ascii: "v"): bytes.append(0x0B)
            default: bytes.append(escaped)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
