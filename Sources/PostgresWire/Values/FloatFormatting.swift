import Foundation

/// Formats floats exactly as PostgreSQL 12 and later print them with the default `extra_float_digits = 1`.
///
/// PostgreSQL uses Ryu's shortest round-trip digits, laid out like C's `%g`: positional when the decimal
/// exponent is in -4 ..< precision (15 for `float8`, 6 for `float4`), else `d.ddde±XX` with at least two
/// exponent digits; `NaN`, `Infinity`, `-Infinity`, `-0`. Swift's `description` finds the same shortest
/// digits, with one difference: PostgreSQL's Ryu treats the halfway points to the neighbouring floats as
/// outside the round-trip interval, Swift (like Ryu's strict mode) may print a halfway point when the
/// significand is even. That only happens for large integral values (`3.5228040826706832e+16`, where Swift
/// prints `3.522804082670683e+16`), and is detected exactly and corrected.
enum FloatFormatting {
    /// The `float8out` text of `value`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let magnitude = value.magnitude
        let binary = BinaryValue(
            significand: magnitude.significandBitPattern, exponentBits: UInt64(magnitude.exponentBitPattern),
            significandBits: 52, bias: 1075)
        let decimal = pgDigits(shortest: parse(magnitude.description), binary: binary, maximumDigits: 17) { text in
            text.withCString { strtod($0, nil) } == magnitude
        } exactText: { digits in
            String(format: "%.\(digits - 1)e", magnitude)
        }
        return layout(negative: value.sign == .minus, decimal, precision: 15)
    }

    /// The `float4out` text of `value`.
    static func format(_ value: Float) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let magnitude = value.magnitude
        let binary = BinaryValue(
            significand: UInt64(magnitude.significandBitPattern), exponentBits: UInt64(magnitude.exponentBitPattern),
            significandBits: 23, bias: 150)
        let decimal = pgDigits(shortest: parse(magnitude.description), binary: binary, maximumDigits: 9) { text in
            text.withCString { strtof($0, nil) } == magnitude
        } exactText: { digits in
            String(format: "%.\(digits - 1)e", Double(magnitude))
        }
        return layout(negative: value.sign == .minus, decimal, precision: 6)
    }

    /// A decimal `digits × 10^exponent`, `digits` as ASCII without leading or trailing zeros (empty for zero).
    struct Decimal: Equatable {
        var digits: [UInt8]
        var exponent: Int
        /// The scientific exponent of the first digit.
        var leadingExponent: Int { exponent + digits.count - 1 }
    }

    /// The raw fields of a positive finite float.
    struct BinaryValue {
        var significand: UInt64
        var exponentBits: UInt64
        var significandBits: Int
        var bias: Int

        /// The value as `mantissa × 2^exponent`.
        var scaled: (mantissa: UInt64, exponent: Int) {
            exponentBits == 0 ? (significand, 1 - bias)
                : (significand | 1 << UInt64(significandBits), Int(exponentBits) - bias)
        }

        /// Whether `decimal` is exactly halfway to the next float above or below.
        func isHalfway(_ decimal: Decimal) -> Bool {
            guard !decimal.digits.isEmpty, decimal.digits.count <= 19,
                  let digits = UInt64(String(decoding: decimal.digits, as: UTF8.self)) else { return false }
            let (mantissa, exponent) = scaled
            // Below a power of two the gap to the next float down is half as wide.
            let narrowBelow = significand == 0 && exponentBits > 1
            let upper = (2 * mantissa + 1, exponent - 1)
            let lower = narrowBelow ? (4 * mantissa - 1, exponent - 2) : (2 * mantissa - 1, exponent - 1)
            return Self.equals(digits, decimal.exponent, upper.0, upper.1)
                || Self.equals(digits, decimal.exponent, lower.0, lower.1)
        }

        /// Whether `digits × 10^decimalExponent == odd × 2^binaryExponent` exactly (`odd` is odd).
        private static func equals(_ digits: UInt64, _ decimalExponent: Int, _ odd: UInt64, _ binaryExponent: Int) -> Bool {
            var value = digits
            // 10^e = 5^e × 2^e: fold the power of five into `value`, keep the power of two apart.
            if decimalExponent >= 0 {
                for _ in 0..<decimalExponent {
                    let (product, overflow) = value.multipliedReportingOverflow(by: 5)
                    guard !overflow else { return false }
                    value = product
                }
            } else {
                for _ in 0..<(-decimalExponent) {
                    guard value % 5 == 0 else { return false }
                    value /= 5
                }
            }
            guard value != 0 else { return false }
            let twos = value.trailingZeroBitCount
            return value >> UInt64(twos) == odd && decimalExponent + twos == binaryExponent
        }
    }

    /// Swift's shortest digits, unless they are a halfway point; then the shortest decimal strictly inside
    /// the round-trip interval, nearest to the value, as PostgreSQL's Ryu chooses it.
    private static func pgDigits(
        shortest: Decimal, binary: BinaryValue, maximumDigits: Int,
        roundTrips: (String) -> Bool, exactText: (Int) -> String
    ) -> Decimal {
        guard binary.isHalfway(shortest) else { return shortest }
        for count in shortest.digits.count...maximumDigits {
            let nearest = parse(exactText(count))
            guard let nearestValue = UInt64(String(decoding: nearest.digits, as: UTF8.self)) else { continue }
            let neighbours = [nearestValue + 1, nearestValue - 1].map { value in
                normalized(Decimal(digits: Array(String(value).utf8), exponent: nearest.exponent))
            }
            for candidate in [nearest] + neighbours {
                let text = String(decoding: candidate.digits, as: UTF8.self) + "e\(candidate.exponent)"
                if roundTrips(text), !binary.isHalfway(candidate) { return candidate }
            }
        }
        return shortest
    }

    /// Reads `1.5`, `1e-05`, `1.0e+16`, `0.0` (unsigned) into a normalised decimal.
    private static func parse(_ text: String) -> Decimal {
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var utf8 = text.utf8[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(decoding: utf8.drop { $0 == UInt8(ascii: "+") }, as: UTF8.self)) ?? 0
                break
            } else if ASCII.isDigit(byte) {
                digits.append(byte)
            }
        }
        let fractionDigits = digits.count - (pointPosition ?? digits.count)
        return normalized(Decimal(digits: digits, exponent: exponent - fractionDigits))
    }

    /// Moves trailing zeros into the exponent and drops leading zeros.
    private static func normalized(_ decimal: Decimal) -> Decimal {
        var result = decimal
        while result.digits.first == UInt8(ascii: "0") { result.digits.removeFirst() }
        while result.digits.last == UInt8(ascii: "0") {
            result.digits.removeLast()
            result.exponent += 1
        }
        return result
    }

    /// Lays the digits out as `%g` would with the given precision.
    private static func layout(negative: Bool, _ decimal: Decimal, precision: Int) -> String {
        var text: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        let digits = decimal.digits
        let leading = decimal.leadingExponent
        if digits.isEmpty {
            text.append(UInt8(ascii: "0"))
        } else if leading >= -4 && leading < precision {
            if leading < 0 {
                text.append(contentsOf: "0.".utf8)
                text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -leading - 1))
                text.append(contentsOf: digits)
            } else {
                let integerCount = leading + 1
                text.append(contentsOf: digits.prefix(integerCount))
                text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, integerCount - digits.count)))
                if digits.count > integerCount {
                    text.append(UInt8(ascii: "."))
                    text.append(contentsOf: digits.dropFirst(integerCount))
                }
            }
        } else {
            text.append(digits[0])
            if digits.count > 1 {
                text.append(UInt8(ascii: "."))
                text.append(contentsOf: digits.dropFirst())
            }
            text.append(UInt8(ascii: "e"))
            text.append(UInt8(ascii: leading < 0 ? "-" : "+"))
            TemporalText.appendPadded(Int64(abs(leading)), width: 2, to: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
