/// A PostgreSQL `numeric`: an exact decimal kept as its canonical text (`12345678.000100`, `NaN`,
/// `Infinity`, `-Infinity`), so no digit or trailing zero of the server's value is lost.
///
/// Equality and hashing compare the text: `1.0` and `1.00` differ, as their display scales do.
public struct PostgresNumeric: Sendable, Hashable, CustomStringConvertible, LosslessStringConvertible {
    /// The decimal as `numeric_out` prints it.
    public let description: String

    /// Accepts a decimal literal as `numeric_in` does: `[+-]digits[.digits][e[+-]digits]`, `.5`, `NaN`,
    /// `Infinity`, `-Infinity` (any case), surrounding whitespace trimmed. The text is kept as written,
    /// except that the special values are spelled the way PostgreSQL prints them.
    public init?(_ description: String) {
        var text = description
        guard let canonical = text.withUTF8({ NumericText.validate(UnsafeRawBufferPointer($0)) }),
              NumericText.fitsNumericRange(canonical) else { return nil }
        self.description = canonical
    }

    /// Wraps text already known to be canonical (from the server or from the binary form).
    init(canonical: String) {
        self.description = canonical
    }

    /// `NaN`
    public static let nan = PostgresNumeric(canonical: "NaN")
    /// `Infinity` (PostgreSQL 14 and later)
    public static let infinity = PostgresNumeric(canonical: "Infinity")
    /// `-Infinity` (PostgreSQL 14 and later)
    public static let negativeInfinity = PostgresNumeric(canonical: "-Infinity")

    /// The nearest `Double`, NaN and the infinities included; nil when a finite value is beyond `Double`'s range.
    public var doubleValue: Double? {
        var text = description
        guard let value = text.withUTF8({ FloatText.parseDouble(UnsafeRawBufferPointer($0)) }) else { return nil }
        if value.isInfinite, description != "Infinity", description != "-Infinity" { return nil }
        return value
    }
}

extension PostgresNumeric: PostgresDecodable, PostgresEncodable {
    /// Decodes `numeric` (the base-10000 binary form, or its text) and, exactly, the integer types.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> PostgresNumeric {
        if format == .binary {
            switch type {
            case PostgresTypeOID.numeric:
                do {
                    return PostgresNumeric(canonical: try NumericBinary.decode(bytes))
                } catch let failure as NumericBinary.Malformed {
                    throw PostgresDecodingError(PostgresNumeric.self, type, format, failure.reason)
                }
            case PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8:
                let integer: Int64 = try IntegerDecoding.decode(bytes, format: format, type: type)
                return PostgresNumeric(canonical: String(integer))
            default:
                break
            }
        }
        let isNative = type == PostgresTypeOID.numeric || IntegerDecoding.isNative(type)
        guard DecodingRoute.allowsText(format: format, type: type, isNative: isNative) else {
            throw PostgresDecodingError(PostgresNumeric.self, type, format, PostgresDecodingError.typeReason(
                accepted: [PostgresTypeOID.numeric, PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8]))
        }
        guard let canonical = NumericText.validate(bytes) else {
            throw PostgresDecodingError(PostgresNumeric.self, type, format, "\(PostgresDecodingError.preview(bytes)) is not a decimal number")
        }
        return PostgresNumeric(canonical: canonical)
    }

    /// `numeric`
    public static var postgresType: PostgresOID { PostgresTypeOID.numeric }
    /// Text: the exact decimal as written.
    public var postgresFormat: PostgresFormat { .text }
    /// Appends the decimal text.
    public func encode(into buffer: inout [UInt8]) { buffer.append(contentsOf: description.utf8) }
    /// Appends the base-10000 binary form that `numeric_recv` reads (for elements of binary arrays).
    public func encodeBinary(into buffer: inout [UInt8]) { NumericBinary.encode(description, into: &buffer) }
}

/// Validation of `numeric` text.
enum NumericText {
    /// Whether a validated literal is within what a `numeric` holds (131072 digits before the point, 16383
    /// after), so that its binary form's weight and scale fit their 16-bit fields.
    static func fitsNumericRange(_ text: String) -> Bool {
        var copy = text
        guard let parts = copy.withUTF8({ Self.parts(UnsafeRawBufferPointer($0)) }) else { return true }  // special values
        guard let firstSignificant = parts.digits.firstIndex(where: { $0 != 0 }) else { return true }  // zero
        let integerDigits = parts.integerDigitCount + parts.exponent - firstSignificant
        let scale = parts.digits.count - parts.integerDigitCount - parts.exponent
        return integerDigits <= 131_072 && integerDigits >= -16_383 && scale <= 16_383
    }

    /// The text, trimmed, if it is a decimal literal or a special value (then spelled canonically); else nil.
    static func validate(_ raw: UnsafeRawBufferPointer) -> String? {
        let bytes = ASCII.trimmed(raw)
        if ASCII.equalsIgnoringCase(bytes, "nan") { return "NaN" }
        if ASCII.equalsIgnoringCase(bytes, "infinity") || ASCII.equalsIgnoringCase(bytes, "+infinity")
            || ASCII.equalsIgnoringCase(bytes, "inf") || ASCII.equalsIgnoringCase(bytes, "+inf") { return "Infinity" }
        if ASCII.equalsIgnoringCase(bytes, "-infinity") || ASCII.equalsIgnoringCase(bytes, "-inf") { return "-Infinity" }
        guard isDecimalLiteral(bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `bytes` is `[+-]digits[.digits][(e|E)[+-]digits]` with at least one mantissa digit.
    static func isDecimalLiteral(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var cursor = ASCIICursor(bytes)
        if !cursor.consume(UInt8(ascii: "-")) { _ = cursor.consume(UInt8(ascii: "+")) }
        let integerDigits = cursor.digits(minimum: 0, maximum: .max)?.count ?? 0
        var fractionDigits = 0
        if cursor.consume(UInt8(ascii: ".")) { fractionDigits = cursor.digits(minimum: 0, maximum: .max)?.count ?? 0 }
        guard integerDigits + fractionDigits > 0 else { return false }
        if cursor.consume(UInt8(ascii: "e")) || cursor.consume(UInt8(ascii: "E")) {
            if !cursor.consume(UInt8(ascii: "-")) { _ = cursor.consume(UInt8(ascii: "+")) }
            guard cursor.digits(minimum: 1, maximum: 6) != nil else { return false }
        }
        return cursor.isAtEnd
    }

    /// A decimal literal taken apart: sign, all digits, how many precede the point, and the exponent.
    struct Parts {
        var negative = false
        var digits: [UInt8] = []
        var integerDigitCount = 0
        var exponent = 0
    }

    /// Splits `[+-]digits[.digits][(e|E)[+-]digits]` (at least one digit), or nil.
    static func parts(_ bytes: UnsafeRawBufferPointer) -> Parts? {
        var result = Parts()
        var cursor = ASCIICursor(bytes)
        if cursor.consume(UInt8(ascii: "-")) { result.negative = true } else { _ = cursor.consume(UInt8(ascii: "+")) }
        var afterPoint = false
        while let byte = cursor.peek {
            if byte == UInt8(ascii: "."), !afterPoint {
                afterPoint = true
            } else if ASCII.isDigit(byte) {
                result.digits.append(byte &- 0x30)
                if !afterPoint { result.integerDigitCount += 1 }
            } else {
                break
            }
            cursor.index += 1
        }
        guard !result.digits.isEmpty else { return nil }
        if cursor.consume(UInt8(ascii: "e")) || cursor.consume(UInt8(ascii: "E")) {
            var negative = false
            if cursor.consume(UInt8(ascii: "-")) { negative = true } else { _ = cursor.consume(UInt8(ascii: "+")) }
            guard let (value, _) = cursor.digits(minimum: 1, maximum: 6) else { return nil }
            result.exponent = negative ? -Int(value) : Int(value)
        }
        return cursor.isAtEnd ? result : nil
    }
}
