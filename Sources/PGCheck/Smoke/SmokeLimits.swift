/// The limits every smoke query runs under, set with `SET LOCAL` inside its read-only transaction.
public struct SmokeLimits: Sendable, Equatable {
    /// `statement_timeout`: the server cancels the query after this long. Default 60 s.
    public var statementTimeout: Duration
    /// `lock_timeout`: the server gives up waiting for a lock after this long. Default 5 s, so a smoke
    /// query never queues behind a migration's exclusive lock (and never makes others queue behind it).
    public var lockTimeout: Duration

    /// Creates limits; the defaults suit production.
    public init(statementTimeout: Duration = .seconds(60), lockTimeout: Duration = .seconds(5)) {
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
    }
}
