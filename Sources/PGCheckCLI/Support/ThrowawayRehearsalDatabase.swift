import Foundation
import PGCheck
import PGLocal
import PostgresWire

/// A database made for a rehearsal when no rehearsal database is given: a throwaway local cluster (its
/// server started on first use, stopped by ``stop()``), the migrations already applied to the target
/// replayed into it, and a seed file loaded. Locks, rewrites and failures are then known; durations only
/// for the seed's data.
final class ThrowawayRehearsalDatabase: @unchecked Sendable {
    private let lock = NSLock()
    private var cluster: LocalCluster?
    private let seed: String?
    private let ledger: DrizzleLedger.Location

    init(seed: String?, ledger: DrizzleLedger.Location) {
        self.seed = seed
        self.ledger = ledger
    }

    /// For the evidence and the reports.
    var description: String {
        "a throwaway local cluster" + (seed.map { " seeded from \($0)" } ?? " (no data: durations are not meaningful)")
    }

    /// Starts the cluster, replays `applied` into a new database, loads the seed; returns a session on it.
    func prepare(applied: [DrizzleMigration]) throws -> PostgresConnection {
        let cluster = try lock.withLock {
            if let cluster = self.cluster { return cluster }
            printError("pgcheck: starting a throwaway PostgreSQL cluster for the rehearsal…")
            let started = try LocalCluster.start(LocalClusterOptions(tls: false))
            self.cluster = started
            return started
        }
        let name = "rehearsal_\(UUID().uuidString.prefix(8).lowercased())"
        try cluster.createDatabase(name)
        _ = try cluster.runSQL("ALTER DATABASE \(name) OWNER TO \(LocalCluster.trustUser.name)")
        let session = try PostgresConnection.connect(try ConnectionConfiguration.parse(cluster.url(user: LocalCluster.trustUser, database: name)))
        do {
            if !applied.isEmpty { try DrizzleMigrator(ledger: ledger).apply(applied, on: session) }
            if let seed {
                let text: String
                do { text = try String(contentsOfFile: seed, encoding: .utf8) } catch {
                    throw CommandLineError("the rehearsal seed \(seed) cannot be read (\(error.localizedDescription))")
                }
                try session.execute(text)
                try session.execute("ANALYZE")
            }
            return session
        } catch {
            session.close()
            throw error
        }
    }

    /// Stops the cluster, if it was started.
    func stop() {
        lock.withLock {
            cluster?.stop()
            cluster = nil
        }
    }
}
