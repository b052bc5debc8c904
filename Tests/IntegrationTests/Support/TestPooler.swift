import Foundation
import PGCheck
import PGLocal
import PostgresWire
import PGTestSupport

/// The real PgBouncer the pooler tests share: transaction mode (what Neon's `-pooler` hosts are), a pool
/// of 10 server connections per database and user, round robin (one client's consecutive transactions
/// meet different server processes), in front of a cluster of its own, so the server connections it
/// keeps open never take slots the other tests' shared clusters need.
enum TestPooler {
    /// Whether `pgbouncer` is installed here (Debian's `pgbouncer` package); without it the pooler tests
    /// are skipped, and say so.
    static let isInstalled = LocalPgBouncer.executablePath != nil

    private static let clusterResult = Result { try LocalCluster.start(LocalClusterOptions(tls: false)) }
    private static let poolerResult = Result {
        try LocalPgBouncer.start(for: try clusterResult.get(), poolMode: .transaction, poolSize: 10, roundRobin: true)
    }

    /// The cluster behind the pooler.
    static func cluster() throws -> LocalCluster { try clusterResult.get() }
    /// The pooler.
    static func pooler() throws -> LocalPgBouncer { try poolerResult.get() }
}

/// A database on the pooler's cluster, owned by the trust user, with migrations 0000–0002 applied by
/// drizzle's rules (0003 pending) and the seed rows: reachable directly and through the pooler.
struct PooledDatabase {
    let cluster: LocalCluster
    let pooler: LocalPgBouncer
    let name: String

    /// The database most pooler tests read (nothing writes to it: what would is refused).
    private static let sharedResult = Result { try PooledDatabase.make("pooler_shared") }
    static func shared() throws -> PooledDatabase { try sharedResult.get() }

    /// A fresh database with a unique name.
    static func make(_ label: String) throws -> PooledDatabase {
        let cluster = try TestPooler.cluster()
        let database = PooledDatabase(cluster: cluster, pooler: try TestPooler.pooler(), name: "\(label)_\(UUID().uuidString.prefix(8).lowercased())")
        try cluster.createDatabase(database.name)
        try cluster.runSQL("ALTER DATABASE \(database.name) OWNER TO \(LocalCluster.trustUser.name)")
        let connection = try PostgresConnection.connect(try database.directConfiguration())
        defer { connection.close() }
        let folder = try DrizzleMigrationFolder(url: Fixtures.url("drizzle"))
        let migrator = DrizzleMigrator()
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection))
        try migrator.apply(try migrator.plan(folder: folder, status: status, through: "0002_usage_account_lookup"), on: connection)
        try connection.execute(try String(contentsOf: Fixtures.url("seed/usage_events_seed.sql"), encoding: .utf8))
        return database
    }

    /// The trust user straight to the server.
    var directURL: String { cluster.url(user: LocalCluster.trustUser, database: name) }
    /// The trust user through PgBouncer.
    var pooledURL: String { pooler.url(user: LocalCluster.trustUser, database: name) }

    func directConfiguration() throws -> ConnectionConfiguration {
        try ConnectionConfiguration.parse(directURL, environment: TestClusters.environment)
    }

    func pooledConfiguration() throws -> ConnectionConfiguration {
        try ConnectionConfiguration.parse(pooledURL, environment: TestClusters.environment)
    }

    /// Fills this database's pool with `count` server connections (each held by a transaction of its
    /// own client at the same time), so that round robin then hands one client's consecutive
    /// transactions to different server processes, as a busy pooler does.
    func warmPool(count: Int = 4) throws {
        let configuration = try pooledConfiguration()
        let clients = try (0..<count).map { _ in try PostgresConnection.connect(configuration) }
        defer { for client in clients { client.close() } }
        for client in clients { try client.execute("BEGIN; SELECT 1") }
        for client in clients { try client.execute("ROLLBACK") }
    }

    /// How many server processes are connected to this database (PgBouncer's server connections).
    func serverConnections() throws -> Int {
        Int(try cluster.runSQL("SELECT count(*) FROM pg_stat_activity WHERE datname = '\(name)'")) ?? -1
    }
}
