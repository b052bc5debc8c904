/// Numbers as Foundation's JSON coders write and read them, for the tree encoder and the writer to
/// agree byte for byte with `JSONEncoder` and value for value with a `JSONDecoder` round trip.
enum JSONNumberText {
    /// `JSONEncoder`'s text for a finite binary floating-point value: its `description` without a
    /// trailing `.0` (`1`, `0.1`, `1e+16`, `-0`).
    static func text(of value: some BinaryFloatingPoint & CustomStringConvertible) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// The value `JSONValue(from:)` reads `text` (a valid JSON number) back as through `JSONDecoder`,
    /// or nil when that read fails (a number a `Double` cannot hold).
    ///
    /// `JSONValue(from:)` tries `Int64` before `Double`. `JSONDecoder` reads an `Int64` from plain
    /// digits that fit; from other text that a `Double` holds as a whole number, directly below 2^53
    /// and through `Decimal` above (so `1.152921504606847e+18` reads as 1152921504606847000, not as
    /// the nearest `Double`'s value).
    static func valueReadBack(from text: String) -> JSONValue? {
        if let integer = Int64(text) { return .integer(integer) }
        guard let double = Double(text) else { return nil }
        if Int64(exactly: double) != nil {
            if double.magnitude < 0x1p53 { return .integer(Int64(double)) }
            if let integer = decimalTruncatedInt64(text) { return .integer(integer) }
        }
        guard double.isFinite, double != 0 || isZeroMantissa(text) else { return nil }
        return .number(double)
    }

    /// The `Int64` that Foundation's `Decimal` → integer conversion gives for `text`: the decimal
    /// mantissa (which must fit a `UInt64`) scaled by its exponent, truncated toward zero; nil on overflow.
    static func decimalTruncatedInt64(_ text: String) -> Int64? {
        var bytes = Substring(text).utf8[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var mantissa: UInt64 = 0
        var exponent = 0
        var seenPoint = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            let (scaled, overflow1) = mantissa.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = scaled.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            mantissa = sum
            if seenPoint { exponent -= 1 }
        }
        if !bytes.isEmpty {
            guard let written = Int(Substring(bytes.dropFirst())) else { return nil }
            exponent += written
        }
        while exponent < 0 {
            mantissa /= 10
            exponent += 1
        }
        while exponent > 0 {
            let (scaled, overflow) = mantissa.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            mantissa = scaled
            exponent -= 1
        }
        guard let magnitude = Int64(exactly: mantissa) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// Whether the digits before any exponent are all zeros: a real zero, not an underflow to zero.
    private static func isZeroMantissa(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): return true
            case UInt8(ascii: "0"), UInt8(ascii: "-"), UInt8(ascii: "."): continue
            default: return false
            }
        }
        return true
    }
}
