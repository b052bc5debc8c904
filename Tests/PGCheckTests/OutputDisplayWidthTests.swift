import Testing
@testable import PGCheck

/// Display widths and escapes as psql 15 computes them.
@Suite struct OutputDisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("漢字", 4), ("ｶ", 1), ("Ａ", 2), ("😀", 2), ("한", 2),
        ("\u{AD}", 1), ("\u{200B}", 1), ("\u{10A01}", 0), ("\u{1F3FB}", 2), ("", 0),
        ("a\tb", 9), ("\t", 8), ("1234567\tx", 9), ("\r", 2), ("\u{07}", 4), ("\u{85}", 6),
        ("ab\ncdef\ng", 4), ("x\u{1FFFE}y", 2),
    ])
    func widthOfWidestLine(text: String, width: Int) {
        #expect(PsqlCellFormatter.width(of: text) == width)
    }

    @Test func formattingEscapesControlsExpandsTabsAndSplitsLines() {
        var formatter = PsqlCellFormatter()
        let value = "a\tb\u{01}\r\u{9F}\nsecond\u{1FFFF}"
        var copy = value
        copy.withUTF8 { formatter.format(UnsafeRawBufferPointer($0)) }
        #expect(formatter.lineCount == 2)
        #expect(String(decoding: formatter.line(0), as: UTF8.self) == "a       b\\x01\\r\\u009F")
        #expect(formatter.lineWidths == [9 + 4 + 2 + 6, 6])
        #expect(String(decoding: formatter.line(1), as: UTF8.self) == "second")
    }

    @Test func emptyValueIsOneEmptyLine() {
        var formatter = PsqlCellFormatter()
        formatter.format(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(formatter.lineCount == 1)
        #expect(formatter.lineWidths == [0])
    }

    @Test func scalarWidthClasses() {
        #expect(PsqlTextWidth.width(of: 0x41) == 1)
        #expect(PsqlTextWidth.width(of: 0x1F) == -1)
        #expect(PsqlTextWidth.width(of: 0x7F) == -1)
        #expect(PsqlTextWidth.width(of: 0x300) == 0)
        #expect(PsqlTextWidth.width(of: 0x4E00) == 2)
        #expect(PsqlTextWidth.width(of: 0x3FFFD) == 2)
        #expect(PsqlTextWidth.width(of: 0xE01EF) == 0)
    }

    @Test func widthTablesAreSortedAndDisjoint() {
        for table in [DisplayWidthTables.zeroWidth, DisplayWidthTables.doubleWidth] {
            for (previous, next) in zip(table, table.dropFirst()) {
                #expect(previous.upperBound < next.lowerBound)
            }
        }
    }
}
