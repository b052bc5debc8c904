import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A throwaway PgBouncer in front of a ``LocalCluster``, for tests of what works through a connection
/// pooler (Neon's `-pooler` hosts are PgBouncer in transaction mode).
///
/// ``start(for:poolMode:poolSize:roundRobin:users:)`` writes `pgbouncer.ini`, a user list and hba rules
/// into a fresh temporary folder, starts `pgbouncer` on a free loopback port (as the cluster's
/// unprivileged OS user when we are root: PgBouncer refuses to run as root) and waits until it accepts
/// connections. Every database name is forwarded to the cluster as the client's user. ``stop()`` ends it
/// and deletes the folder; like clusters, it cannot outlive the process that started it (`atexit`, and a
/// watchdog after a crash).
///
/// ```swift
/// let cluster = try LocalCluster.start()
/// let pooler = try LocalPgBouncer.start(for: cluster, poolMode: .transaction, poolSize: 10)
/// defer { pooler.stop() }
/// let url = pooler.url(user: LocalCluster.trustUser, database: "app")
/// ```
public final class LocalPgBouncer: Sendable {
    /// How PgBouncer lends server connections to clients.
    public enum PoolMode: String, Sendable, CaseIterable {
        /// One server connection per client connection, for its whole life.
        case session
        /// A server connection per transaction: session state does not survive the transaction.
        case transaction
        /// A server connection per statement (multi-statement transactions are refused).
        case statement
    }

    /// The fresh temporary folder holding the ini, user list, hba rules, PID file and log; removed by ``stop()``.
    public let rootDirectory: String
    /// PgBouncer's output (its log), for a test that wants to see why.
    public let logFilePath: String
    /// The loopback address PgBouncer listens on: `"127.0.0.1"`.
    public let host: String
    /// The TCP port PgBouncer listens on.
    public let port: Int
    /// The pool mode.
    public let poolMode: PoolMode
    /// Server connections per database and user (`default_pool_size`).
    public let poolSize: Int
    /// PgBouncer's process ID.
    public let processID: Int32

    let pidFile: String
    let watchdogProcessID: Int32?

    init(files: PgBouncerFiles, configuration: PgBouncerConfiguration, processID: Int32, watchdogProcessID: Int32?) {
        rootDirectory = files.root
        logFilePath = files.log
        pidFile = files.pid
        host = "127.0.0.1"
        port = configuration.port
        poolMode = configuration.poolMode
        poolSize = configuration.poolSize
        self.processID = processID
        self.watchdogProcessID = watchdogProcessID
    }

    /// The path of the `pgbouncer` program: on `PATH`, else in `/usr/sbin` (Debian's package); nil when
    /// it is not installed (`apt-get install -y pgbouncer`).
    public static var executablePath: String? {
        CommandRunner.findExecutable(
            "pgbouncer", path: ProcessInfo.processInfo.environment["PATH"], extraDirectories: ["/usr/sbin", "/usr/local/bin", "/usr/bin"])
    }

    /// The exact message of ``LocalClusterError/serverNotInstalled(_:)`` when `pgbouncer` is missing.
    public static let notInstalledMessage =
        "pgbouncer was not found on PATH or in /usr/sbin. Install it with: apt-get install -y pgbouncer"

    /// A libpq-style URI for `user` through PgBouncer, as ``LocalCluster/url(user:database:sslMode:parameters:)``
    /// builds them for the cluster (PgBouncer here speaks no TLS to clients: `sslmode=disable`).
    public func url(user: LocalCluster.User, database: String = "postgres", parameters: [String: String] = [:]) -> String {
        var userInfo = LocalCluster.percentEncode(user.name)
        if let password = user.password { userInfo += ":" + LocalCluster.percentEncode(password) }
        let query = [("sslmode", "disable")] + parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let queryString = query.map { "\(LocalCluster.percentEncode($0.0))=\(LocalCluster.percentEncode($0.1))" }.joined(separator: "&")
        return "postgresql://\(userInfo)@\(host):\(port)/\(LocalCluster.percentEncode(database))?\(queryString)"
    }

    /// Ends PgBouncer at once (its clients' connections are cut) and removes ``rootDirectory``.
    ///
    /// Safe to call more than once and from several threads; only the first call does anything.
    public func stop() {
        guard ClusterRegistry.shared.remove(self) else { return }
        shutDown()
    }

    /// Stops PgBouncer and deletes the files; the caller has already taken it out of the registry.
    func shutDown() {
        Self.terminate(pidFile: pidFile)
        if let watchdogProcessID, watchdogProcessID > 0 { kill(watchdogProcessID, SIGKILL) }
        try? FileManager.default.removeItem(atPath: rootDirectory)
    }

    /// The signal that ends PgBouncer: SIGKILL. Foundation's `Process` starts a child with the signal
    /// mask of the thread that spawned it, and a Dispatch thread (where tests run) blocks SIGTERM, SIGINT
    /// and SIGQUIT, which PgBouncer (unlike the postmaster) never unblocks: it would not hear them.
    /// SIGKILL cannot be blocked, and a throwaway PgBouncer has nothing to finish.
    static let stopSignal = (number: SIGKILL, name: "KILL")

    /// Kills the PgBouncer in `pidFile` and waits up to ten seconds for it to be gone. Spawns nothing, so
    /// it is safe in an `atexit` handler.
    static func terminate(pidFile: String) {
        let configuration = PgBouncerFiles(root: (pidFile as NSString).deletingLastPathComponent).ini
        guard let contents = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let pid = pid_t(contents.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) ?? ""), pid > 0,
            ProcessLiveness.isRunning(pid, startedWith: configuration), kill(pid, stopSignal.number) == 0
        else { return }
        for _ in 0..<1_000 {
            if !ProcessLiveness.isRunning(pid, startedWith: configuration) { return }
            usleep(10_000)
        }
    }

    /// Whether this PgBouncer's process is still alive (``ProcessLiveness``: still the one started with
    /// its ini file, not only a live process ID).
    public var isRunning: Bool {
        ProcessLiveness.isRunning(processID, startedWith: PgBouncerFiles(root: rootDirectory).ini)
    }
}
