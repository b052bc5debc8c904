/// Integer option values read the way libpq's `pqParseIntParam` reads them.
enum LibpqInteger {
    /// `strtol` in base 10 with libpq's checks: optional leading whitespace and sign, at least
    /// one digit, nothing but whitespace after, and within the range of a C `int`.
    /// `" 42 "` and `"+7"` are accepted; `""`, `"4x"`, `"0x10"` and `"99999999999"` are not.
    static func parse(_ text: String) -> Int32? {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count, ConnectionStringBytes.isSpace(bytes[index]) { index += 1 }
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let digitsStart = index
        var magnitude: Int64 = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            magnitude = magnitude * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            guard magnitude <= Int64(Int32.max) + 1 else { return nil }
            index += 1
        }
        guard index > digitsStart else { return nil }
        while index < bytes.count, ConnectionStringBytes.isSpace(bytes[index]) { index += 1 }
        guard index == bytes.count else { return nil }
        let value = negative ? -magnitude : magnitude
        return Int32(exactly: value)
    }
}
