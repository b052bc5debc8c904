/// How many terminal columns text occupies in psql 15 (`ucs_wcwidth` and `pg_wcssize` for UTF-8).
///
/// psql pads table cells by display width, not by bytes or characters: a combining accent takes no
/// column, a CJK ideograph or an emoji takes two. Control characters are shown escaped (`\r`, `\x07`,
/// `\u0085`, see ``PsqlCellFormatter``) and a tab advances to the next multiple of eight.
public enum DisplayWidth {
    /// The columns `scalar` occupies: 0 for non-spacing marks, 2 for East Asian wide and fullwidth
    /// characters, 1 otherwise, and -1 for control characters (which psql escapes).
    public static func width(of scalar: Unicode.Scalar) -> Int {
        width(ofCodePoint: scalar.value)
    }

    /// The width of the widest display line of `text` as psql measures a title or a footer: escapes
    /// and tabs counted as printed, and nothing dropped, since psql prints titles and footers as they
    /// are (only headers and cells go through its UTF-8 check, see ``PsqlTextValidation``).
    public static func width(of text: String) -> Int {
        var copy = text
        return copy.withUTF8 { PsqlCharacterWalk.widestLine(UnsafeRawBufferPointer($0), droppingRejected: false) }
    }

    /// ``width(of:)-(Unicode.Scalar)`` for any value a byte sequence decodes to, as psql's
    /// `ucs_wcwidth` takes it: values past U+10FFFF (from malformed four-byte sequences) count as controls.
    @inline(__always) static func width(ofCodePoint value: UInt32) -> Int {
        if value == 0 { return 0 }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) || value > 0x10FFFF { return -1 }
        // Both tables start above U+02FF: the common case needs no search.
        if value < 0x300 { return 1 }
        if UnicodeWidthTables.isNonSpacing(value) { return 0 }
        return UnicodeWidthTables.isWide(value) ? 2 : 1
    }
}
