import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every running ``LocalCluster`` and ``LocalPgBouncer`` of this process, so that none outlives it.
///
/// Creating the registry installs an `atexit` handler that stops whatever is still registered,
/// which covers tests and commands that forget `stop()` and still exit normally. Crashes and fatal
/// signals skip `atexit`; ``OrphanWatchdog`` covers those.
final class ClusterRegistry: @unchecked Sendable {
    /// The one registry of this process.
    static let shared = ClusterRegistry()

    // `@unchecked Sendable` is sound: `running` is only touched while holding `lock`.
    private let lock = NSLock()
    /// How to shut each registered object down, by its identity.
    private var running: [ObjectIdentifier: @Sendable () -> Void] = [:]

    private init() {
        atexit {
            for shutDown in ClusterRegistry.shared.removeAll() {
                shutDown()
            }
        }
    }

    /// Records a running server and how to shut it down (without taking it out of the registry).
    func register(_ server: AnyObject, shutDown: @escaping @Sendable () -> Void) {
        lock.withLock { running[ObjectIdentifier(server)] = shutDown }
    }

    /// Forgets `server`; `true` if it was registered, so exactly one caller goes on to stop it.
    func remove(_ server: AnyObject) -> Bool {
        lock.withLock { running.removeValue(forKey: ObjectIdentifier(server)) != nil }
    }

    /// Whether `server` is registered, i.e. started and not yet stopped.
    func contains(_ server: AnyObject) -> Bool {
        lock.withLock { running[ObjectIdentifier(server)] != nil }
    }

    /// Forgets every registered server and returns how to shut each down.
    func removeAll() -> [@Sendable () -> Void] {
        lock.withLock {
            let all = Array(running.values)
            running.removeAll()
            return all
        }
    }
}
