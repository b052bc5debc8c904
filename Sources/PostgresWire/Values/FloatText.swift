#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses the text forms of `float4`, `float8` and `numeric` into binary floating point without allocating.
///
/// Short decimals (the common case) take an exact fast path: a mantissa that fits the significand, scaled by
/// an exactly representable power of ten, rounds correctly with one operation. Everything else is handed to
/// the C library's correctly rounded `strtod`/`strtof` on a stack copy of the text, after this scanner has
/// checked the syntax, so hexadecimal floats and other C-only spellings are never accepted.
enum FloatText {
    /// A syntactically valid decimal: `mantissa × 10^exponent`, keeping at most 19 significant digits.
    private struct Scan {
        var negative = false
        var mantissa: UInt64 = 0
        var exponent = 0
        /// Non-zero digits were dropped beyond the 19 kept, so the fast path is not exact.
        var truncated = false
    }

    /// Powers of ten that `Double` represents exactly.
    private static let exactDoublePowers: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }

    /// Parses a `float8`/`numeric` text value, including `NaN`, `Infinity` and `-Infinity`.
    static func parseDouble(_ raw: UnsafeRawBufferPointer) -> Double? {
        let bytes = ASCII.trimmed(raw)
        if let special = special(bytes) { return special }
        guard let scan = scan(bytes) else { return nil }
        if scan.mantissa == 0, !scan.truncated { return scan.negative ? -0.0 : 0.0 }
        if !scan.truncated, scan.mantissa <= 1 << 53, (-22...22).contains(scan.exponent) {
            var value = Double(scan.mantissa)
            value = scan.exponent >= 0 ? value * exactDoublePowers[scan.exponent] : value / exactDoublePowers[-scan.exponent]
            return scan.negative ? -value : value
        }
        return withCString(bytes) { pointer, end in
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(pointer, &stop)
            return stop == end ? value : Double(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Parses a `float4` text value, including `NaN`, `Infinity` and `-Infinity`, rounding once to `Float`.
    static func parseFloat(_ raw: UnsafeRawBufferPointer) -> Float? {
        let bytes = ASCII.trimmed(raw)
        if let special = special(bytes) { return Float(special) }
        guard let scan = scan(bytes) else { return nil }
        if scan.mantissa == 0, !scan.truncated { return scan.negative ? -0.0 : 0.0 }
        if !scan.truncated, scan.mantissa <= 1 << 24, (-10...10).contains(scan.exponent) {
            var value = Float(scan.mantissa)
            let power = Float(exactDoublePowers[abs(scan.exponent)])
            value = scan.exponent >= 0 ? value * power : value / power
            return scan.negative ? -value : value
        }
        return withCString(bytes) { pointer, end in
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtof(pointer, &stop)
            return stop == end ? value : Float(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// `NaN`, `Infinity`, `inf` and their signed forms, in any case, as `float8in` accepts them.
    private static func special(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let first = bytes.first, !ASCII.isDigit(first), first != UInt8(ascii: ".") else { return nil }
        var body = bytes
        var negative = false
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            body = UnsafeRawBufferPointer(rebasing: bytes.dropFirst())
        }
        if ASCII.equalsIgnoringCase(body, "infinity") || ASCII.equalsIgnoringCase(body, "inf") {
            return negative ? -.infinity : .infinity
        }
        if ASCII.equalsIgnoringCase(body, "nan") { return .nan }
        return nil
    }

    /// Checks `[+-]digits[.digits][(e|E)[+-]digits]` (at least one mantissa digit) and extracts its parts.
    private static func scan(_ bytes: UnsafeRawBufferPointer) -> Scan? {
        var result = Scan()
        var cursor = ASCIICursor(bytes)
        if cursor.consume(UInt8(ascii: "-")) { result.negative = true } else { _ = cursor.consume(UInt8(ascii: "+")) }
        var kept = 0
        var sawDigit = false
        var afterPoint = false
        while let byte = cursor.peek {
            if byte == UInt8(ascii: "."), !afterPoint {
                afterPoint = true
            } else if ASCII.isDigit(byte) {
                sawDigit = true
                let digit = UInt64(byte &- 0x30)
                if kept < 19, kept > 0 || digit != 0 {
                    result.mantissa = result.mantissa * 10 + digit
                    kept += 1
                    if afterPoint { result.exponent -= 1 }
                } else if kept >= 19 {
                    if digit != 0 { result.truncated = true }
                    if !afterPoint { result.exponent += 1 }
                } else if afterPoint {
                    result.exponent -= 1  // a leading zero after the point still shifts the scale
                }
            } else {
                break
            }
            cursor.index += 1
        }
        guard sawDigit else { return nil }
        if cursor.consume(UInt8(ascii: "e")) || cursor.consume(UInt8(ascii: "E")) {
            var exponentNegative = false
            if cursor.consume(UInt8(ascii: "-")) { exponentNegative = true } else { _ = cursor.consume(UInt8(ascii: "+")) }
            guard let (value, _) = cursor.digits(minimum: 1, maximum: 9) else { return nil }
            guard cursor.isAtEnd else { return nil }
            result.exponent += exponentNegative ? -Int(value) : Int(value)
        }
        return cursor.isAtEnd ? result : nil
    }

    /// Calls `body` with a NUL-terminated stack copy of `bytes` and a pointer to its terminator.
    private static func withCString<R>(
        _ bytes: UnsafeRawBufferPointer, _ body: (UnsafeMutablePointer<CChar>, UnsafeMutablePointer<CChar>) -> R
    ) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            let base = buffer.baseAddress!
            for index in 0..<bytes.count { base[index] = CChar(bitPattern: bytes[index]) }
            base[bytes.count] = 0
            return body(base, base + bytes.count)
        }
    }
}
