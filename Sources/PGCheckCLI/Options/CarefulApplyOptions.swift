import ArgumentParser
import PGCheck

extension DrizzleMigrator.InvalidIndexPolicy: ExpressibleByArgument {}

/// The flags that make an apply careful, shared by `migrations apply` and `runbook`.
struct CarefulApplyOptions: ParsableArguments {
    @Flag(name: .long, help: "Run statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY, …) on their own, the statements between them in transactions.")
    var allowNontransactional = false

    @Option(name: .customLong("on-invalid"), help: ArgumentHelp("What to do with an INVALID index a failed concurrent build leaves: report or drop.", valueName: "policy"))
    var onInvalid: DrizzleMigrator.InvalidIndexPolicy = .report

    @Option(name: .long, help: ArgumentHelp("How many times a transaction that hits lock_timeout is tried again (with back-off).", valueName: "n"))
    var lockRetries = 3

    @Flag(name: .long, help: "Apply even when the tables the migrations touch are busy (the check still runs and is reported).")
    var ignoreActivity = false

    @Option(name: .long, help: ArgumentHelp("How long to watch the tables for writes before applying (default 2s).", valueName: "duration"))
    var activityWindow: DurationArgument = DurationArgument(.seconds(2))

    @Option(name: .long, help: ArgumentHelp("A transaction open longer than this is reported as activity (default 60s).", valueName: "duration"))
    var longTransaction: DurationArgument = DurationArgument(.seconds(60))

    func validate() throws {
        guard (0...20).contains(lockRetries) else { throw ValidationError("--lock-retries takes 0 to 20, not \(lockRetries)") }
    }

    /// The policy these flags describe.
    var policy: ApplyPolicy {
        ApplyPolicy(
            allowNonTransactional: allowNontransactional, onInvalidIndex: onInvalid, lockRetries: lockRetries,
            activity: ActivityCheck(window: activityWindow.duration, longTransaction: longTransaction.duration), ignoreActivity: ignoreActivity)
    }
}
