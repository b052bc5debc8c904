/// One escape sequence of a JSON string (RFC 8259 §7) decoded to UTF-8: the one implementation the strict
/// parser (``JSONParser``) and the order-keeping one (``OrderedJSON``) share.
enum JSONEscape {
    /// Why an escape is not valid.
    enum Problem: Error {
        /// The text ends inside the escape.
        case unterminated
        /// Not one of JSON's escapes, or a `\u` without four hex digits.
        case invalid
        /// A UTF-16 surrogate without its other half.
        case unpairedSurrogate
    }

    /// Decodes the escape whose first byte after the backslash is at `position`, appending its UTF-8 to
    /// `output`; returns the position after it.
    @inline(__always)
    static func decode<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, at position: Int, into output: inout [UInt8]
    ) throws(Problem) -> Int where Bytes.Index == Int {
        guard position < bytes.endIndex else { throw .unterminated }
        var position = position
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(bytes, at: &position)
            if (0xD800..<0xDC00).contains(scalar) {
                guard bytes.endIndex - position >= 2, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw .unpairedSurrogate
                }
                position += 2
                let low = try hexQuad(bytes, at: &position)
                guard (0xDC00..<0xE000).contains(low) else { throw .unpairedSurrogate }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw .unpairedSurrogate
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw .invalid }
            output.append(contentsOf: UTF8.encode(unicode).unsafelyUnwrapped)
        default:
            throw .invalid
        }
        return position
    }

    private static func hexQuad<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, at position: inout Int
    ) throws(Problem) -> UInt32 where Bytes.Index == Int {
        guard bytes.endIndex - position >= 4 else { throw .invalid }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .invalid
            }
            value = value * 16 + UInt32(digit)
            position += 1
        }
        return value
    }
}
