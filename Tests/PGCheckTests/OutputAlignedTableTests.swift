import Testing
import PGCatalog
@testable import PGCheck
import PostgresWire
import PsqlFormat

/// The aligned table against psql 15's own output for the same results (expected texts captured
/// from `psql -X -c`); the integration tests compare with a live psql too.
@Suite struct OutputAlignedTableTests {
    private func table(_ columns: PostgresColumns, _ rows: [[String?]], title: String? = nil) throws -> String {
        try OutputFixture.render(columns, rows) { AlignedTableSink(writer: $0, title: title) }
    }

    @Test func numbersRightNullsEmptyMultiLineWithPlus() throws {
        let columns = OutputFixture.columns([("id", PostgresTypeOID.int4), ("meter", PostgresTypeOID.text), ("price", PostgresTypeOID.numeric)])
        let output = try table(columns, [["1", "api_calls", "1.5"], ["22", nil, nil], ["-3", "two\nlines", "100.25"]])
        #expect(output == " id |   meter   | price  \n----+-----------+--------\n  1 | api_calls |    1.5\n 22 |           |       \n -3 | two      +| 100.25\n    | lines     | \n(3 rows)\n\n")
    }

    @Test func displayWidthOfWideCombiningAndControlCharacters() throws {
        let columns = OutputFixture.columns([
            ("名前", PostgresTypeOID.text), ("mark", PostgresTypeOID.text), ("emoji", PostgresTypeOID.text),
            ("t", PostgresTypeOID.text), ("c", PostgresTypeOID.text),
        ])
        let output = try table(columns, [["héllo 漢字", "e\u{301}", "😀", "tab\there", "bell\u{07}"]])
        #expect(output == "    名前    | mark | emoji |      t       |    c     \n------------+------+-------+--------------+----------\n héllo 漢字 | e\u{301}    | 😀    | tab     here | bell\\x07\n(1 row)\n\n")
    }

    /// Marks outside the Basic Multilingual Plane or also listed as wide are zero wide in headers,
    /// cells and the title; a noncharacter is dropped from headers and cells but kept (one column) in
    /// the title. Expected text printed by `psql -X` 15.18 with `\pset title` for the same query.
    @Test func disputedMarksLineUpAsPsqlPrintsThem() throws {
        let columns = OutputFixture.columns(
            ["\u{10A01}", "\u{E0100}", "\u{302A}", "\u{3099}", "\u{16FE4}", "n\u{1FFFE}"].map { ($0, PostgresTypeOID.text) })
        let output = try table(
            columns, [["a\u{10A01}b", "\u{E0100}c", "d\u{302A}e", "\u{3099}", "f\u{16FE4}", "\u{1FFFE}g"]], title: "t\u{1FFFE}itles\u{10A01}")
        let psql = "        t\u{1FFFE}itles\u{10A01}\n"
            + "  \u{10A01}  | \u{E0100}  |  \u{302A}  | \u{3099} | \u{16FE4}  | n \n----+---+----+--+---+---\n"
            + " a\u{10A01}b | \u{E0100}c | d\u{302A}e | \u{3099} | f\u{16FE4} | g\n(1 row)\n\n"
        #expect(Array(output.utf8) == Array(psql.utf8), "\(output)")
    }

    @Test func zeroRowsKeepTheHeaderAndSayZeroRows() throws {
        let columns = OutputFixture.columns([("a", PostgresTypeOID.int4), ("b", PostgresTypeOID.text)])
        #expect(try table(columns, []) == " a | b \n---+---\n(0 rows)\n\n")
    }

    @Test func zeroColumnsPrintOnlyTheRuleAndFooter() throws {
        #expect(try table(OutputFixture.columns([]), [[], []]) == "--\n(2 rows)\n\n")
    }

    @Test func multiLineHeaderIsCentredLineByLine() throws {
        let columns = OutputFixture.columns([("two\nlines", PostgresTypeOID.int4), ("w", PostgresTypeOID.text)])
        #expect(try table(columns, [["1", "v"]]) == "  two +| w \n lines |   \n-------+---\n     1 | v\n(1 row)\n\n")
    }

    @Test func titleIsCentredOverTheTableLikePsetTitle() throws {
        let columns = OutputFixture.columns([("abcdefghijkl", PostgresTypeOID.int4), ("b", PostgresTypeOID.int4)])
        let output = try table(columns, [["1", "2"]], title: "hello")
        #expect(output == "      hello\n abcdefghijkl | b \n--------------+---\n            1 | 2\n(1 row)\n\n")
    }

    @Test func statementWithoutRowsPrintsItsCommandTag() throws {
        let capture = try OutputCapture()
        let sink = AlignedTableSink(writer: capture.writer)
        try sink.finish(ResultSummary(commandTag: "SET", rowCount: 0))
        #expect(try capture.finish() == "SET\n")
    }

    @Test func rightAlignedTypesFollowPsql() {
        let right: [PostgresOID] = [20, 21, 23, 26, 28, 29, 700, 701, 790, 1700, 5069]
        for type in right { #expect(PsqlAlignedLayout.alignment(for: type) == .right) }
        for type in [PostgresTypeOID.text, PostgresTypeOID.bool, PostgresTypeOID.timestamptz, PostgresTypeOID.int4Array] {
            #expect(PsqlAlignedLayout.alignment(for: type) == .left)
        }
    }

    @Test func spooledRowsComeBackInOrderAcrossTheFileBoundary() throws {
        let spool = RowSpool(memoryLimit: 64)
        let values: [String?] = (0..<500).map { $0 % 7 == 0 ? nil : String(repeating: "v\($0)", count: $0 % 13) }
        for value in values {
            if let value {
                var copy = value
                try copy.withUTF8 { try spool.append(UnsafeRawBufferPointer($0)) }
            } else {
                try spool.append(nil)
            }
        }
        let reader = try spool.reader()
        for value in values {
            let read = try reader.next { $0.map { String(decoding: $0, as: UTF8.self) } }
            #expect(read == value)
        }
    }
}
