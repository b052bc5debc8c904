import ArgumentParser
import PGSupport

/// The timeout flags of the commands that run statements, checked once in ``validate()``.
struct TimeoutOptions: ParsableArguments {
    /// PostgreSQL's limit for a timeout setting: `INT_MAX` milliseconds.
    static let longest = 2_147_483.0

    @Option(name: .long, help: ArgumentHelp("Seconds a statement may run (PostgreSQL statement_timeout).", valueName: "seconds"))
    var statementTimeout: Double?

    @Option(name: .long, help: ArgumentHelp("Seconds a statement may wait for a lock (PostgreSQL lock_timeout; default 5).", valueName: "seconds"))
    var lockTimeout: Double?

    func validate() throws {
        for (flag, value) in [("--statement-timeout", statementTimeout), ("--lock-timeout", lockTimeout)] {
            guard let value else { continue }
            guard value > 0 && value <= Self.longest else {
                throw ValidationError("\(flag) must be a number of seconds greater than 0 and at most \(Int(Self.longest)), not \(value)")
            }
        }
    }

    /// `--statement-timeout`, if given.
    var statement: Duration? { statementTimeout.map { .milliseconds(roundingUp: $0) } }

    /// `--lock-timeout`, or `fallback` when it was not given.
    func lock(or fallback: Duration = .seconds(5)) -> Duration {
        lockTimeout.map { .milliseconds(roundingUp: $0) } ?? fallback
    }
}
