import Foundation
import PGTestSupport
import Testing
@testable import PGCheck

/// Reading a Drizzle migrations folder: journal, files, statements and the migrator's hash.
@Suite struct DrizzleFolderTests {
    static let fixtures = Fixtures.url("drizzle")

    @Test func readsTheReferenceFolder() throws {
        let folder = try DrizzleMigrationFolder(url: Self.fixtures)
        #expect(folder.migrations.map(\.tag) == ["0000_init_admins", "0001_usage_events", "0002_usage_account_lookup", "0003_usage_event_windows"])
        let windows = try #require(folder.migration(tagged: "0003_usage_event_windows"))
        #expect(windows.statements.count == 6)
        #expect(windows.entry.when == 1_763_989_200_000)
        // drizzle's hash is SHA-256 of the whole file text; computed independently with sha256sum.
        #expect(windows.hash == (try Self.sha256sum(Self.fixtures.appendingPathComponent("0003_usage_event_windows.sql"))))
        #expect(windows.nonTransactionalStatement == nil)
    }

    @Test func crlfFilesMatchEitherHashConvention() {
        let entry = DrizzleJournal.Entry(idx: 0, version: "7", when: 1, tag: "x", breakpoints: true)
        let migration = DrizzleMigration(entry: entry, sql: "SELECT 1;\r\n--> statement-breakpoint\r\nSELECT 2;\r\n")
        #expect(migration.statements.count == 2)
        #expect(migration.hash != migration.normalizedHash)
        #expect(migration.matches(hash: migration.normalizedHash))
        #expect(!migration.matches(hash: String(repeating: "0", count: 64)))
    }

    @Test func concurrentIndexIsFlaggedAsNonTransactional() {
        let entry = DrizzleJournal.Entry(idx: 0, version: "7", when: 1, tag: "x", breakpoints: true)
        let migration = DrizzleMigration(entry: entry, sql: "ALTER TABLE t ADD COLUMN c int;\n--> statement-breakpoint\nCREATE UNIQUE INDEX CONCURRENTLY i ON t (c);")
        #expect(migration.nonTransactionalStatement?.contains("CONCURRENTLY") == true)
    }

    @Test(arguments: [
        ("", "not a Drizzle journal"),
        ("{\"version\":\"7\",\"dialect\":\"postgresql\"}", "missing field \"entries\""),
        ("{\"version\":\"7\",\"dialect\":\"sqlite\",\"entries\":[]}", "dialect \"sqlite\""),
    ])
    func badJournalsSayWhatIsWrong(_ text: String, _ expected: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drizzle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("meta"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("meta/_journal.json"), atomically: true, encoding: .utf8)
        #expect { try DrizzleMigrationFolder(url: folder) } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test func aListedFileThatIsMissingIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drizzle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("meta"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"version":"7","dialect":"postgresql","entries":[{"idx":0,"version":"7","when":1,"tag":"0000_gone","breakpoints":true}]}"#
            .write(to: folder.appendingPathComponent("meta/_journal.json"), atomically: true, encoding: .utf8)
        #expect { try DrizzleMigrationFolder(url: folder) } throws: { error in
            "\(error)".contains("0000_gone.sql does not exist")
        }
    }

    static func sha256sum(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }
}
