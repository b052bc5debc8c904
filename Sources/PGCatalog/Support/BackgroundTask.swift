import Foundation

/// Work running on a thread of its own, whose result the starting thread collects with ``wait()``.
///
/// The capture's second connection connects and reads on such a thread while the first one works on
/// the calling thread; large snapshots are shaped and written in two parts the same way. The
/// connection and row types are not `Sendable`; this hands them across safely because
/// nothing touches the work's captured state between ``init(_:)`` and the end of the work but the
/// background thread, and ``wait()`` returns only after the thread signalled that it is done, which
/// orders all its writes before the caller's reads. Hence `@unchecked Sendable`.
final class BackgroundTask<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var outcome: Result<Value, any Error>?

    /// Starts `work` on a new thread.
    init(_ work: @escaping () throws -> Value) {
        nonisolated(unsafe) let work = work
        let thread = Thread { [self] in
            outcome = Result { try work() }
            finished.signal()
        }
        thread.name = "pgcheck-catalog-reader"
        thread.start()
    }

    /// Waits for the work to end and returns its value or error (again and at once on later calls).
    func wait() -> Result<Value, any Error> {
        finished.wait()
        finished.signal()
        guard let outcome else { preconditionFailure("the background work signalled without a result") }
        return outcome
    }
}

/// Runs `background` on a thread of its own while `foreground` runs on this one, and returns both
/// results once both have ended.
///
/// It always waits for the thread, even when `foreground` throws: the background work may be using a
/// connection or buffers the caller releases once this returns. `foreground`'s error is thrown first.
func inParallel<Background, Foreground>(
    _ background: @escaping () throws -> Background, _ foreground: () throws -> Foreground
) throws -> (background: Background, foreground: Foreground) {
    let task = BackgroundTask(background)
    let here = Result { try foreground() }
    let there = task.wait()
    let foregroundValue = try here.get()
    return (try there.get(), foregroundValue)
}
