import PGSupport

/// The runbook's steps, in the order they run.
public enum RunbookStep: String, Sendable, CaseIterable {
    /// Snapshot of the schema before anything changes.
    case preSnapshot = "pre-apply snapshot"
    /// Applied / pending / edited / skipped Drizzle migrations.
    case migrationStatus = "migration status"
    /// The database before the apply against drizzle-kit's snapshot of the last applied migration.
    case preDrift = "pre-apply drift"
    /// The pending migrations rehearsed on a copy of the data: locks, rewrites, failures.
    case rehearse = "lock rehearsal"
    /// The apply-log entry: planned time, operator, what will be applied.
    case logEntry = "apply-log entry"
    /// The migration itself (native or an external command).
    case apply = "apply"
    /// Snapshot of the schema after the apply.
    case postSnapshot = "post-apply snapshot"
    /// The database after the apply against drizzle-kit's snapshot of the migration applied last.
    case postDrift = "post-apply drift"
    /// Structural diff of the two snapshots.
    case diff = "structural diff"
    /// `\\d+` of the named tables.
    case describe = "describe capture"
    /// The schema expectations.
    case verify = "verify expectations"
    /// The smoke queries and their expectations.
    case smoke = "smoke queries"
    /// The validation summary appended to the apply log.
    case summary = "validation summary"
}

/// How one step went.
public struct RunbookStepResult: Sendable, Equatable {
    /// Which step.
    public let step: RunbookStep
    /// Whether it succeeded (a failed expectation counts as a failure).
    public let succeeded: Bool
    /// How long it took.
    public let duration: Duration
    /// One line on what it did or why it failed.
    public let detail: String
    /// The artefacts it wrote.
    public let artefacts: [String]
    /// Why it failed, when it did.
    public let failure: FailureKind?
}

/// Receives each step's result as soon as it ends (the CLI prints a ✓/✗ line).
public protocol RunbookObserver: AnyObject {
    /// A step ended.
    func stepFinished(_ result: RunbookStepResult)
}

/// The outcome of a run.
public struct RunbookOutcome: Sendable {
    /// Every step that ran, in order.
    public let steps: [RunbookStepResult]
    /// The evidence folder.
    public let evidence: String
    /// The structural diff, rendered as text (empty when identical).
    public let diffText: String
    /// The verify report text.
    public let verifyText: String
    /// The smoke results text.
    public let smokeText: String
    /// The lock rehearsal's report (empty when it did not run).
    public let rehearsalText: String

    /// Whether every step succeeded.
    public var succeeded: Bool { steps.allSatisfy(\.succeeded) && steps.last?.step == .summary }
    /// The step that stopped the run, if one did.
    public var failedStep: RunbookStepResult? { steps.first { !$0.succeeded } }
}
