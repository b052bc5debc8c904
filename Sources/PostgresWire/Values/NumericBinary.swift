/// The binary form of `numeric` (`numeric_send`/`numeric_recv`): int16 digit count, int16 weight (the
/// power of 10000 of the first digit), uint16 sign, int16 display scale, then base-10000 digits as int16s.
enum NumericBinary {
    /// A binary `numeric` that breaks the layout's rules.
    struct Malformed: Error {
        let reason: String
    }

    private static let positive: UInt16 = 0x0000
    private static let negative: UInt16 = 0x4000
    private static let notANumber: UInt16 = 0xC000
    private static let positiveInfinity: UInt16 = 0xD000
    private static let negativeInfinity: UInt16 = 0xF000

    /// The text `numeric_out` prints for the binary value.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> String {
        guard bytes.count >= 8 else { throw Malformed(reason: "expected at least 8 bytes, got \(bytes.count)") }
        let digitCount = Int(BigEndian.load(Int16.self, from: bytes, at: 0))
        let weight = Int(BigEndian.load(Int16.self, from: bytes, at: 2))
        let sign = BigEndian.load(UInt16.self, from: bytes, at: 4)
        let scale = Int(BigEndian.load(Int16.self, from: bytes, at: 6))
        guard digitCount >= 0, scale >= 0 else {
            throw Malformed(reason: "negative digit count (\(digitCount)) or scale (\(scale))")
        }
        guard bytes.count == 8 + 2 * digitCount else {
            throw Malformed(reason: "\(digitCount) digits need \(8 + 2 * digitCount) bytes, got \(bytes.count)")
        }
        switch sign {
        case notANumber: return "NaN"
        case positiveInfinity: return "Infinity"
        case negativeInfinity: return "-Infinity"
        case positive, negative: break
        default: throw Malformed(reason: "invalid sign field 0x\(String(sign, radix: 16))")
        }
        // Every base-10000 digit is checked once here, so the writing below cannot fail.
        for index in 0..<digitCount {
            let value = BigEndian.load(Int16.self, from: bytes, at: 8 + 2 * index)
            guard value >= 0, value < 10_000 else { throw Malformed(reason: "base-10000 digit \(value) out of range") }
        }
        // Base-10000 digit `index` (0 beyond the stored digits, where the value's zeros are implied).
        @inline(__always) func digit(_ index: Int) -> Int {
            guard index >= 0, index < digitCount else { return 0 }
            return Int(BigEndian.load(Int16.self, from: bytes, at: 8 + 2 * index))
        }
        // Written straight into the string's storage (inline for the short values most columns hold):
        // sign, integer groups, point, and the fraction rounded up to whole groups, then cut to the scale.
        let capacity = 1 + (weight < 0 ? 1 : 4 * (weight + 1)) + (scale > 0 ? scale + 4 : 0)
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            let start = buffer.baseAddress!
            var next = start
            if sign == negative {
                next.pointee = UInt8(ascii: "-")
                next += 1
            }
            var index: Int
            if weight < 0 {
                next.pointee = UInt8(ascii: "0")
                next += 1
                index = weight + 1
            } else {
                // The first group without leading zeros, the others with all four digits.
                next = writeLeadingGroup(digit(0), at: next)
                for group in stride(from: 1, through: weight, by: 1) {
                    writeGroup(digit(group), at: next)
                    next += 4
                }
                index = weight + 1
            }
            if scale > 0 {
                next.pointee = UInt8(ascii: ".")
                next += 1
                let end = next + scale
                while next < end {
                    writeGroup(digit(index), at: next)
                    next += 4
                    index += 1
                }
                next = end
            }
            return next - start
        }
    }

    /// Writes a base-10000 digit as four decimal digits.
    @inline(__always)
    private static func writeGroup(_ value: Int, at target: UnsafeMutablePointer<UInt8>) {
        let high = value / 100
        let low = value % 100
        target[0] = UInt8(truncatingIfNeeded: high / 10) &+ UInt8(ascii: "0")
        target[1] = UInt8(truncatingIfNeeded: high % 10) &+ UInt8(ascii: "0")
        target[2] = UInt8(truncatingIfNeeded: low / 10) &+ UInt8(ascii: "0")
        target[3] = UInt8(truncatingIfNeeded: low % 10) &+ UInt8(ascii: "0")
    }

    /// Writes the first base-10000 digit without leading zeros; returns where the next one goes.
    @inline(__always)
    private static func writeLeadingGroup(_ value: Int, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let width = value >= 1000 ? 4 : value >= 100 ? 3 : value >= 10 ? 2 : 1
        var remaining = value
        for position in stride(from: width - 1, through: 0, by: -1) {
            target[position] = UInt8(truncatingIfNeeded: remaining % 10) &+ UInt8(ascii: "0")
            remaining /= 10
        }
        return target + width
    }

    /// Appends the binary form of a canonical numeric text (as ``PostgresNumeric`` holds it).
    static func encode(_ text: String, into buffer: inout [UInt8]) {
        func header(_ digitCount: Int, _ weight: Int, _ sign: UInt16, _ scale: Int) {
            BigEndian.append(Int16(truncatingIfNeeded: digitCount), to: &buffer)
            BigEndian.append(Int16(truncatingIfNeeded: weight), to: &buffer)
            BigEndian.append(sign, to: &buffer)
            BigEndian.append(Int16(truncatingIfNeeded: scale), to: &buffer)
        }
        switch text {
        case "NaN": return header(0, 0, notANumber, 0)
        case "Infinity": return header(0, 0, positiveInfinity, 0)
        case "-Infinity": return header(0, 0, negativeInfinity, 0)
        default: break
        }
        var copy = text
        guard let parts = copy.withUTF8({ NumericText.parts(ASCII.trimmed(UnsafeRawBufferPointer($0))) }) else {
            return header(0, 0, notANumber, 0)  // unreachable: PostgresNumeric only holds validated text
        }
        let scale = min(max(0, parts.digits.count - parts.integerDigitCount - parts.exponent), 0x3FFF)
        var digits = parts.digits[...]
        var point = parts.integerDigitCount + parts.exponent  // digits before the decimal point
        while digits.first == 0 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == 0 { digits.removeLast() }
        guard !digits.isEmpty else { return header(0, 0, positive, scale) }
        // Pad in front so the decimal point falls between base-10000 digits, then pad the tail to whole groups.
        let frontPadding = ((4 - point % 4) % 4 + 4) % 4
        var padded = [UInt8](repeating: 0, count: frontPadding) + digits
        padded += [UInt8](repeating: 0, count: (4 - padded.count % 4) % 4)
        let groupCount = padded.count / 4
        header(groupCount, (point + frontPadding) / 4 - 1, parts.negative ? negative : positive, scale)
        for group in 0..<groupCount {
            let base = group * 4
            let value = Int16(padded[base]) * 1000 + Int16(padded[base + 1]) * 100 + Int16(padded[base + 2]) * 10 + Int16(padded[base + 3])
            BigEndian.append(value, to: &buffer)
        }
    }
}
