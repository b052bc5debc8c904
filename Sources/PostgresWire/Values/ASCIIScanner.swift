/// Allocation-free helpers for the ASCII text forms PostgreSQL prints (numbers, dates, literals).
enum ASCII {
    /// Whether `byte` is whitespace as PostgreSQL's scanners see it: space, tab, newline, carriage return,
    /// vertical tab or form feed.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Whether `byte` is `0`…`9`.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// The value of a hexadecimal digit in either case, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x61...0x66: return byte - 0x61 + 10
        case 0x41...0x46: return byte - 0x41 + 10
        default: return nil
        }
    }

    /// `bytes` without leading and trailing whitespace (a view, not a copy).
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// Whether `bytes` spells `word` ignoring ASCII case; `word` must be lower-case ASCII.
    static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let expected = word.utf8Start
        for index in 0..<bytes.count {
            let byte = bytes[index]
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if folded != expected[index] { return false }
        }
        return true
    }

    /// Parses an optionally signed decimal integer surrounded by optional whitespace, as `int8in` accepts it.
    /// Returns nil on any other character, an empty number, or overflow.
    static func parseInt64(_ raw: UnsafeRawBufferPointer) -> Int64? {
        let bytes = trimmed(raw)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < bytes.count else { return nil }
        // Accumulate negatively so that Int64.min, whose magnitude has no positive Int64, parses too.
        var value: Int64 = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard isDigit(byte) else { return nil }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowAdd) = shifted.subtractingReportingOverflow(Int64(byte &- 0x30))
            guard !overflowShift, !overflowAdd else { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }
}

/// A forward-only reader over ASCII text, for the fixed shapes of dates, times and intervals.
struct ASCIICursor {
    /// The text being read.
    let bytes: UnsafeRawBufferPointer
    /// The index of the next unread byte.
    var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Whether everything has been read.
    var isAtEnd: Bool { index >= bytes.count }

    /// The next byte without consuming it, or nil at the end.
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Consumes `byte` if it is next; says whether it was.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// Skips whitespace.
    mutating func skipSpaces() {
        while let byte = peek, ASCII.isSpace(byte) { index += 1 }
    }

    /// Reads a run of at least `minimum` and at most `maximum` decimal digits; nil if fewer than `minimum`.
    /// The value is exact for up to 18 digits; longer runs (allowed for counting) wrap instead of trapping.
    mutating func digits(minimum: Int = 1, maximum: Int = 18) -> (value: Int64, count: Int)? {
        var value: Int64 = 0
        var count = 0
        while count < maximum, let byte = peek, ASCII.isDigit(byte) {
            value = value &* 10 &+ Int64(byte &- 0x30)
            count += 1
            index += 1
        }
        return count >= minimum ? (value, count) : nil
    }

    /// Reads a fraction's digits after a consumed `.` as microseconds (rounding beyond six digits half up).
    mutating func microsecondFraction() -> Int64? {
        guard let (value, count) = digits(minimum: 1, maximum: 18) else { return nil }
        while let byte = peek, ASCII.isDigit(byte) { index += 1 }
        if count <= 6 {
            var scaled = value
            for _ in count..<6 { scaled *= 10 }
            return scaled
        }
        var divisor: Int64 = 1
        for _ in 6..<count { divisor *= 10 }
        return (value + divisor / 2) / divisor
    }

    /// Reads a word of ASCII letters as a view.
    mutating func word() -> UnsafeRawBufferPointer {
        let start = index
        while let byte = peek, (byte | 0x20) >= 0x61, (byte | 0x20) <= 0x7A { index += 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<index])
    }
}
