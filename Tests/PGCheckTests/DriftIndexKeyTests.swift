import Foundation
import PGCatalog
@testable import PGCheck
import Testing

/// Index keys drizzle-kit wrote as SQL (`isExpression`) against the keys PostgreSQL stored for that SQL,
/// and array defaults old drizzle-kit wrote as JSON arrays; no server.
@Suite struct DriftIndexKeyTests {
    @Test(arguments: [
        ("\"created_at\"", DriftIndexElement(core: .column("created_at"))),
        ("created_at", DriftIndexElement(core: .column("created_at"))),
        ("(\"Created At\")", DriftIndexElement(core: .column("Created At"))),
        ("\"title\" gin_trgm_ops", DriftIndexElement(core: .column("title"), opclass: "gin_trgm_ops")),
        ("\"title\" public.gin_trgm_ops", DriftIndexElement(core: .column("title"), opclass: "gin_trgm_ops")),
        ("lower(\"email\") DESC NULLS LAST", DriftIndexElement(core: .expression("lower(\"email\")"), descending: true, nullsFirst: false)),
        ("lower (\"email\")", DriftIndexElement(core: .expression("lower(\"email\")"))),
        ("coalesce(\"name\", 'a b')", DriftIndexElement(core: .expression("coalesce(\"name\", 'a b')"))),
        ("\"slug\" COLLATE \"C\" text_pattern_ops", DriftIndexElement(core: .column("slug"), collation: "C", opclass: "text_pattern_ops")),
        ("\"started_at\") INCLUDE (\"cost\", tokens", DriftIndexElement(core: .column("started_at"), include: ["cost", "tokens"])),
    ])
    func anExpressionKeyIsReadAsPostgreSQLReadsIt(_ text: String, _ element: DriftIndexElement) {
        #expect(DriftIndexElement.parse(text) == element)
    }

    @Test(arguments: ["\"a\" || ' ' || \"b\"", "\"a\" + 1", "\"a\") WHERE (\"b\"", "(\"a\"", "\"a\" nulls sideways", "'unterminated"])
    func anythingElseStaysOneExpression(_ text: String) {
        #expect(DriftIndexElement.parse(text) == nil)
    }

    /// A snapshot written the way a project's schema file makes drizzle-kit write it: keys given with `sql`.
    private static let drizzle = """
        {"version": "7", "dialect": "postgresql", "tables": {"public.trips": {"name": "trips", "schema": "", "columns": {
            "id": {"name": "id", "type": "bigint", "primaryKey": true, "notNull": true},
            "title": {"name": "title", "type": "text", "primaryKey": false, "notNull": false},
            "started_at": {"name": "started_at", "type": "timestamp", "primaryKey": false, "notNull": true},
            "cost": {"name": "cost", "type": "integer", "primaryKey": false, "notNull": false},
            "tags": {"name": "tags", "type": "text[]", "primaryKey": false, "notNull": false, "default": []}},
          "indexes": {
            "trips_started_brin": {"name": "trips_started_brin", "columns": [{"expression": "\\"started_at\\"", "isExpression": true, "asc": true, "nulls": "last"}], "isUnique": false, "with": {"pages_per_range": 32}, "method": "brin", "concurrently": true},
            "trips_title_trgm": {"name": "trips_title_trgm", "columns": [{"expression": "\\"title\\" gin_trgm_ops", "isExpression": true, "asc": true, "nulls": "last"}], "isUnique": false, "with": {}, "method": "gin", "concurrently": false},
            "trips_id_started": {"name": "trips_id_started", "columns": [{"expression": "id", "isExpression": false, "asc": true, "nulls": "last"}, {"expression": "\\"started_at\\") INCLUDE (\\"cost\\"", "isExpression": true, "asc": true, "nulls": "last"}], "isUnique": false, "with": {}, "method": "btree", "concurrently": false},
            "trips_lower_title": {"name": "trips_lower_title", "columns": [{"expression": "lower(\\"title\\")", "isExpression": true, "asc": false, "nulls": "last"}], "isUnique": false, "with": {}, "method": "btree", "concurrently": false}},
          "foreignKeys": {}, "compositePrimaryKeys": {}, "uniqueConstraints": {}}},
         "enums": {}, "schemas": {}, "sequences": {}}
        """

    /// The catalog of a database built by the SQL drizzle-kit generates from that snapshot.
    private static func database(include: [String] = ["cost"], trigramOpclass: String? = "public.gin_trgm_ops", tagsDefault: String = "'{}'::text[]") -> Snapshot {
        let table = Snapshot.Table(schema: "public", name: "trips", owner: "app", columns: [
            "id": .init(position: 1, name: "id", type: "bigint", notNull: true),
            "title": .init(position: 2, name: "title", type: "text"),
            "started_at": .init(position: 3, name: "started_at", type: "timestamp without time zone", notNull: true),
            "cost": .init(position: 4, name: "cost", type: "integer"),
            "tags": .init(position: 5, name: "tags", type: "text[]", default: tagsDefault),
        ], constraints: ["trips_pkey": .init(type: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], index: "public.trips_pkey")])
        func index(_ name: String, _ method: String, _ keys: [Snapshot.IndexKey], include: [String]? = nil, definition: String) -> (String, Snapshot.Index) {
            ("public.\(name)", .init(schema: "public", name: name, table: "public.trips", method: method, keys: keys, include: include, definition: definition))
        }
        let ordered = { (column: String?, expression: String?, desc: Bool) in
            Snapshot.IndexKey(column: column, expression: expression, order: desc ? .desc : .asc, nulls: .last)
        }
        return Snapshot(meta: .init(capturedAt: "2026-01-01T00:00:00.000Z", serverVersion: "15", serverVersionNumber: 150000, database: "d", host: "h", port: 5432, scope: .init()),
                        schemas: ["public": .init(name: "public", owner: "app")], tables: ["public.trips": table], indexes: Dictionary(uniqueKeysWithValues: [
            ("public.trips_pkey", Snapshot.Index(schema: "public", name: "trips_pkey", table: "public.trips", unique: true, primary: true, keys: [ordered("id", nil, false)],
                                                  definition: "CREATE UNIQUE INDEX trips_pkey ON public.trips USING btree (id)", constraint: "trips_pkey")),
            index("trips_started_brin", "brin", [.init(column: "started_at")],
                  definition: "CREATE INDEX trips_started_brin ON public.trips USING brin (started_at) WITH (pages_per_range='32')"),
            index("trips_title_trgm", "gin", [.init(column: "title", opclass: trigramOpclass)],
                  definition: "CREATE INDEX trips_title_trgm ON public.trips USING gin (title public.gin_trgm_ops)"),
            index("trips_id_started", "btree", [ordered("id", nil, false), ordered("started_at", nil, false)], include: include.isEmpty ? nil : include,
                  definition: "CREATE INDEX trips_id_started ON public.trips USING btree (id, started_at) INCLUDE (cost)"),
            index("trips_lower_title", "btree", [ordered(nil, "lower(title)", true)],
                  definition: "CREATE INDEX trips_lower_title ON public.trips USING btree (lower(title) DESC NULLS LAST)"),
        ]))
    }

    private func compare(_ actual: Snapshot) throws -> DriftComparer.Outcome {
        let expected = try DrizzleSnapshotLoader.parse(Array(Self.drizzle.utf8), file: "meta/0000_snapshot.json")
        return DriftComparer().compare(expected: expected, actual: actual)
    }

    @Test func keysWrittenAsSQLMatchTheColumnsOperatorClassesAndIncludeTheyCreate() throws {
        let outcome = try compare(Self.database())
        #expect(outcome.drift.isEmpty, "\(outcome.drift)")
        #expect(outcome.cannotCompare.isEmpty, "\(outcome.cannotCompare)")
    }

    @Test func aDifferentIncludeOrOperatorClassIsStillDrift() throws {
        let outcome = try compare(Self.database(include: [], trigramOpclass: "public.gist_trgm_ops"))
        #expect(outcome.drift.map { "\($0.object) \($0.property)" } == ["public.trips_id_started include", "public.trips_title_trgm key 1 opclass"])
        #expect(outcome.drift.first?.expected == "cost" && outcome.drift.first?.actual == "none")
    }

    @Test func anIncludeNoSnapshotCanWriteIsNotCompared() throws {
        // drizzle's snapshot format has no INCLUDE: a hand-written one is outside what drizzle tracks.
        var actual = Self.database()
        actual.indexes["public.trips_lower_title"]?.include = ["cost"]
        #expect(try compare(actual).drift.isEmpty)
    }

    @Test(arguments: [
        ("[]", "'{}'"), ("[1, 2.5]", "'{1,2.5}'"), ("[\"a\", \"it's\"]", "'{\"a\",\"it''s\"}'"), ("[[true], [false]]", "'{{true},{false}}'"),
    ])
    func anArrayDefaultIsTheLiteralLaterDrizzleKitWrites(_ json: String, _ literal: String) throws {
        let snapshot = try DrizzleSnapshotLoader.parse(Array("""
            {"version": "7", "dialect": "postgresql", "tables": {"public.t": {"name": "t", "schema": "", "columns": {
              "c": {"name": "c", "type": "text[]", "primaryKey": false, "notNull": false, "default": \(json)}},
              "indexes": {}, "foreignKeys": {}, "compositePrimaryKeys": {}, "uniqueConstraints": {}}}, "enums": {}, "schemas": {}}
            """.utf8), file: "meta/0000_snapshot.json")
        #expect(snapshot.tables["public.t"]?.column("c")?.default == .sql(literal))
    }

    @Test func anArrayDefaultOfObjectsIsRefusedWithItsPath() {
        #expect { try DrizzleSnapshotLoader.parse(Array("""
            {"version": "7", "dialect": "postgresql", "tables": {"public.t": {"name": "t", "schema": "", "columns": {
              "c": {"name": "c", "type": "jsonb[]", "default": [{"a": 1}]}}}}}
            """.utf8), file: "meta/0000_snapshot.json") } throws: { error in
            "\(error)".hasPrefix(#"meta/0000_snapshot.json: at $.tables["public.t"].columns.c.default: expected"#)
        }
    }
}
