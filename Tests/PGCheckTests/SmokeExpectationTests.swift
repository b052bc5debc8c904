import Testing
@testable import PGCheck
import PostgresWire

/// Parsing `column OP value` and judging it on a result.
@Suite struct SmokeExpectationTests {
    @Test(arguments: [
        ("missing_window_end = 0", "missing_window_end", SmokeComparisonOperator.equal, SmokeComparisonOperand.number("0")),
        ("buckets_with_windows > 0", "buckets_with_windows", .greater, .number("0")),
        ("  n>=-1.5e3 ", "n", .greaterOrEqual, .number("-1.5e3")),
        ("n <> +2", "n", .notEqual, .number("2")),
        ("n != .5", "n", .notEqual, .number(".5")),
        ("Total <= 10", "total", .lessOrEqual, .number("10")),
        ("\"Total\" < 10", "Total", .less, .number("10")),
        ("meter = 'api_calls'", "meter", .equal, .string("api_calls")),
        ("note = 'it''s'", "note", .equal, .string("it's")),
        ("source = NULL", "source", .equal, .null),
        ("source != null", "source", .notEqual, .null),
        ("ok = TRUE", "ok", .equal, .boolean(true)),
        ("ok != false", "ok", .notEqual, .boolean(false)),
        ("window_end >= window_start", "window_end", .greaterOrEqual, .column("window_start")),
        ("a = \"null\"", "a", .equal, .column("null")),
        ("\"we\"\"ird\" = 1", "we\"ird", .equal, .number("1")),
    ])
    func parses(text: String, column: String, comparison: SmokeComparisonOperator, operand: SmokeComparisonOperand) throws {
        let expectation = try SmokeExpectation.parse(text)
        #expect(expectation == .comparison(SmokeComparison(column: column, comparisonOperator: comparison, operand: operand)))
    }

    @Test(arguments: [
        ("", 1, "a column name must come first"),
        ("= 0", 1, "a column name must come first"),
        ("n", 2, "the comparison is missing"),
        ("n ~ 0", 3, "expected a comparison operator"),
        ("n == 0", 3, "expected a comparison operator"),
        ("n =", 4, "the value is missing"),
        ("n = 0 0", 7, "unexpected text after the value"),
        ("n = 'open", 5, "the string is not closed with '"),
        ("n < NULL", 5, "NULL can only be compared with = (IS NULL) or != (IS NOT NULL)"),
        ("n > TRUE", 5, "TRUE and FALSE can only be compared with = or !="),
        ("n = 1e", 7, "the exponent has no digits"),
        ("n = 12abc", 7, "a number cannot be followed by letters"),
        ("\"open = 1", 1, "the quoted column name is not closed with \""),
        ("n = -", 5, "this is not a number"),
    ])
    func rejects(text: String, position: Int, problem: String) {
        #expect(throws: SmokeExpectationSyntaxError(text: text, position: position, problem: problem)) { try SmokeExpectation.parse(text) }
    }

    @Test func descriptionsReadBackAsTheSameExpectation() throws {
        for text in ["missing_window_end = 0", "\"Total\" >= -1.5", "meter = 'it''s'", "source != NULL", "ok = TRUE", "a <= b"] {
            let expectation = try SmokeExpectation.parse(text)
            #expect(try SmokeExpectation.parse(expectation.description) == expectation)
        }
        #expect(SmokeExpectation.rowCount(3).description == "rows = 3")
        #expect(SmokeExpectation.empty.description == "empty")
    }

    // MARK: - Judging

    private let columns = OutputFixture.columns([
        ("n", PostgresTypeOID.int8), ("price", PostgresTypeOID.numeric), ("meter", PostgresTypeOID.text),
        ("missing", PostgresTypeOID.int8), ("ok", PostgresTypeOID.bool), ("start", PostgresTypeOID.timestamptz),
        ("finish", PostgresTypeOID.timestamptz),
    ])
    private let values: [String?] = ["300", "0.001234", "api_calls", nil, "t", "2025-11-01 00:00:00+00", "2025-11-02 00:00:00+00"]

    private func judge(_ texts: [String], rows: Int = 1) throws -> [SmokeVerdict] {
        let observer = try SmokeExpectationObserver(expectations: try texts.map(SmokeExpectation.parse), columns: columns, query: "q")
        for _ in 0..<rows { observer.observe(OutputFixture.row(values, columns)) }
        return observer.verdicts()
    }

    @Test(arguments: [
        ("n = 300", true), ("n = 300.000", true), ("n > 299.9999", true), ("n < 3e2", false), ("n >= 3e2", true), ("n != 300", false),
        ("price > 0.001", true), ("price < 0.0012345", true), ("price = 0.001234000", true),
        ("meter = 'api_calls'", true), ("meter < 'b'", true), ("meter != 'API_CALLS'", true),
        ("missing = NULL", true), ("missing != NULL", false), ("missing = 0", false), ("n = NULL", false),
        ("ok = TRUE", true), ("ok != TRUE", false), ("finish > start", true), ("start = finish", false), ("n > missing", false),
        ("meter > 0", false),
    ])
    func judgesOneRow(text: String, passes: Bool) throws {
        let verdict = try #require(try judge([text]).first)
        #expect(verdict.passed == passes, "\(verdict)")
    }

    @Test func verdictsShowTheActualValue() throws {
        let verdicts = try judge(["n = 0", "meter = 'x'", "missing = 0", "meter > 0"])
        #expect(verdicts.map(\.description) == [
            "FAIL n = 0 (actual: 300)",
            "FAIL meter = 'x' (actual: 'api_calls')",
            "FAIL missing = 0 (actual: NULL; NULL never compares equal or unequal; write missing = NULL to expect NULL)",
            "FAIL meter > 0 (actual: 'api_calls'; the value is not a number)",
        ])
    }

    @Test func columnExpectationsNeedExactlyOneRow() throws {
        #expect(try judge(["n = 300"], rows: 2).map(\.description) == ["FAIL n = 300 (actual: 2 rows; the query returned 2 rows; column expectations need exactly one)"])
        #expect(try judge(["n = 300"], rows: 0).map(\.description) == ["FAIL n = 300 (actual: 0 rows; the query returned no rows; column expectations need exactly one)"])
    }

    @Test func rowCountExpectations() throws {
        let observer = try SmokeExpectationObserver(expectations: [.rowCount(2), .empty, .rowCount(0)], columns: columns, query: "q")
        observer.observe(OutputFixture.row(values, columns))
        observer.observe(OutputFixture.row(values, columns))
        #expect(observer.verdicts().map(\.description) == ["PASS rows = 2 (actual: 2 rows)", "FAIL empty (actual: 2 rows)", "FAIL rows = 0 (actual: 2 rows)"])
    }

    @Test func unknownColumnIsNamedWithTheColumnsThatExist() throws {
        #expect(throws: SmokeError.unknownColumn(query: "q", column: "nope", available: columns.names)) {
            _ = try SmokeExpectationObserver(expectations: [try SmokeExpectation.parse("n > nope")], columns: columns, query: "q")
        }
        let error = SmokeError.unknownColumn(query: "q", column: "nope", available: ["a", "b"])
        #expect(error.isBadInput)
        #expect(error.description == "query \"q\": the expectation names column \"nope\", which the result does not have; its columns are: a, b")
    }

    @Test(arguments: [
        ("1", "2", SmokeComparisonOperator.Order.less), ("-1", "-2", .greater), ("0", "-0", .equal), ("0.10", "0.1", .equal),
        ("1e3", "999.999", .greater), ("1.5e-3", "0.0015", .equal), ("123456789012345678901234567890", "123456789012345678901234567891", .less),
        ("-Infinity", "-1e300", .less), ("Infinity", "1e300", .greater), ("NaN", "Infinity", .greater), ("NaN", "NaN", .equal),
        ("00012", "12", .equal), ("-0.5", "0.5", .less),
    ])
    func numbersCompareExactly(lhs: String, rhs: String, order: SmokeComparisonOperator.Order) throws {
        let left = try #require(SmokeNumericText(lhs))
        let right = try #require(SmokeNumericText(rhs))
        #expect(left.order(against: right) == order)
    }

    @Test func nonNumbersAreNotNumbers() {
        for text in ["", "-", "abc", "1.2.3", "1e", "12a", "e5", "."] { #expect(SmokeNumericText(text) == nil) }
    }
}
