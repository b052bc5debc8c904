/// How psql lays one header or cell out for aligned output (`pg_wcssize` and `pg_wcsformat` for UTF-8).
///
/// The value splits into display lines at `\n`; a tab advances to the next multiple of eight columns
/// (as spaces); `\r` shows as the two characters `\r`; other ASCII control characters show as `\xHH`
/// and C1 controls as `\uHHHH`; the characters psql's UTF-8 check deletes are left out (see
/// ``PsqlTextValidation``); every other character takes the columns ``DisplayWidth`` gives.
/// Widths are terminal columns, not bytes, so CJK text and combining accents line up as in psql.
///
/// One formatter is reused for value after value (its buffers keep their capacity), which is what
/// lets ``PsqlAlignedLayout`` print millions of streamed rows without an allocation per cell.
public struct PsqlCellFormatter: Sendable {
    /// The formatted bytes of the last value passed to ``format(_:)``, lines back to back.
    public private(set) var bytes: [UInt8] = []
    /// Where each display line ends in ``bytes``.
    public private(set) var lineEnds: [Int] = []
    /// Each display line's width in columns.
    public private(set) var lineWidths: [Int] = []

    /// An empty formatter, to be filled by ``format(_:)``.
    public init() {}

    /// A formatter holding `text` formatted.
    public init(formatting text: String) {
        var copy = text
        copy.withUTF8 { format(UnsafeRawBufferPointer($0)) }
    }

    /// The number of display lines.
    public var lineCount: Int { lineEnds.count }

    /// The width of the widest display line.
    public var widestLine: Int { lineWidths.max() ?? 0 }

    /// The bytes of display line `index`.
    public func line(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : lineEnds[index - 1])..<lineEnds[index]]
    }

    /// Formats `value`, replacing the previous contents (the buffers are reused: no allocation per value
    /// once they are large enough).
    public mutating func format(_ value: UnsafeRawBufferPointer) {
        bytes.removeAll(keepingCapacity: true)
        lineEnds.removeAll(keepingCapacity: true)
        lineWidths.removeAll(keepingCapacity: true)
        var lineWidth = 0
        PsqlCharacterWalk.walk(value, droppingRejected: true) { piece in
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
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "x"))
                Self.appendHex(UInt32(byte), digits: 2, to: &bytes)
                lineWidth += 4
            case .unicodeControl(let scalar):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "u"))
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

    /// The width of the widest display line `value` formats to, without building the lines: what a
    /// streaming table measures while it spools.
    public static func width(of value: UnsafeRawBufferPointer) -> Int {
        PsqlCharacterWalk.widestLine(value, droppingRejected: true)
    }

    /// ``width(of:)-(UnsafeRawBufferPointer)`` of a string (a column header).
    public static func width(of string: String) -> Int {
        var copy = string
        return copy.withUTF8 { width(of: UnsafeRawBufferPointer($0)) }
    }

    private static func appendHex(_ value: UInt32, digits: Int, to output: inout [UInt8]) {
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            let digit = UInt8((value >> UInt32(shift)) & 0xF)
            output.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "A") + digit - 10)
        }
    }
}
