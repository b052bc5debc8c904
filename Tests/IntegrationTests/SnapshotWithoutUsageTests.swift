import Foundation
import PGCatalog
import PGLocal
import Testing

/// A validator role without `USAGE` on the schema the migration role owns: pg_catalog shows it every
/// object all the same, so its snapshots, diffs and descriptions are the owner's.
@Suite struct SnapshotWithoutUsageTests {
    @Test func theValidatorCapturesWhatTheOwnerCaptures() throws {
        let setup = try TwoRoleDatabase.create("usage_lib")
        #expect(try setup.validatorHasUsage(on: "ledger") == false, "the test needs a schema the validator cannot use")
        #expect(try setup.validatorHasUsage(on: "public") == false)

        let owner = try setup.capture(as: setup.owner)
        let oneConnection = try setup.capture(as: setup.validator, connections: 1)
        let twoConnections = try setup.capture(as: setup.validator, connections: 2)
        for result in [owner, oneConnection, twoConnections] {
            #expect(result.warnings.isEmpty)
            let snapshot = result.snapshot
            #expect(snapshot.schemas.keys.sorted() == ["ledger", "public"])
            #expect(snapshot.tables.keys.sorted() == ["ledger.accounts", "ledger.daily_totals", "ledger.entries"])
            #expect(snapshot.views.keys.sorted() == ["ledger.balances"])
            #expect(snapshot.indexes.keys.sorted() == [
                "ledger.accounts_name_key", "ledger.accounts_pkey", "ledger.daily_totals_pkey",
                "ledger.entries_account_booked_idx", "ledger.entries_pkey",
            ])
            #expect(snapshot.sequences.keys.sorted() == ["ledger.accounts_id_seq", "ledger.entries_id_seq"])
            #expect(snapshot.functions.keys.sorted() == ["ledger.touch()"])
            #expect(snapshot.triggers.keys.sorted() == ["ledger.entries.entries_touch"])
        }
        let validator = twoConnections.snapshot
        #expect(validator.indexes["ledger.entries_account_booked_idx"]?.definition == "CREATE INDEX entries_account_booked_idx "
            + "ON ledger.entries USING btree (account_id, booked_at DESC) INCLUDE (amount) WHERE (amount <> (0)::numeric)")
        #expect(validator.tables["ledger.entries"]?.constraints["entries_account_id_fkey"]?.definition
            == "FOREIGN KEY (account_id) REFERENCES ledger.accounts(id)")
        #expect(validator.views["ledger.balances"]?.definition.contains("FROM ledger.entries") == true)
        #expect(validator.functions["ledger.touch()"]?.definition?.contains("RETURN NEW") == true)
        #expect(try contentJSON(owner.snapshot) == contentJSON(oneConnection.snapshot))
        #expect(try contentJSON(owner.snapshot) == contentJSON(twoConnections.snapshot))
    }

    @Test func aTableReplacedByAViewIsADifferenceForTheValidator() throws {
        let setup = try TwoRoleDatabase.create("usage_cli")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("usage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pre = folder.appendingPathComponent("pre.json").path
        let post = folder.appendingPathComponent("post.json").path
        let validatorURL = setup.url(setup.validator)

        let before = try PGCheckProcess.run(["snapshot", "--url", validatorURL, "--out", pre])
        #expect(before.status == 0)
        #expect(before.stderr.isEmpty, "nothing is left out, so nothing to warn about")
        try setup.asOwner("""
            DROP TABLE ledger.daily_totals;
            CREATE VIEW ledger.daily_totals AS
              SELECT booked_at::date AS day, sum(amount)::numeric(12,2) AS total FROM ledger.entries GROUP BY 1
            """)
        let after = try PGCheckProcess.run(["snapshot", "--url", validatorURL, "--out", post])
        #expect(after.status == 0)
        #expect(after.stderr.isEmpty)
        let preSnapshot = try Snapshot.decode(from: Data(contentsOf: URL(fileURLWithPath: pre)))
        let postSnapshot = try Snapshot.decode(from: Data(contentsOf: URL(fileURLWithPath: post)))
        #expect(preSnapshot.tables["ledger.daily_totals"] != nil && preSnapshot.views["ledger.daily_totals"] == nil)
        #expect(postSnapshot.tables["ledger.daily_totals"] == nil && postSnapshot.views["ledger.daily_totals"] != nil)

        let files = try PGCheckProcess.run(["diff", pre, post])
        #expect(files.status == 1, "the diff must not be empty")
        #expect(files.stderr.isEmpty)
        #expect(files.stdout.contains("- table ledger.daily_totals"), "\(files.stdout)")
        #expect(files.stdout.contains("+ view ledger.daily_totals"), "\(files.stdout)")

        let live = try PGCheckProcess.run(["diff", pre, "db:" + validatorURL])
        #expect(live.status == 1)
        #expect(live.stderr.isEmpty)
        #expect(live.stdout == files.stdout)
    }

    @Test func theValidatorDescribesWhatPsqlShowsIt() throws {
        let setup = try TwoRoleDatabase.create("usage_describe")
        let environment = [
            "PGHOST": setup.database.cluster.socketDirectory, "PGPORT": String(setup.database.cluster.port),
            "PGUSER": setup.validator.name, "PGPASSWORD": setup.validator.password ?? "",
            "PGDATABASE": setup.database.name, "PGCLIENTENCODING": "UTF8",
        ]
        for name in ["ledger.entries", "ledger.balances", "ledger.entries_account_booked_idx", "ledger.entries_id_seq"] {
            let psql = try DescribeDatabases.runPsql("\\d+ \(name)", environment: environment, cluster: setup.database.cluster)
            let ours = try PGCheckProcess.run(["describe", name], environment: environment)
            #expect(psql.status == 0 && !psql.stdout.isEmpty, "psql shows \(name) to the validator: \(psql.stderr)")
            #expect(ours.status == 0, "\(ours.stderr)")
            #expect(ours.stdout == psql.stdout, "`pgcheck describe \(name)` differs from psql's")
        }
    }
}
