import Foundation
@testable import PGCheck
import Testing

/// Every PostgreSQL snapshot version drizzle-kit has written, read into one model.
@Suite struct DrizzleSnapshotLoaderTests {
    private func load(_ text: String) throws -> DrizzleSchemaSnapshot {
        try DrizzleSnapshotLoader.parse(Array(text.utf8), file: "meta/0000_snapshot.json")
    }

    @Test func version5KeepsEnumLabelOrderAndReadsIndexKeysAsColumns() throws {
        let snapshot = try load("""
            {"id": "a", "prevId": "00000000-0000-0000-0000-000000000000", "version": "5", "dialect": "pg",
             "tables": {"users": {"name": "users", "schema": "", "columns": {
                "id": {"name": "id", "type": "serial", "primaryKey": true, "notNull": true},
                "role": {"name": "role", "type": "role", "primaryKey": false, "notNull": true, "default": "'member'"},
                "age": {"name": "age", "type": "integer", "primaryKey": false, "notNull": false, "default": 0}},
              "indexes": {"users_role_idx": {"name": "users_role_idx", "columns": ["role", "age"], "isUnique": false}},
              "foreignKeys": {}, "compositePrimaryKeys": {}, "uniqueConstraints": {}}},
             "enums": {"role": {"name": "role", "values": {"zeta": "zeta", "alpha": "alpha", "member": "member"}}},
             "schemas": {}, "_meta": {"schemas": {}, "tables": {}, "columns": {}}}
            """)
        #expect(snapshot.enums["public.role"]?.values == ["zeta", "alpha", "member"])
        let users = try #require(snapshot.tables["public.users"])
        #expect(users.indexes["users_role_idx"]?.columns.map(\.expression) == ["role", "age"])
        #expect(users.indexes["users_role_idx"]?.method == "btree")
        #expect(users.column("age")?.default == .number("0"))
        #expect(snapshot.prevIds == ["00000000-0000-0000-0000-000000000000"])
    }

    @Test func theBetaVersion8IsAListOfEntities() throws {
        let snapshot = try load("""
            {"version": "8", "dialect": "postgres", "id": "b", "prevIds": ["a"], "renames": [], "ddl": [
              {"entityType": "columns", "schema": "public", "table": "t", "name": "tags", "type": "text", "typeSchema": null, "notNull": false, "dimensions": 1, "default": null, "generated": null, "identity": null},
              {"entityType": "tables", "schema": "public", "name": "t", "isRlsEnabled": true},
              {"entityType": "pks", "schema": "public", "table": "t", "name": "t_pkey", "columns": ["tags"], "nameExplicit": false},
              {"entityType": "fks", "schema": "public", "table": "t", "name": "t_fk", "columns": ["tags"], "schemaTo": "public", "tableTo": "u", "columnsTo": ["id"], "onUpdate": "NO ACTION", "onDelete": "CASCADE", "nameExplicit": true},
              {"entityType": "indexes", "schema": "public", "table": "t", "name": "t_idx", "columns": [{"value": "tags", "isExpression": false, "asc": false, "nullsFirst": true, "opclass": null}], "isUnique": false, "where": null, "with": "fillfactor=70", "method": "gin", "concurrently": false, "nameExplicit": true}
            ]}
            """)
        let table = try #require(snapshot.tables["public.t"])
        #expect(table.isRLSEnabled && table.column("tags")?.type == "text[]")
        #expect(table.compositePrimaryKeys["t_pkey"]?.columns == ["tags"])
        #expect(table.foreignKeys["t_fk"]?.onDelete == "cascade")
        #expect(table.indexes["t_idx"] == .init(name: "t_idx", columns: [.init(expression: "tags", asc: false, nulls: "first")], method: "gin", with: ["fillfactor": "70"]))
        #expect(snapshot.prevIds == ["a"])
    }

    @Test(arguments: [
        (#"{"version": "7", "dialect": "postgresql", "tables": {"public.t": {"name": "t", "schema": "", "columns": {"c": {"name": "c", "type": 1}}}}}"#,
         #"meta/0000_snapshot.json: at $.tables["public.t"].columns.c.type: expected a string, found a number"#),
        (#"{"version": "7", "dialect": "postgresql"}"#, "meta/0000_snapshot.json: at $.tables: missing"),
        (#"{"version": "4", "dialect": "pg", "tables": {}}"#, #"meta/0000_snapshot.json: at $.version: snapshot version "4" is unknown"#),
        (#"{"version": "6", "dialect": "sqlite", "tables": {}}"#, #"meta/0000_snapshot.json: at $.dialect: dialect "sqlite" is not PostgreSQL"#),
        ("{\"version\": \"7\",\n \"tables\": [}", "meta/0000_snapshot.json: at $: not valid JSON at line 2, column 13"),
        ("[]", "meta/0000_snapshot.json: at $: expected an object, found an array"),
    ])
    func aBadSnapshotNamesTheFileAndJSONPath(_ text: String, _ expected: String) {
        #expect { try load(text) } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }

    @Test func theFixtureSnapshotsReadAndChain() throws {
        let folder = try DrizzleMigrationFolder(url: DrizzleFolderTests.fixtures)
        for migration in folder.migrations {
            let snapshot = try DrizzleSnapshotLoader.load(from: folder.snapshotFile(tag: migration.tag))
            #expect(snapshot.version == "7" && snapshot.tables["public.admins"] != nil)
        }
        let chain = DrizzleSnapshotChain(folder: folder)
        #expect(chain.checked && chain.problems.isEmpty)
    }

    @Test func drizzleJournalsOfEveryPostgreSQLDialectAreAccepted() throws {
        for dialect in ["pg", "postgresql", ""] { #expect(DrizzleJournal.refusal(ofDialect: dialect) == nil) }
        for dialect in ["mysql", "sqlite", "turso", "singlestore", "gel", "oracle"] { #expect(DrizzleJournal.refusal(ofDialect: dialect) != nil) }
        #expect(DrizzleFolderLayout.millis(fromFolderName: "20250102030405_init") == 1_735_787_045_000)
        #expect(DrizzleFolderLayout.millis(fromFolderName: "0000_init") == nil)
        #expect(DrizzleFolderLayout.journal.snapshotFile(tag: "0003_usage_event_windows", in: URL(fileURLWithPath: "/d")).path == "/d/meta/0003_snapshot.json")
        #expect(DrizzleFolderLayout.journal.snapshotFile(tag: "20250102030405_init", in: URL(fileURLWithPath: "/d")).path == "/d/meta/20250102030405_snapshot.json")
    }

    @Test func aFolderPerMigrationIsReadAsTheBetaMigratorReadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drizzle-beta-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["20250102030405_second", "20250101000000_first"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            try "SELECT 1;".write(to: folder.appendingPathComponent("\(name)/migration.sql"), atomically: true, encoding: .utf8)
        }
        let read = try DrizzleMigrationFolder(url: folder)
        #expect(read.layout == .folderPerMigration)
        #expect(read.migrations.map(\.tag) == ["20250101000000_first", "20250102030405_second"])
        #expect(read.migrations.map(\.entry.when) == [1_735_689_600_000, 1_735_787_045_000])
        #expect(read.snapshotFile(tag: "20250101000000_first").lastPathComponent == "snapshot.json")
    }
}
