import Foundation
import PGTestSupport
import Testing
import PGCatalog
@testable import PGCheck

/// Reading what verify is asked: `--column` specs, the YAML expectations file, snapshot files.
@Suite struct VerifyInputTests {
    @Test func columnSpecs() throws {
        #expect(try SchemaExpectationSyntax.column("usage_events.window_start")
            == ColumnExpectation(table: SQLName(name: "usage_events"), column: "window_start"))
        #expect(try SchemaExpectationSyntax.column("Public.Usage_Events.Metadata:jsonb:not-null")
            == ColumnExpectation(table: SQLName(schema: "public", name: "usage_events"), column: "metadata", type: "jsonb", notNull: true))
        #expect(try SchemaExpectationSyntax.column("t.\"Odd:Name\":timestamp with time zone:nullable")
            == ColumnExpectation(table: SQLName(name: "t"), column: "Odd:Name", type: "timestamp with time zone", notNull: false))
        for bad in ["window_start", "t.c:int:text", "t.c::int", "a.b.c.d", "t.\"c"] {
            #expect(throws: VerifyError.self, "\(bad)") { try SchemaExpectationSyntax.column(bad) }
        }
        #expect(try SchemaExpectationSyntax.columns("window_start, window_end,\"Source,X\"", option: "--covers") == ["window_start", "window_end", "Source,X"])
        #expect(throws: VerifyError.self) { try SchemaExpectationSyntax.columns("a,,b", option: "--covers") }
    }

    @Test func theReviewedFixtureFileReads() throws {
        let path = Fixtures.path("expectations/usage-events-0003.yaml")
        let expectations = try SchemaExpectationsFile.load(path: path)
        let usageEvents = SQLName(name: "usage_events")
        #expect(expectations == [
            .table(usageEvents),
            .column(ColumnExpectation(table: usageEvents, column: "window_start", type: "timestamptz", notNull: false)),
            .column(ColumnExpectation(table: usageEvents, column: "window_end", type: "timestamptz", notNull: false)),
            .column(ColumnExpectation(table: usageEvents, column: "source", type: "text")),
            .column(ColumnExpectation(table: usageEvents, column: "metadata", type: "jsonb", notNull: true)),
            .index(IndexExpectation(name: SQLName(name: "usage_admin_bucket_idx"), table: usageEvents,
                                    covers: ["window_start", "window_end", "source"], unique: true, keyPrefix: ["admin_id", "meter", "bucket_start"])),
            .index(IndexExpectation(name: SQLName(name: "usage_events_account_bucket_idx"), table: usageEvents, keyPrefix: ["account_id", "bucket_start"])),
            .constraint(ConstraintExpectation(name: "usage_events_quantity_check", table: usageEvents)),
            .constraint(ConstraintExpectation(name: "usage_events_admin_id_admins_id_fk", table: usageEvents)),
            .allValid,
        ])
        // Against the hand-built post-0003 snapshot everything holds; against pre-0003 the new parts fail.
        #expect(SchemaVerifier(snapshot: VerifyTestSnapshots.post).verify(expectations, source: "post").passed)
        let pre = SchemaVerifier(snapshot: VerifyTestSnapshots.pre).verify(expectations, source: "pre")
        #expect(pre.results.map(\.status) == [.pass, .fail, .fail, .fail, .fail, .fail, .pass, .pass, .pass, .pass])
    }

    @Test func compactAndListSpellings() throws {
        let expectations = try SchemaExpectationsFile.parse("""
            expectations:
              - column: usage_events.window_start:timestamptz
              - index: public.usage_admin_bucket_idx
                covers: window_start,window_end
              - index: '"Odd"'
                unique: false
            """)
        #expect(expectations == [
            .column(ColumnExpectation(table: SQLName(name: "usage_events"), column: "window_start", type: "timestamptz")),
            .index(IndexExpectation(name: SQLName(schema: "public", name: "usage_admin_bucket_idx"), covers: ["window_start", "window_end"])),
            .index(IndexExpectation(name: SQLName(name: "Odd"), unique: false)),
        ])
    }

    @Test(arguments: [
        ("", "<expectations file>: the file is empty; it needs an `expectations:` list"),
        ("expectations: []", "<expectations file>:1:15: `expectations` must be a non-empty list"),
        ("checks:\n  - table: t", "<expectations file>:1:1: unknown key \"checks\" in the file (known keys: version, expectations)"),
        ("version: 2\nexpectations:\n  - table: t", "<expectations file>:1:10: unsupported version 2; this pgcheck reads version 1"),
        ("expectations:\n  - index: i\n    covres: [a]", "<expectations file>:3:5: unknown key \"covres\" in expectation 1 (index) (known keys: index, on, covers, unique, key-prefix)"),
        ("expectations:\n  - table: t\n    index: i", "<expectations file>:2:5: expectation 1 needs exactly one of table, column, index, constraint, valid (found table and index)"),
        ("expectations:\n  - on: t", "<expectations file>:2:5: expectation 1 needs exactly one of table, column, index, constraint, valid (found none)"),
        ("expectations:\n  - index: i\n    unique: yes", "<expectations file>:3:13: `unique` must be true or false"),
        ("expectations:\n  - valid: false", "<expectations file>:2:12: `valid: false` checks nothing; remove it or write `valid: true`"),
        ("expectations:\n  - column: usage_events", "<expectations file>:2:13: expectation 1: --column \"usage_events\": write table.column or schema.table.column, optionally followed by :type and :not-null"),
        ("expectations:\n  - table: [a, b]", "<expectations file>:2:12: `table` must be non-empty text"),
        ("expectations:\n  - table: t\n  - table: \"unclosed", "<expectations file>:3:21: not valid YAML: found unexpected end of stream"),
        ("expectations:\n  - table: t\n   - index: i", "<expectations file>:3:4: not valid YAML: "),
    ] as [(String, String)])
    func malformedFilesNameTheLine(text: String, message: String) {
        #expect {
            _ = try SchemaExpectationsFile.parse(text)
        } throws: { error in
            let description = String(describing: error)
            return error is VerifyError && description.hasPrefix(message) && !description.contains("\n")
        }
    }

    @Test func missingExpectationsFile() {
        #expect(throws: VerifyError.invalidExpectationsFile(path: "/nonexistent/e.yaml", line: nil, column: nil, problem: "cannot read the file (No such file or directory)")) {
            try SchemaExpectationsFile.load(path: "/nonexistent/e.yaml")
        }
    }

    @Test func snapshotFilesThatCannotBeUsedSaySoInOneLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("verify-input-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let good = String(decoding: try VerifyTestSnapshots.post.encodedJSON(), as: UTF8.self)
        func file(_ name: String, _ text: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let cases: [(String, String)] = [
            (directory.appendingPathComponent("missing.json").path, "cannot read the snapshot (No such file or directory)"),
            (try file("empty.json", ""), "not a pgcheck snapshot: the file is empty"),
            (try file("truncated.json", String(good.prefix(good.count / 3))), "the snapshot is truncated: the JSON ends before it is complete; capture it again"),
            (try file("future.json", good.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 2")),
             "unsupported snapshot formatVersion 2: this pgcheck reads formatVersion 1"),
            (try file("edited.json", good.replacingOccurrences(of: "\"unique\" : true", with: "\"unique\" : 1")), "invalid snapshot: at indexes."),
            (try file("other.json", "{\"hello\": 1}"), "not a pgcheck snapshot: there is no formatVersion field"),
        ]
        for (path, problem) in cases {
            #expect {
                _ = try SnapshotLoader.read(path: path)
            } throws: { error in
                let description = String(describing: error)
                return description.hasPrefix("\(path): \(problem)") && !description.contains("\n")
            }
        }
        #expect(try SnapshotLoader.read(path: try file("good.json", good)) == VerifyTestSnapshots.post)
    }
}
