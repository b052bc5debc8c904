import Foundation
import Testing
@testable import PGCheck
import PostgresWire

/// CSV (psql --csv's quoting), TSV (COPY text escapes) and JSON Lines.
@Suite struct OutputDelimitedTests {
    private let columns = OutputFixture.columns([
        ("id", PostgresTypeOID.int8), ("note", PostgresTypeOID.text), ("ok", PostgresTypeOID.bool),
        ("price", PostgresTypeOID.numeric), ("doc", PostgresTypeOID.jsonb), ("ratio", PostgresTypeOID.float8),
    ])

    @Test(arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""), ("\\.", "\"\\.\""), ("\\.x", "\\.x"), (" spaced ", " spaced "), ("ü;'", "ü;'"),
    ])
    func csvQuotesOnlyWhatPsqlQuotes(value: String, field: String) throws {
        let single = OutputFixture.columns([("v", PostgresTypeOID.text)])
        #expect(try OutputFixture.render(single, [[value]]) { CSVSink(writer: $0) } == "v\n\(field)\n")
    }

    @Test func csvHeaderNullsAndZeroColumns() throws {
        let output = try OutputFixture.render(columns, [["1", nil, "t", "1.50", "{\"a\": 1}", "NaN"]]) { CSVSink(writer: $0) }
        #expect(output == "id,note,ok,price,doc,ratio\n1,,t,1.50,\"{\"\"a\"\": 1}\",NaN\n")
        let quotedHeader = OutputFixture.columns([("a,b", PostgresTypeOID.int4)])
        #expect(try OutputFixture.render(quotedHeader, []) { CSVSink(writer: $0) } == "\"a,b\"\n")
        #expect(try OutputFixture.render(OutputFixture.columns([]), [[], []]) { CSVSink(writer: $0) } == "\n")
    }

    @Test func tsvUsesCopyEscapesAndBackslashNForNull() throws {
        let output = try OutputFixture.render(columns, [["1", "tab\there\nnew \\ back", "f", nil, "{}", "1e+30"]]) { TSVSink(writer: $0) }
        #expect(output == "id\tnote\tok\tprice\tdoc\tratio\n1\ttab\\there\\nnew \\\\ back\tf\t\\N\t{}\t1e+30\n")
        let controls = OutputFixture.columns([("c", PostgresTypeOID.text)])
        #expect(try OutputFixture.render(controls, [["\u{08}\u{0C}\u{0B}\r"]]) { TSVSink(writer: $0) } == "c\n\\b\\f\\v\\r\n")
    }

    @Test func jsonLinesKeepNumbersBooleansNullsAndEmbeddedJSON() throws {
        let output = try OutputFixture.render(columns, [
            ["1", "say \"hi\"\n\ttab\u{01}", "t", "123456789012345678901234567890.000001", "{\"a\": [1,\n 2]}", "-1.5e-07"],
            ["-2", nil, "f", "NaN", nil, "Infinity"],
        ]) { JSONLinesSink(writer: $0) }
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[0] == #"{"id":1,"note":"say \"hi\"\n\ttab\u0001","ok":true,"price":123456789012345678901234567890.000001,"doc":{"a": [1,  2]},"ratio":-1.5e-07}"#)
        #expect(lines[1] == #"{"id":-2,"note":null,"ok":false,"price":"NaN","doc":null,"ratio":"Infinity"}"#)
        for line in lines.dropLast() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?.count == 6)
        }
    }

    @Test(arguments: [
        ("0", true), ("-0", true), ("12", true), ("1.5", true), ("-0.001", true), ("1e+30", true), ("2E-7", true),
        ("NaN", false), ("Infinity", false), ("-Infinity", false), ("01", false), (".5", false), ("1.", false),
        ("1e", false), ("", false), ("-", false), ("1,5", false),
    ])
    func jsonNumberGrammar(text: String, isNumber: Bool) {
        var copy = text
        #expect(copy.withUTF8 { JSONText.isNumber(UnsafeRawBufferPointer($0)) } == isNumber)
    }

    @Test func ownedAndBinaryRowsRenderTheirText() throws {
        let binary = PostgresColumns(RowDescription(columns: [
            RowDescription.Column(name: "n", tableOID: 0, columnAttributeNumber: 0, dataTypeOID: PostgresTypeOID.int4, dataTypeSize: 4, typeModifier: -1, formatCode: 1),
        ]))
        let capture = try OutputCapture()
        let sink = CSVSink(writer: capture.writer)
        try sink.begin(binary)
        try sink.write(PostgresDataRow(values: [[0, 0, 1, 0]], columns: binary))
        try sink.finish(ResultSummary(commandTag: "SELECT 1", rowCount: 1))
        #expect(try capture.finish() == "n\n256\n")
    }
}
