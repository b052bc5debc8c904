import PGSupport

/// A deadline for reads and writes that remembers how long it allowed, so that the error can say so.
///
/// The connection sets deadlines as instants; a person reading the error wants the timeout they
/// configured ("after 5 seconds"), so the span between setting and the deadline is kept.
struct StreamDeadline {
    /// The instant a read with no data, or a write with no room, gives up; `nil` waits forever.
    var instant: ContinuousClock.Instant? {
        didSet { allowed = instant.map { ContinuousClock.now.duration(to: $0) } }
    }

    /// How long the deadline allowed when it was set.
    private(set) var allowed: Duration?

    init() {
        instant = nil
        allowed = nil
    }

    /// The error reported when the deadline passes: by default a read that got no data.
    func expiredError(_ phase: ConnectionPhase = .io, activity: String = "waiting for data from the server") -> ClientError {
        let span = allowed.map { " after \(DurationText.phrase(max(0, $0.inSeconds)))" } ?? ""
        return ClientError(phase, "timeout expired\(span) \(activity)")
    }

    /// The error reported when the deadline passes before the connection took any byte of a write.
    func expiredWhileSending() -> ClientError {
        expiredError(activity: "sending to the server")
    }
}
