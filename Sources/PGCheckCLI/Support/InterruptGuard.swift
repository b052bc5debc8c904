import Dispatch
import Foundation
import PostgresWire

/// While long work runs in one transaction on the server, SIGINT (Ctrl-C) and SIGTERM cancel the running
/// statement instead of killing pgcheck mid-transaction: the work then stops at once, its transaction
/// is rolled back, and pgcheck says so and exits 128 + the signal's number.
final class InterruptGuard: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [any DispatchSourceSignal] = []
    private static let signals = [SIGINT, SIGTERM]

    /// Starts catching the signals; `token` cancels the session's running statement.
    init(cancelling token: CancelToken?) {
        for number in Self.signals {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                self?.record(number)
                try? token?.cancel()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal received, if any.
    var receivedSignal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Stops catching: the signals kill the process again.
    func restore() {
        for source in sources { source.cancel() }
        sources = []
        for number in Self.signals { Foundation.signal(number, SIG_DFL) }
    }

    private func record(_ number: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if received == nil { received = number }
    }
}
