import Foundation
import Testing
import PGLocal

/// `pgcheck ping` as a user runs it: the built executable, its output and its exit status.
@Suite struct PingCommandTests {
    @Test func reportsTLSAndChannelBinding() throws {
        let cluster = try TestClusters.tls()
        let url = cluster.url(user: LocalCluster.scramUser, sslMode: "verify-full", parameters: ["sslrootcert": cluster.caCertificatePath, "channel_binding": "require"])
        let run = try PGCheckProcess.run(["ping", "--url", url])
        #expect(run.status == 0)
        #expect(run.stdout.contains("server version:  \(cluster.serverVersion)"))
        #expect(run.stdout.contains("tls:             TLSv1.3"))
        #expect(run.stdout.contains("authentication:  SCRAM-SHA-256-PLUS (channel binding: tls-server-end-point)"))
        #expect(run.stdout.contains("round trip:"))
        #expect(run.stdout.contains(try Regex(#"connect time: +[0-9]+\.[0-9] ms\n"#)), "one decimal, like %.1f")
        #expect(run.stdout.contains(try Regex(#"round trip: +[0-9]+\.[0-9]{2} ms\n"#)), "two decimals, like %.2f")
        #expect(!run.stdout.contains(LocalCluster.scramUser.password!))
    }

    @Test func readsDatabaseURLAndThenThePGVariables() throws {
        let cluster = try TestClusters.tls()
        let fromURL = try PGCheckProcess.run(["ping", "--json"], environment: ["DATABASE_URL": cluster.url(user: LocalCluster.md5User)])
        #expect(fromURL.status == 0)
        #expect(fromURL.stdout.contains("\"authentication\" : \"md5\""))
        let fromPG = try PGCheckProcess.run(["ping"], environment: [
            "PGHOST": cluster.socketDirectory, "PGPORT": String(cluster.port), "PGUSER": LocalCluster.trustUser.name, "PGDATABASE": "postgres",
        ])
        #expect(fromPG.status == 0)
        #expect(fromPG.stdout.contains("server:          \(cluster.socketDirectory)/.s.PGSQL.\(cluster.port)"))
        #expect(fromPG.stdout.contains("tls:             no TLS"))
    }

    @Test func wrongPasswordIsOneLineNamingThePhaseAndExits3() throws {
        let cluster = try TestClusters.tls()
        let url = "postgresql://\(LocalCluster.scramUser.name):not-the-password@127.0.0.1:\(cluster.port)/postgres?sslmode=require"
        let run = try PGCheckProcess.run(["ping", "--url", url])
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "pgcheck: authentication: FATAL:  password authentication failed for user \"\(LocalCluster.scramUser.name)\" (SQLSTATE 28P01)\n")
        #expect(!run.stderr.contains("not-the-password"))
    }

    @Test func connectionFailuresExit3AndBadInputExits2() throws {
        let refused = try PGCheckProcess.run(["ping", "--url", "postgresql://u:pw@127.0.0.1:1/db"])
        #expect(refused.status == 3)
        #expect(refused.stderr.hasPrefix("pgcheck: connect: "))
        let unresolved = try PGCheckProcess.run(["ping", "--url", "postgresql://u:pw@nonexistent.invalid/db"])
        #expect(unresolved.status == 3)
        #expect(unresolved.stderr.hasPrefix("pgcheck: resolve: "))
        let bad = try PGCheckProcess.run(["ping", "--url", "sslmode=bogus password=hunter2"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("pgcheck: configuration: "))
        #expect(!bad.stderr.contains("hunter2"))
        let cluster = try TestClusters.plain()
        let noTLS = try PGCheckProcess.run(["ping", "--url", cluster.url(user: LocalCluster.scramUser, sslMode: "require")])
        #expect(noTLS.status == 3)
        #expect(noTLS.stderr.hasPrefix("pgcheck: tls: server does not support TLS"))
    }
}

/// Usage errors are bad input too: one documented status (2), not swift-argument-parser's 64.
@Suite struct UsageErrorTests {
    @Test(arguments: [["ping", "--bogus"], ["diff", "--format", "nope", "a", "b"], ["no-such-command"]])
    func usageErrorsExit2(_ arguments: [String]) throws {
        let run = try PGCheckProcess.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains("Error:"))
    }

    @Test func helpAndVersionExit0() throws {
        #expect(try PGCheckProcess.run(["--help"]).status == 0)
        // The commit this checkout is at (git rev-parse --short HEAD), as the build stamped it.
        let version = try PGCheckProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == (try CheckoutStamp.expectedVersionLine()) + "\n")
    }
}
