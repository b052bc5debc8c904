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

    /// The header of a checked binary `numeric`.
    struct Layout {
        let digitCount: Int
        let weight: Int
        let sign: UInt16
        let scale: Int

        /// An upper bound of the text's length: sign, integer groups, point, fraction rounded up to groups.
        var textCapacity: Int {
            switch sign {
            case NumericBinary.notANumber, NumericBinary.positiveInfinity, NumericBinary.negativeInfinity: return 9
            default: return 1 + (weight < 0 ? 1 : 4 * (weight + 1)) + (scale > 0 ? scale + 4 : 0)
            }
        }
    }

    /// Checks the layout (lengths, sign, every base-10000 digit in range) and returns the header.
    static func layout(_ bytes: UnsafeRawBufferPointer) throws -> Layout {
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
        case notANumber, positiveInfinity, negativeInfinity, positive, negative: break
        default: throw Malformed(reason: "invalid sign field 0x\(String(sign, radix: 16))")
        }
        // Every base-10000 digit is checked once here, so the writing cannot fail.
        for index in 0..<digitCount {
            let value = BigEndian.load(Int16.self, from: bytes, at: 8 + 2 * index)
            guard value >= 0, value < 10_000 else { throw Malformed(reason: "base-10000 digit \(value) out of range") }
        }
        return Layout(digitCount: digitCount, weight: weight, sign: sign, scale: scale)
    }

    /// The text `numeric_out` prints for the binary value.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> String {
        let header = try layout(bytes)
        return String(unsafeUninitializedCapacity: header.textCapacity) { buffer in
            write(bytes, header, to: buffer.baseAddress!)
        }
    }

    /// Writes the text `numeric_out` prints (`get_str_from_var`: the integer part without leading zeros,
    /// the fraction cut to the display scale) for a value whose `layout` was checked; returns the bytes
    /// written, at most ``Layout/textCapacity``.
    static func write(_ bytes: UnsafeRawBufferPointer, _ layout: Layout, to start: UnsafeMutablePointer<UInt8>) -> Int {
        func special(_ text: StaticString) -> Int {
            start.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
            return text.utf8CodeUnitCount
        }
        switch layout.sign {
        case notANumber: return special("NaN")
        case positiveInfinity: return special("Infinity")
        case negativeInfinity: return special("-Infinity")
        default: break
        }
        let digitCount = layout.digitCount
        let weight = layout.weight
        let scale = layout.scale
        // Base-10000 digit `index` (0 beyond the stored digits, where the value's zeros are implied).
        @inline(__always) func digit(_ index: Int) -> Int {
            guard index >= 0, index < digitCount else { return 0 }
            return Int(BigEndian.load(Int16.self, from: bytes, at: 8 + 2 * index))
        }
        var next = start
        if layout.sign == negative {
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

    /// Writes a base-10000 digit as four decimal digits.
    @inline(__always)
    private static func writeGroup(_ value: Int, at target: UnsafeMutablePointer<UInt8>) {
        DecimalDigits.write(UInt64(truncatingIfNeeded: value), width: 4, to: target)
    }

    /// Writes the first base-10000 digit without leading zeros; returns where the next one goes.
    @inline(__always)
    private static func writeLeadingGroup(_ value: Int, at target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        target + DecimalDigits.write(UInt64(truncatingIfNeeded: value), to: target)
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
