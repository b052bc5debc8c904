import Foundation
import PGCatalog
import PGLocal
import Testing

/// `pgcheck snapshot` as a user runs it: output, atomic --out, warnings and exit statuses.
@Suite struct SnapshotCommandTests {
    static func url(_ database: FixtureDatabase) -> String {
        database.cluster.url(user: LocalCluster.trustUser, database: database.name)
    }

    @Test func printsTheCanonicalSnapshotOnStdout() throws {
        let database = try FixtureDatabase.create("snap_cli_stdout")
        try database.applyMigrations(through: 3)
        let run = try PGCheckProcess.run(["snapshot", "--url", Self.url(database)])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let printed = try Snapshot.decode(from: Data(run.stdout.utf8))
        #expect(printed.hasSameContent(as: try database.snapshot().snapshot))
        #expect(try printed.encodedJSON() == Data(run.stdout.utf8), "stdout is exactly the canonical bytes")
        #expect(printed.indexes["public.usage_admin_bucket_idx"]?.include == ["source"])
        #expect(!run.stdout.contains("password"))
    }

    @Test func writesOutAtomicallyAndLeavesTheOldFileOnFailure() throws {
        let database = try FixtureDatabase.create("snap_cli_out")
        try database.applyMigrations(through: 1)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snap-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pre.json")
        try Data("previous snapshot\n".utf8).write(to: file)

        let refused = try PGCheckProcess.run(["snapshot", "--url", "postgresql://u@127.0.0.1:1/db", "--out", file.path])
        #expect(refused.status == 3)
        #expect(try String(contentsOf: file, encoding: .utf8) == "previous snapshot\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["pre.json"])

        let written = try PGCheckProcess.run(["snapshot", "--url", Self.url(database), "--out", file.path, "--schema", "public"])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty && written.stderr.isEmpty)
        let snapshot = try Snapshot.decode(from: Data(contentsOf: file))
        #expect(snapshot.tables.keys.sorted() == ["public.admins", "public.usage_events"])
        #expect(snapshot.meta.scope.schemas == ["public"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["pre.json"], "no temporary file is left")

        let unwritable = try PGCheckProcess.run(["snapshot", "--url", Self.url(database), "--out", folder.appendingPathComponent("missing/post.json").path])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.hasPrefix("pgcheck: could not write "))
    }

    @Test func readsSchemasWithoutUsageAndWarnsOnlyAboutMissingOnes() throws {
        let database = try FixtureDatabase.create("snap_cli_warn")
        try database.applyMigrations(through: 0)
        try database.superuserSQL("CREATE SCHEMA vault; CREATE TABLE vault.secrets (id int); REVOKE ALL ON SCHEMA vault FROM PUBLIC")
        let run = try PGCheckProcess.run(["snapshot", "--url", Self.url(database)])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "the test user has no USAGE on vault, yet nothing is left out")
        let snapshot = try Snapshot.decode(from: Data(run.stdout.utf8))
        #expect(snapshot.tables.keys.sorted() == ["public.admins", "vault.secrets"])
        #expect(snapshot.schemas["vault"] != nil)

        let missing = try PGCheckProcess.run(["snapshot", "--url", Self.url(database), "--schema", "vault", "--schema", "nope"])
        #expect(missing.status == 0)
        #expect(missing.stderr == "pgcheck: warning: schema \"nope\" does not exist in this database; nothing was captured for it\n")
        #expect(try Snapshot.decode(from: Data(missing.stdout.utf8)).tables.keys.sorted() == ["vault.secrets"])
    }

    @Test func badInputExits2AndARefusedConnectionExits3() throws {
        let bad = try PGCheckProcess.run(["snapshot", "--url", "sslmode=bogus password=hunter2"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("pgcheck: configuration: "))
        #expect(!bad.stderr.contains("hunter2"))
        #expect(bad.stdout.isEmpty)

        let refused = try PGCheckProcess.run(["snapshot", "--url", "postgresql://u:secret-pw@127.0.0.1:1/db"])
        #expect(refused.status == 3)
        #expect(refused.stderr.hasPrefix("pgcheck: connect: "))
        #expect(!refused.stderr.contains("secret-pw"))
        #expect(refused.stdout.isEmpty)

        let jobs = try PGCheckProcess.run(["snapshot", "--jobs", "3", "--url", "postgresql://u@127.0.0.1:1/db"])
        #expect(jobs.status == 2)
        #expect(jobs.stderr.contains("--jobs takes 1 or 2, not 3"))
    }

    @Test func oneOrTwoConnectionsWriteTheSameBytes() throws {
        let database = try FixtureDatabase.create("snap_cli_jobs")
        try database.applyMigrations(through: 3)
        let one = try PGCheckProcess.run(["snapshot", "--jobs", "1", "--url", Self.url(database)])
        let two = try PGCheckProcess.run(["snapshot", "--jobs", "2", "--url", Self.url(database)])
        #expect(one.status == 0 && two.status == 0)
        let first = try Snapshot.decode(from: Data(one.stdout.utf8))
        let second = try Snapshot.decode(from: Data(two.stdout.utf8))
        #expect(first.hasSameContent(as: second))
        #expect(second.indexes["public.usage_admin_bucket_idx"] != nil)
    }
}
