import Foundation
import PGTestSupport
import Testing
@testable import PGCheck

/// The YAML smoke file: what it reads, and that every mistake names its line.
@Suite struct SmokeFileTests {
    @Test func readsQueriesExpectationsAndTimeouts() throws {
        let file = try SmokeFile.parse("""
            version: 1
            statement-timeout: 30
            queries:
              - name: windows_backfilled
                sql: |
                  SELECT COUNT(*) FILTER (WHERE window_end IS NULL) AS missing_window_end
                  FROM usage_events;
                expect:
                  - missing_window_end = 0
                  - missing_window_end != NULL
              - name: no_orphans
                sql: SELECT id FROM usage_events WHERE false
                expect-empty: true
                statement-timeout: 2.5
              - name: three
                sql: SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3
                expect: yes = 1
                expect-rows: 3
            """)
        #expect(file.statementTimeout == .seconds(30))
        #expect(file.queries.map(\.name) == ["windows_backfilled", "no_orphans", "three"])
        #expect(file.queries[0].sql == "SELECT COUNT(*) FILTER (WHERE window_end IS NULL) AS missing_window_end\nFROM usage_events;\n")
        #expect(file.queries[0].expectations == [try SmokeExpectation.parse("missing_window_end = 0"), try SmokeExpectation.parse("missing_window_end != NULL")])
        #expect(file.queries[0].statementTimeout == nil)
        #expect(file.queries[1].expectations == [.empty])
        #expect(file.queries[1].statementTimeout == .milliseconds(2500))
        #expect(file.queries[2].expectations == [try SmokeExpectation.parse("yes = 1"), .rowCount(3)])
    }

    @Test func theExampleFileInFixturesIsValid() throws {
        let file = try SmokeFile.load(path: Fixtures.path("smoke/usage_event_windows.yaml"))
        #expect(file.queries.count >= 2)
        #expect(file.queries.contains { $0.expectations.contains(try! SmokeExpectation.parse("missing_window_end = 0")) })
    }

    @Test(arguments: [
        ("queries:\n  - name: a\n    sql: SELECT 1\n    expct: a = 1\n", 4, "unknown key \"expct\" in query 1 (known keys: name, sql, expect, expect-rows, expect-empty, statement-timeout)"),
        ("queries:\n  - name: a\n    sql: SELECT 1\n  - name: a\n    sql: SELECT 2\n", 4, "two queries are named \"a\"; names must be unique"),
        ("queries:\n  - name: a\n    sql: SELECT 1 AS n\n    expect:\n      - n = = 1\n", 5, "query \"a\": invalid expectation \"n = = 1\" at character 5: expected a number, a 'string', NULL, TRUE, FALSE or a column name (expected: column OP value, with OP one of = != <> < <= > >= and value a number, a 'string', NULL, TRUE, FALSE or another column)"),
        ("queries:\n  - name: a\n", 2, "query \"a\" has no `sql`"),
        ("queries:\n  - sql: SELECT 1\n", 2, "query 1 has no `name`"),
        ("queries: []\n", 1, "`queries` must be a non-empty list of queries"),
        ("version: 2\nqueries: []\n", 1, "unsupported version 2; this pgcheck reads version 1"),
        ("queries:\n  - name: a\n    sql: SELECT 1\n    expect-rows: many\n", 4, "`expect-rows` must be a whole number of rows (0 or more)"),
        ("queries:\n  - name: a\n    sql: SELECT 1\n    expect-empty: 'true'\n", 4, "`expect-empty` must be true or false"),
        ("queries:\n  - name: a\n    sql: SELECT 1\n    statement-timeout: -1\n", 4, "`statement-timeout` must be a number of seconds greater than 0"),
        ("statement-timeout: 10\n", 1, "the file has no `queries:` list"),
        ("queries:\n  - name: a\n    sql: [1]\n", 3, "`sql` must be text"),
    ])
    func mistakesNameTheirLine(text: String, line: Int, problem: String) {
        #expect(throws: SmokeError.invalidFile(path: "smoke.yaml", line: line, column: nil, problem: problem)) {
            do {
                _ = try SmokeFile.parse(text, path: "smoke.yaml")
            } catch SmokeError.invalidFile(let path, let line, _, let problem) {
                // Columns are checked by their own test; compare the rest.
                throw SmokeError.invalidFile(path: path, line: line, column: nil, problem: problem)
            }
        }
    }

    @Test func yamlSyntaxErrorsAndMissingFilesAreOneLine() throws {
        #expect(throws: SmokeError.self) { try SmokeFile.parse("queries:\n  - name: [unclosed\n", path: "bad.yaml") }
        do {
            _ = try SmokeFile.parse("queries:\n  - name: a\n   sql: x\n", path: "bad.yaml")
            Issue.record("bad indentation was accepted")
        } catch let error as SmokeError {
            #expect(error.description.hasPrefix("bad.yaml:3:"))
            #expect(!error.description.contains("\n"))
            #expect(error.isBadInput)
        }
        do {
            _ = try SmokeFile.parse("queries:\n  - name: a\n    name: b\n    sql: SELECT 1\n", path: "dup.yaml")
            Issue.record("a duplicate key was accepted")
        } catch let error as SmokeError {
            #expect(error.description.hasPrefix("dup.yaml:"))
            #expect(error.description.contains("duplicate key(s) name"))
        }
        #expect(throws: SmokeError.invalidFile(path: "/nonexistent/smoke.yaml", line: nil, column: nil, problem: "cannot read the file (No such file or directory)")) {
            try SmokeFile.load(path: "/nonexistent/smoke.yaml")
        }
        #expect(throws: SmokeError.invalidFile(path: "empty.yaml", line: nil, column: nil, problem: "the file is empty; it needs a `queries:` list")) {
            try SmokeFile.parse("# nothing\n", path: "empty.yaml")
        }
    }
}
