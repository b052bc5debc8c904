import Foundation
@testable import PGLocal
import PostgresWire
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// PGLocal's throwaway PgBouncer: it runs in the pool mode asked for, lets the cluster's users in, and
/// leaves nothing behind when stopped or when its owner dies.
@Suite(.enabled(if: TestPooler.isInstalled, "pgbouncer is not installed: apt-get install -y pgbouncer (.ci/run installs it)"))
struct LocalPgBouncerTests {
    @Test func sessionModeKeepsTheSessionAndStopLeavesNothing() throws {
        let cluster = try TestPooler.cluster()
        let bouncer = try LocalPgBouncer.start(for: cluster, poolMode: .session, poolSize: 2)
        #expect(bouncer.isRunning)
        let ini = try String(contentsOfFile: bouncer.rootDirectory + "/pgbouncer.ini", encoding: .utf8)
        #expect(ini.contains("pool_mode = session\n") && ini.contains("default_pool_size = 2\n"))
        // SCRAM to PgBouncer, which logs in to the server with the same password.
        let connection = try PostgresConnection.connect(
            try ConnectionConfiguration.parse(bouncer.url(user: LocalCluster.scramUser), environment: TestClusters.environment))
        let first = try connection.simpleQuery("SELECT pg_backend_pid()").first?.rows.first?.text(at: 0)
        let second = try connection.simpleQuery("SELECT pg_backend_pid()").first?.rows.first?.text(at: 0)
        #expect(first != nil && first == second, "session mode: one server process for the session")
        connection.close()

        bouncer.stop()
        #expect(!FileManager.default.fileExists(atPath: bouncer.rootDirectory))
        #expect(!bouncer.isRunning)
        if LoopbackPorts.acceptsConnections(port: bouncer.port) {
            // Say who holds the port: PgBouncer still, or a server another test started on it since.
            let holder = (try? Shell.run(["ss", "-ltnpH", "sport = :\(bouncer.port)"]).stdout) ?? "ss unavailable"
            Issue.record("port \(bouncer.port) still accepts connections after stop(): \(holder)")
        }
        bouncer.stop()
    }

    @Test func whenTheOwningProcessDiesTheWatchdogStopsPgBouncer() throws {
        let bouncer = try LocalPgBouncer.start(for: try TestPooler.cluster())
        defer { bouncer.stop() }
        // Stand-in for a test process that crashes: a watchdog told to watch a `sleep` we then kill.
        let owner = Process()
        owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
        owner.arguments = ["60"]
        try owner.run()
        _ = try #require(OrphanWatchdog.start(
            rootDirectory: bouncer.rootDirectory, pidFile: bouncer.pidFile, signal: LocalPgBouncer.stopSignal.name,
            ownerProcessID: owner.processIdentifier))
        kill(owner.processIdentifier, SIGKILL)
        owner.waitUntilExit()
        let deadline = Date().addingTimeInterval(15)
        while FileManager.default.fileExists(atPath: bouncer.rootDirectory) && Date() < deadline { usleep(50_000) }
        #expect(!FileManager.default.fileExists(atPath: bouncer.rootDirectory))
        #expect(!bouncer.isRunning)
        #expect(!LoopbackPorts.acceptsConnections(port: bouncer.port))
    }

    @Test func theConfigurationTrustsPasswordlessUsersAndQuotesPasswords() {
        let configuration = PgBouncerConfiguration(
            serverPort: 5432, port: 6432, poolMode: .transaction, poolSize: 10, roundRobin: true,
            users: [LocalCluster.trustUser, LocalCluster.User(name: "q", password: "a\"b", method: "scram-sha-256")],
            files: PgBouncerFiles(root: "/tmp/x"))
        #expect(configuration.userList == "\"pgcheck_trust\" \"\"\n\"q\" \"a\"\"b\"\n")
        #expect(configuration.hostBasedAuthentication.hasSuffix("host all pgcheck_trust 127.0.0.1/32 trust\nhost all q 127.0.0.1/32 scram-sha-256\n"))
        #expect(configuration.ini.contains("* = host=127.0.0.1 port=5432\n"))
        #expect(configuration.ini.contains("server_round_robin = 1\n") && configuration.ini.contains("pool_mode = transaction\n"))
    }
}
