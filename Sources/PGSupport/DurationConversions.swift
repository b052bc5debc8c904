/// The one way pgcheck turns a `Duration` into numbers: for clocks and reports (seconds and
/// milliseconds as `Double`) and for PostgreSQL settings and `poll(2)` (whole milliseconds, rounded up).
extension Duration {
    /// The duration in seconds, for APIs that take a `TimeInterval` and for reports.
    public var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in milliseconds, for reports.
    public var inMilliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// Whole milliseconds, rounded up so that a positive duration never becomes 0 (which PostgreSQL's
    /// timeout settings read as "no timeout" and `poll(2)` as "do not wait"); `Int64.max` when it
    /// does not fit.
    public var roundedUpMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let fraction = (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? Int64.min : Int64.max }
        let (total, sumOverflow) = whole.addingReportingOverflow(fraction)
        return sumOverflow ? Int64.max : total
    }

    /// `seconds` (a user's `--lock-timeout 0.3`, a YAML `lock_timeout: 5`) as whole milliseconds,
    /// rounded up so that a positive value never becomes 0; the value keeps the text it was given in
    /// ``inSeconds`` (0.3 → 0.3, not 0.30000000000000004).
    public static func milliseconds(roundingUp seconds: Double) -> Duration {
        .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }
}
