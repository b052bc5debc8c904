import Foundation
import PGCatalog
import PGCheck
import PGDiff
import PGLocal
import PostgresWire
import PGTestSupport
import Testing

/// The reference scenario: pre-0003 (migrations 0000–0002) against post-0003, through the library and
/// through `pgcheck diff`, compared with the reviewed change list in Fixtures/expected.
@Suite struct DiffReferenceScenarioTests {
    static let expectedJSON = Fixtures.url("expected/diff-pre-post-0003.json")
    static let expectedText = Fixtures.url("expected/diff-pre-post-0003.txt")

    @Test func preAndPost0003DiffToTheReviewedChangeList() throws {
        let (pre, post) = try ReferenceCaptures.make("diff_ref")
        let diff = try SnapshotDiff(from: pre, to: post)
        let actual = try DiffDocument(diff).encodedJSON()
        let expected = try Data(contentsOf: Self.expectedJSON)
        let mismatch = FileManager.default.temporaryDirectory.appendingPathComponent("diff-pre-post-0003.actual.json")
        if actual != expected { try actual.write(to: mismatch) }
        #expect(actual == expected, "the change list differs from Fixtures/expected/diff-pre-post-0003.json; actual written to \(mismatch.path)")
        #expect(diff.changes.map { "\($0.action.rawValue) \($0.kind.rawValue) \($0.name)" } == [
            "added column public.usage_events.metadata", "added column public.usage_events.source",
            "added column public.usage_events.window_end", "added column public.usage_events.window_start",
            "changed index public.usage_admin_bucket_idx",
        ])
        #expect(TextDiffRenderer().render(diff) == (try String(contentsOf: Self.expectedText, encoding: .utf8)))
        #expect(try SnapshotDiff(from: post, to: pre) == diff.mirrored)
    }

    @Test func commandLineDiffOfFilesAndLiveDatabases() throws {
        let database = try FixtureDatabase.create("diff_cli")
        try database.applyMigrations(through: 2)
        let preFile = try ReferenceCaptures.write(try database.capturedSnapshot(), named: "pre")
        try database.applyMigrations(through: 3)
        let postFile = try ReferenceCaptures.write(try database.capturedSnapshot(), named: "post")
        let expected = String(decoding: try Data(contentsOf: Self.expectedJSON), as: UTF8.self)

        let json = try PGCheckProcess.run(["diff", preFile, postFile, "--format", "json"])
        #expect(json.status == 1)
        #expect(json.stdout == expected)
        #expect(json.stderr.isEmpty)

        let text = try PGCheckProcess.run(["diff", preFile, postFile])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("public.usage_events\n  + column metadata: jsonb NOT NULL DEFAULT '{}'::jsonb\n"))
        #expect(!text.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")

        let markdown = try PGCheckProcess.run(["diff", preFile, postFile, "--format", "markdown"])
        #expect(markdown.status == 1)
        #expect(markdown.stdout.hasPrefix("### Schema changes\n\n5 changes: 4 added, 1 changed.\n\n**`public.usage_events`**\n"))

        // The live database is post-0003: against the pre file it gives the same list, either way of naming it.
        let url = database.cluster.url(user: LocalCluster.trustUser, database: database.name)
        let live = try PGCheckProcess.run(["diff", preFile, "db:" + url, "--format", "json"])
        #expect(live.status == 1)
        #expect(live.stdout == expected)
        let flags = try PGCheckProcess.run(["diff", "--post-url", url, preFile, "--format", "json"])
        #expect(flags.stdout == expected)
        let environment = try PGCheckProcess.run(["diff", preFile, "db:", "--format", "json"], environment: ["DATABASE_URL": url])
        #expect(environment.stdout == expected)

        // Identical: exit 0 and no output at all; the live database against its own capture too.
        let same = try PGCheckProcess.run(["diff", postFile, postFile])
        #expect(same.status == 0 && same.stdout.isEmpty && same.stderr.isEmpty)
        let liveSame = try PGCheckProcess.run(["diff", "--pre-url", url, "--post-url", url])
        #expect(liveSame.status == 0 && liveSame.stdout.isEmpty)

        // Filters.
        let onlyIndexes = try PGCheckProcess.run(["diff", preFile, postFile, "--only", "index"])
        #expect(onlyIndexes.status == 1)
        #expect(onlyIndexes.stdout.hasPrefix("public.usage_events\n  ~ index usage_admin_bucket_idx\n"))
        let ignored = try PGCheckProcess.run(["diff", preFile, postFile, "--ignore", "column", "--ignore", "indexes"])
        #expect(ignored.status == 0 && ignored.stdout.isEmpty)
        let otherSchema = try PGCheckProcess.run(["diff", preFile, postFile, "--schema", "audit"])
        #expect(otherSchema.status == 0 && otherSchema.stdout.isEmpty)
    }

    @Test func coloursOnlyOnATerminalAndNeverWithNoColor() throws {
        let (pre, post) = try ReferenceCaptures.make("diff_tty")
        let preFile = try ReferenceCaptures.write(pre, named: "pre")
        let postFile = try ReferenceCaptures.write(post, named: "post")
        // script(1) runs pgcheck with its stdout on a pseudo-terminal.
        func onTerminal(_ environment: [String: String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", "\(PGCheckProcess.executable.path) diff \(preFile) \(postFile)", "/dev/null"]
            process.environment = ["HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin", "TERM": "xterm"].merging(environment) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let coloured = try onTerminal([:])
        #expect(coloured.contains("\u{1B}[32m+ column metadata\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33m~ index usage_admin_bucket_idx\u{1B}[0m"))
        let plain = try onTerminal(["NO_COLOR": "1"])
        #expect(plain.contains("+ column metadata"))
        #expect(!plain.contains("\u{1B}["))
    }

    @Test func badInputIsOneLineAndExit2() throws {
        let database = try FixtureDatabase.create("diff_bad")
        try database.applyMigrations(through: 3)
        let good = try ReferenceCaptures.write(try database.capturedSnapshot(), named: "good")
        let text = try String(contentsOfFile: good, encoding: .utf8)
        let truncated = try ReferenceCaptures.write(text: String(text.prefix(text.count / 2)), named: "truncated")
        let future = try ReferenceCaptures.write(text: text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 7"), named: "future")
        let edited = try ReferenceCaptures.write(
            text: text.replacingOccurrences(of: "\"notNull\" : true", with: "\"notNull\" : \"yes\""), named: "edited")
        let notJSON = try ReferenceCaptures.write(text: "pre-0003 schema dump\n", named: "prose")
        let cases: [(arguments: [String], message: String)] = [
            (["diff", "/nonexistent/pre.json", good], "pgcheck: /nonexistent/pre.json: cannot read the snapshot (No such file or directory)\n"),
            (["diff", truncated, good], "pgcheck: \(truncated): the snapshot is truncated: the JSON ends before it is complete; capture it again\n"),
            (["diff", good, future], "pgcheck: \(future): unsupported snapshot formatVersion 7: this pgcheck reads formatVersion 1\n"),
            (["diff", good, notJSON], "pgcheck: \(notJSON): not a pgcheck snapshot: the file is not JSON"),
            (["diff", good, edited], "pgcheck: \(edited): invalid snapshot: at tables."),
            (["diff", good], "pgcheck: diff needs exactly two sides: PRE and POST snapshot files, db:URL arguments, or --pre-url/--post-url\n"),
            (["diff", good, good, good], "pgcheck: diff needs exactly two sides"),
            (["diff", good, good, "--only", "colum"], "pgcheck: --only colum: unknown kind; known kinds: schema, extension,"),
        ]
        for (arguments, message) in cases {
            let run = try PGCheckProcess.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments)")
            #expect(run.stderr.hasPrefix(message), "\(arguments): \(run.stderr)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
        }
        let refused = try PGCheckProcess.run(["diff", good, "db:postgresql://u:secret@127.0.0.1:1/db"])
        #expect(refused.status == 3)
        #expect(refused.stderr.hasPrefix("pgcheck: connect: post database: "))
        #expect(!refused.stderr.contains("secret"))
    }
}

/// Captures and files for the diff and verify tests.
enum ReferenceCaptures {
    /// Snapshots of a fresh database after migrations 0000–0002 and after 0003.
    static func make(_ label: String) throws -> (pre: Snapshot, post: Snapshot) {
        let database = try FixtureDatabase.create(label)
        try database.applyMigrations(through: 2)
        let pre = try database.capturedSnapshot()
        try database.applyMigrations(through: 3)
        return (pre, try database.capturedSnapshot())
    }

    /// Writes `snapshot` as a file (canonical JSON) and returns its path.
    static func write(_ snapshot: Snapshot, named name: String) throws -> String {
        try write(text: String(decoding: try snapshot.encodedJSON(), as: UTF8.self), named: name)
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func write(text: String, named name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pgcheck-diff-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("\(name).json")
        try Data(text.utf8).write(to: file)
        return file.path
    }
}

extension FixtureDatabase {
    /// This database captured the way `pgcheck diff db:URL` and `pgcheck verify` capture it.
    func capturedSnapshot() throws -> Snapshot {
        try SnapshotLoader.capture(configuration: try configuration(), sessionOptions: SessionOptions()).snapshot
    }
}
