import PGSupport

/// The stream a connection actually reads and writes: the socket or TLS stream underneath, plus the two
/// things a person needs when the network misbehaves — a limit on silence, and an error that says where
/// in the conversation the silence or the hang-up happened.
///
/// - Silence: before each read, and before each write step, the deadline is set to the earlier of
///   ``deadline`` (the connect deadline during startup) and now + ``idleTimeout``
///   (``SessionOptions/readTimeout``). A server or network that stops sending, or stops taking what we
///   send, fails the call instead of blocking until TCP gives up, while a long result that keeps
///   arriving, or a large request the server keeps taking, is never cut off.
/// - Hang-ups: a connection never expects the server to close (it says Terminate first), so unlike the
///   raw streams, end of stream is thrown here as an error naming the message that was cut, from the
///   ``MessageBoundaryTracker`` that follows every byte received. A partial row is therefore always an
///   error, never a short result.
final class SupervisedStream: ByteStream {
    /// The socket or TLS stream underneath.
    let inner: any ByteStream
    /// The longest silence accepted; nil waits as long as ``deadline`` allows.
    let idleTimeout: Duration?
    /// An absolute limit on reads and writes (the connect deadline during startup); nil for none.
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

    var hasPendingInput: Bool { inner.hasPendingInput }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let idleDeadline = idleTimeout.map { ContinuousClock.now + $0 }
        let limit = applyLimit(idleDeadline: idleDeadline)
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

    /// Writes all of `bytes`; the idle clock restarts whenever the stream underneath takes some of them.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var sent = 0
        while sent < bytes.count {
            sent += try writeStep(bytes, from: sent)
        }
    }

    func writeSome(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        try writeStep(bytes, from: 0)
    }

    /// Sends part of `bytes` from offset `sent` under the same limit as a read; `sent` and the total
    /// only feed the timeout error.
    private func writeStep(_ bytes: UnsafeRawBufferPointer, from sent: Int) throws -> Int {
        let idleDeadline = idleTimeout.map { ContinuousClock.now + $0 }
        let limit = applyLimit(idleDeadline: idleDeadline)
        do {
            return try inner.writeSome(UnsafeRawBufferPointer(rebasing: bytes[sent...]))
        } catch let error as ClientError {
            if let limit, ContinuousClock.now >= limit {
                throw sendTimeoutError(idle: idleDeadline == limit, sent: sent, total: bytes.count)
            }
            throw ClientError(phase, error.message)
        }
    }

    func close() {
        inner.close()
    }

    /// Where the received bytes end, for tests and diagnostics.
    var position: MessageBoundaryTracker.Position { tracker.position }

    /// Puts the earlier of ``deadline`` and `idleDeadline` on the stream underneath and returns it; only
    /// when it changed, since setting one reads the clock.
    private func applyLimit(idleDeadline: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        let limit = Self.earliest(deadline, idleDeadline)
        if limit != appliedDeadline {
            inner.deadline = limit
            appliedDeadline = limit
        }
        return limit
    }

    private func timeoutError(idle: Bool) -> ClientError {
        let limit: String
        if idle, let idleTimeout {
            limit = "no data arrived for \(DurationText.phrase(idleTimeout.inSeconds)) (the read timeout)"
        } else {
            limit = "timeout expired \(deadlineDescription)"
        }
        return ClientError(phase, "\(limit) while waiting for \(awaiting), \(tracker.phrase); the server or the network stalled, so the connection was closed")
    }

    /// A write the server stopped taking: part of a message may have gone out, so the stream is out of
    /// step with the protocol and the connection is closed (the caller does that).
    private func sendTimeoutError(idle: Bool, sent: Int, total: Int) -> ClientError {
        let limit: String
        if idle, let idleTimeout {
            limit = "timeout expired after \(DurationText.phrase(idleTimeout.inSeconds)) (the read timeout) sending to the server, which took none of our data for that long"
        } else {
            limit = "timeout expired \(deadlineDescription) sending to the server"
        }
        return ClientError(phase, "\(limit) (\(sent) of \(total) bytes sent); the server or the network stalled, so the connection was closed")
    }

    private static func earliest(_ first: ContinuousClock.Instant?, _ second: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        switch (first, second) {
        case let (first?, second?): min(first, second)
        case let (first?, nil): first
        case let (nil, second): second
        }
    }
}
