import Foundation
import Testing

@testable import PGLocal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One TLS cluster shared by the read-only tests below; the `atexit` handler stops it.
private let sharedTLSCluster = Result { try LocalCluster.start() }

private func tlsCluster() throws -> LocalCluster {
    try sharedTLSCluster.get()
}

/// Runs psql (not our client: these tests check the cluster, not pgcheck) with `conninfo` and returns
/// its status and output. Passwords go through PGPASSWORD, as a person would do it.
private func psql(
    _ cluster: LocalCluster, conninfo: String, password: String?, sql: String
) throws -> CommandResult {
    let psql = try #require(cluster.installation.psqlPath)
    var environment = CommandRunner.cleanEnvironment()
    environment["PGCONNECT_TIMEOUT"] = "10"
    environment["PGCLIENTENCODING"] = "UTF8"
    if let password { environment["PGPASSWORD"] = password }
    return try CommandRunner.run(
        psql, ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c", sql],
        environment: environment, workingDirectory: "/")
}

/// A conninfo value in single quotes, as libpq's key=value syntax wants.
private func quote(_ value: String) -> String {
    "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
}

@Suite("PGLocal cluster")
struct PGLocalClusterTests {
    @Test("runs SQL as the superuser over the Unix socket, with TLS on")
    func runsSQLWithTLS() throws {
        let cluster = try tlsCluster()
        #expect(try cluster.runSQL("select 1") == "1")
        #expect(try cluster.runSQL("SHOW ssl") == "on")
        #expect(try cluster.runSQL("select 1; select 2") == "1\n2")
        #expect(cluster.tls)
        #expect(cluster.host == "127.0.0.1")
        #expect(cluster.serverVersion.hasPrefix("\(cluster.installation.majorVersion)."))
        #expect(try cluster.runSQL("SHOW port") == String(cluster.port))
        #expect(try cluster.runSQL("SHOW server_encoding") == "UTF8")
        #expect(try cluster.runSQL("SHOW fsync") == "off")
        #expect(try cluster.runSQL("SHOW max_connections") == "120")
        #expect(try cluster.runSQL("SHOW listen_addresses") == (cluster.hasIPv6 ? "127.0.0.1,::1" : "127.0.0.1"))
        #expect(FileManager.default.fileExists(atPath: cluster.logFilePath))
    }

    @Test("a failing statement throws commandFailed with psql's error")
    func failingSQLThrows() throws {
        let cluster = try tlsCluster()
        #expect {
            try cluster.runSQL("select * from no_such_table")
        } throws: { error in
            guard case LocalClusterError.commandFailed(_, let status, let output) = error else { return false }
            return status != 0 && output.contains("no_such_table")
        }
    }

    @Test("createDatabase makes a database psql can use")
    func createsDatabase() throws {
        let cluster = try tlsCluster()
        try cluster.createDatabase("pgcheck-créé")
        #expect(try cluster.runSQL("select current_database()", database: "pgcheck-créé") == "pgcheck-créé")
    }

    @Test("every test user exists with the right kind of stored password", arguments: LocalCluster.testUsers)
    func storedPassword(user: LocalCluster.User) throws {
        let cluster = try tlsCluster()
        let stored = try cluster.runSQL(
            "select rolname, coalesce(left(rolpassword, 5), '') from pg_authid where rolname = '\(user.name)'")
        let expectedPrefix: String
        switch user.password {
        case nil: expectedPrefix = "\(user.name)|"
        case _ where user == LocalCluster.md5User: expectedPrefix = "\(user.name)|md5"
        default: expectedPrefix = "\(user.name)|SCRAM"
        }
        #expect(stored.hasPrefix(expectedPrefix), "stored: \(stored)")
    }

    @Test("pg_hba.conf parses without errors, with or without TLS")
    func hbaRulesHaveNoErrors() throws {
        let plain = try LocalCluster.start(.init(tls: false))
        defer { plain.stop() }
        for cluster in [try tlsCluster(), plain] {
            #expect(try cluster.runSQL("select count(*) from pg_hba_file_rules where error is not null") == "0")
            let ruleCount = try #require(Int(cluster.runSQL("select count(*) from pg_hba_file_rules")))
            #expect(ruleCount >= 15)
        }
        #expect(plain.port != (try tlsCluster()).port)
        #expect(try plain.runSQL("SHOW ssl") == "off")
    }

    @Test(
        "the first pg_hba.conf line for each user over IPv4 gives it its method",
        arguments: [
            (LocalCluster.superuser, "host|trust"),
            (LocalCluster.scramUser.name, "host|scram-sha-256"),
            (LocalCluster.md5User.name, "host|md5"),
            (LocalCluster.trustUser.name, "host|trust"),
            (LocalCluster.cleartextUser.name, "host|password"),
            (LocalCluster.certUser.name, "hostssl|cert"),
            (LocalCluster.sslOnlyUser.name, "hostssl|scram-sha-256"),
            (LocalCluster.noSSLUser.name, "hostnossl|scram-sha-256"),
            (LocalCluster.unicodeUser.name, "host|scram-sha-256"),
        ])
    func hbaMethod(user: String, expected: String) throws {
        let cluster = try tlsCluster()
        let first = try cluster.runSQL("""
            select type, auth_method from pg_hba_file_rules
            where type <> 'local' and address = '127.0.0.1' and '\(user)' = any(user_name)
            order by line_number limit 1
            """)
        #expect(first == expected)
    }

    @Test("certificate files have the promised owners and modes")
    func certificateFiles() throws {
        let cluster = try tlsCluster()
        let clientKey = try FileManager.default.attributesOfItem(atPath: cluster.clientKeyPath)
        #expect((clientKey[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((clientKey[.ownerAccountID] as? NSNumber)?.uint32Value == geteuid())
        let ca = try FileManager.default.attributesOfItem(atPath: cluster.caCertificatePath)
        #expect((ca[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        for path in [cluster.caCertificatePath, cluster.otherCACertificatePath, cluster.clientCertificatePath] {
            #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("-----BEGIN CERTIFICATE-----"))
        }
    }

    @Test("the URI percent-encodes the password and psql can log in with it")
    func urlLogsIn() throws {
        let cluster = try tlsCluster()
        let url = cluster.url(user: LocalCluster.scramUser, sslMode: "require")
        #expect(url == "postgresql://pgcheck_scram:scr%40m%3Apass%2Fw%25rd@127.0.0.1:\(cluster.port)/postgres?sslmode=require")
        let result = try psql(cluster, conninfo: url, password: nil, sql: "select current_user")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "pgcheck_scram\n")
        #expect(cluster.url(user: LocalCluster.trustUser, database: "a b", parameters: ["application_name": "x"])
            == "postgresql://pgcheck_trust@127.0.0.1:\(cluster.port)/a%20b?sslmode=disable&application_name=x")
    }
}

/// One psql login attempt over TCP and whether it should work.
struct LoginCase: Sendable, CustomTestStringConvertible {
    enum RootCertificate: Sendable { case none, testCA, unrelatedCA }
    var user: LocalCluster.User
    var sslMode: String
    var host = "127.0.0.1"
    var rootCertificate = RootCertificate.none
    var clientCertificate = false
    var succeeds: Bool

    var testDescription: String {
        "\(user.name) \(host) sslmode=\(sslMode)\(rootCertificate == .unrelatedCA ? " wrong CA" : "")"
            + "\(clientCertificate ? " with client cert" : "") → \(succeeds ? "ok" : "refused")"
    }

    /// Over IPv6: a test of its own, skipped (saying so) on a machine without `::1`.
    static let ipv6 = LoginCase(
        user: LocalCluster.scramUser, sslMode: "verify-full", host: "::1", rootCertificate: .testCA, succeeds: true)

    /// Over IPv4 (127.0.0.1 and localhost).
    static let all: [LoginCase] = [
        LoginCase(user: LocalCluster.scramUser, sslMode: "verify-full", rootCertificate: .testCA, succeeds: true),
        LoginCase(user: LocalCluster.scramUser, sslMode: "verify-full", host: "localhost", rootCertificate: .testCA,
                  succeeds: true),
        LoginCase(user: LocalCluster.scramUser, sslMode: "disable", succeeds: true),
        LoginCase(user: LocalCluster.scramUser, sslMode: "verify-ca", rootCertificate: .unrelatedCA, succeeds: false),
        LoginCase(user: LocalCluster.User(name: "pgcheck_scram", password: "wrong", method: "scram-sha-256"),
                  sslMode: "disable", succeeds: false),
        LoginCase(user: LocalCluster.md5User, sslMode: "disable", succeeds: true),
        LoginCase(user: LocalCluster.md5User, sslMode: "require", succeeds: true),
        LoginCase(user: LocalCluster.trustUser, sslMode: "disable", succeeds: true),
        LoginCase(user: LocalCluster.cleartextUser, sslMode: "require", succeeds: true),
        LoginCase(user: LocalCluster.unicodeUser, sslMode: "verify-full", rootCertificate: .testCA, succeeds: true),
        LoginCase(user: LocalCluster.certUser, sslMode: "verify-full", rootCertificate: .testCA,
                  clientCertificate: true, succeeds: true),
        LoginCase(user: LocalCluster.certUser, sslMode: "require", succeeds: false),
        LoginCase(user: LocalCluster.certUser, sslMode: "disable", clientCertificate: true, succeeds: false),
        LoginCase(user: LocalCluster.sslOnlyUser, sslMode: "require", succeeds: true),
        LoginCase(user: LocalCluster.sslOnlyUser, sslMode: "disable", succeeds: false),
        LoginCase(user: LocalCluster.noSSLUser, sslMode: "disable", succeeds: true),
        LoginCase(user: LocalCluster.noSSLUser, sslMode: "require", succeeds: false),
    ]
}

@Test("psql logs in over TCP exactly where pg_hba.conf allows", arguments: LoginCase.all)
func loginOverTCP(_ login: LoginCase) throws {
    try expectLogin(login, cluster: try tlsCluster())
}

@Test(
    "psql logs in over TCP to ::1 with verify-full",
    .enabled(if: LocalCluster.machineHasIPv6Loopback, "this machine has no IPv6 loopback (::1) to log in over"))
func loginOverIPv6() throws {
    let cluster = try tlsCluster()
    try #require(cluster.hasIPv6, "the machine has ::1, so the cluster listens on it")
    try expectLogin(LoginCase.ipv6, cluster: cluster)
}

/// Runs psql with `login`'s settings and checks that it logs in, or is refused, as `login` says.
private func expectLogin(_ login: LoginCase, cluster: LocalCluster) throws {
    var conninfo = [
        "host=\(quote(login.host))", "port=\(cluster.port)", "dbname=postgres",
        "user=\(quote(login.user.name))", "sslmode=\(login.sslMode)",
    ]
    switch login.rootCertificate {
    case .none: break
    case .testCA: conninfo.append("sslrootcert=\(quote(cluster.caCertificatePath))")
    case .unrelatedCA: conninfo.append("sslrootcert=\(quote(cluster.otherCACertificatePath))")
    }
    if login.clientCertificate {
        conninfo += ["sslcert=\(quote(cluster.clientCertificatePath))", "sslkey=\(quote(cluster.clientKeyPath))"]
    }
    let result = try psql(
        cluster, conninfo: conninfo.joined(separator: " "), password: login.user.password,
        sql: "select current_user, ssl from pg_stat_ssl where pid = pg_backend_pid()")
    if login.succeeds {
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "\(login.user.name)|\(login.sslMode == "disable" ? "f" : "t")\n")
    } else {
        #expect(result.status != 0, "logged in unexpectedly: \(result.standardOutput)")
    }
}

@Test("a process ID counts as running only while it names the process started with that argument")
func processLivenessChecksTheArgumentsNotOnlyTheNumber() throws {
    let marker = "\(NSTemporaryDirectory())pglocal-liveness-\(UUID().uuidString)"
    let sleeper = Process()
    sleeper.executableURL = URL(fileURLWithPath: "/bin/sh")
    sleeper.arguments = ["-c", "sleep 10; exit 0", marker]  // two commands: the shell stays, with its arguments
    // The orphaned `sleep` must not hold the test run's output open after the shell is killed.
    sleeper.standardOutput = FileHandle.nullDevice
    sleeper.standardError = FileHandle.nullDevice
    try sleeper.run()
    defer { if sleeper.isRunning { sleeper.terminate() } }
    // Right after spawning, the child may not have exec'd the shell yet (its arguments are still ours).
    let deadline = Date().addingTimeInterval(5)
    while !ProcessLiveness.isRunning(sleeper.processIdentifier, startedWith: marker), Date() < deadline { usleep(10_000) }
    #expect(ProcessLiveness.isRunning(sleeper.processIdentifier, startedWith: marker))
    // The same live number with an argument it was not started with: another process as far as we know.
    #expect(!ProcessLiveness.isRunning(sleeper.processIdentifier, startedWith: marker + "-other"))
    kill(sleeper.processIdentifier, SIGKILL)
    sleeper.waitUntilExit()
    #expect(!ProcessLiveness.isRunning(sleeper.processIdentifier, startedWith: marker))
    #expect(!ProcessLiveness.isRunning(0, startedWith: marker))
}

@Test("stop() shuts the postmaster down, removes the folder and can be called again")
func stopCleansUp() throws {
    let cluster = try LocalCluster.start(.init(tls: false))
    #expect(!cluster.tls)
    #expect(try cluster.runSQL("select 1") == "1")
    #expect(cluster.isRunning)
    #expect(FileManager.default.fileExists(atPath: cluster.dataDirectory))

    cluster.stop()
    #expect(!FileManager.default.fileExists(atPath: cluster.rootDirectory))
    #expect(!cluster.isRunning)
    if let watchdog = cluster.watchdogProcessID {
        #expect(!ProcessLiveness.isRunning(watchdog, startedWith: cluster.rootDirectory))
    }
    cluster.stop()
    #expect {
        try cluster.runSQL("select 1")
    } throws: { error in
        guard case LocalClusterError.stopped(let message) = error else { return false }
        return message.contains(cluster.rootDirectory)
    }
}

@Test("when the owning process dies, the watchdog stops the postmaster and deletes the folder")
func watchdogCleansUpAfterACrash() throws {
    let cluster = try LocalCluster.start(.init(tls: false))
    defer { cluster.stop() }
    // Stand-in for a test process that crashes: a watchdog told to watch a `sleep` we then kill.
    let owner = Process()
    owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
    owner.arguments = ["60"]
    try owner.run()
    let watchdog = try #require(OrphanWatchdog.start(
        rootDirectory: cluster.rootDirectory, dataDirectory: cluster.dataDirectory,
        ownerProcessID: owner.processIdentifier))
    // Just spawned, the watchdog may not have exec'd its shell yet (its arguments are still ours).
    let started = Date().addingTimeInterval(5)
    while !ProcessLiveness.isRunning(watchdog, startedWith: cluster.rootDirectory), Date() < started { usleep(10_000) }
    #expect(ProcessLiveness.isRunning(watchdog, startedWith: cluster.rootDirectory))
    #expect(FileManager.default.fileExists(atPath: cluster.rootDirectory))

    kill(owner.processIdentifier, SIGKILL)
    owner.waitUntilExit()
    let deadline = Date().addingTimeInterval(15)
    while FileManager.default.fileExists(atPath: cluster.rootDirectory) && Date() < deadline {
        usleep(50_000)
    }
    #expect(!FileManager.default.fileExists(atPath: cluster.rootDirectory))
    #expect(!cluster.isRunning)
}

@Suite("Locating the PostgreSQL binaries")
struct PostgresInstallationTests {
    /// A folder of fake programs; `pg_ctl --version` prints `version`.
    private func makeFakeBin(_ directory: String, programs: [String], version: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for program in programs {
            let path = (directory as NSString).appendingPathComponent(program)
            try "#!/bin/sh\necho '\(program) (PostgreSQL) \(version) (fake)'\n".write(
                toFile: path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
    }

    private func withTemporaryFolder(_ body: (String) throws -> Void) throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("pglocal-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    @Test("nothing on PATH and nothing under the search root gives the exact install hint")
    func notInstalled() throws {
        try withTemporaryFolder { emptyRoot in
            let expected = "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. Install them with: apt-get install -y postgresql"
            #expect(throws: LocalClusterError.serverNotInstalled(expected)) {
                try PostgresInstallation.locate(environment: ["PATH": ""], searchRoot: emptyRoot)
            }
            #expect(throws: LocalClusterError.serverNotInstalled(expected)) {
                try PostgresInstallation.locate(environment: [:], searchRoot: emptyRoot + "/missing")
            }
            #expect(LocalClusterError.serverNotInstalled(expected).description == expected)
        }
    }

    @Test("the highest complete version folder under the search root wins")
    func highestVersion() throws {
        try withTemporaryFolder { root in
            let all = ["initdb", "pg_ctl", "postgres"]
            try makeFakeBin("\(root)/9.6/bin", programs: all, version: "9.6.24")
            try makeFakeBin("\(root)/13/bin", programs: all, version: "13.9")
            try makeFakeBin("\(root)/15/bin", programs: all, version: "15.2")
            try makeFakeBin("\(root)/16/bin", programs: ["initdb", "pg_ctl"], version: "16.1")
            try makeFakeBin("\(root)/99-notes/bin", programs: all, version: "99.0")
            let found = try PostgresInstallation.locate(environment: ["PATH": "/nonexistent"], searchRoot: root)
            #expect(found.binDirectory == "\(root)/15/bin")
            #expect(found.majorVersion == 15)
            #expect(found.version == "15.2")
        }
    }

    @Test("a complete folder on PATH wins over the search root")
    func pathFirst() throws {
        try withTemporaryFolder { root in
            let all = ["initdb", "pg_ctl", "postgres"]
            try makeFakeBin("\(root)/lib/17/bin", programs: all, version: "17.0")
            try makeFakeBin("\(root)/partial", programs: ["initdb"], version: "12.1")
            try makeFakeBin("\(root)/path", programs: all, version: "14.7")
            let found = try PostgresInstallation.locate(
                environment: ["PATH": "\(root)/partial:\(root)/path"], searchRoot: "\(root)/lib")
            #expect(found.binDirectory == "\(root)/path")
            #expect(found.majorVersion == 14)
        }
    }

    @Test("the real installation is found with its server programs")
    func realInstallation() throws {
        let found = try PostgresInstallation.locate()
        for program in ["initdb", "pg_ctl", "postgres"] {
            #expect(FileManager.default.isExecutableFile(atPath: found.path(of: program)))
        }
        #expect(found.majorVersion >= 10)
    }
}
