import Foundation
import PGCheck
import PostgresWire
import PGSupport
import Testing

/// `pgcheck fingerprint` on the reference scenario: migration 0003 leaves the old columns untouched,
/// and a changed value or a deleted row is found and located to its range.
@Suite struct FingerprintCommandTests {
    private final class Folder {
        let path = NSTemporaryDirectory() + "pgcheck-fingerprint-\(UUID().uuidString)"
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    private func fingerprint(_ scenario: SmokeScenario, to path: String, _ extra: [String] = []) throws {
        let run = try scenario.pgcheck(["fingerprint", "usage_events", "--range-size", "100", "--out", path] + extra)
        try #require(run.status == 0, "fingerprint failed: \(run.stderr)")
    }

    @Test func identicalBeforeAndAfterMigration0003ForTheOriginalColumns() throws {
        let folder = try Folder()
        let scenario = try SmokeScenario.make("fingerprint_0003", withWindows: false)
        let before = try scenario.pgcheck(["fingerprint", "usage_events", "--range-size", "100", "--out", folder.file("pre.json")])
        #expect(before.status == 0)
        #expect(before.stdout == "fingerprint of public.usage_events: 300 rows, 3 ranges, 8 columns\n")
        try scenario.addWindows()
        try fingerprint(scenario, to: folder.file("post.json"))
        let compare = try PGCheckProcess.run(["fingerprint", "--compare", folder.file("pre.json"), folder.file("post.json")])
        #expect(compare.status == 0)
        #expect(compare.stdout.contains("columns compared: 8 (B adds window_start, window_end, source, metadata, not compared)\n"))
        #expect(compare.stdout.hasSuffix("SAME created_at\nresult: SAME (every column of A holds the same data in B)\n"))
        // The other way round, B's new columns are missing from A: that is a difference.
        let reverse = try PGCheckProcess.run(["fingerprint", "--compare", folder.file("post.json"), folder.file("pre.json")])
        #expect(reverse.status == 1)
        #expect(reverse.stdout.contains("  column window_start is in A but not in B\n"))
    }

    @Test func aSingleChangedValueIsDetectedAndLocatedToItsRange() throws {
        let folder = try Folder()
        let scenario = try SmokeScenario.make("fingerprint_changed", withWindows: false)
        try fingerprint(scenario, to: folder.file("pre.json"))
        try scenario.addWindows()
        try scenario.database.superuserSQL("UPDATE usage_events SET unit_price = unit_price + 0.000001 WHERE id = 150")
        try fingerprint(scenario, to: folder.file("post.json"))
        let compare = try PGCheckProcess.run(["fingerprint", "--compare", folder.file("pre.json"), folder.file("post.json")])
        #expect(compare.status == 1)
        #expect(compare.stdout.contains("SAME quantity\nDIFF unit_price\nSAME created_at\n"))
        #expect(compare.stdout.contains("  column unit_price: values differ in range 1 (keys (101) .. (200))\n"))
        #expect(compare.stdout.hasSuffix("result: DIFFERENT\n"))
    }

    @Test func aDeletedRowIsDetectedAndLocatedToItsRange() throws {
        let folder = try Folder()
        let scenario = try SmokeScenario.make("fingerprint_deleted", withWindows: false)
        try fingerprint(scenario, to: folder.file("pre.json"))
        try scenario.database.superuserSQL("DELETE FROM usage_events WHERE id = 42")
        try fingerprint(scenario, to: folder.file("post.json"))
        let compare = try PGCheckProcess.run(["fingerprint", "--compare", folder.file("pre.json"), folder.file("post.json")])
        #expect(compare.status == 1)
        #expect(compare.stdout.contains("  row count: 300 in A, 299 in B\n"))
        #expect(compare.stdout.contains("  rows added or removed in range 0: in A it holds keys (1) .. (100), 100 rows; in B that range holds keys (1) .. (101), 100 rows; later ranges shift and are not compared\n"))
    }

    @Test func columnHashIsTheSHA256OfTheColumnsCopyText() throws {
        let scenario = try SmokeScenario.make("fingerprint_independent")
        let connection = try scenario.connect()
        defer { connection.close() }
        let folder = try Folder()
        let file = try AtomicFile(path: folder.file("fp.json"))
        let writer = OutputWriter(file: file)
        let summary = try TableFingerprinter.fingerprint(
            table: "usage_events", options: FingerprintOptions(columns: ["metadata", "bucket_start", "source"], rangeSize: 1000),
            connection: connection, writer: writer)
        try writer.commit(file)
        #expect(summary.rowCount == 300 && summary.rangeCount == 1 && summary.columns.map(\.name) == ["metadata", "bucket_start", "source"])
        let document = try FingerprintDocument.load(path: folder.file("fp.json"))
        #expect(document.columns == summary.columns)
        #expect(document.ranges.count == 1 && document.ranges[0].firstKey == ["1"] && document.ranges[0].lastKey == ["300"])
        // psql, with the same text settings, gives the bytes that were hashed.
        for column in ["metadata", "bucket_start", "source"] {
            let copy = try scenario.psql([
                "-X", "-q", "-c", "SET TimeZone = 'UTC'", "-c", "SET DateStyle = 'ISO, YMD'",
                "-c", "COPY (SELECT \(column) FROM usage_events ORDER BY id) TO STDOUT",
            ])
            let expected = SHA256Hasher.hash(Array(copy.stdoutBytes)).hexString
            #expect(document.columns.first { $0.name == column }?.sha256 == expected)
            #expect(document.ranges[0].sha256[column] == expected)
        }
        #expect(connection.transactionStatus == .idle)
    }

    /// Columns of every type the fingerprint reads in binary and renders: each hash is still that of the
    /// column's `COPY … TO STDOUT` text under the pinned settings, edge values included.
    @Test func binaryReadColumnsHashAsTheirCopyText() throws {
        let scenario = try SmokeScenario.make("fingerprint_types", withWindows: false)
        try scenario.database.superuserSQL("""
            CREATE TABLE typed (id int PRIMARY KEY, i2 int2, i8 int8, o oid, bo bool, f4 float4, f8 float8, n numeric, u uuid,
              d date, t time, ts timestamp, tz timestamptz, iv interval, b bytea, j jsonb, arr int4[], tarr timestamptz[], txt text);
            INSERT INTO typed VALUES
              (1, -32768, -9223372036854775808, 4294967295, true, 'NaN', '-0', 'NaN', '00000000-0000-0000-0000-000000000000',
               '4713-01-01 BC', '24:00', '-infinity', '0001-01-01 00:00:00+00 BC', '-1 days +02:00:00', '\\x', '{"a": "b\\tc"}',
               '[0:1]={1,NULL}', ARRAY['infinity'::timestamptz, NULL], E'tab\\there\\\\'),
              (2, 0, 0, 0, false, '1e-45', '5e-324', '-0.000100', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2000-02-29',
               '23:59:59.999999', '2016-12-31 23:59:60', '2024-03-31 01:00:00.5+00', '1 year 2 mons 3 days 04:05:06.789',
               '\\x5c00', '[1, "a,b"]', '{}', '{}', ''),
              (3, NULL, NULL, NULL, NULL, '-Infinity', '1.7976931348623157e308', '123456789.123456789', NULL, 'infinity', NULL,
               '294276-12-31 23:59:59.999999', 'infinity', '-178956970 years -7 mons -2147483647 days -2562047788:00:54.775807',
               NULL, 'null', '{{1,2},{3,4}}', NULL, NULL);
            GRANT SELECT ON typed TO PUBLIC;
            """)
        let folder = try Folder()
        let run = try scenario.pgcheck(["fingerprint", "typed", "--out", folder.file("typed.json")])
        try #require(run.status == 0, "fingerprint failed: \(run.stderr)")
        let document = try FingerprintDocument.load(path: folder.file("typed.json"))
        let settings = TableFingerprinter.encodingSettings.flatMap { ["-c", "SET \($0.name) = '\($0.value)'"] }
        for column in document.columns {
            let copy = try scenario.psql(["-X", "-q"] + settings + ["-c", "COPY (SELECT \(column.name) FROM typed ORDER BY id) TO STDOUT"])
            try #require(copy.status == 0, "\(copy.stderr)")
            #expect(column.sha256 == SHA256Hasher.hash(Array(copy.stdoutBytes)).hexString, "column \(column.name)")
        }
        #expect(document.columns.count == 19)
    }

    @Test func orderingKeyAndBadInput() throws {
        let scenario = try SmokeScenario.make("fingerprint_input", withWindows: false)
        try scenario.database.superuserSQL("CREATE TABLE no_key (code text, n int); INSERT INTO no_key VALUES ('b', 2), ('a', 1), ('C', 3)")
        let noKey = try scenario.pgcheck(["fingerprint", "no_key"])
        #expect(noKey.status == 2)
        #expect(noKey.stderr == "pgcheck: public.no_key has no primary key; name a unique ordering with --order-by col1,col2\n")
        let ordered = try scenario.pgcheck(["fingerprint", "no_key", "--order-by", "code"])
        #expect(ordered.status == 0)
        #expect(ordered.stdout.contains("\"firstKey\": [\"C\"], \"lastKey\": [\"b\"]"))
        #expect(ordered.stderr == "fingerprint of public.no_key: 3 rows, 1 range, 2 columns\n")
        let unknownTable = try scenario.pgcheck(["fingerprint", "usage_event"])
        #expect(unknownTable.status == 2)
        #expect(unknownTable.stderr.hasPrefix("pgcheck: table \"usage_event\" does not exist"))
        let unknownColumn = try scenario.pgcheck(["fingerprint", "usage_events", "--columns", "id,window_end"])
        #expect(unknownColumn.status == 2)
        #expect(unknownColumn.stderr.hasPrefix("pgcheck: --columns names column \"window_end\", which public.usage_events does not have; its columns are: id, admin_id,"))
        let noRange = try scenario.pgcheck(["fingerprint", "usage_events", "--range-size", "0"])
        #expect(noRange.status == 2)
        let badFile = try PGCheckProcess.run(["fingerprint", "--compare", "/nonexistent/a.json", "/nonexistent/b.json"])
        #expect(badFile.status == 2)
        #expect(badFile.stderr == "pgcheck: /nonexistent/a.json: cannot read the file\n")
        let oneFile = try PGCheckProcess.run(["fingerprint", "--compare", "a.json"])
        #expect(oneFile.status == 2)
    }
}
