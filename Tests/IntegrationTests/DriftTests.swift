import Foundation
import PGCheck
import PGLocal
import PostgresWire
import Testing
import PGTestSupport

/// `pgcheck drift` and the snapshot chain of `migrations status` against real databases built by running
/// the Fixtures migrations, then changed by hand.
@Suite struct DriftTests {
    private static let fixtureFolder = Fixtures.url("drizzle")

    private static func url(_ database: FixtureDatabase) -> String {
        database.cluster.url(user: LocalCluster.trustUser, database: database.name)
    }

    /// A database owned by the trust user with the Fixtures migrations applied through `tag` by `pgcheck migrations apply`.
    static func migrated(_ label: String, through tag: String = "0003_usage_event_windows", folder: URL = fixtureFolder) throws -> FixtureDatabase {
        let database = try FixtureDatabase.create(label)
        try database.superuserSQL("ALTER DATABASE \(database.name) OWNER TO \(LocalCluster.trustUser.name); ALTER SCHEMA public OWNER TO \(LocalCluster.trustUser.name)")
        let apply = try PGCheckProcess.run(["migrations", "apply", "--dir", folder.path, "--url", url(database), "--to", tag])
        #expect(apply.status == 0, "\(apply.stderr)")
        return database
    }

    private static func drift(_ database: FixtureDatabase, folder: URL = fixtureFolder, _ extra: [String] = []) throws -> PGCheckProcess.Result {
        try PGCheckProcess.run(["drift", "--dir", folder.path, "--url", url(database)] + extra)
    }

    /// A copy of the Fixtures folder to change.
    static func fixtureCopy() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("drizzle-drift-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixtureFolder, to: copy)
        return copy
    }

    private static func json(_ file: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
    }

    private static func write(_ object: Any, to file: URL) throws {
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: file)
    }

    @Test func theMigratedDatabaseHasNoDriftBeforeAndAfter0003() throws {
        let database = try Self.migrated("drift_clean", through: "0002_usage_account_lookup")
        let before = try Self.drift(database)
        #expect(before.status == 0, "\(before.stdout)\(before.stderr)")
        #expect(before.stdout.contains("against drizzle's snapshot of 0002_usage_account_lookup (the last applied migration (ledger))"))
        #expect(before.stdout.hasSuffix("\nno drift\n"))
        #expect(before.stdout.contains("schema drizzle (the migrations ledger drizzle.__drizzle_migrations)"))

        // The 0002 database against 0003's snapshot: the columns 0003 adds are missing, and the index differs.
        let ahead = try Self.drift(database, ["--at", "0003"])
        #expect(ahead.status == 1)
        #expect(ahead.stdout.contains("column public.usage_events.metadata: missing from the database"))

        let apply = try PGCheckProcess.run(["migrations", "apply", "--dir", Self.fixtureFolder.path, "--url", Self.url(database)])
        #expect(apply.status == 0)
        let after = try Self.drift(database, ["--format", "json"])
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any]
        #expect(report?["migration"] as? String == "0003_usage_event_windows")
        #expect((report?["drift"] as? [Any])?.isEmpty == true && (report?["cannotCompare"] as? [Any])?.isEmpty == true)

        let markdown = try Self.drift(database, ["--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("### Drift: postgresql://"))
        #expect(markdown.stdout.contains("**no drift**"))
    }

    /// Each change made by hand is exactly one drift that names the object, with what drizzle expects,
    /// what the database has, and the migration that defined it.
    @Test(arguments: [
        ("CREATE INDEX extra_meter_idx ON usage_events (meter)", "index public.extra_meter_idx: not in drizzle's snapshot"),
        ("DROP INDEX usage_events_account_bucket_idx", "index public.usage_events_account_bucket_idx: missing from the database; drizzle expects it (USING btree (account_id, bucket_start)) [defined in 0002_usage_account_lookup]"),
        ("ALTER TABLE usage_events ALTER COLUMN created_at SET DEFAULT clock_timestamp()", "column public.usage_events.created_at default: drizzle expects now(), the database has clock_timestamp() [defined in 0001_usage_events]"),
        ("ALTER TABLE admins ALTER COLUMN email DROP NOT NULL", "column public.admins.email notNull: drizzle expects NOT NULL, the database has nullable [defined in 0000_init_admins]"),
        ("""
         ALTER TABLE usage_events DROP CONSTRAINT usage_events_admin_id_admins_id_fk,
           ADD CONSTRAINT usage_events_admin_id_admins_id_fk FOREIGN KEY (admin_id) REFERENCES admins(id) ON DELETE SET NULL
         """, "foreignKey public.usage_events.usage_events_admin_id_admins_id_fk onDelete: drizzle expects cascade, the database has set null [defined in 0001_usage_events]"),
        ("""
         ALTER TABLE usage_events DROP CONSTRAINT usage_events_quantity_check,
           ADD CONSTRAINT usage_events_quantity_check CHECK (quantity > 0)
         """, "check public.usage_events.usage_events_quantity_check expression: drizzle expects \"usage_events\".\"quantity\" >= 0, the database has ((quantity > 0)) [defined in 0001_usage_events]"),
        ("ALTER TABLE admins ENABLE ROW LEVEL SECURITY", "table public.admins rowLevelSecurity: drizzle expects disabled, the database has enabled [defined in 0000_init_admins]"),
        ("ALTER TABLE usage_events ALTER COLUMN metadata SET DEFAULT '{\"v\": 2}'::jsonb", "column public.usage_events.metadata default: drizzle expects '{}'::jsonb"),
    ])
    func aChangeByHandIsExactlyOneDrift(_ change: String, _ expected: String) throws {
        let database = try Self.migrated("drift_hand")
        try database.superuserSQL(change)
        let result = try Self.drift(database, ["--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((report?["drift"] as? [Any])?.count == 1, "\(result.stdout)")
        #expect((report?["cannotCompare"] as? [Any])?.isEmpty == true, "\(result.stdout)")
        let text = try Self.drift(database)
        #expect(text.stdout.contains(expected), "\(text.stdout)")
        #expect(text.stdout.hasSuffix("\n1 drift\n"))
    }

    /// A 0004 migration adding an enum, with its snapshot as drizzle-kit writes it; the default `'pending'`
    /// is the catalog's `'pending'::purchase_status`.
    static func folderWithEnum() throws -> URL {
        let folder = try fixtureCopy()
        try """
            CREATE TYPE "public"."purchase_status" AS ENUM('pending', 'paid');--> statement-breakpoint
            ALTER TABLE "usage_events" ADD COLUMN "status" "purchase_status" DEFAULT 'pending' NOT NULL;
            """.write(to: folder.appendingPathComponent("0004_purchase_status.sql"), atomically: true, encoding: .utf8)
        var journal = try json(folder.appendingPathComponent("meta/_journal.json"))
        var entries = journal["entries"] as! [[String: Any]]
        entries.append(["idx": 4, "version": "7", "when": 1_764_000_000_000 as Int64, "tag": "0004_purchase_status", "breakpoints": true])
        journal["entries"] = entries
        try write(journal, to: folder.appendingPathComponent("meta/_journal.json"))
        var snapshot = try json(folder.appendingPathComponent("meta/0003_snapshot.json"))
        snapshot["prevId"] = snapshot["id"]
        snapshot["id"] = "f2a4b6c8-0d1e-4f3a-9b5c-7d9e1f3a5b7c"
        snapshot["enums"] = ["public.purchase_status": ["name": "purchase_status", "schema": "public", "values": ["pending", "paid"]]]
        var tables = snapshot["tables"] as! [String: Any]
        var usage = tables["public.usage_events"] as! [String: Any]
        var columns = usage["columns"] as! [String: Any]
        columns["status"] = ["name": "status", "type": "purchase_status", "typeSchema": "public", "primaryKey": false, "notNull": true, "default": "'pending'"]
        usage["columns"] = columns
        tables["public.usage_events"] = usage
        snapshot["tables"] = tables
        try write(snapshot, to: folder.appendingPathComponent("meta/0004_snapshot.json"))
        return folder
    }

    @Test func anEnumValueAddedByHandIsOneDrift() throws {
        let folder = try Self.folderWithEnum()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Self.migrated("drift_enum", through: "0004_purchase_status", folder: folder)
        let clean = try Self.drift(database, folder: folder)
        #expect(clean.status == 0, "\(clean.stdout)")
        try database.superuserSQL("ALTER TYPE purchase_status ADD VALUE 'refunded'")
        let result = try Self.drift(database, folder: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("enum public.purchase_status values: drizzle expects pending, paid, the database has pending, paid, refunded [defined in 0004_purchase_status]"), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("\n1 drift\n"))
    }

    @Test func aSkippedMigrationIsDriftAndSkippedInStatus() throws {
        let database = try Self.migrated("drift_skipped")
        // As if 0002 had been generated on a branch and merged after 0003 was applied: never run.
        try database.superuserSQL("DELETE FROM drizzle.__drizzle_migrations WHERE created_at = 1762779600000; DROP INDEX usage_events_account_bucket_idx")
        let status = try PGCheckProcess.run(["migrations", "status", "--dir", Self.fixtureFolder.path, "--url", Self.url(database)])
        #expect(status.status == 1)
        #expect(status.stdout.contains("  skipped    0002_usage_account_lookup"))
        let result = try Self.drift(database)
        #expect(result.status == 1)
        #expect(result.stdout.contains("migration 0002_usage_account_lookup applied: drizzle expects applied (a later migration is), the database has not in the ledger"), "\(result.stdout)")
        #expect(result.stdout.contains("index public.usage_events_account_bucket_idx: missing from the database"))
    }

    @Test func statusReportsABrokenChainAndADuplicatedId() throws {
        let database = try Self.migrated("drift_chain")
        let whole = try PGCheckProcess.run(["migrations", "status", "--dir", Self.fixtureFolder.path, "--url", Self.url(database)])
        #expect(whole.status == 0 && !whole.stdout.contains("snapshot chain"), "\(whole.stdout)")

        let broken = try Self.fixtureCopy()
        defer { try? FileManager.default.removeItem(at: broken) }
        var snapshot = try Self.json(broken.appendingPathComponent("meta/0002_snapshot.json"))
        snapshot["prevId"] = "11111111-2222-4333-8444-555555555555"
        try Self.write(snapshot, to: broken.appendingPathComponent("meta/0002_snapshot.json"))
        let chain = try PGCheckProcess.run(["migrations", "status", "--dir", broken.path, "--url", Self.url(database)])
        #expect(chain.status == 1)
        #expect(chain.stdout.contains("0002_usage_account_lookup: prevId 11111111-2222-4333-8444-555555555555 is not the id of 0001_usage_events's snapshot"), "\(chain.stdout)")

        let duplicated = try Self.fixtureCopy()
        defer { try? FileManager.default.removeItem(at: duplicated) }
        var last = try Self.json(duplicated.appendingPathComponent("meta/0003_snapshot.json"))
        let previous = try Self.json(duplicated.appendingPathComponent("meta/0002_snapshot.json"))
        last["id"] = previous["id"]
        try Self.write(last, to: duplicated.appendingPathComponent("meta/0003_snapshot.json"))
        let json = try PGCheckProcess.run(["migrations", "status", "--dir", duplicated.path, "--url", Self.url(database), "--format", "json"])
        #expect(json.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let problems = report?["snapshotChain"] as? [String] ?? []
        #expect(problems.contains { $0.contains("snapshots of 0002_usage_account_lookup, 0003_usage_event_windows share the id c8d0e2f4-6a8b-4c1d-9e3f-5a7b9c1d3e5f") }, "\(problems)")

        try FileManager.default.removeItem(at: duplicated.appendingPathComponent("meta/0001_snapshot.json"))
        let missing = try PGCheckProcess.run(["migrations", "status", "--dir", duplicated.path, "--url", Self.url(database)])
        #expect(missing.stdout.contains("0001_usage_events: no snapshot"))
    }

    @Test(arguments: [
        (#""notNull": true"#, #""notNull": "yes""#, #"0003_snapshot.json: at $.tables["public.admins"].columns.id.notNull: expected a boolean, found a string"#),
        (#""version": "7""#, #""version": "9""#, #"0003_snapshot.json: at $.version: snapshot version "9" is unknown"#),
        (#""dialect": "postgresql""#, #""dialect": "mysql""#, #"0003_snapshot.json: at $.dialect: dialect "mysql" is not PostgreSQL"#),
        ("\"tables\": {", "\"tables\": {,", "0003_snapshot.json: at $: not valid JSON at line 6, column"),
    ])
    func aMalformedSnapshotIsOneLineNamingTheFileAndPath(_ original: String, _ replacement: String, _ expected: String) throws {
        let database = try Self.migrated("drift_malformed")
        let folder = try Self.fixtureCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("meta/0003_snapshot.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let range = try #require(text.range(of: original))
        try text.replacingCharacters(in: range, with: replacement).write(to: file, atomically: true, encoding: .utf8)
        for result in [try Self.drift(database, folder: folder), try PGCheckProcess.run(["drift", "--dir", folder.path, "--snapshot", "/nonexistent.json"])] {
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
    }

    /// drizzle-kit before 0.21 wrote `"version": "5", "dialect": "pg"` journals and version-5 snapshots
    /// (tables keyed by bare name, index keys as column names); drizzle's migrator runs them as any other.
    @Test func aVersion5PgFolderAppliesShowsStatusAndDrift() throws {
        let folder = try Self.fixtureCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        var journal = try Self.json(folder.appendingPathComponent("meta/_journal.json"))
        journal["version"] = "5"
        journal["dialect"] = "pg"
        journal["entries"] = (journal["entries"] as! [[String: Any]]).map { entry in entry.merging(["version": "5"]) { $1 } }
        try Self.write(journal, to: folder.appendingPathComponent("meta/_journal.json"))
        for prefix in ["0000", "0001", "0002", "0003"] {
            let file = folder.appendingPathComponent("meta/\(prefix)_snapshot.json")
            var snapshot = try Self.json(file)
            snapshot["version"] = "5"
            snapshot["dialect"] = "pg"
            var tables: [String: Any] = [:]
            for (_, value) in snapshot["tables"] as! [String: Any] {
                var table = value as! [String: Any]
                var indexes: [String: Any] = [:]
                for (name, index) in table["indexes"] as! [String: Any] {
                    var index = index as! [String: Any]
                    index["columns"] = (index["columns"] as! [[String: Any]]).map { $0["expression"] as! String }
                    index.removeValue(forKey: "with")
                    indexes[name] = index
                }
                table["indexes"] = indexes
                for key in ["policies", "checkConstraints", "isRLSEnabled"] { table.removeValue(forKey: key) }
                tables[table["name"] as! String] = table
            }
            snapshot["tables"] = tables
            for key in ["sequences", "roles", "policies", "views"] { snapshot.removeValue(forKey: key) }
            try Self.write(snapshot, to: file)
        }
        let database = try Self.migrated("drift_pg5", folder: folder)
        let status = try PGCheckProcess.run(["migrations", "status", "--dir", folder.path, "--url", Self.url(database)])
        #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
        #expect(status.stdout.contains("0 pending, 0 mismatched, 0 skipped"))
        let drift = try Self.drift(database, folder: folder)
        // Version 5 kept no check constraints: the database's is not in drizzle's snapshot.
        #expect(drift.stdout.contains("check public.usage_events.usage_events_quantity_check: not in drizzle's snapshot"), "\(drift.stdout)")
        #expect(drift.stdout.hasSuffix("\n1 drift\n"), "\(drift.stdout)")
    }

    @Test func aMySQLJournalIsRefusedWithTheReason() throws {
        let folder = try Self.fixtureCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        var journal = try Self.json(folder.appendingPathComponent("meta/_journal.json"))
        journal["dialect"] = "mysql"
        try Self.write(journal, to: folder.appendingPathComponent("meta/_journal.json"))
        let result = try PGCheckProcess.run(["migrations", "apply", "--dir", folder.path, "--url", "postgresql://nobody@127.0.0.1:1/none"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is for dialect \"mysql\"; pgcheck applies PostgreSQL migrations only: its migrations are MySQL statements"), "\(result.stderr)")
    }

    @Test func aPgcheckSnapshotFileComparesOffline() throws {
        let database = try Self.migrated("drift_offline")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("drift-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let snapshot = try PGCheckProcess.run(["snapshot", "--url", Self.url(database), "--out", file.path])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let result = try PGCheckProcess.run(["drift", "--dir", Self.fixtureFolder.path, "--snapshot", file.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("against drizzle's snapshot of 0003_usage_event_windows (the last migration in the journal)"))
    }
}
