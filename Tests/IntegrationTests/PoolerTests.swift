import Foundation
import PGCatalog
import PGLocal
import PostgresWire
import Testing
import PGTestSupport

/// pgcheck through a real PgBouncer in transaction mode (what Neon's `-pooler` hosts are), where a
/// session's state does not survive its transaction: the read-only commands work and give what they give
/// on a direct connection; what needs one session throughout (migrations apply, rehearse, the runbook's
/// apply) is refused with the direct host named. Debian's `pgbouncer` package provides the binary; the
/// suite is skipped, with the reason shown, only where it is not installed.
@Suite(.enabled(if: TestPooler.isInstalled, "pgbouncer is not installed: apt-get install -y pgbouncer (.ci/run installs it)"))
struct PoolerTests {
    private static let migrationsFolder = Fixtures.url("drizzle").path

    // MARK: - Read-only commands work through the pooler

    @Test func ping() throws {
        let database = try PooledDatabase.shared()
        let run = try PGCheckProcess.run(["ping", "--url", database.pooledURL])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("server:          127.0.0.1:\(database.pooler.port)\n"))
        #expect(run.stdout.contains("server version:  \(database.cluster.serverVersion)"))
    }

    @Test func twentyConcurrentPingsOverAPoolOfTen() throws {
        let database = try PooledDatabase.make("pooler_pings")
        let runs = try ConcurrentPGCheck.run(Array(repeating: ["ping", "--url", database.pooledURL], count: 20))
        #expect(runs.count == 20)
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        // Twenty clients, never more than the pool's ten server processes.
        #expect(try database.serverConnections() <= database.pooler.poolSize)
    }

    @Test func snapshotIsTheDirectSnapshotByteForByteApartFromItsMeta() throws {
        let database = try PooledDatabase.shared()
        let direct = try PGCheckProcess.run(["snapshot", "--url", database.directURL])
        let pooled = try PGCheckProcess.run(["snapshot", "--url", database.pooledURL])
        try #require(direct.status == 0, "\(direct.stderr)")
        #expect(pooled.status == 0, "\(pooled.stderr)")
        #expect(pooled.stderr.isEmpty)
        let directSnapshot = try Snapshot.decode(from: Data(direct.stdout.utf8))
        let pooledSnapshot = try Snapshot.decode(from: Data(pooled.stdout.utf8))
        #expect(pooledSnapshot.meta.port == database.pooler.port && directSnapshot.meta.port == database.cluster.port)
        #expect(try pooledSnapshot.withMeta(directSnapshot.meta).encodedJSON() == Data(direct.stdout.utf8))
        #expect(pooledSnapshot.tables.values.contains { $0.name == "usage_events" })
    }

    @Test func diffOfTheDirectAndThePooledDatabaseFindsNothing() throws {
        let database = try PooledDatabase.shared()
        let run = try PGCheckProcess.run(["diff", "--pre-url", database.directURL, "--post-url", database.pooledURL])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.isEmpty && run.stderr.isEmpty)
    }

    @Test func describeIsTheDirectDescription() throws {
        let database = try PooledDatabase.shared()
        let direct = try PGCheckProcess.run(["describe", "usage_events", "--url", database.directURL])
        let pooled = try PGCheckProcess.run(["describe", "usage_events", "--url", database.pooledURL])
        try #require(direct.status == 0, "\(direct.stderr)")
        #expect(pooled.status == 0, "\(pooled.stderr)")
        #expect(pooled.stdout == direct.stdout)
        #expect(pooled.stdout.contains("\"usage_admin_bucket_idx\" UNIQUE, btree (admin_id, meter, bucket_start)"))
    }

    @Test func verify() throws {
        let database = try PooledDatabase.shared()
        let checks = [
            "verify", "--table", "usage_events", "--column", "usage_events.admin_id:uuid:not-null",
            "--index", "usage_admin_bucket_idx", "--on", "usage_events", "--unique", "--key-prefix", "admin_id,meter,bucket_start",
        ]
        let direct = try PGCheckProcess.run(checks + ["--url", database.directURL])
        let pooled = try PGCheckProcess.run(checks + ["--url", database.pooledURL])
        try #require(direct.status == 0, "\(direct.stdout)\(direct.stderr)")
        #expect(pooled.status == 0, "\(pooled.stdout)\(pooled.stderr)")
        #expect(pooled.stdout == direct.stdout.replacingOccurrences(of: ":\(database.cluster.port)/", with: ":\(database.pooler.port)/"))
        #expect(pooled.stdout.contains("3 of 3 expectations hold"))
    }

    @Test func smokeWithSeveralQueriesAndExpectations() throws {
        let database = try PooledDatabase.shared()
        let folder = try TemporaryFolder()
        let file = folder.file("smoke.yaml")
        try """
            version: 1
            statement-timeout: 30
            queries:
              - name: events
                sql: SELECT count(*) AS events, count(DISTINCT admin_id) AS admins FROM usage_events
                expect:
                  - events = 300
                  - admins > 0
              - name: no_negative_quantity
                sql: SELECT id FROM usage_events WHERE quantity < 0
                expect-empty: true
              - name: admins
                sql: SELECT email FROM admins ORDER BY email
                expect-rows: 3
            """.write(toFile: file, atomically: true, encoding: .utf8)
        // With several server processes idle, round robin hands each of smoke's transactions another one:
        // a statement prepared in one transaction is not there in the next.
        try database.warmPool()
        let pooled = try PGCheckProcess.run(["smoke", "--file", file, "--format", "csv", "--url", database.pooledURL])
        let direct = try PGCheckProcess.run(["smoke", "--file", file, "--format", "csv", "--url", database.directURL])
        #expect(pooled.status == 0, "\(pooled.stderr)")
        #expect(pooled.stderr == "PASS events: events = 300 (actual: 300)\nPASS events: admins > 0 (actual: 3)\nPASS no_negative_quantity: empty (actual: 0 rows)\nPASS admins: rows = 3 (actual: 3 rows)\nsmoke: all 4 expectations hold\n")
        #expect(pooled.stdout == direct.stdout && pooled.stderr == direct.stderr)
    }

    @Test func fingerprintIsTheDirectFingerprint() throws {
        let database = try PooledDatabase.shared()
        let folder = try TemporaryFolder()
        for (name, url) in [("direct.json", database.directURL), ("pooled.json", database.pooledURL)] {
            let run = try PGCheckProcess.run(["fingerprint", "usage_events", "--range-size", "100", "--out", folder.file(name), "--url", url])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "fingerprint of public.usage_events: 300 rows, 3 ranges, 8 columns\n")
        }
        let compare = try PGCheckProcess.run(["fingerprint", "--compare", folder.file("direct.json"), folder.file("pooled.json")])
        #expect(compare.status == 0, "\(compare.stdout)")
        #expect(compare.stdout.hasSuffix("result: SAME (every column of A holds the same data in B)\n"))
    }

    @Test func migrationsStatus() throws {
        let database = try PooledDatabase.shared()
        let direct = try PGCheckProcess.run(["migrations", "status", "--dir", Self.migrationsFolder, "--url", database.directURL])
        let pooled = try PGCheckProcess.run(["migrations", "status", "--dir", Self.migrationsFolder, "--url", database.pooledURL])
        try #require(direct.status == 0, "\(direct.stderr)")
        #expect(pooled.status == 0, "\(pooled.stderr)")
        #expect(pooled.stdout == direct.stdout.replacingOccurrences(of: ":\(database.cluster.port)/", with: ":\(database.pooler.port)/"))
        #expect(pooled.stdout.contains("0003_usage_event_windows"))
    }

    // MARK: - What needs one session is refused, naming the direct host

    @Test func migrationsApplyIsRefusedAndNothingIsApplied() throws {
        let database = try PooledDatabase.shared()
        let run = try PGCheckProcess.run(["migrations", "apply", "--dir", Self.migrationsFolder, "--url", database.pooledURL])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.hasPrefix("pgcheck: migrations apply refused: 127.0.0.1:\(database.pooler.port) is a connection pooler (it announced process "))
        #expect(run.stderr.hasSuffix("; migrations apply needs one session throughout: connect to the database's direct host instead\n"))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try Self.ledgerRows(database) == 3, "0003 stays pending")
    }

    @Test func rehearseIsRefused() throws {
        let database = try PooledDatabase.shared()
        let run = try PGCheckProcess.run(["rehearse", "--dir", Self.migrationsFolder, "--url", database.pooledURL])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.hasPrefix("pgcheck: rehearse refused: 127.0.0.1:\(database.pooler.port) is a connection pooler"))
        #expect(run.stderr.contains("connect to the database's direct host instead"))
        #expect(run.stdout.isEmpty)
    }

    @Test func theRunbooksApplyIsRefused() throws {
        let database = try PooledDatabase.shared()
        let folder = try TemporaryFolder()
        let run = try PGCheckProcess.run([
            "runbook", "--dir", Self.migrationsFolder, "--to", "0003_usage_event_windows", "--url", database.pooledURL,
            "--evidence", folder.file("evidence"), "--no-rehearse",
        ])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("pgcheck: runbook halted at apply: the runbook's apply refused: 127.0.0.1:\(database.pooler.port) is a connection pooler"))
        #expect(run.stderr.contains("connect to the database's direct host instead"))
        #expect(try Self.ledgerRows(database) == 3, "0003 stays pending")
    }

    @Test func theRunbooksRehearsalOnAPoolerIsRefused() throws {
        let database = try PooledDatabase.shared()
        let folder = try TemporaryFolder()
        let run = try PGCheckProcess.run([
            "runbook", "--dir", Self.migrationsFolder, "--to", "0003_usage_event_windows", "--url", database.directURL,
            "--rehearse-url", database.pooledURL, "--evidence", folder.file("evidence"), "--dry-run",
        ])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("pgcheck: runbook halted at lock rehearsal: the runbook's rehearsal refused: 127.0.0.1:\(database.pooler.port) is a connection pooler"))
    }

    // MARK: - The library

    @Test func thePoolerIsToldFromTheServersBehaviour() throws {
        let database = try PooledDatabase.shared()
        let pooled = try PostgresConnection.connect(try database.pooledConfiguration())
        defer { pooled.close() }
        let evidence = try #require(try pooled.transactionPooler())
        guard case .processID(let announced, let serving) = evidence.signal else {
            Issue.record("expected the process ID signal, got \(evidence.signal)")
            return
        }
        #expect(announced == pooled.backendKey?.processID)
        #expect(announced != serving)
        #expect(evidence.directHostName == nil)
        let direct = try PostgresConnection.connect(try database.directConfiguration())
        defer { direct.close() }
        #expect(try direct.transactionPooler() == nil)
    }

    @Test func sessionSettingsAreSetOnADirectSessionAndNeverThroughThePooler() throws {
        let database = try PooledDatabase.shared()
        let options = SessionOptions(statementTimeout: .milliseconds(4321), lockTimeout: .milliseconds(1234), readOnly: true)
        let direct = try PostgresConnection.connect(try database.directConfiguration(), options: options)
        defer { direct.close() }
        #expect(try Self.settings(direct) == ["4321ms", "1234ms", "on"])
        try database.warmPool()
        // PgBouncer refuses these as startup parameters ("unsupported startup parameter").
        let pooled = try PostgresConnection.connect(try database.pooledConfiguration(), options: options)
        defer { pooled.close() }
        #expect(try pooled.transactionPooler() != nil)
        // Set on no server process of the pool: every transaction, wherever it runs, has the defaults.
        for _ in 0..<8 { #expect(try Self.settings(pooled) == ["0", "0", "off"]) }
    }

    private static func settings(_ connection: PostgresConnection) throws -> [String] {
        let row = try #require(try connection.query(
            "SELECT current_setting('statement_timeout'), current_setting('lock_timeout'), current_setting('default_transaction_read_only')",
            resultFormat: .text).rows.first)
        return (0..<3).map { row.text(at: $0) ?? "NULL" }
    }

    private static func ledgerRows(_ database: PooledDatabase) throws -> Int {
        Int(try database.cluster.runSQL("SELECT count(*) FROM drizzle.__drizzle_migrations", database: database.name)) ?? -1
    }
}

/// Refusals by the host name alone: nothing connects (the host does not exist), so no pooler is needed.
@Suite struct PoolerHostNameTests {
    private static let neonPooler = "postgresql://app:pw@ep-cool-rain-123456-pooler.eu-central-1.aws.neon.tech/app"

    @Test func migrationsApplyNamesTheDirectHost() throws {
        let run = try PGCheckProcess.run(["migrations", "apply", "--dir", Fixtures.url("drizzle").path, "--url", Self.neonPooler])
        #expect(run.status == 2)
        #expect(run.stderr == "pgcheck: migrations apply refused: ep-cool-rain-123456-pooler.eu-central-1.aws.neon.tech is a transaction-mode pooler (Neon's -pooler host), where a session does not keep its state between transactions; migrations apply needs one session throughout: use the direct host ep-cool-rain-123456.eu-central-1.aws.neon.tech\n")
    }

    @Test func theRunbooksApplyIsRefusedBeforeAnyStep() throws {
        let folder = try TemporaryFolder()
        let run = try PGCheckProcess.run([
            "runbook", "--dir", Fixtures.url("drizzle").path, "--to", "0003_usage_event_windows",
            "--url", Self.neonPooler, "--evidence", folder.file("evidence"), "--no-rehearse",
        ])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the runbook's apply refused: ep-cool-rain-123456-pooler.eu-central-1.aws.neon.tech is a transaction-mode pooler"))
        #expect(run.stderr.contains("use the direct host ep-cool-rain-123456.eu-central-1.aws.neon.tech"))
        #expect(!run.stderr.contains("pw@"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("evidence")), "no step ran")
    }
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let path = NSTemporaryDirectory() + "pgcheck-pooler-\(UUID().uuidString)"
    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// Runs several pgcheck processes at the same time (all started before any is waited for).
enum ConcurrentPGCheck {
    static func run(_ argumentLists: [[String]]) throws -> [PGCheckProcess.Result] {
        let folder = try TemporaryFolder()
        var started: [(Process, String, String)] = []
        for (index, arguments) in argumentLists.enumerated() {
            let out = folder.file("\(index).out")
            let err = folder.file("\(index).err")
            for path in [out, err] {
                guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            }
            let process = Process()
            process.executableURL = PGCheckProcess.executable
            process.arguments = arguments
            process.environment = ["HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin"]
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
            try process.run()
            started.append((process, out, err))
        }
        return started.map { process, out, err in
            process.waitUntilExit()
            let read = { (path: String) in FileManager.default.contents(atPath: path) ?? Data() }
            return PGCheckProcess.Result(status: process.terminationStatus, stdoutBytes: read(out), stderrBytes: read(err))
        }
    }
}
