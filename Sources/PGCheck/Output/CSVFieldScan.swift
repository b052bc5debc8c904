import PsqlFormat

/// A fast first look at a CSV field, eight bytes at a time: can it be written exactly as it is?
///
/// A field needs work when it must be quoted (psql's `csv_print_field`: a comma, double quote, CR or LF
/// anywhere, or the whole field `\.`) or when it may hold a character psql drops (only a 4-byte UTF-8
/// sequence can, so only a lead byte 0xF0–0xF7 matters; see `PsqlTextValidation`). Answering "no" for
/// nearly every value with a few word operations keeps the per-byte work of those exact rules off the
/// common path.
enum CSVFieldScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether `bytes` needs no quoting and contains no 4-byte UTF-8 lead byte.
    @inline(__always)
    static func isPlain(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        if count == 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: ".") { return false }
        var offset = 0
        while offset + 8 <= count {
            if hasSpecialByte(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return false }
            offset += 8
        }
        while offset < count {
            if isSpecial(bytes[offset]) { return false }
            offset += 1
        }
        return true
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n") || byte & 0xF0 == 0xF0
    }

    /// Whether any of the eight bytes in `word` is one ``isSpecial(_:)`` accepts.
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let found = hasZeroByte(word ^ (ones &* 0x2C)) | hasZeroByte(word ^ (ones &* 0x22))
            | hasZeroByte(word ^ (ones &* 0x0D)) | hasZeroByte(word ^ (ones &* 0x0A))
            | hasZeroByte((word & (ones &* 0xF0)) ^ (ones &* 0xF0))
        return found != 0
    }

    /// Non-zero exactly when some byte of `value` is zero (the classic bit trick: exact for existence).
    @inline(__always)
    private static func hasZeroByte(_ value: UInt64) -> UInt64 {
        (value &- ones) & ~value & highBits
    }
}
