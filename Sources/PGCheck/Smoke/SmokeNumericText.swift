/// A number as PostgreSQL prints it (`42`, `-0.001234`, `1.5e+30`, `NaN`, `Infinity`), compared exactly:
/// no conversion to binary floating point, so `numeric` values of any length compare correctly.
///
/// Ordering follows PostgreSQL's: `-Infinity` < every finite value < `Infinity` < `NaN` (and `NaN`
/// equals `NaN`, as numeric and float comparisons treat it).
struct SmokeNumericText: Equatable {
    private enum Kind: Int, Comparable {
        case negativeInfinity, finite, positiveInfinity, notANumber
        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private let kind: Kind
    private let negative: Bool
    /// Significant digits without leading or trailing zeros (empty for zero).
    private let digits: [UInt8]
    /// The value is 0.digits × 10^exponent.
    private let exponent: Int

    /// Parses PostgreSQL's number output (also the expectation spelling); nil when `text` is not a number.
    init?(_ text: String) {
        switch text {
        case "NaN": self.init(kind: .notANumber)
        case "Infinity", "+Infinity": self.init(kind: .positiveInfinity)
        case "-Infinity": self.init(kind: .negativeInfinity)
        default: self.init(finite: text)
        }
    }

    private init(kind: Kind) {
        self.kind = kind
        negative = false
        digits = []
        exponent = 0
    }

    private init?(finite text: String) {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var mantissa: [UInt8] = []
        var pointOffset: Int?
        var sawDigit = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                guard pointOffset == nil else { return nil }
                pointOffset = mantissa.count
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                mantissa.append(byte - UInt8(ascii: "0"))
                sawDigit = true
            } else {
                return nil
            }
        }
        guard sawDigit else { return nil }
        var scale = 0
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty, bytes.count <= 9, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            scale = bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            if exponentNegative { scale = -scale }
        }
        // value = 0.mantissa × 10^(digits before the point), shifted by the written exponent.
        var exponent = (pointOffset ?? mantissa.count) + scale
        while let first = mantissa.first, first == 0 {
            mantissa.removeFirst()
            exponent -= 1
        }
        while let last = mantissa.last, last == 0 { mantissa.removeLast() }
        kind = .finite
        self.negative = negative && !mantissa.isEmpty
        digits = mantissa
        self.exponent = mantissa.isEmpty ? 0 : exponent
    }

    /// How `self` orders against `other`.
    func order(against other: SmokeNumericText) -> SmokeComparisonOperator.Order {
        if kind != other.kind { return kind < other.kind ? .less : .greater }
        guard kind == .finite else { return .equal }
        if negative != other.negative { return negative ? .less : .greater }
        let magnitude = Self.compareMagnitudes(self, other)
        if magnitude == .equal { return .equal }
        // For negative numbers the larger magnitude is the smaller value.
        if negative { return magnitude == .less ? .greater : .less }
        return magnitude
    }

    private static func compareMagnitudes(_ lhs: SmokeNumericText, _ rhs: SmokeNumericText) -> SmokeComparisonOperator.Order {
        if lhs.digits.isEmpty || rhs.digits.isEmpty {
            if lhs.digits.isEmpty && rhs.digits.isEmpty { return .equal }
            return lhs.digits.isEmpty ? .less : .greater
        }
        if lhs.exponent != rhs.exponent { return lhs.exponent < rhs.exponent ? .less : .greater }
        for (left, right) in zip(lhs.digits, rhs.digits) where left != right {
            return left < right ? .less : .greater
        }
        if lhs.digits.count == rhs.digits.count { return .equal }
        return lhs.digits.count < rhs.digits.count ? .less : .greater
    }
}
