import PGSupport
/// The stream a connection actually reads: the socket or TLS stream underneath, plus the two things a
/// person needs when the network misbehaves — a limit on silence, and an error that says where in the
/// conversation the silence or the hang-up happened.
///
/// - Silence: before each read the deadline is set to the earlier of ``deadline`` (the connect
///   deadline during startup) and now + ``idleTimeout`` (``SessionOptions/readTimeout``), so a stalled
///   server or network fails the read instead of blocking forever, while a long result that keeps
///   arriving is never cut off.
/// - Hang-ups: a connection never expects the server to close (it says Terminate first), so unlike the
///   raw streams, end of stream is thrown here as an error naming the message that was cut, from the
///   ``MessageBoundaryTracker`` that follows every byte received. A partial row is therefore always an
///   error, never a short result.
final class SupervisedStream: ByteStream {
    /// The socket or TLS stream underneath.
    let inner: any ByteStream
    /// The longest silence accepted; nil waits as long as ``deadline`` allows.
    let idleTimeout: Duration?
    /// An absolute limit on reads (the connect deadline during startup); nil for none.
    var deadline: ContinuousClock.Instant?
    /// The phase errors are reported in: authentication or startup while connecting, io afterwards.
    var phase: ConnectionPhase = .io
    /// What the connection is waiting for, completing "while waiting for …".
    var awaiting = "the server's response"
    /// How ``deadline`` was set, for its timeout error: "after 2 seconds (connect_timeout)".
    var deadlineDescription = "(connect_timeout)"

    private var tracker = MessageBoundaryTracker()
    private var appliedDeadline: ContinuousClock.Instant?

    /// Wraps `inner`; `idleTimeout` of zero or less means none (as libpq's `connect_timeout=0`).
    init(_ inner: any ByteStream, idleTimeout: Duration?) {
        self.inner = inner
        self.idleTimeout = idleTimeout.flatMap { $0 > .zero ? $0 : nil }
        // The TLS handshake may have left a deadline on the stream underneath; start from what it has.
        appliedDeadline = inner.deadline
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let idleDeadline = idleTimeout.map { ContinuousClock.now + $0 }
        let limit = Self.earliest(deadline, idleDeadline)
        if limit != appliedDeadline {
            inner.deadline = limit
            appliedDeadline = limit
        }
        let count: Int
        do {
            count = try inner.read(into: buffer)
        } catch let error as ClientError {
            if let limit, ContinuousClock.now >= limit {
                throw timeoutError(idle: idleDeadline == limit)
            }
            throw ClientError(phase, "\(error.message), \(tracker.phrase), while waiting for \(awaiting)")
        }
        guard count > 0 else {
            throw ClientError(phase, "server closed the connection unexpectedly \(tracker.phrase), while waiting for \(awaiting); it may have crashed or been restarted, our session may have been terminated, or something on the network cut the connection")
        }
        tracker.observe(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        return count
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try inner.write(bytes)
        } catch let error as ClientError {
            throw ClientError(phase, error.message)
        }
    }

    func close() {
        inner.close()
    }

    /// Where the received bytes end, for tests and diagnostics.
    var position: MessageBoundaryTracker.Position { tracker.position }

    private func timeoutError(idle: Bool) -> ClientError {
        let limit: String
        if idle, let idleTimeout {
            limit = "no data arrived for \(DurationText.phrase(idleTimeout.inSeconds)) (the read timeout)"
        } else {
            limit = "timeout expired \(deadlineDescription)"
        }
        return ClientError(phase, "\(limit) while waiting for \(awaiting), \(tracker.phrase); the server or the network stalled, so the connection was closed")
    }

    private static func earliest(_ first: ContinuousClock.Instant?, _ second: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        switch (first, second) {
        case let (first?, second?): min(first, second)
        case let (first?, nil): first
        case let (nil, second): second
        }
    }
}
