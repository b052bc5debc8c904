import Foundation
import PGTestSupport

/// Writes a drizzle-kit migrations folder for a test: the Fixtures migrations up to some tag, then the
/// test's own migrations, with a journal as drizzle-kit writes it (version 7, postgresql).
struct DrizzleFolderBuilder {
    let url: URL
    private var entries: [(tag: String, sql: String, when: Int64)] = []

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("drizzle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("meta"), withIntermediateDirectories: true)
    }

    /// Adds the Fixtures migrations `0...last` (0000_init_admins …), with their journal's `when`, so that a
    /// database migrated from the Fixtures folder has them applied.
    mutating func addFixtures(through last: Int) throws {
        let journal = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Fixtures.url("drizzle/meta/_journal.json"))) as? [String: Any]
        let whens = (journal?["entries"] as? [[String: Any]] ?? []).compactMap { ($0["when"] as? NSNumber)?.int64Value }
        for (index, tag) in FixtureDatabase.migrationTags.prefix(last + 1).enumerated() {
            let sql = try String(contentsOf: Fixtures.url("drizzle/\(tag).sql"), encoding: .utf8)
            entries.append((tag, sql, whens[index]))
        }
    }

    /// Adds a migration; `statements` are joined with drizzle's breakpoint marker.
    mutating func add(_ tag: String, statements: [String]) {
        add(tag, statements.joined(separator: "--> statement-breakpoint\n"))
    }

    /// Adds a migration's file text as is, generated after every migration before it.
    mutating func add(_ tag: String, _ sql: String) {
        entries.append((tag, sql, (entries.last?.when ?? 1_761_916_800_000) + 86_400_000))
    }

    /// Writes the files and the journal; returns the folder.
    func write() throws -> URL {
        var journal: [String] = []
        for (index, entry) in entries.enumerated() {
            try Data(entry.sql.utf8).write(to: url.appendingPathComponent("\(entry.tag).sql"))
            journal.append(#"{"idx": \#(index), "version": "7", "when": \#(entry.when), "tag": "\#(entry.tag)", "breakpoints": true}"#)
        }
        let text = #"{"version": "7", "dialect": "postgresql", "entries": [\#(journal.joined(separator: ", "))]}"#
        try Data(text.utf8).write(to: url.appendingPathComponent("meta/_journal.json"))
        return url
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
