import Foundation

/// Where a cluster keeps its files, all under one temporary root folder.
struct ClusterLayout: Sendable {
    let root: String
    var data: String { path("data") }
    var socket: String { path("socket") }
    var certificates: String { path("certs") }
    var log: String { path("postgres.log") }
    /// Our settings, included at the end of `postgresql.conf` so they win.
    var settingsFile: String { (data as NSString).appendingPathComponent("pgcheck.conf") }

    private func path(_ name: String) -> String { (root as NSString).appendingPathComponent(name) }
}

extension LocalCluster {
    /// How many fresh ports to try when another process grabs the chosen one before the server binds it.
    static let portAttempts = 5

    /// Creates and starts a new cluster in a fresh temporary folder; see ``LocalCluster``.
    ///
    /// Takes about a second (initdb dominates). If anything fails, whatever was started is stopped
    /// and the folder removed before the error is thrown.
    /// - Throws: ``LocalClusterError`` saying what is missing or what failed.
    public static func start(_ options: LocalClusterOptions = .init()) throws -> LocalCluster {
        OpenFilesLimit.raise()
        let installation = try options.installation ?? PostgresInstallation.locate()
        let environment = CommandRunner.cleanEnvironment()
        let account = try ServerAccount.forCurrentProcess(environment: environment)
        let layout = ClusterLayout(root: try FilePermissions.makeTemporaryRoot())
        let watchdog = OrphanWatchdog.start(rootDirectory: layout.root, dataDirectory: layout.data)
        do {
            let cluster = try bootstrap(
                layout: layout, options: options, installation: installation, account: account,
                environment: environment, watchdog: watchdog)
            ClusterRegistry.shared.register(cluster) { cluster.shutDown() }
            return cluster
        } catch {
            ClusterShutdown.perform(rootDirectory: layout.root, dataDirectory: layout.data, watchdogProcessID: watchdog)
            throw error
        }
    }

    private static func bootstrap(
        layout: ClusterLayout, options: LocalClusterOptions, installation: PostgresInstallation,
        account: ServerAccount, environment: [String: String], watchdog: Int32?
    ) throws -> LocalCluster {
        // The server's OS user creates the data folder and the log file in the root folder.
        try account.takeOwnership(of: layout.root)
        try FilePermissions.makeDirectory(layout.socket, mode: 0o755)
        try account.takeOwnership(of: layout.socket)
        try FilePermissions.makeDirectory(layout.certificates, mode: 0o755)
        // Made even without TLS (it takes milliseconds), so the certificate paths are always valid files.
        let certificates = try TestCertificates.generate(
            in: layout.certificates, serverAccount: account, environment: environment)

        try initializeDataDirectory(layout: layout, installation: installation, account: account, environment: environment)
        let postgresqlConf = (layout.data as NSString).appendingPathComponent("postgresql.conf")
        try append("\ninclude '\((layout.settingsFile as NSString).lastPathComponent)'\n", to: postgresqlConf)

        var configuration = ClusterConfiguration(
            port: 0, socketDirectory: layout.socket, listensOnIPv6: LoopbackPorts.hasIPv6Loopback(),
            certificates: options.tls ? certificates : nil, extraSettings: options.extraSettings)
        let hbaFile = (layout.data as NSString).appendingPathComponent("pg_hba.conf")
        try FilePermissions.write(configuration.hostBasedAuthentication, to: hbaFile, mode: 0o600)
        try account.takeOwnership(of: hbaFile)

        configuration.port = try startServer(
            layout: layout, configuration: configuration, installation: installation, account: account,
            environment: environment)
        guard let postmaster = ClusterShutdown.postmasterProcessID(dataDirectory: layout.data) else {
            throw LocalClusterError.serverDidNotStart(
                "the server reported ready but \(layout.data)/postmaster.pid is missing; see \(layout.log)")
        }

        func setupSQL(_ sql: String) throws -> String {
            try runSQL(
                sql, database: "postgres", socketDirectory: layout.socket, port: configuration.port,
                installation: installation, workingDirectory: layout.root,
                redacting: testUsers.compactMap(\.password))
        }
        _ = try setupSQL(createUsersSQL)
        let versionLine = try setupSQL("SHOW server_version")
        let serverVersion = versionLine.split(separator: " ").first.map(String.init) ?? versionLine

        return LocalCluster(
            layout: layout, configuration: configuration, certificates: certificates, installation: installation,
            serverAccount: account, serverVersion: serverVersion, postmasterProcessID: postmaster,
            watchdogProcessID: watchdog)
    }

    /// Runs initdb, with the C.UTF-8 locale where the system has it and plain C otherwise.
    private static func initializeDataDirectory(
        layout: ClusterLayout, installation: PostgresInstallation, account: ServerAccount,
        environment: [String: String]
    ) throws {
        for locale in ["C.UTF-8", "C"] {
            let arguments = [
                "-D", layout.data, "--auth=trust", "--encoding=UTF8", "--locale=\(locale)",
                "-U", superuser, "--no-sync",
            ]
            let command = account.command(installation.path(of: "initdb"), arguments)
            let result = try CommandRunner.run(
                command.executable, command.arguments, environment: environment, workingDirectory: layout.root)
            if result.status == 0 { return }
            let output = result.standardError + result.standardOutput
            guard locale != "C", output.localizedCaseInsensitiveContains("locale") else {
                throw LocalClusterError.commandFailed(
                    command: CommandRunner.describe(command.executable, command.arguments),
                    status: result.status, output: output)
            }
            // initdb removes a data folder it created itself; make sure before trying again.
            try? FileManager.default.removeItem(atPath: layout.data)
        }
    }

    /// Starts the server on a free port, retrying with a new one if another process took it in the
    /// meantime; returns the port the server listens on.
    private static func startServer(
        layout: ClusterLayout, configuration: ClusterConfiguration, installation: PostgresInstallation,
        account: ServerAccount, environment: [String: String]
    ) throws -> Int {
        var configuration = configuration
        for _ in 1...portAttempts {
            guard let port = LoopbackPorts.freePort(alsoIPv6: configuration.listensOnIPv6) else {
                throw LocalClusterError.serverDidNotStart("could not find a free TCP port on 127.0.0.1")
            }
            configuration.port = port
            try FilePermissions.write(configuration.settings, to: layout.settingsFile, mode: 0o600)
            try account.takeOwnership(of: layout.settingsFile)

            let logOffset = fileSize(layout.log)
            let outcome = try PostmasterLauncher.launch(
                installation: installation, account: account, layout: layout, environment: environment)
            let log = readLog(layout.log, from: logOffset)
            // A port taken on one loopback address is only a warning if the server could bind another,
            // so look for it even after a successful start: clients must reach *this* server on both.
            let portTaken = log.contains("could not bind") || log.contains("Address already in use")
            if outcome == .ready && !portTaken {
                return port
            }
            ClusterShutdown.stopPostmaster(dataDirectory: layout.data)
            if !portTaken {
                let reason = outcome == .timedOut ? "was not ready after \(PostmasterLauncher.readinessTimeout) seconds" : "exited"
                throw LocalClusterError.serverDidNotStart(
                    "PostgreSQL \(reason) (log: \(layout.log)): " + LocalClusterError.oneLine(lastLines(log, count: 5)))
            }
        }
        throw LocalClusterError.serverDidNotStart(
            "PostgreSQL could not bind a free TCP port in \(portAttempts) attempts; other processes keep taking them")
    }

    private static func append(_ text: String, to path: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw LocalClusterError.fileSystem("could not open \(path) for writing")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw LocalClusterError.fileSystem("could not append to \(path): \(error.localizedDescription)")
        }
    }

    /// The size of the file at `path` (0 when missing): where a new launch's log lines start.
    static func fileSize(_ path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// What a server wrote to its log after `offset`.
    static func readLog(_ path: String, from offset: UInt64) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }

    static func lastLines(_ text: String, count: Int) -> String {
        text.split(whereSeparator: \.isNewline).suffix(count).joined(separator: "\n")
    }
}
