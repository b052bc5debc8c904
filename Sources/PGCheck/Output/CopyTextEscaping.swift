/// PostgreSQL's COPY text format escaping of one field (`CopyAttributeOutText` with a tab delimiter):
/// backslash, tab, newline, carriage return, backspace, form feed and vertical tab become `\\`, `\t`,
/// `\n`, `\r`, `\b`, `\f` and `\v`; NULL is `\N`. What `pgcheck smoke --format tsv` prints and what a
/// fingerprint hashes.
enum CopyTextEscaping {
    /// The letter after the backslash for bytes COPY text format escapes, nil for bytes written as they are.
    @inline(__always) static func escape(for byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\\"): return UInt8(ascii: "\\")
        case UInt8(ascii: "\t"): return UInt8(ascii: "t")
        case UInt8(ascii: "\n"): return UInt8(ascii: "n")
        case UInt8(ascii: "\r"): return UInt8(ascii: "r")
        case 0x08: return UInt8(ascii: "b")
        case 0x0C: return UInt8(ascii: "f")
        case 0x0B: return UInt8(ascii: "v")
        default: return nil
        }
    }

    /// Appends the field for `text` (nil for NULL: `\N`).
    static func append(_ text: UnsafeRawBufferPointer?, to output: inout [UInt8]) {
        guard let text else {
            output.append(UInt8(ascii: "\\"))
            output.append(UInt8(ascii: "N"))
            return
        }
        var start = 0
        for index in 0..<text.count {
            guard let escape = escape(for: text[index]) else { continue }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[start..<index]))
            output.append(UInt8(ascii: "\\"))
            output.append(escape)
            start = index + 1
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[start...]))
    }
}
