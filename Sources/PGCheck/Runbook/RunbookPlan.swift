import Foundation
import PostgresWire

/// Everything a runbook run needs to know: what to apply, how, what to check, where the evidence goes.
public struct RunbookPlan: Sendable {
    /// How the migration is applied.
    public enum Apply: Sendable, Equatable {
        /// pgcheck applies the pending Drizzle migrations itself, as drizzle's migrator would.
        case native(folder: URL, throughTag: String?)
        /// An external command (`pnpm drizzle-kit push`) applies them; its output becomes the push log.
        case command(String)
    }

    /// The connection to the database being migrated.
    public var configuration: ConnectionConfiguration
    /// The connection string the operator gave (`--url`), handed to an external apply command as
    /// `DATABASE_URL` when the environment has none. Never printed or logged.
    public var databaseURL: String?
    /// The label in artefact names (`0003`): usually the migration tag's number.
    public var label: String
    /// The Drizzle migrations folder, for `migrations status` (and the native apply).
    public var migrationsFolder: URL?
    /// Where the Drizzle ledger lives.
    public var ledger: DrizzleLedger.Location
    /// How to apply.
    public var apply: Apply
    /// The evidence folder.
    public var evidence: URL
    /// Tables whose `\d+` is captured after the apply.
    public var describeTables: [String]
    /// Schema expectations checked after the apply.
    public var expectations: [SchemaExpectation]
    /// Smoke queries run after the apply; each writes `<name>.txt`.
    public var smokeQueries: [SmokeQuery]
    /// Who applies (the apply log records it).
    public var operatorName: String
    /// Do everything but the apply.
    public var dryRun: Bool
    /// How long the apply may wait for a lock.
    public var lockTimeout: Duration
    /// Timeouts for the read-only work (snapshots, describe, smoke).
    public var readTimeout: Duration
    /// The lock rehearsal before the apply; nil skips it.
    public var rehearsal: RunbookRehearsal?
    /// How carefully the native apply runs, and the activity check before any apply.
    public var applyPolicy: ApplyPolicy

    /// Creates a plan.
    public init(
        configuration: ConnectionConfiguration, databaseURL: String? = nil, label: String, migrationsFolder: URL?, ledger: DrizzleLedger.Location = .drizzleDefault,
        apply: Apply, evidence: URL, describeTables: [String], expectations: [SchemaExpectation], smokeQueries: [SmokeQuery],
        operatorName: String, dryRun: Bool = false, lockTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(60),
        rehearsal: RunbookRehearsal? = nil, applyPolicy: ApplyPolicy = ApplyPolicy()
    ) {
        self.configuration = configuration
        self.databaseURL = databaseURL
        self.label = label
        self.migrationsFolder = migrationsFolder
        self.ledger = ledger
        self.apply = apply
        self.evidence = evidence
        self.describeTables = describeTables
        self.expectations = expectations
        self.smokeQueries = smokeQueries
        self.operatorName = operatorName
        self.dryRun = dryRun
        self.lockTimeout = lockTimeout
        self.readTimeout = readTimeout
        self.rehearsal = rehearsal
        self.applyPolicy = applyPolicy
    }

    /// The artefact file names, as the hand-written runbook named them.
    public var names: RunbookArtefactNames { RunbookArtefactNames(label: label) }
}

/// The runbook's artefact names for one migration label.
public struct RunbookArtefactNames: Sendable, Equatable {
    /// The label (`0003`).
    public let label: String

    /// `schema-snapshot-pre-0003.json`.
    public var preSnapshot: String { "schema-snapshot-pre-\(label).json" }
    /// `schema-snapshot-post-0003.json`.
    public var postSnapshot: String { "schema-snapshot-post-\(label).json" }
    /// `migrations-status-pre-0003.txt`.
    public var migrationStatus: String { "migrations-status-pre-\(label).txt" }
    /// `lock-rehearsal-0003.txt`.
    public var rehearsalText: String { "lock-rehearsal-\(label).txt" }
    /// `lock-rehearsal-0003.json`.
    public var rehearsalJSON: String { "lock-rehearsal-\(label).json" }
    /// `activity-check-0003.txt`.
    public var activityCheck: String { "activity-check-\(label).txt" }
    /// `drizzle-push-0003.log`.
    public var applyLog: String { "drizzle-push-\(label).log" }
    /// `schema-pre-post-0003.diff`.
    public var diff: String { "schema-pre-post-\(label).diff" }
    /// `usage-events-ddl-post-0003.txt` for `usage_events`.
    public func describe(_ table: String) -> String {
        let bare = table.split(separator: ".").last.map(String.init) ?? table
        return "\(bare.replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: "\"", with: ""))-ddl-post-\(label).txt"
    }
    /// `verify-0003.txt`.
    public var verify: String { "verify-\(label).txt" }
    /// `<query name>.txt`, e.g. `usage-events-window-counts.txt`.
    public func smoke(_ name: String) -> String { "\(name).txt" }
    /// `schema-rollback-check-0003.diff`.
    public var rollbackDiff: String { "schema-rollback-check-\(label).diff" }
    /// `apply-log.md`.
    public var log: String { "apply-log.md" }
    /// `0003.sha256`.
    public var chain: String { "\(label).sha256" }
}
