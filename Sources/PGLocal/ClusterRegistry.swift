import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every running ``LocalCluster`` of this process, so that none outlives it.
///
/// Creating the registry installs an `atexit` handler that stops whatever is still registered,
/// which covers tests and commands that forget `stop()` and still exit normally. Crashes and fatal
/// signals skip `atexit`; ``OrphanWatchdog`` covers those.
final class ClusterRegistry: @unchecked Sendable {
    /// The one registry of this process.
    static let shared = ClusterRegistry()

    // `@unchecked Sendable` is sound: `clusters` is only touched while holding `lock`.
    private let lock = NSLock()
    private var clusters: [ObjectIdentifier: LocalCluster] = [:]

    private init() {
        atexit {
            for cluster in ClusterRegistry.shared.removeAll() {
                cluster.shutDown()
            }
        }
    }

    /// Records a running cluster.
    func register(_ cluster: LocalCluster) {
        lock.withLock { clusters[ObjectIdentifier(cluster)] = cluster }
    }

    /// Forgets `cluster`; `true` if it was registered, so exactly one caller goes on to stop it.
    func remove(_ cluster: LocalCluster) -> Bool {
        lock.withLock { clusters.removeValue(forKey: ObjectIdentifier(cluster)) != nil }
    }

    /// Whether `cluster` is registered, i.e. started and not yet stopped.
    func contains(_ cluster: LocalCluster) -> Bool {
        lock.withLock { clusters[ObjectIdentifier(cluster)] != nil }
    }

    /// Forgets and returns every registered cluster.
    func removeAll() -> [LocalCluster] {
        lock.withLock {
            let all = Array(clusters.values)
            clusters.removeAll()
            return all
        }
    }
}
