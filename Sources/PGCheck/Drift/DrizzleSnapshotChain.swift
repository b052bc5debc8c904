import Foundation
import PGJSON

/// Checks the chain of drizzle-kit snapshots beside the migrations: one snapshot per journal entry, each
/// one's `prevId` (`prevIds` in the 1.0 beta) the `id` of the one before, and no `id` twice.
///
/// Two branches that each generated a migration and were merged leave two snapshots pointing at the same
/// parent (drizzle-kit's "collision", #3935, #5774), or a copied snapshot with the same `id`: drizzle-kit's
/// next `generate` then diffs against the wrong schema. A folder with no snapshot at all (kept without
/// drizzle-kit's meta files) is not checked.
public struct DrizzleSnapshotChain: Sendable, Equatable {
    /// One break in the chain.
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// A journal entry has no snapshot.
        case missing(tag: String, file: String)
        /// A snapshot cannot be read (not JSON, or no `id`).
        case unreadable(tag: String, detail: String)
        /// A snapshot's parent is not the previous snapshot.
        case brokenLink(tag: String, prevIds: [String], previousTag: String, previousId: String)
        /// Two snapshots share an `id`.
        case duplicateId(id: String, tags: [String])
        /// A snapshot file no journal entry accounts for.
        case orphan(file: String)

        public var description: String {
            switch self {
            case .missing(let tag, let file): "\(tag): no snapshot (\(file) does not exist)"
            case .unreadable(_, let detail): detail
            case .brokenLink(let tag, let prevIds, let previousTag, let previousId):
                "\(tag): prevId \(prevIds.isEmpty ? "(none)" : prevIds.joined(separator: ", ")) is not the id of \(previousTag)'s snapshot (\(previousId)): the chain is broken (a merge of two branches' migrations?)"
            case .duplicateId(let id, let tags): "snapshots of \(tags.joined(separator: ", ")) share the id \(id) (a copied snapshot, or drizzle-kit's branch-merge collision)"
            case .orphan(let file): "\(file): a snapshot no journal entry has"
            }
        }
    }

    /// Whether the folder has snapshots at all (when not, nothing was checked).
    public let checked: Bool
    /// The breaks, in journal order.
    public let problems: [Problem]

    /// Reads every snapshot's `id` and `prevId` and checks the chain.
    public init(folder: DrizzleMigrationFolder) {
        let files = folder.migrations.map { folder.snapshotFile(tag: $0.tag) }
        let existing = files.filter { FileManager.default.fileExists(atPath: $0.path) }
        var orphans: [String] = []
        if folder.layout == .journal {
            let meta = folder.url.appendingPathComponent("meta")
            let listed = Set(files.map(\.lastPathComponent))
            let names = (try? FileManager.default.contentsOfDirectory(atPath: meta.path)) ?? []
            orphans = names.filter { $0.hasSuffix("_snapshot.json") && !listed.contains($0) }.sorted().map { meta.appendingPathComponent($0).path }
        }
        guard !existing.isEmpty || !orphans.isEmpty else {
            checked = false
            problems = []
            return
        }
        checked = true
        var problems: [Problem] = []
        var previous: (tag: String, id: String)?
        var tagsById: [String: [String]] = [:]
        var order: [String] = []
        for (migration, file) in zip(folder.migrations, files) {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                problems.append(.missing(tag: migration.tag, file: file.path))
                previous = nil
                continue
            }
            guard let ids = Self.ids(Array(data)) else {
                problems.append(.unreadable(tag: migration.tag, detail: "\(file.path): at $.id: missing, or the file is not JSON"))
                previous = nil
                continue
            }
            if let previous, !ids.prevIds.contains(previous.id) {
                problems.append(.brokenLink(tag: migration.tag, prevIds: ids.prevIds, previousTag: previous.tag, previousId: previous.id))
            }
            if tagsById[ids.id] == nil { order.append(ids.id) }
            tagsById[ids.id, default: []].append(migration.tag)
            previous = (migration.tag, ids.id)
        }
        for id in order where tagsById[id]!.count > 1 { problems.append(.duplicateId(id: id, tags: tagsById[id]!)) }
        problems += orphans.map { .orphan(file: $0) }
        self.problems = problems
    }

    /// The `id` and parents of a snapshot, or nil when it is not JSON or has no `id`.
    static func ids(_ bytes: [UInt8]) -> (id: String, prevIds: [String])? {
        guard let json = try? OrderedJSON.parse(bytes), case .string(let id)? = json["id"] else { return nil }
        var parents: [String] = []
        if case .string(let parent)? = json["prevId"] { parents.append(parent) }
        if case .array(let list)? = json["prevIds"] {
            for case .string(let parent) in list { parents.append(parent) }
        }
        return (id, parents)
    }

    /// The lines `migrations status` prints: nothing when the chain is whole or unchecked.
    public var text: String {
        guard !problems.isEmpty else { return "" }
        return "snapshot chain (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n" + problems.map { "  \($0)\n" }.joined()
    }
}
