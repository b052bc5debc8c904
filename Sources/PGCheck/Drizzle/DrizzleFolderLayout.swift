import Foundation

/// How a drizzle-kit migrations folder is laid out on disk.
///
/// - ``journal``: drizzle-kit 0.x. `meta/_journal.json` lists the migrations; each is `<tag>.sql` beside it,
///   and drizzle-kit writes its schema snapshot to `meta/<prefix>_snapshot.json`, where the prefix is the
///   tag up to its first underscore (`0003` for `0003_usage_event_windows`, a timestamp or a Unix time
///   under the other `prefix` modes).
/// - ``folderPerMigration``: the 1.0 beta. No journal: every subfolder holding a `migration.sql` is a
///   migration, in the order of its name, which starts with `YYYYMMDDHHMMSS` (UTC), the time the
///   migrator records as `created_at`; its snapshot is `snapshot.json` in the same subfolder.
public enum DrizzleFolderLayout: String, Sendable, Equatable {
    /// `meta/_journal.json`, `<tag>.sql`, `meta/<prefix>_snapshot.json`.
    case journal
    /// `<YYYYMMDDHHMMSS_name>/migration.sql` and `snapshot.json`.
    case folderPerMigration

    /// The migration's SQL file.
    public func sqlFile(tag: String, in folder: URL) -> URL {
        switch self {
        case .journal: folder.appendingPathComponent("\(tag).sql")
        case .folderPerMigration: folder.appendingPathComponent(tag).appendingPathComponent("migration.sql")
        }
    }

    /// The schema snapshot drizzle-kit wrote with the migration.
    public func snapshotFile(tag: String, in folder: URL) -> URL {
        switch self {
        case .journal:
            let prefix = tag.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? tag
            return folder.appendingPathComponent("meta").appendingPathComponent("\(prefix)_snapshot.json")
        case .folderPerMigration:
            return folder.appendingPathComponent(tag).appendingPathComponent("snapshot.json")
        }
    }

    /// The journal of a folder-per-migration folder, built as the 1.0 beta's migrator reads it: every
    /// subfolder holding `migration.sql`, sorted by name, `when` from the first 14 digits of the name.
    ///
    /// - Throws: ``DrizzleError/badInput(_:)`` when a subfolder's name does not start with a timestamp.
    public static func folderPerMigrationJournal(in folder: URL) throws -> DrizzleJournal? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let migrations = names.filter {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("migration.sql").path)
        }.sorted()
        guard !migrations.isEmpty else { return nil }
        let entries = try migrations.enumerated().map { index, name in
            guard let when = millis(fromFolderName: name) else {
                throw DrizzleError.badInput("\(folder.appendingPathComponent(name).path): a migration folder's name must start with its UTC time as YYYYMMDDHHMMSS")
            }
            return DrizzleJournal.Entry(idx: index, version: "8", when: when, tag: name, breakpoints: true)
        }
        return DrizzleJournal(version: "8", dialect: "postgresql", entries: entries)
    }

    /// drizzle's `formatToMillis`: the name's first 14 characters as a UTC time, in milliseconds.
    public static func millis(fromFolderName name: String) -> Int64? {
        let digits = Array(name.prefix(14))
        guard digits.count == 14, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        func number(_ range: Range<Int>) -> Int { Int(String(digits[range]))! }
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        (components.year, components.month, components.day) = (number(0..<4), number(4..<6), number(6..<8))
        (components.hour, components.minute, components.second) = (number(8..<10), number(10..<12), number(12..<14))
        guard let date = components.date else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
