import Foundation
import Testing
@testable import PGCatalog

/// `RelationDescription.psqlText` from hand-built facts, against what psql 15 printed for the same
/// objects (Fixtures/catalog/describe_cases.sql on PostgreSQL 15).
@Suite struct DescribeTextTests {
    static func blank(_ kind: RelationDescription.Kind, schema: String = "public", name: String, title: String) -> RelationDescription {
        RelationDescription(
            schema: schema, name: name, kind: kind, persistence: .permanent, title: title, columnFields: [], columns: [],
            sequence: nil, index: nil, partitionOf: nil, partitionKey: nil, owningTable: nil, indexes: [], checkConstraints: [],
            foreignKeys: [], referencedBy: [], rowSecurity: .init(enabled: false, forced: false), policies: [],
            statisticsObjects: [], rules: [], publications: [], viewDefinition: nil, triggers: [], foreignServer: nil,
            inherits: [], children: [], typedTableOf: nil, replicaIdentity: .default, tablespace: nil, accessMethod: nil,
            options: [], serverVersionNumber: 150018)
    }

    @Test func sequenceRightAlignsNumbersAndNamesItsOwner() {
        var description = Self.blank(.sequence, schema: "ledger", name: "entry_numbers", title: "Sequence \"ledger.entry_numbers\"")
        description.sequence = .init(
            type: "bigint", start: 1, minimum: 1, maximum: 9_223_372_036_854_775_807, increment: 1, cycles: false, cache: 1,
            ownedBy: "ledger.accounts.id", isIdentity: false)
        let expected = """
                                   Sequence "ledger.entry_numbers"
              Type  | Start | Minimum |       Maximum       | Increment | Cycles? | Cache 
            --------+-------+---------+---------------------+-----------+---------+-------
             bigint |     1 |       1 | 9223372036854775807 |         1 | no      |     1
            Owned by: ledger.accounts.id


            """
        #expect(description.psqlText == expected)
    }

    @Test func indexShowsKeyColumnsAndItsProperties() {
        var description = Self.blank(.index, name: "orders_placed_idx", title: "Index \"public.orders_placed_idx\"")
        description.columnFields = [.name, .type, .isKey, .definition, .storage, .statisticsTarget]
        description.columns = [
            .init(name: "placed_at", type: "timestamp with time zone", storage: "plain", isKey: true, indexDefinition: "placed_at"),
            .init(name: "status", type: "text", storage: "extended", isKey: false, indexDefinition: "status"),
            .init(name: "quantity", type: "integer", storage: "plain", isKey: false, indexDefinition: "quantity"),
        ]
        description.index = .init(
            table: "orders", method: "btree", isPrimary: false, isUnique: false, nullsNotDistinct: false,
            predicate: "status <> 'cancelled'::text", isClustered: false, isValid: true, deferrable: false,
            initiallyDeferred: false, isReplicaIdentity: false)
        let expected = """
                                      Index "public.orders_placed_idx"
              Column   |           Type           | Key? | Definition | Storage  | Stats target 
            -----------+--------------------------+------+------------+----------+--------------
             placed_at | timestamp with time zone | yes  | placed_at  | plain    | 
             status    | text                     | no   | status     | extended | 
             quantity  | integer                  | no   | quantity   | plain    | 
            btree, for table "public.orders", predicate (status <> 'cancelled'::text)


            """
        #expect(description.psqlText == expected)
    }

    @Test func tableFootersFollowPsqlsOrder() {
        var description = Self.blank(.table, name: "devices", title: "Table \"public.devices\"")
        description.columnFields = [.name, .type, .collation, .nullable, .defaultValue, .storage, .compression, .statisticsTarget, .description]
        description.columns = [.init(name: "serial", type: "text", notNull: true, storage: "extended")]
        description.indexes = [
            .init(name: "devices_model_idx", isPrimary: false, isUnique: false, isClustered: false, isValid: false,
                  definition: "CREATE INDEX devices_model_idx ON public.devices USING btree (model)", constraintType: nil,
                  constraintDefinition: nil, deferrable: false, initiallyDeferred: false, isReplicaIdentity: false, tablespace: nil),
        ]
        description.rowSecurity = .init(enabled: true, forced: true)
        description.policies = [.init(name: "p", permissive: false, command: "INSERT", roles: ["a", "b"], using: nil, withCheck: "(x < 1)")]
        description.triggers = [
            .init(name: "t1", definition: "CREATE TRIGGER t1 AFTER DELETE ON devices FOR EACH ROW EXECUTE FUNCTION f()",
                  firing: "R", isInternal: false, inheritedFrom: nil),
        ]
        description.replicaIdentity = .full
        description.accessMethod = "heap"
        description.options = ["fillfactor=90", "toast.autovacuum_enabled=false"]
        let footers = description.psqlText.components(separatedBy: "\n").drop { !$0.hasPrefix("Indexes:") }
        #expect(Array(footers) == [
            "Indexes:",
            "    \"devices_model_idx\" btree (model) INVALID",
            "Policies (forced row security enabled):",
            "    POLICY \"p\" AS RESTRICTIVE FOR INSERT",
            "      TO a,b",
            "      WITH CHECK ((x < 1))",
            "Triggers firing on replica only:",
            "    t1 AFTER DELETE ON devices FOR EACH ROW EXECUTE FUNCTION f()",
            "Replica Identity: FULL",
            "Access method: heap",
            "Options: fillfactor=90, toast.autovacuum_enabled=false",
            "",
            "",
        ])
    }

    /// psql 15 prints statistics objects per server version: kinds only when some (not all) were
    /// chosen from 14 on, always before; a NULL target (17 on) prints empty, as psql 15 does.
    @Test(arguments: [
        (150018, true, 50 as Int?, "    \"public.s\" (ndistinct, dependencies) ON a, b FROM t; STATISTICS 50"),
        (150018, false, -1 as Int?, "    \"public.s\" ON a, b FROM t"),
        (130010, false, -1 as Int?, "    \"public.s\" (ndistinct, dependencies, mcv) ON a, b FROM t"),
        (170002, false, nil as Int?, "    \"public.s\" ON a, b FROM t; STATISTICS "),
    ])
    func statisticsObjectLines(version: Int, someKinds: Bool, target: Int?, expected: String) {
        var description = Self.blank(.table, name: "t", title: "Table \"public.t\"")
        description.serverVersionNumber = version
        description.statisticsObjects = [
            .init(schema: "public", name: "s", table: "t", columns: "a, b", ndistinct: true, dependencies: true,
                  mcv: !someKinds, statisticsTarget: target),
        ]
        let lines = description.psqlText.components(separatedBy: "\n")
        #expect(lines.contains("Statistics objects:"))
        #expect(lines.contains(expected))
    }

    @Test func jsonRoundTrips() throws {
        var description = Self.blank(.view, name: "v", title: "View \"public.v\"")
        description.viewDefinition = " SELECT 1;"
        description.columns = [.init(name: "one", type: "integer", storage: "plain", description: "the number")]
        let decoded = try JSONDecoder().decode(RelationDescription.self, from: try description.jsonData())
        #expect(decoded == description)
        let json = String(decoding: try description.jsonData(), as: UTF8.self)
        #expect(json.contains("\"kind\" : \"view\""))
        #expect(json.contains("\"collation\" : null"), "every column field is present, absent ones as null")
    }
}
