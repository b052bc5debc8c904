import Foundation
import Testing
import PGCatalog
@testable import PGCheck

/// The validator's verdicts on hand-built snapshots of the reference scenario.
@Suite struct VerifyExpectationTests {
    typealias S = VerifyTestSnapshots

    static let windowIndex = IndexExpectation(
        name: SQLName(name: "usage_admin_bucket_idx"), table: SQLName(name: "usage_events"),
        covers: ["window_start", "window_end", "source"])

    @Test func postMigrationIndexCoversTheWindowColumnsAndSaysWhere() {
        let result = SchemaVerifier(snapshot: S.post).check(.index(Self.windowIndex))
        #expect(result.status == .pass)
        #expect(result.expectation == "index usage_admin_bucket_idx on usage_events covers window_start, window_end, source")
        #expect(result.reason == "public.usage_admin_bucket_idx on public.usage_events is valid and ready: covers all 3 columns")
        #expect(result.details == [
            "window_start: key column 4 of 5", "window_end: key column 5 of 5", "source: INCLUDE column 1 of 1",
        ])
        #expect(result.evidence == [S.newIndex.definition])
    }

    @Test func preMigrationIndexFailsNamingTheMissingColumns() {
        let result = SchemaVerifier(snapshot: S.pre).check(.index(Self.windowIndex))
        #expect(result.status == .fail)
        #expect(result.reason == "missing columns window_start, window_end, source: the key is (admin_id, meter, bucket_start), no INCLUDE list")
        #expect(result.details.allSatisfy { $0.hasSuffix("missing (not in the key or INCLUDE list)") })
        #expect(result.evidence == [S.oldIndex.definition])
        var partly = Self.windowIndex
        partly.covers = ["meter", "metadata"]
        let one = SchemaVerifier(snapshot: S.post).check(.index(partly))
        #expect(one.reason.hasPrefix("missing column metadata: the key is (admin_id, meter, bucket_start, window_start, window_end), INCLUDE (source)"))
        #expect(one.details == ["meter: key column 2 of 5", "metadata: missing (not in the key or INCLUDE list)"])
    }

    @Test func invalidIndexFailsEveryIndexCheckAndValid() {
        let broken = S.edited(S.post) { $0.indexes["public.usage_admin_bucket_idx"]?.valid = false }
        let verifier = SchemaVerifier(snapshot: broken)
        let covers = verifier.check(.index(Self.windowIndex))
        #expect(covers.status == .fail)
        #expect(covers.reason.hasPrefix("the index is INVALID"))
        #expect(covers.evidence == [S.newIndex.definition + "  -- INVALID"])
        let bare = verifier.check(.index(IndexExpectation(name: SQLName(name: "usage_admin_bucket_idx"))))
        #expect(bare.status == .fail)
        let valid = verifier.check(.allValid)
        #expect(valid.status == .fail)
        #expect(valid.reason == "1 not valid: index public.usage_admin_bucket_idx on public.usage_events is INVALID")
        let notReady = SchemaVerifier(snapshot: S.edited(S.post) { $0.indexes["public.usage_admin_bucket_idx"]?.ready = false })
        #expect(notReady.check(.index(Self.windowIndex)).reason.hasPrefix("the index is not ready"))
        #expect(notReady.check(.allValid).reason.contains("is not ready"))
    }

    @Test func uniquenessAndKeyPrefix() {
        let verifier = SchemaVerifier(snapshot: S.post)
        var expectation = IndexExpectation(name: SQLName(name: "usage_admin_bucket_idx"), unique: true, keyPrefix: ["admin_id", "meter", "bucket_start"])
        #expect(verifier.check(.index(expectation)).status == .pass)
        expectation.keyPrefix = ["meter"]
        #expect(verifier.check(.index(expectation)).reason == "its key starts (admin_id), not (meter)")
        let lookup = IndexExpectation(name: SQLName(name: "usage_events_account_bucket_idx"), unique: true)
        #expect(verifier.check(.index(lookup)).reason == "it is not unique")
    }

    @Test func indexOnAnotherTableOrMissing() {
        let verifier = SchemaVerifier(snapshot: S.post)
        let wrongTable = verifier.check(.index(IndexExpectation(name: SQLName(name: "usage_admin_bucket_idx"), table: SQLName(name: "admins"))))
        #expect(wrongTable.reason == "index public.usage_admin_bucket_idx is on public.usage_events, not on public.admins")
        let missing = verifier.check(.index(IndexExpectation(name: SQLName(name: "usage_window_idx"), table: SQLName(name: "usage_events"))))
        #expect(missing.reason == "no index named usage_window_idx on public.usage_events; its indexes: usage_admin_bucket_idx, usage_events_account_bucket_idx")
        let noTable = verifier.check(.index(IndexExpectation(name: SQLName(name: "x"), table: SQLName(name: "nope"))))
        #expect(noTable.reason == "no table named nope")
    }

    @Test func columnsWithTypeAliasesAndNullability() throws {
        let verifier = SchemaVerifier(snapshot: S.post)
        let window = verifier.check(.column(try SchemaExpectationSyntax.column("usage_events.window_start:timestamptz:nullable")))
        #expect(window.status == .pass)
        #expect(window.reason == "found: timestamp with time zone, nullable, position 9")
        #expect(window.evidence == ["public.usage_events.window_start timestamp with time zone"])
        let metadata = verifier.check(.column(try SchemaExpectationSyntax.column("public.usage_events.metadata:JSONB:not-null")))
        #expect(metadata.status == .pass)
        #expect(metadata.evidence == ["public.usage_events.metadata jsonb NOT NULL DEFAULT '{}'::jsonb"])
        let wrong = verifier.check(.column(try SchemaExpectationSyntax.column("usage_events.source:varchar(20):not-null")))
        #expect(wrong.reason == "its type is text, not varchar(20); it is nullable, expected NOT NULL")
        let absent = SchemaVerifier(snapshot: S.pre).check(.column(ColumnExpectation(table: SQLName(name: "usage_events"), column: "window_start")))
        #expect(absent.reason == "public.usage_events has no column window_start")
        #expect(absent.evidence.first?.hasPrefix("public.usage_events (table): id, admin_id, account_id, meter") == true)
        #expect(TypeNameMatching.matches(expected: "numeric(12, 6)", actual: "numeric(12,6)"))
        #expect(TypeNameMatching.matches(expected: "int8", actual: "bigint"))
        #expect(TypeNameMatching.matches(expected: "timestamp(3)", actual: "timestamp(3) without time zone"))
        #expect(TypeNameMatching.matches(expected: "int[]", actual: "integer[]"))
        #expect(TypeNameMatching.matches(expected: "level", actual: "public.level"))
        #expect(!TypeNameMatching.matches(expected: "timestamp", actual: "timestamp with time zone"))
    }

    @Test func tablesAndNameResolution() throws {
        let snapshot = S.edited(S.post) { snapshot in
            snapshot.tables["audit.usage_events"] = Snapshot.Table(schema: "audit", name: "usage_events", owner: "postgres")
            snapshot.tables["audit.events"] = Snapshot.Table(schema: "audit", name: "events", owner: "postgres")
            snapshot.tables["archive.events"] = Snapshot.Table(schema: "archive", name: "events", owner: "postgres")
            snapshot.tables["public.Users"] = Snapshot.Table(schema: "public", name: "Users", owner: "postgres")
            snapshot.views["public.v"] = Snapshot.View(schema: "public", name: "v", definition: " SELECT 1;", owner: "postgres")
        }
        let verifier = SchemaVerifier(snapshot: snapshot)
        #expect(verifier.check(.table(try SQLName(parsing: "usage_events"))).reason == "public.usage_events is a table with 12 columns")
        #expect(verifier.check(.table(try SQLName(parsing: "audit.usage_events"))).reason == "audit.usage_events is a table with 0 columns")
        #expect(verifier.check(.table(try SQLName(parsing: "events"))).reason == "events is ambiguous: archive.events, audit.events; qualify it with its schema")
        #expect(verifier.check(.table(try SQLName(parsing: "users"))).reason == "no table named users (did you mean public.Users? mixed-case names need double quotes)")
        #expect(verifier.check(.table(try SQLName(parsing: "\"Users\""))).status == .pass)
        #expect(verifier.check(.table(try SQLName(parsing: "v"))).reason == "public.v is a view, not a table")
        #expect(try SQLName(parsing: "Public.\"Mixed\"\"Q\"") == SQLName(schema: "public", name: "Mixed\"Q"))
        #expect(SQLName(schema: "public", name: "Users").description == "public.\"Users\"")
        #expect(throws: VerifyError.self) { try SQLName(parsing: "a.b.c") }
        #expect(throws: VerifyError.self) { try SQLName(parsing: "\"open") }
        #expect(throws: VerifyError.self) { try SQLName(parsing: "a..b") }
    }

    @Test func constraintsExistAndAreValidated() {
        let verifier = SchemaVerifier(snapshot: S.post)
        let check = verifier.check(.constraint(ConstraintExpectation(name: "usage_events_quantity_check")))
        #expect(check.status == .pass)
        #expect(check.evidence == ["public.usage_events: CONSTRAINT usage_events_quantity_check CHECK ((quantity >= 0))"])
        let missing = verifier.check(.constraint(ConstraintExpectation(name: "nope", table: SQLName(name: "admins"))))
        #expect(missing.reason == "no constraint named nope on public.admins. Its constraints: admins_email_unique, admins_pkey")
        let notValid = SchemaVerifier(snapshot: S.edited(S.post) {
            $0.tables["public.usage_events"]?.constraints["usage_events_quantity_check"]?.validated = false
        })
        #expect(notValid.check(.constraint(ConstraintExpectation(name: "usage_events_quantity_check"))).status == .fail)
        #expect(notValid.check(.allValid).reason == "1 not valid: constraint usage_events_quantity_check on public.usage_events is NOT VALID")
        #expect(verifier.check(.allValid).reason == "all 3 indexes are valid and ready; all 5 constraints are validated")
    }

    @Test func reportTextAndJSON() throws {
        let report = SchemaVerifier(snapshot: S.pre).verify([.table(SQLName(name: "usage_events")), .index(Self.windowIndex)], source: "pre.json")
        #expect(!report.passed)
        #expect(report.summary == VerificationReport.Summary(passed: 1, failed: 1))
        #expect(report.text == """
            PASS  table usage_events exists
                  public.usage_events is a table with 8 columns
                  evidence: public.usage_events (table): id, admin_id, account_id, meter, bucket_start, quantity, unit_price, created_at
            FAIL  index usage_admin_bucket_idx on usage_events covers window_start, window_end, source
                  reason: missing columns window_start, window_end, source: the key is (admin_id, meter, bucket_start), no INCLUDE list
                  window_start: missing (not in the key or INCLUDE list)
                  window_end: missing (not in the key or INCLUDE list)
                  source: missing (not in the key or INCLUDE list)
                  evidence: CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (admin_id, meter, bucket_start)

            1 of 2 expectations FAIL (checked pre.json)

            """)
        let json = try JSONSerialization.jsonObject(with: try report.encodedJSON()) as? [String: Any]
        #expect(json?["formatVersion"] as? Int == 1)
        #expect(json?["passed"] as? Bool == false)
        let results = json?["results"] as? [[String: Any]]
        #expect(results?.map { $0["status"] as? String } == ["PASS", "FAIL"])
        #expect(Set(results?.first?.keys.map { $0 } ?? []) == ["expectation", "status", "reason", "details", "evidence"])
    }
}

/// Hand-built snapshots of the reference scenario, before and after 0003.
enum VerifyTestSnapshots {
    static func key(_ column: String) -> Snapshot.IndexKey { Snapshot.IndexKey(column: column, order: .asc, nulls: .last) }

    /// A copy of `snapshot` changed by `edit`.
    static func edited(_ snapshot: Snapshot, _ edit: (inout Snapshot) -> Void) -> Snapshot {
        var copy = snapshot
        edit(&copy)
        return copy
    }

    static let oldIndex = Snapshot.Index(
        schema: "public", name: "usage_admin_bucket_idx", table: "public.usage_events", unique: true,
        keys: ["admin_id", "meter", "bucket_start"].map(key),
        definition: "CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (admin_id, meter, bucket_start)")
    static let newIndex = Snapshot.Index(
        schema: "public", name: "usage_admin_bucket_idx", table: "public.usage_events", unique: true,
        keys: ["admin_id", "meter", "bucket_start", "window_start", "window_end"].map(key), include: ["source"],
        definition: "CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (admin_id, meter, bucket_start, window_start, window_end) INCLUDE (source)")

    static var pre: Snapshot {
        let meta = Snapshot.Meta(capturedAt: "2024-05-01T12:00:00.000000Z", serverVersion: "15.18", serverVersionNumber: 150018,
                                 database: "app", host: "/tmp", port: 5432, scope: Snapshot.Scope())
        let events: [Snapshot.Column] = [
            Snapshot.Column(position: 1, name: "id", type: "bigint", notNull: true, identity: .always),
            Snapshot.Column(position: 2, name: "admin_id", type: "uuid", notNull: true),
            Snapshot.Column(position: 3, name: "account_id", type: "uuid", notNull: true),
            Snapshot.Column(position: 4, name: "meter", type: "text", notNull: true),
            Snapshot.Column(position: 5, name: "bucket_start", type: "timestamp with time zone", notNull: true),
            Snapshot.Column(position: 6, name: "quantity", type: "bigint", notNull: true),
            Snapshot.Column(position: 7, name: "unit_price", type: "numeric(12,6)", notNull: true),
            Snapshot.Column(position: 8, name: "created_at", type: "timestamp with time zone", notNull: true, default: "now()"),
        ]
        return Snapshot(
            meta: meta,
            tables: [
                "public.admins": Snapshot.Table(
                    schema: "public", name: "admins", owner: "postgres",
                    columns: ["id": Snapshot.Column(position: 1, name: "id", type: "uuid", notNull: true)],
                    constraints: [
                        "admins_pkey": Snapshot.Constraint(type: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"]),
                        "admins_email_unique": Snapshot.Constraint(type: .unique, definition: "UNIQUE (email)", columns: ["email"]),
                    ]),
                "public.usage_events": Snapshot.Table(
                    schema: "public", name: "usage_events", owner: "postgres",
                    columns: Dictionary(uniqueKeysWithValues: events.map { ($0.name, $0) }),
                    constraints: [
                        "usage_events_pkey": Snapshot.Constraint(type: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"]),
                        "usage_events_quantity_check": Snapshot.Constraint(type: .check, definition: "CHECK ((quantity >= 0))", columns: ["quantity"]),
                        "usage_events_admin_id_admins_id_fk": Snapshot.Constraint(
                            type: .foreignKey, definition: "FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE CASCADE", columns: ["admin_id"]),
                    ]),
            ],
            indexes: [
                "public.admins_pkey": Snapshot.Index(
                    schema: "public", name: "admins_pkey", table: "public.admins", unique: true, primary: true, keys: [key("id")],
                    definition: "CREATE UNIQUE INDEX admins_pkey ON public.admins USING btree (id)"),
                "public.usage_admin_bucket_idx": oldIndex,
                "public.usage_events_account_bucket_idx": Snapshot.Index(
                    schema: "public", name: "usage_events_account_bucket_idx", table: "public.usage_events",
                    keys: ["account_id", "bucket_start"].map(key),
                    definition: "CREATE INDEX usage_events_account_bucket_idx ON public.usage_events USING btree (account_id, bucket_start)"),
            ])
    }

    static var post: Snapshot {
        edited(pre) { snapshot in
            for column in [
                Snapshot.Column(position: 9, name: "window_start", type: "timestamp with time zone"),
                Snapshot.Column(position: 10, name: "window_end", type: "timestamp with time zone"),
                Snapshot.Column(position: 11, name: "source", type: "text"),
                Snapshot.Column(position: 12, name: "metadata", type: "jsonb", notNull: true, default: "'{}'::jsonb"),
            ] {
                snapshot.tables["public.usage_events"]?.columns[column.name] = column
            }
            snapshot.indexes["public.usage_admin_bucket_idx"] = newIndex
        }
    }
}
