import Foundation
import PGCatalog
import PGCheck
import PGLocal
import PostgresWire
import PGTestSupport
import Testing

/// `pgcheck verify` on the reference scenario, live and from snapshot files, and on indexes left INVALID.
@Suite struct VerifyReferenceScenarioTests {
    static let expectationsFile = Fixtures.path("expectations/usage-events-0003.yaml")
    static let coversFlags = ["--index", "usage_admin_bucket_idx", "--on", "usage_events", "--covers", "window_start,window_end,source"]

    @Test func post0003PassesTheCoversCheckAndPre0003FailsNamingTheMissingColumns() throws {
        let database = try FixtureDatabase.create("verify_ref")
        try database.applyMigrations(through: 2)
        let url = database.cluster.url(user: LocalCluster.trustUser, database: database.name)
        let preFile = try ReferenceCaptures.write(try database.capturedSnapshot(), named: "pre")

        let pre = try PGCheckProcess.run(["verify", "--url", url] + Self.coversFlags)
        #expect(pre.status == 1)
        #expect(pre.stdout.hasPrefix("""
            FAIL  index usage_admin_bucket_idx on usage_events covers window_start, window_end, source
                  reason: missing columns window_start, window_end, source: the key is (admin_id, meter, bucket_start), no INCLUDE list
            """))
        #expect(pre.stdout.contains("evidence: CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (admin_id, meter, bucket_start)\n"))
        #expect(pre.stderr.isEmpty)
        let preFromFile = try PGCheckProcess.run(["verify", "--snapshot", preFile] + Self.coversFlags)
        #expect(preFromFile.status == 1)
        #expect(preFromFile.stdout.replacingOccurrences(of: preFile, with: "X") == pre.stdout.replacingOccurrences(of: Self.redacted(url), with: "X"))

        try database.applyMigrations(through: 3)
        let post = try PGCheckProcess.run(["verify", "--url", url] + Self.coversFlags)
        #expect(post.status == 0)
        #expect(post.stdout == """
            PASS  index usage_admin_bucket_idx on usage_events covers window_start, window_end, source
                  public.usage_admin_bucket_idx on public.usage_events is valid and ready: covers all 3 columns
                  window_start: key column 4 of 5
                  window_end: key column 5 of 5
                  source: INCLUDE column 1 of 1
                  evidence: CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (admin_id, meter, bucket_start, window_start, window_end) INCLUDE (source)

            1 of 1 expectations hold (checked \(Self.redacted(url)))

            """)
        // The issue's own spelling, without --on.
        let withoutOn = try PGCheckProcess.run(["verify", "--url", url, "--index", "usage_admin_bucket_idx", "--covers", "window_start,window_end,source"])
        #expect(withoutOn.status == 0)
    }

    @Test func theReviewedExpectationsFileConcludesAsRecorded() throws {
        let (pre, post) = try ReferenceCaptures.make("verify_file")
        for (snapshot, name) in [(pre, "pre"), (post, "post")] {
            let file = try ReferenceCaptures.write(snapshot, named: name)
            let run = try PGCheckProcess.run(["verify", "--snapshot", file, "--file", Self.expectationsFile, "--format", "json"])
            #expect(run.status == (name == "post" ? 0 : 1))
            var report = try JSONDecoder().decode(VerificationReport.self, from: Data(run.stdout.utf8))
            report.source = "\(name)-0003"
            let expectedURL = Fixtures.url("expected/verify-usage-events-0003-\(name).json")
            let actual = try report.encodedJSON()
            if actual != (try? Data(contentsOf: expectedURL)) {
                try actual.write(to: FileManager.default.temporaryDirectory.appendingPathComponent("verify-usage-events-0003-\(name).actual.json"))
            }
            #expect(actual == (try Data(contentsOf: expectedURL)), "differs from \(expectedURL.lastPathComponent)")
        }
    }

    @Test func anIndexLeftInvalidFailsValidAndEveryIndexCheck() throws {
        let database = try FixtureDatabase.create("verify_invalid")
        try database.applyMigrations(through: 3)
        try database.superuserSQL("""
            CREATE INDEX usage_window_idx ON usage_events (window_start, window_end);
            UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'usage_window_idx'::regclass;
            """)
        let url = database.cluster.url(user: LocalCluster.trustUser, database: database.name)
        let valid = try PGCheckProcess.run(["verify", "--url", url, "--valid"])
        #expect(valid.status == 1)
        #expect(valid.stdout.contains("FAIL  every index is valid and ready, every constraint validated\n      reason: 1 not valid: index public.usage_window_idx on public.usage_events is INVALID\n"))
        #expect(valid.stdout.contains("evidence: CREATE INDEX usage_window_idx ON public.usage_events USING btree (window_start, window_end)\n"))
        for flags in [["--index", "usage_window_idx"], ["--index", "usage_window_idx", "--on", "usage_events", "--covers", "window_start"]] {
            let run = try PGCheckProcess.run(["verify", "--url", url] + flags)
            #expect(run.status == 1, "\(flags)")
            #expect(run.stdout.contains("reason: the index is INVALID"), "\(flags)")
            #expect(run.stdout.contains("  -- INVALID\n"), "\(flags)")
        }
        // The other indexes still pass on their own.
        #expect(try PGCheckProcess.run(["verify", "--url", url] + Self.coversFlags).status == 0)
    }

    @Test func aFailedConcurrentBuildLeavesAnInvalidIndexThatFails() throws {
        let database = try FixtureDatabase.create("verify_cic")
        try database.superuserSQL("CREATE TABLE dup (x int); INSERT INTO dup VALUES (1), (1);")
        #expect(throws: (any Error).self) { try database.superuserSQL("CREATE UNIQUE INDEX CONCURRENTLY dup_x_idx ON dup (x)") }
        let snapshot = try ReferenceCaptures.write(try database.capturedSnapshot(), named: "cic")
        let run = try PGCheckProcess.run(["verify", "--snapshot", snapshot, "--index", "dup_x_idx", "--unique", "--valid"])
        #expect(run.status == 1)
        #expect(run.stdout.components(separatedBy: "\nFAIL  ").count == 2 && run.stdout.hasPrefix("FAIL  index dup_x_idx is unique"))
        #expect(run.stdout.contains("1 not valid: index public.dup_x_idx on public.dup is INVALID"))
    }

    @Test func badInputIsOneLineAndExit2() throws {
        let (_, post) = try ReferenceCaptures.make("verify_bad")
        let good = try ReferenceCaptures.write(post, named: "good")
        let text = try String(contentsOfFile: good, encoding: .utf8)
        let truncated = try ReferenceCaptures.write(text: String(text.prefix(100)), named: "truncated")
        let future = try ReferenceCaptures.write(text: text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 3"), named: "future")
        let malformed = try ReferenceCaptures.write(text: "expectations:\n  - index: usage_admin_bucket_idx\n    covers window_start\n", named: "malformed")
        let cases: [(arguments: [String], message: String)] = [
            (["verify", "--snapshot", "/nonexistent/post.json", "--valid"], "pgcheck: /nonexistent/post.json: cannot read the snapshot (No such file or directory)\n"),
            (["verify", "--snapshot", truncated, "--valid"], "pgcheck: \(truncated): the snapshot is truncated"),
            (["verify", "--snapshot", future, "--valid"], "pgcheck: \(future): unsupported snapshot formatVersion 3: this pgcheck reads formatVersion 1\n"),
            (["verify", "--snapshot", good, "--file", malformed], "pgcheck: \(malformed):4:1: not valid YAML: could not find expected ':' (while scanning a simple key at line 3, column 5)\n"),
            (["verify", "--snapshot", good, "--file", "/nonexistent/e.yaml"], "pgcheck: /nonexistent/e.yaml: cannot read the file (No such file or directory)\n"),
            (["verify", "--snapshot", good], "pgcheck: nothing to verify: give --table, --column, --index, --constraint, --valid or --file\n"),
            (["verify", "--snapshot", good, "--covers", "a"], "pgcheck: --covers, --unique and --key-prefix describe an index: add --index NAME\n"),
            (["verify", "--snapshot", good, "--index", "a", "--index", "b"], "pgcheck: --index can be given once"),
            (["verify", "--snapshot", good, "--column", "usage_events"], "pgcheck: --column \"usage_events\": write table.column"),
            (["verify", "--snapshot", good, "--url", "postgresql://x@127.0.0.1/db", "--valid"], "pgcheck: give --snapshot FILE or --url, not both\n"),
        ]
        for (arguments, message) in cases {
            let run = try PGCheckProcess.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments)")
            #expect(run.stderr.hasPrefix(message), "\(arguments): \(run.stderr)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
        }
        let refused = try PGCheckProcess.run(["verify", "--url", "postgresql://u:secret@127.0.0.1:1/db", "--valid"])
        #expect(refused.status == 3)
        #expect(!refused.stderr.contains("secret"))
    }

    /// What a report prints as the source of a live check.
    static func redacted(_ url: String) -> String {
        (try? ConnectionConfiguration.parse(url, environment: TestClusters.environment))?.redactedDescription ?? url
    }
}
