import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LocalPgBouncer {
    /// Seconds to wait for PgBouncer to accept connections: as long as for a postmaster, since both start
    /// while the whole test suite loads the machine.
    static let readinessTimeout = PostmasterLauncher.readinessTimeout

    /// Starts PgBouncer in front of `cluster`; see ``LocalPgBouncer``.
    ///
    /// - Parameters:
    ///   - poolMode: how server connections are lent (transaction mode, as Neon's poolers, by default).
    ///   - poolSize: server connections per database and user (`default_pool_size`).
    ///   - roundRobin: hand out the server connection idle longest (`server_round_robin`), so that one
    ///     client's consecutive transactions run on different server processes whenever the pool holds
    ///     several; PgBouncer's default reuses the last one, which hides what a pooler does to a session.
    ///   - users: the cluster's roles clients may log in as (trusted without a password, SCRAM with one).
    /// - Throws: ``LocalClusterError/serverNotInstalled(_:)`` with ``notInstalledMessage`` when `pgbouncer`
    ///   is missing, ``LocalClusterError/serverDidNotStart(_:)`` quoting its log when it does not come up.
    public static func start(
        for cluster: LocalCluster, poolMode: PoolMode = .transaction, poolSize: Int = 10, roundRobin: Bool = false,
        users: [LocalCluster.User] = [LocalCluster.trustUser, LocalCluster.scramUser, LocalCluster.md5User]
    ) throws -> LocalPgBouncer {
        guard let executable = executablePath else { throw LocalClusterError.serverNotInstalled(notInstalledMessage) }
        OpenFilesLimit.raise()
        guard ClusterRegistry.shared.contains(cluster) else {
            throw LocalClusterError.stopped("the cluster in \(cluster.rootDirectory) was stopped; PgBouncer needs a running one")
        }
        let files = PgBouncerFiles(root: try FilePermissions.makeTemporaryRoot())
        let watchdog = OrphanWatchdog.start(rootDirectory: files.root, pidFile: files.pid, signal: stopSignal.name)
        do {
            let account = cluster.serverAccount
            try account.takeOwnership(of: files.root)
            var configuration = PgBouncerConfiguration(
                serverPort: cluster.port, port: 0, poolMode: poolMode, poolSize: poolSize, roundRobin: roundRobin,
                users: users, files: files)
            let processID = try launch(executable: executable, configuration: &configuration, account: account)
            let bouncer = LocalPgBouncer(files: files, configuration: configuration, processID: processID, watchdogProcessID: watchdog)
            ClusterRegistry.shared.register(bouncer) { bouncer.shutDown() }
            return bouncer
        } catch {
            terminate(pidFile: files.pid)
            if let watchdog, watchdog > 0 { kill(watchdog, SIGKILL) }
            try? FileManager.default.removeItem(atPath: files.root)
            throw error
        }
    }

    /// Writes the files and starts PgBouncer on a free port, retrying with a new one when another process
    /// took it first; returns PgBouncer's process ID once it accepts connections.
    private static func launch(
        executable: String, configuration: inout PgBouncerConfiguration, account: ServerAccount
    ) throws -> Int32 {
        let files = configuration.files
        for _ in 1...LocalCluster.portAttempts {
            guard let port = LoopbackPorts.freePort(alsoIPv6: false) else {
                throw LocalClusterError.serverDidNotStart("could not find a free TCP port on 127.0.0.1 for PgBouncer")
            }
            configuration.port = port
            for (text, path) in [(configuration.ini, files.ini), (configuration.userList, files.users), (configuration.hostBasedAuthentication, files.hba)] {
                try FilePermissions.write(text, to: path, mode: 0o600)
                try account.takeOwnership(of: path)
            }
            // A PID file left by an attempt that failed would make the next one refuse to start.
            try? FileManager.default.removeItem(atPath: files.pid)
            let logOffset = LocalCluster.fileSize(files.log)
            let process = try CommandRunner.startServer(
                account.command(executable, [files.ini]), environment: CommandRunner.cleanEnvironment(),
                directory: files.root, logPath: files.log, account: account)
            let started = Date()
            let ready = waitUntilReady(process: process, port: port, pidFile: files.pid)
            let log = LocalCluster.readLog(files.log, from: logOffset)
            if ready, let processID = processID(in: files.pid) { return processID }
            // Said before stopping it: whether it had exited on its own (and how) or was still starting.
            let reason = ProcessLiveness.isAlive(process.processIdentifier)
                ? "was not ready after \(Int(Date().timeIntervalSince(started))) of \(readinessTimeout) seconds"
                : "exited\(Self.exitDescription(process)) after \(String(format: "%.1f", Date().timeIntervalSince(started))) seconds"
            terminate(pidFile: files.pid)
            if process.isRunning { process.terminate() }
            guard log.contains("Address already in use") else {
                throw LocalClusterError.serverDidNotStart(
                    "PgBouncer \(reason) (log: \(files.log)): " + LocalClusterError.oneLine(LocalCluster.lastLines(log, count: 5)))
            }
        }
        throw LocalClusterError.serverDidNotStart(
            "PgBouncer could not bind a free TCP port in \(LocalCluster.portAttempts) attempts; other processes keep taking them")
    }

    /// " (status N)" or " (signal N)" once Foundation has reaped the process; empty before (asking it for
    /// the status of a process it has not reaped would trap).
    private static func exitDescription(_ process: Process) -> String {
        guard !process.isRunning else { return "" }
        return " (\(process.terminationReason == .uncaughtSignal ? "signal" : "status") \(process.terminationStatus))"
    }

    /// Polls until PgBouncer has written its PID file and accepts a TCP connection; false when it exited
    /// or the time ran out.
    private static func waitUntilReady(process: Process, port: Int, pidFile: String) -> Bool {
        let deadline = Date().addingTimeInterval(TimeInterval(readinessTimeout))
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: pidFile), LoopbackPorts.acceptsConnections(port: port) { return true }
            if !ProcessLiveness.isAlive(process.processIdentifier) { return false }
            usleep(10_000)
        }
        return false
    }

    private static func processID(in pidFile: String) -> Int32? {
        guard let contents = try? String(contentsOfFile: pidFile, encoding: .utf8) else { return nil }
        return Int32(contents.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) ?? "")
    }
}
