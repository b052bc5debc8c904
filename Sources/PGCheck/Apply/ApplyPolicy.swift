/// What makes an apply careful, as `migrations apply` and the runbook's apply step take it.
public struct ApplyPolicy: Sendable {
    /// Run statements that cannot run in a transaction on their own (``DrizzleMigrator/allowNonTransactional``).
    public var allowNonTransactional: Bool
    /// What to do with an INVALID index a failed concurrent build leaves.
    public var onInvalidIndex: DrizzleMigrator.InvalidIndexPolicy
    /// How many times a transaction that hits `lock_timeout` is tried again.
    public var lockRetries: Int
    /// The check of the touched tables before applying; nil skips it.
    public var activity: ActivityCheck?
    /// Apply even when the check finds the tables busy (the check is still reported).
    public var ignoreActivity: Bool

    /// Creates a policy; the defaults are the careful ones the command line uses.
    public init(
        allowNonTransactional: Bool = false, onInvalidIndex: DrizzleMigrator.InvalidIndexPolicy = .report, lockRetries: Int = 3,
        activity: ActivityCheck? = ActivityCheck(), ignoreActivity: Bool = false
    ) {
        self.allowNonTransactional = allowNonTransactional
        self.onInvalidIndex = onInvalidIndex
        self.lockRetries = lockRetries
        self.activity = activity
        self.ignoreActivity = ignoreActivity
    }

    /// The exact behaviour of drizzle's migrator (with pgcheck's lock_timeout): no retries, no check.
    public static let drizzle = ApplyPolicy(lockRetries: 0, activity: nil)

    /// `migrator` following this policy.
    public func configure(_ migrator: DrizzleMigrator) -> DrizzleMigrator {
        var migrator = migrator
        migrator.allowNonTransactional = allowNonTransactional
        migrator.onInvalidIndex = onInvalidIndex
        migrator.lockRetries = lockRetries
        return migrator
    }
}
