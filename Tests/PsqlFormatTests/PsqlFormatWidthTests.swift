import Testing
@testable import PsqlFormat

/// Display widths, escapes and dropped characters as psql 15 computes them, for headers and cells
/// (``PsqlCellFormatter``) and for titles and footers (``DisplayWidth``).
@Suite struct PsqlFormatWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("漢字", 4), ("ｶ", 1), ("Ａ", 2), ("😀", 2), ("한", 2),
        ("\u{AD}", 1), ("\u{200B}", 1), ("\u{10A01}", 0), ("\u{1F3FB}", 2), ("", 0),
        ("a\tb", 9), ("\t", 8), ("1234567\tx", 9), ("\r", 2), ("\u{07}", 4), ("\u{85}", 6),
        ("ab\ncdef\ng", 4), ("x\u{1FFFE}y", 2),
    ])
    func cellWidthOfWidestLine(text: String, width: Int) {
        #expect(PsqlCellFormatter.width(of: text) == width)
        #expect(PsqlCellFormatter(formatting: text).widestLine == width)
    }

    @Test func formattingEscapesControlsExpandsTabsAndSplitsLines() {
        let formatter = PsqlCellFormatter(formatting: "a\tb\u{01}\r\u{9F}\nsecond\u{1FFFF}")
        #expect(formatter.lineCount == 2)
        #expect(String(decoding: formatter.line(0), as: UTF8.self) == "a       b\\x01\\r\\u009F")
        #expect(formatter.lineWidths == [9 + 4 + 2 + 6, 6])
        #expect(String(decoding: formatter.line(1), as: UTF8.self) == "second")
    }

    @Test func emptyValueIsOneEmptyLine() {
        var formatter = PsqlCellFormatter(formatting: "previous\nvalue")
        formatter.format(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(formatter.lineCount == 1)
        #expect(formatter.lineWidths == [0])
    }

    @Test func linesSplitAtNewlinesAndMeasureEach() {
        let formatter = PsqlCellFormatter(formatting: "数据\nab\n")
        #expect((0..<formatter.lineCount).map { String(decoding: formatter.line($0), as: UTF8.self) } == ["数据", "ab", ""])
        #expect(formatter.lineWidths == [4, 2, 0])
    }

    @Test func scalarWidthClasses() {
        #expect(DisplayWidth.width(ofCodePoint: 0x41) == 1)
        #expect(DisplayWidth.width(ofCodePoint: 0x1F) == -1)
        #expect(DisplayWidth.width(ofCodePoint: 0x7F) == -1)
        #expect(DisplayWidth.width(ofCodePoint: 0x300) == 0)
        #expect(DisplayWidth.width(ofCodePoint: 0x4E00) == 2)
        #expect(DisplayWidth.width(ofCodePoint: 0x3FFFD) == 2)
        #expect(DisplayWidth.width(ofCodePoint: 0xE01EF) == 0)
        #expect(DisplayWidth.width(ofCodePoint: 0x110000) == -1)
        #expect(DisplayWidth.width(of: Unicode.Scalar(0x85)!) == -1)
    }

    /// The code points on which the two width tables this project once had differed, or were said to:
    /// marks outside the Basic Multilingual Plane, and marks EastAsianWidth.txt also lists as wide.
    /// psql 15.18 prints all of them zero wide, as a header, as a cell and in a title.
    @Test(arguments: [0x10A01, 0x10A0F, 0x1D167, 0xE0100, 0xE01EF, 0x302A, 0x302D, 0x3099, 0x309A, 0x16FE4] as [UInt32])
    func disputedMarksAreZeroWide(codePoint: UInt32) throws {
        let mark = String(Character(try #require(Unicode.Scalar(codePoint))))
        #expect(DisplayWidth.width(ofCodePoint: codePoint) == 0)
        #expect(PsqlCellFormatter.width(of: "a" + mark + "b") == 2)
        #expect(DisplayWidth.width(of: "a" + mark + "b") == 2)
    }

    /// Neighbours of the disputed marks that are not marks keep their width.
    @Test func neighboursOfTheDisputedMarksKeepTheirWidth() {
        #expect(DisplayWidth.width(ofCodePoint: 0x3029) == 2)
        #expect(DisplayWidth.width(ofCodePoint: 0x302E) == 2)
        #expect(DisplayWidth.width(ofCodePoint: 0x309B) == 2)
        #expect(DisplayWidth.width(ofCodePoint: 0x16FE3) == 2)
        #expect(DisplayWidth.width(ofCodePoint: 0x10A00) == 1)
        #expect(DisplayWidth.width(ofCodePoint: 0xE00FF) == 1)
    }

    @Test func noncharactersAreDroppedFromCellsButCountedInTitles() {
        #expect(PsqlCellFormatter.width(of: "t\u{1FFFE}x") == 2)
        #expect(DisplayWidth.width(of: "t\u{1FFFE}x") == 3)
        #expect(String(decoding: PsqlCellFormatter(formatting: "t\u{1FFFE}x\u{10FFFF}").bytes, as: UTF8.self) == "tx")
    }

    @Test func validationDropsOnlyTheNoncharactersPsqlRejects() {
        var text = "a\u{1FFFE}b\u{10FFFF}c\u{FFFE}"
        let kept = text.withUTF8 { utf8 in
            PsqlTextValidation.withValidated(UnsafeRawBufferPointer(utf8)) { String(decoding: $0, as: UTF8.self) }
        }
        #expect(kept == "abc\u{FFFE}")
    }

    @Test func widthTablesAreSortedAndDisjoint() {
        for table in [UnicodeWidthTables.nonSpacing, UnicodeWidthTables.wide] {
            for (previous, next) in zip(table, table.dropFirst()) {
                #expect(previous.upperBound < next.lowerBound)
            }
        }
    }
}
