import Foundation
import PGCheck
import PGJSON

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
    /// Breaks in drizzle-kit's snapshot chain (empty when whole, or when the folder keeps no snapshots).
    let snapshotChain: [String]

    init(status: DrizzleStatus, chain: DrizzleSnapshotChain? = nil, folder: String, database: String, ledger: DrizzleLedger.Location) {
        self.folder = folder
        self.database = database
        self.ledger = "\(ledger.schema).\(ledger.table)"
        migrations = status.items.map { Item(tag: $0.tag, when: $0.when, state: $0.state, fileHash: $0.fileHash, recordedHash: $0.recordedHash) }
        unknownLedgerRows = status.unknownRows.map(\.id)
        pending = status.items.count { $0.state == .pending }
        mismatched = status.items.count { $0.state == .mismatched }
        skipped = status.items.count { $0.state == .skipped }
        snapshotChain = chain?.problems.map(\.description) ?? []
    }

    /// The text form: where, then the status lines shared with the runbook's artefact.
    func text(_ status: DrizzleStatus) -> String {
        "Drizzle migrations in \(folder)\nagainst \(database) (ledger \(ledger))\n" + status.text
    }

    /// The report as a JSON document, ending in a newline.
    func json() throws -> String { try CanonicalJSONDocument.text(of: self) }
}
