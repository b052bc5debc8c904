/// How many terminal columns text occupies, and how psql shows characters it cannot print as they are.
///
/// psql pads table cells by display width, not by bytes or characters: a combining accent takes no
/// column, a CJK ideograph or an emoji takes two. Control characters are shown escaped (`\r`, `\x07`,
/// `\u0085`) and a tab advances to the next multiple of eight. This mirrors psql's UTF-8 rules
/// (`pg_wcssize`/`pg_wcsformat` with `ucs_wcwidth`) so padded output lines up byte for byte.
public enum DisplayWidth {
    /// One display line of a value: the text as psql prints it (escapes expanded) and its width.
    public struct Line: Equatable, Sendable {
        /// The printable text.
        public var text: String
        /// Its width in terminal columns.
        public var width: Int
    }

    /// The columns `scalar` occupies: 0 for non-spacing marks, 2 for East Asian wide and fullwidth
    /// characters, 1 otherwise, and -1 for control characters (which psql escapes).
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return -1 }
        if UnicodeWidthTables.isNonSpacing(value) { return 0 }
        return UnicodeWidthTables.isWide(value) ? 2 : 1
    }

    /// The lines psql displays for `text` (split at newlines, escapes expanded), each with its width.
    public static func lines(of text: String) -> [Line] {
        var lines: [Line] = []
        var current = ""
        var width = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                lines.append(Line(text: current, width: width))
                current = ""
                width = 0
            case "\r":
                current += "\\r"
                width += 2
            case "\t":
                repeat {
                    current.append(" ")
                    width += 1
                } while width % 8 != 0
            default:
                let scalarWidth = Self.width(of: scalar)
                if scalarWidth >= 0 {
                    current.unicodeScalars.append(scalar)
                    width += scalarWidth
                } else if scalar.value < 0x80 {
                    current += "\\x" + hex(scalar.value, digits: 2)
                    width += 4
                } else {
                    current += "\\u" + hex(scalar.value, digits: 4)
                    width += 6
                }
            }
        }
        lines.append(Line(text: current, width: width))
        return lines
    }

    /// `text` without the characters psql drops from table headers and cells before printing them.
    ///
    /// psql checks cells as UTF-8 (`mbvalidate`) and deletes what its check rejects; for text that
    /// is valid UTF-8 that is exactly the noncharacters U+xFFFE and U+xFFFF of planes 1 to 16.
    public static func psqlValidated(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isRejected) else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.lazy.filter { !isRejected($0) })
        return String(result)
    }

    private static func isRejected(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0xFFFF && scalar.value & 0xFFFE == 0xFFFE
    }

    /// The width of the widest display line of `text`.
    public static func width(of text: String) -> Int {
        lines(of: text).map(\.width).max() ?? 0
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
