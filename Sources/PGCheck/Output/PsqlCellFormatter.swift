/// How psql lays one header or cell out for aligned output (`pg_wcssize` and `pg_wcsformat` for UTF-8).
///
/// The value splits into display lines at `\n`; a tab advances to the next multiple of eight columns
/// (as spaces); `\r` shows as the two characters `\r`; other ASCII control characters show as `\xHH`
/// and C1 controls as `\uHHHH`; every other character takes the columns ``width(of:)`` gives.
/// Widths are terminal columns, not bytes, so CJK text and combining accents line up as in psql.
struct PsqlCellFormatter {
    /// The formatted bytes of the last value passed to ``format(_:)``, lines back to back.
    private(set) var bytes: [UInt8] = []
    /// Where each display line ends in ``bytes``.
    private(set) var lineEnds: [Int] = []
    /// Each display line's width in columns.
    private(set) var lineWidths: [Int] = []

    /// The number of display lines.
    var lineCount: Int { lineEnds.count }

    /// The bytes of display line `index`.
    func line(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : lineEnds[index - 1])..<lineEnds[index]]
    }

    /// Formats `value`, replacing the previous contents (the buffers are reused: no allocation per value
    /// once they are large enough).
    mutating func format(_ value: UnsafeRawBufferPointer) {
        bytes.removeAll(keepingCapacity: true)
        lineEnds.removeAll(keepingCapacity: true)
        lineWidths.removeAll(keepingCapacity: true)
        var lineWidth = 0
        Self.walk(value) { piece in
            switch piece {
            case .newline:
                lineEnds.append(bytes.count)
                lineWidths.append(lineWidth)
                lineWidth = 0
            case .carriageReturn:
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "r"))
                lineWidth += 2
            case .tab:
                repeat {
                    bytes.append(UInt8(ascii: " "))
                    lineWidth += 1
                } while lineWidth % 8 != 0
            case .asciiControl(let byte):
                bytes.append(contentsOf: Array("\\x".utf8))
                Self.appendHex(UInt32(byte), digits: 2, to: &bytes)
                lineWidth += 4
            case .unicodeControl(let scalar):
                bytes.append(contentsOf: Array("\\u".utf8))
                Self.appendHex(scalar, digits: 4, to: &bytes)
                lineWidth += 6
            case .character(let range, let width):
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: value[range]))
                lineWidth += width
            }
        }
        lineEnds.append(bytes.count)
        lineWidths.append(lineWidth)
    }

    /// The width of the widest display line of `value`, without building the lines.
    static func width(of value: UnsafeRawBufferPointer) -> Int {
        var widest = 0
        var lineWidth = 0
        walk(value) { piece in
            switch piece {
            case .newline:
                widest = max(widest, lineWidth)
                lineWidth = 0
            case .carriageReturn: lineWidth += 2
            case .tab: lineWidth += 8 - lineWidth % 8
            case .asciiControl: lineWidth += 4
            case .unicodeControl: lineWidth += 6
            case .character(_, let width): lineWidth += width
            }
        }
        return max(widest, lineWidth)
    }

    /// The width of a string's widest display line (for headers and titles).
    static func width(of string: String) -> Int {
        var copy = string
        return copy.withUTF8 { width(of: UnsafeRawBufferPointer($0)) }
    }

    /// What one character of a value becomes on screen.
    enum Piece {
        case newline
        case carriageReturn
        case tab
        case asciiControl(UInt8)
        case unicodeControl(UInt32)
        /// Printed as it is: its bytes in the value and its width in columns.
        case character(Range<Int>, width: Int)
    }

    /// Walks `value` character by character the way psql does: sequence lengths from the lead byte,
    /// characters psql's validation drops skipped, a truncated final sequence ignored.
    @inline(__always) static func walk(_ value: UnsafeRawBufferPointer, _ visit: (Piece) -> Void) {
        var index = 0
        let count = value.count
        while index < count {
            let lead = value[index]
            let length = PsqlTextValidation.sequenceLength(lead)
            guard count - index >= length else { return }
            defer { index += length }
            if length == 1 {
                switch lead {
                case UInt8(ascii: "\n"): visit(.newline)
                case UInt8(ascii: "\r"): visit(.carriageReturn)
                case UInt8(ascii: "\t"): visit(.tab)
                case 0..<0x20, 0x7F...: visit(.asciiControl(lead))
                default: visit(.character(index..<(index + 1), width: 1))
                }
                continue
            }
            let scalar = decode(value, at: index, length: length)
            if length == 4 && PsqlTextValidation.isDropped(scalar) { continue }
            let width = PsqlTextWidth.width(of: scalar)
            if width < 0 {
                visit(.unicodeControl(scalar))
            } else {
                visit(.character(index..<(index + length), width: width))
            }
        }
    }

    @inline(__always) private static func decode(_ value: UnsafeRawBufferPointer, at index: Int, length: Int) -> UInt32 {
        switch length {
        case 2: return (UInt32(value[index] & 0x1F) << 6) | UInt32(value[index + 1] & 0x3F)
        case 3:
            return (UInt32(value[index] & 0x0F) << 12) | (UInt32(value[index + 1] & 0x3F) << 6) | UInt32(value[index + 2] & 0x3F)
        default: return PsqlTextValidation.scalar4(value, at: index)
        }
    }

    private static func appendHex(_ value: UInt32, digits: Int, to output: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            output.append(hex[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}

/// Display widths of Unicode scalars as psql 15 computes them (`ucs_wcwidth`).
enum PsqlTextWidth {
    /// 0 for non-spacing marks, 2 for East Asian wide and fullwidth characters, -1 for control
    /// characters (which psql escapes), 1 otherwise.
    static func width(of scalar: UInt32) -> Int {
        if scalar == 0 { return 0 }
        if scalar < 0x20 || (scalar >= 0x7F && scalar < 0xA0) || scalar > 0x10FFFF { return -1 }
        if scalar < 0x300 { return 1 }
        if contains(DisplayWidthTables.zeroWidth, scalar) { return 0 }
        if scalar >= 0x1100 && contains(DisplayWidthTables.doubleWidth, scalar) { return 2 }
        return 1
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[middle].lowerBound {
                high = middle - 1
            } else if value > ranges[middle].upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
