import Foundation
import PGCatalog

/// `pgcheck drift` as a library call: choose the migration whose snapshot the database should match,
/// read that snapshot (and the ones before it, for provenance), compare, and report.
public struct DriftCheck {
    /// The migrations folder.
    public var folder: DrizzleMigrationFolder
    /// Where the ledger lives (left out of the comparison).
    public var ledger: DrizzleLedger.Location

    /// Creates a check over a folder.
    public init(folder: DrizzleMigrationFolder, ledger: DrizzleLedger.Location = .drizzleDefault) {
        self.folder = folder
        self.ledger = ledger
    }

    /// The migration to compare with: `tag` when given, else the last applied one in `status` (the
    /// ledger), else the journal's last.
    ///
    /// - Throws: ``DriftError/badRequest(_:)`` for an unknown tag, an empty folder, or a ledger that records nothing.
    public func chooseMigration(at tag: String?, status: DrizzleStatus?) throws(DriftError) -> (tag: String, chosenBy: String) {
        if let tag {
            guard let migration = folder.migrations.first(where: { $0.tag == tag || $0.tag.hasPrefix(tag + "_") }) else {
                throw DriftError.badRequest("--at \(tag): no migration with that tag in \(folder.url.path)")
            }
            return (migration.tag, "--at")
        }
        if let status {
            guard let last = status.items.last(where: { $0.state == .applied || $0.state == .mismatched }) else {
                throw DriftError.badRequest("the ledger records no migration of \(folder.url.path): nothing to compare with; pass --at TAG")
            }
            return (last.tag, "the last applied migration (ledger)")
        }
        guard let last = folder.migrations.last else {
            throw DriftError.badRequest("\(folder.url.path) has no migration")
        }
        return (last.tag, "the last migration in the journal")
    }

    /// Compares `actual` with the snapshot of the chosen migration.
    ///
    /// - Parameters:
    ///   - tag: `--at`, or nil.
    ///   - status: the folder against the database's ledger (nil when comparing a snapshot file).
    ///   - actual: the database's schema.
    ///   - database: how to name it in the report.
    ///   - judge: the server's deparser (nil offline).
    /// - Throws: ``DriftError`` for a missing, malformed or unknown-version snapshot, or a bad request.
    public func run(at tag: String?, status: DrizzleStatus?, actual: Snapshot, database: String, judge: ServerExpressionJudge?) throws(DriftError) -> DriftReport {
        let (chosen, chosenBy) = try chooseMigration(at: tag, status: status)
        let file = folder.snapshotFile(tag: chosen)
        let expected = try DrizzleSnapshotLoader.load(from: file)
        let comparer = DriftComparer(ledger: ledger, judge: judge)
        var outcome = comparer.compare(expected: expected, actual: actual)
        if !outcome.drift.isEmpty || !outcome.cannotCompare.isEmpty {
            // Only findings need their migration: the earlier snapshots are read for them alone.
            var history: [(tag: String, snapshot: DrizzleSchemaSnapshot?)] = []
            for migration in folder.migrations {
                if migration.tag == chosen { history.append((chosen, expected)); break }
                history.append((migration.tag, try? DrizzleSnapshotLoader.load(from: folder.snapshotFile(tag: migration.tag))))
            }
            let provenance = DriftProvenance(history: history)
            for index in outcome.drift.indices {
                outcome.drift[index].definedIn = provenance.migration(for: "\(outcome.drift[index].kind) \(outcome.drift[index].object)")
            }
            for index in outcome.cannotCompare.indices {
                outcome.cannotCompare[index].definedIn = provenance.migration(for: "\(outcome.cannotCompare[index].kind) \(outcome.cannotCompare[index].object)")
            }
        }
        let chosenIndex = folder.migrations.firstIndex { $0.tag == chosen } ?? folder.migrations.count
        let skipped = (status?.items ?? []).filter { item in
            item.state == .skipped && (folder.migrations.firstIndex { $0.tag == item.tag } ?? Int.max) <= chosenIndex
        }.map(\.tag)
        for tag in skipped {
            outcome.drift.insert(.init(kind: "migration", object: tag, property: "applied", expected: "applied (a later migration is)",
                                       actual: "not in the ledger: drizzle's migrator skipped it, being older than the last applied one", definedIn: tag), at: 0)
        }
        return DriftReport(snapshotFile: file.path, migration: chosen, chosenBy: chosenBy, database: database,
                           drift: outcome.drift, cannotCompare: outcome.cannotCompare, unmanaged: outcome.unmanaged, skippedMigrations: skipped)
    }
}
