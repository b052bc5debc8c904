import Foundation
import PGSupport
@testable import PostgresWire

/// Test support: runs a call that may block on a thread of its own, so that a test of a deadline
/// fails, instead of hanging the suite, when the deadline is missing.
enum BoundedCall {
    /// How a bounded call ended.
    struct Outcome<Value> {
        /// What the call returned or threw; nil if it was still running even after the release.
        var result: Result<Value, any Error>?
        /// Whether it ended by itself within the limit, before the release.
        var endedInTime: Bool
        /// How long it ran (until the give-up, if it never ended).
        var elapsed: Duration
        /// When it ended, if it did.
        var endedAt: ContinuousClock.Instant?

        /// The `ClientError` the call threw, if that is how it ended.
        var clientError: ClientError? {
            guard case .failure(let error)? = result else { return nil }
            return error as? ClientError
        }
    }

    /// Runs `body` and waits up to `limit` for it. If it is still running then, `release` is called to
    /// unblock it (stopping a fault proxy ends any read or write on its connections) and the call gets
    /// another 30 seconds to end.
    static func run<Value>(within limit: Duration, release: () -> Void, _ body: @escaping () throws -> Value) -> Outcome<Value> {
        let call = RunningCall(body)
        Thread { call.run() }.start()
        if call.wait(limit) {
            return Outcome(result: call.result, endedInTime: true, elapsed: call.elapsed, endedAt: call.endedAt)
        }
        release()
        _ = call.wait(.seconds(30))
        return Outcome(result: call.result, endedInTime: false, elapsed: call.elapsed, endedAt: call.endedAt)
    }
}

/// One call on its thread; the test thread only reads the result after `wait` says it is there.
private final class RunningCall<Value>: @unchecked Sendable {
    private let body: () throws -> Value
    private let lock = NSLock()
    private let ended = DispatchSemaphore(value: 0)
    private let started = ContinuousClock.now
    private var _result: Result<Value, any Error>?
    private var _endedAt: ContinuousClock.Instant?

    init(_ body: @escaping () throws -> Value) { self.body = body }

    var result: Result<Value, any Error>? { lock.withLock { _result } }
    var endedAt: ContinuousClock.Instant? { lock.withLock { _endedAt } }
    var elapsed: Duration { lock.withLock { (_endedAt ?? .now) - started } }

    func run() {
        let result = Result { try body() }
        lock.withLock {
            _result = result
            _endedAt = .now
        }
        ended.signal()
    }

    /// Whether the call ended within `limit`.
    func wait(_ limit: Duration) -> Bool {
        if ended.wait(timeout: .now() + limit.inSeconds) == .success {
            ended.signal()
            return true
        }
        return false
    }
}
