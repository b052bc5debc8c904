/// Reads UTF-8 text character by character the way psql's `pg_wcssize` and `pg_wcsformat` do, saying
/// what each character becomes on screen. The one reader under ``PsqlCellFormatter`` and ``DisplayWidth``.
enum PsqlCharacterWalk {
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

    /// Walks `value`: sequence lengths from the lead byte (`pg_utf_mblen`), a truncated final sequence
    /// ignored, and with `droppingRejected` the characters psql's UTF-8 check deletes from headers and
    /// cells skipped (see ``PsqlTextValidation``).
    @inline(__always) static func walk(_ value: UnsafeRawBufferPointer, droppingRejected: Bool, _ visit: (Piece) -> Void) {
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
            if droppingRejected && length == 4 && PsqlTextValidation.isDropped(scalar) { continue }
            let width = DisplayWidth.width(ofCodePoint: scalar)
            if width < 0 {
                visit(.unicodeControl(scalar))
            } else {
                visit(.character(index..<(index + length), width: width))
            }
        }
    }

    /// The width of the widest display line of `value`, without building the lines.
    static func widestLine(_ value: UnsafeRawBufferPointer, droppingRejected: Bool) -> Int {
        var widest = 0
        var lineWidth = 0
        walk(value, droppingRejected: droppingRejected) { piece in
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

    @inline(__always) private static func decode(_ value: UnsafeRawBufferPointer, at index: Int, length: Int) -> UInt32 {
        switch length {
        case 2: return (UInt32(value[index] & 0x1F) << 6) | UInt32(value[index + 1] & 0x3F)
        case 3:
            return (UInt32(value[index] & 0x0F) << 12) | (UInt32(value[index + 1] & 0x3F) << 6) | UInt32(value[index + 2] & 0x3F)
        default: return PsqlTextValidation.scalar4(value, at: index)
        }
    }
}
