import Foundation
import PostgresWire
import PGTestSupport
import Testing

/// `pgcheck smoke` as the runbook uses it: expectations, output formats, `--out`, smoke files.
@Suite struct SmokeCommandTests {
    @Test func runbookQueryFailsWhileWindowsAreMissingAndPassesOnceBackfilled() throws {
        let scenario = try SmokeScenario.make("smoke_runbook")
        let arguments = ["smoke", "--sql", SmokeScenario.runbookQuery, "--expect", "missing_window_end = 0", "--expect", "buckets_with_windows > 0"]
        let partial = try scenario.pgcheck(arguments)
        #expect(partial.status == 1)
        #expect(partial.stdout == " buckets_with_windows | missing_window_end \n----------------------+--------------------\n                  144 |                156\n(1 row)\n\n")
        #expect(partial.stderr == "FAIL missing_window_end = 0 (actual: 156)\nPASS buckets_with_windows > 0 (actual: 144)\nsmoke: 1 of 2 expectations failed\n")

        try scenario.database.superuserSQL("""
            UPDATE usage_events SET window_start = date_trunc('day', bucket_start),
              window_end = date_trunc('day', bucket_start) + interval '1 day' WHERE window_end IS NULL
            """)
        let complete = try scenario.pgcheck(arguments)
        #expect(complete.status == 0)
        #expect(complete.stderr == "PASS missing_window_end = 0 (actual: 0)\nPASS buckets_with_windows > 0 (actual: 300)\nsmoke: all 2 expectations hold\n")
    }

    @Test func rowCountExpectationsAndSeveralQueries() throws {
        let scenario = try SmokeScenario.make("smoke_rows")
        let run = try scenario.pgcheck([
            "smoke", "--format", "csv", "--sql", "SELECT id FROM usage_events WHERE quantity > 990",
            "--sql", "SELECT id FROM usage_events WHERE quantity < 0", "--expect-empty",
        ])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("FAIL sql1: empty (actual: "))
        #expect(run.stderr.contains("\nPASS sql2: empty (actual: 0 rows)\n"))
        let counted = try scenario.pgcheck(["smoke", "--format", "csv", "--sql", "SELECT id FROM admins", "--expect-rows", "3"])
        #expect(counted.status == 0)
        #expect(counted.stderr.hasPrefix("PASS rows = 3 (actual: 3 rows)\n"))
        #expect(counted.stdout.split(separator: "\n").count == 4)
    }

    @Test func smokeFileNamesEachQueryInItsVerdicts() throws {
        let scenario = try SmokeScenario.make("smoke_file")
        let file = Fixtures.path("smoke/usage_event_windows.yaml")
        let run = try scenario.pgcheck(["smoke", "--file", file, "--format", "jsonl"])
        #expect(run.status == 1)
        #expect(run.stderr == """
            FAIL windows_backfilled: missing_window_end = 0 (actual: 156)
            PASS windows_backfilled: buckets_with_windows > 0 (actual: 144)
            PASS windows_well_formed: empty (actual: 0 rows)
            PASS metadata_present: missing_metadata = 0 (actual: 0)
            PASS metadata_present: backfilled > 0 (actual: 144)
            smoke: 1 of 5 expectations failed

            """)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == #"{"buckets_with_windows":144,"missing_window_end":156}"#)
    }

    @Test func eachFormatWritesTheSameRows() throws {
        let scenario = try SmokeScenario.make("smoke_formats")
        let sql = "SELECT id, meter, unit_price, metadata, source, window_end IS NULL AS open FROM usage_events WHERE id IN (1, 200) ORDER BY id"
        let tsv = try scenario.pgcheck(["smoke", "--format", "tsv", "--sql", sql])
        #expect(tsv.status == 0)
        #expect(tsv.stdout == """
            id\tmeter\tunit_price\tmetadata\tsource\topen
            1\tapi_calls\t0.000000\t{"meter": "api_calls", "backfill": "0003"}\tdaily-backfill\tf
            200\tstorage_gb_hours\t0.004936\t{}\t\\N\tt

            """)
        let jsonl = try scenario.pgcheck(["smoke", "--format", "jsonl", "--sql", sql])
        #expect(jsonl.stdout == """
            {"id":1,"meter":"api_calls","unit_price":0.000000,"metadata":{"meter": "api_calls", "backfill": "0003"},"source":"daily-backfill","open":false}
            {"id":200,"meter":"storage_gb_hours","unit_price":0.004936,"metadata":{},"source":null,"open":true}

            """)
        let table = try scenario.pgcheck(["smoke", "--format", "table", "--sql", sql])
        #expect(table.stdout.hasSuffix("(2 rows)\n\n"))
        let csv = try scenario.pgcheck(["smoke", "--format", "csv", "--sql", sql])
        #expect(csv.stdout.hasPrefix("id,meter,unit_price,metadata,source,open\n1,api_calls,0.000000,\"{\"\"meter\"\": \"\"api_calls\"\", \"\"backfill\"\": \"\"0003\"\"}\",daily-backfill,f\n"))
    }

    @Test func outFileIsWrittenWholeAndVerdictsGoToStandardOutput() throws {
        let scenario = try SmokeScenario.make("smoke_out")
        let folder = NSTemporaryDirectory() + "pgcheck-smoke-out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/events.csv"
        let run = try scenario.pgcheck(["smoke", "--format", "csv", "--out", path, "--sql", "SELECT * FROM usage_events ORDER BY id", "--expect-rows", "300"])
        #expect(run.status == 0)
        #expect(run.stdout == "PASS rows = 300 (actual: 300 rows)\nsmoke: the expectation holds\n")
        let expected = try scenario.psql(["-X", "--csv", "-c", "SELECT * FROM usage_events ORDER BY id"])
        expectSameBytes(try Data(contentsOf: URL(fileURLWithPath: path)), expected.stdoutBytes, "the --out file against psql --csv")

        // A query that fails half-way leaves neither a file nor a temporary file behind.
        let failed = try scenario.pgcheck([
            "smoke", "--format", "csv", "--out", folder + "/broken.csv",
            "--sql", "SELECT id, 1 / (300 - id) AS boom FROM usage_events ORDER BY id",
        ])
        #expect(failed.status == 4)
        #expect(failed.stderr.contains("division by zero (SQLSTATE 22012)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["events.csv"])
    }
}
