import Foundation
import PGCheck

/// What `pgcheck migrations status` prints.
struct MigrationsStatusReport: Encodable {
    struct Item: Encodable {
        let tag: String
        let when: Int64
        let state: DrizzleStatus.State
        let fileHash: String
        let recordedHash: String?
    }

    let folder: String
    let database: String
    let ledger: String
    let migrations: [Item]
    let unknownLedgerRows: [Int64]
    let pending: Int
    let mismatched: Int
    let skipped: Int

    init(status: DrizzleStatus, folder: String, database: String, ledger: DrizzleLedger.Location) {
        self.folder = folder
        self.database = database
        self.ledger = "\(ledger.schema).\(ledger.table)"
        migrations = status.items.map { Item(tag: $0.tag, when: $0.when, state: $0.state, fileHash: $0.fileHash, recordedHash: $0.recordedHash) }
        unknownLedgerRows = status.unknownRows.map(\.id)
        pending = status.items.count { $0.state == .pending }
        mismatched = status.items.count { $0.state == .mismatched }
        skipped = status.items.count { $0.state == .skipped }
    }

    var text: String {
        var lines = ["Drizzle migrations in \(folder)", "against \(database) (ledger \(ledger))"]
        let width = migrations.map(\.tag.count).max() ?? 0
        for item in migrations {
            var line = "  " + item.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0) + item.tag
            switch item.state {
            case .mismatched:
                line = line.padding(toLength: width + 15, withPad: " ", startingAt: 0)
                    + "file edited after it was applied (recorded \(item.recordedHash?.prefix(12) ?? "")…, file \(item.fileHash.prefix(12))…)"
            case .skipped:
                line = line.padding(toLength: width + 15, withPad: " ", startingAt: 0)
                    + "older than the last applied migration: drizzle's migrator will skip it"
            case .applied, .pending:
                break
            }
            lines.append(line)
        }
        for id in unknownLedgerRows { lines.append("  unknown    ledger row id \(id) matches no migration file") }
        lines.append("\(pending) pending, \(mismatched) mismatched, \(skipped) skipped")
        return lines.joined(separator: "\n") + "\n"
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
