import Foundation
import PostgresWire

/// Watches, from a second connection, which sessions block the apply's session while its statements
/// run, so that a lock timeout can name who held the lock (the blocked statement is cancelled by then,
/// and the wait with it).
final class LockWaitMonitor: @unchecked Sendable {
    private let lock = NSLock()
    private var blockers: [DatabaseSession] = []
    private var running = true
    private let done = DispatchSemaphore(value: 0)

    /// Starts watching the session with backend process `pid`, connecting as `configuration` says.
    init(watching pid: Int32, configuration: ConnectionConfiguration) {
        let thread = Thread { [self] in
            defer { done.signal() }
            guard let connection = try? PostgresConnection.connect(configuration, options: SessionOptions(readTimeout: .seconds(10))) else { return }
            defer { connection.close() }
            while isRunning {
                if let seen = try? Self.blockers(of: pid, on: connection), !seen.isEmpty {
                    lock.withLock { blockers = seen }
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        thread.start()
    }

    private var isRunning: Bool { lock.withLock { running } }

    /// The sessions seen blocking since the last ``reset()``.
    var seen: [DatabaseSession] { lock.withLock { blockers } }

    /// Forgets what was seen (before a new attempt).
    func reset() { lock.withLock { blockers = [] } }

    /// Stops watching and closes the second connection.
    func stop() {
        lock.withLock { running = false }
        done.wait()
    }

    private static func blockers(of pid: Int32, on connection: PostgresConnection) throws -> [DatabaseSession] {
        try DatabaseSession.read(where: "a.pid = ANY (pg_catalog.pg_blocking_pids($1))", [pid], on: connection)
    }
}
