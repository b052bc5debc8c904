import Foundation

/// A throwaway PostgreSQL cluster in a fresh temporary folder, for tests, `pgcheck demo` and benchmarks.
///
/// ``start(_:)`` runs initdb, writes certificates, postgresql.conf settings and pg_hba.conf rules,
/// starts the server on a free loopback port and creates one login role per authentication method
/// (``scramUser``, ``md5User``, ``trustUser``, ``sslOnlyUser``, ``noSSLUser``, ``unicodeUser``,
/// ``certUser``, ``cleartextUser``). ``stop()`` shuts it down immediately and deletes the folder.
///
/// Clusters cannot outlive the process that started them: an `atexit` handler stops any still running,
/// and a small watchdog process shuts one down within about a second if the process crashes instead.
///
/// When the process runs as root, initdb and the server run as the `postgres` OS user (through
/// `runuser` or `setpriv`), since PostgreSQL refuses to run as root.
///
/// ```swift
/// let cluster = try LocalCluster.start()
/// defer { cluster.stop() }
/// let url = cluster.url(user: LocalCluster.scramUser, sslMode: "require")
/// ```
public final class LocalCluster: Sendable {
    /// The fresh temporary folder holding everything below; removed by ``stop()``.
    public let rootDirectory: String
    /// The cluster's data folder (`PGDATA`), owned by the server's OS user.
    public let dataDirectory: String
    /// The folder holding the server's Unix-domain socket (`unix_socket_directories`).
    public let socketDirectory: String
    /// The server's log file (its standard output and error); useful when a test wants to see why.
    public let logFilePath: String
    /// The TCP port the server listens on, free when chosen.
    public let port: Int
    /// The IPv4 loopback address the server listens on: `"127.0.0.1"`.
    public let host: String
    /// Whether the server also listens on `::1` (only when this machine has an IPv6 loopback).
    public let hasIPv6: Bool

    /// Whether this machine has an IPv6 loopback (`::1`), probed by binding a socket to it: the probe
    /// that decides ``hasIPv6`` for a cluster started here. Tests that need `::1` are enabled by it,
    /// so that a machine without one skips them, saying why, instead of passing them untested.
    public static var machineHasIPv6Loopback: Bool { LoopbackPorts.hasIPv6Loopback() }
    /// The server's version, e.g. `"15.18"`.
    public let serverVersion: String
    /// Whether the server accepts TLS.
    public let tls: Bool
    /// The CA that signed the server (and client) certificate; readable by everyone.
    public let caCertificatePath: String
    /// An unrelated CA, for tests that expect certificate verification to fail.
    public let otherCACertificatePath: String
    /// The server's certificate: CN=localhost, subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1.
    public let serverCertificatePath: String
    /// A client certificate signed by the CA with CN=pgcheck_cert, for ``certUser``.
    public let clientCertificatePath: String
    /// The client certificate's private key: mode 0600, owned by the current user.
    public let clientKeyPath: String
    /// The binaries this cluster runs.
    public let installation: PostgresInstallation
    /// The postmaster's process ID.
    public let postmasterProcessID: Int32

    /// Whether this cluster's postmaster is still alive (``ProcessLiveness``: still the process started
    /// with this data directory, not only a live process ID).
    public var isRunning: Bool { ProcessLiveness.isRunning(postmasterProcessID, startedWith: dataDirectory) }

    let serverAccount: ServerAccount
    let watchdogProcessID: Int32?

    init(
        layout: ClusterLayout, configuration: ClusterConfiguration, certificates: TestCertificates,
        installation: PostgresInstallation, serverAccount: ServerAccount, serverVersion: String,
        postmasterProcessID: Int32, watchdogProcessID: Int32?
    ) {
        rootDirectory = layout.root
        dataDirectory = layout.data
        socketDirectory = layout.socket
        logFilePath = layout.log
        port = configuration.port
        host = "127.0.0.1"
        hasIPv6 = configuration.listensOnIPv6
        self.serverVersion = serverVersion
        tls = configuration.certificates != nil
        caCertificatePath = certificates.caCertificate
        otherCACertificatePath = certificates.otherCACertificate
        serverCertificatePath = certificates.serverCertificate
        clientCertificatePath = certificates.clientCertificate
        clientKeyPath = certificates.clientKey
        self.installation = installation
        self.postmasterProcessID = postmasterProcessID
        self.serverAccount = serverAccount
        self.watchdogProcessID = watchdogProcessID
    }

    /// Runs `sql` as the superuser over the Unix socket (`psql -X -q -v ON_ERROR_STOP=1 -At`) and
    /// returns what it printed, without the trailing newline: `runSQL("select 1") == "1"`.
    ///
    /// Several statements may be separated by semicolons; each runs on its own, so `CREATE DATABASE`
    /// works too. Rows print one per line, columns separated by `|`.
    /// - Throws: ``LocalClusterError/commandFailed(command:status:output:)`` with psql's error output.
    @discardableResult
    public func runSQL(_ sql: String, database: String = "postgres") throws -> String {
        guard ClusterRegistry.shared.contains(self) else {
            throw LocalClusterError.stopped(
                "the cluster in \(rootDirectory) was stopped; start a new one with LocalCluster.start()")
        }
        return try Self.runSQL(
            sql, database: database, socketDirectory: socketDirectory, port: port,
            installation: installation, workingDirectory: rootDirectory)
    }

    /// Creates a database owned by the superuser.
    public func createDatabase(_ name: String) throws {
        try runSQL("CREATE DATABASE \(Self.quoteIdentifier(name))")
    }

    /// A libpq-style URI for `user` over TCP to ``host`` and ``port``, e.g.
    /// `postgresql://pgcheck_scram:scr%40m%3Apass%2Fw%25rd@127.0.0.1:54321/postgres?sslmode=disable`.
    ///
    /// The user name, password and database are percent-encoded. `parameters` are appended to the
    /// query string in key order, e.g. `["sslrootcert": cluster.caCertificatePath]`.
    public func url(
        user: User, database: String = "postgres", sslMode: String = "disable", parameters: [String: String] = [:]
    ) -> String {
        var userInfo = Self.percentEncode(user.name)
        if let password = user.password {
            userInfo += ":" + Self.percentEncode(password)
        }
        let query = [("sslmode", sslMode)] + parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let queryString = query.map { "\(Self.percentEncode($0.0))=\(Self.percentEncode($0.1))" }
            .joined(separator: "&")
        return "postgresql://\(userInfo)@\(host):\(port)/\(Self.percentEncode(database))?\(queryString)"
    }

    /// Shuts the server down immediately (like `pg_ctl stop -m immediate`) and removes ``rootDirectory``.
    ///
    /// Safe to call more than once and from several threads; only the first call does anything.
    public func stop() {
        guard ClusterRegistry.shared.remove(self) else { return }
        shutDown()
    }

    /// Stops the server and deletes the files; the caller has already taken it out of the registry.
    func shutDown() {
        ClusterShutdown.perform(
            rootDirectory: rootDirectory, dataDirectory: dataDirectory, watchdogProcessID: watchdogProcessID)
    }

    /// Percent-encodes everything except RFC 3986 unreserved characters.
    static func percentEncode(_ value: String) -> String {
        var unreserved = CharacterSet(charactersIn: "-._~")
        unreserved.formUnion(CharacterSet(charactersIn: "a"..."z"))
        unreserved.formUnion(CharacterSet(charactersIn: "A"..."Z"))
        unreserved.formUnion(CharacterSet(charactersIn: "0"..."9"))
        return value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// The `runSQL` implementation, usable before the cluster object exists (during setup).
    static func runSQL(
        _ sql: String, database: String, socketDirectory: String, port: Int,
        installation: PostgresInstallation, workingDirectory: String, redacting secrets: [String] = []
    ) throws -> String {
        guard let psql = installation.psqlPath else {
            throw LocalClusterError.serverNotInstalled(
                "psql was not found next to the server binaries or on PATH; install it with: apt-get install -y postgresql-client")
        }
        var environment = CommandRunner.cleanEnvironment()
        // psql would otherwise derive the client encoding from the locale, and mangle non-ASCII under C.
        environment["PGCLIENTENCODING"] = "UTF8"
        environment["PGCONNECT_TIMEOUT"] = "10"
        let arguments = [
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At",
            "-h", socketDirectory, "-p", String(port), "-U", superuser, "-d", database, "-f", "-",
        ]
        let result = try CommandRunner.check(
            psql, arguments, input: sql, environment: environment, workingDirectory: workingDirectory,
            redacting: secrets)
        var output = result.standardOutput
        while output.hasSuffix("\n") { output.removeLast() }
        return output
    }
}
