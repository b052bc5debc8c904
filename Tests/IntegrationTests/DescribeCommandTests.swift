import Foundation
import PGCatalog
import PGLocal
import PostgresWire
import Testing

/// `pgcheck describe` beyond byte-equality with psql: bad names, JSON output, the library API.
@Suite struct DescribeCommandTests {
    @Test func unknownRelationPrintsPsqlsMessageAndExits2() throws {
        let database = try DescribeDatabases.fixture.get()
        let run = try DescribeDatabases.run(pgcheck: ["describe", "no_such_table"], database: database)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "Did not find any relation named \"no_such_table\".\n")

        let dotted = try DescribeDatabases.run(pgcheck: ["describe", "a.b.c.d"], database: database)
        #expect(dotted.status == 2)
        #expect(dotted.stderr == "improper qualified name (too many dotted names): a.b.c.d\n")
    }

    @Test func jsonHoldsTheTableFacts() throws {
        let database = try DescribeDatabases.fixture.get()
        let run = try DescribeDatabases.run(pgcheck: ["describe", "orders", "--format", "json"], database: database)
        #expect(run.status == 0, "\(run.stderr)")
        let orders = try JSONDecoder().decode(RelationDescription.self, from: Data(run.stdout.utf8))
        #expect(orders.title == "Table \"public.orders\"")
        #expect(orders.kind == .table)
        #expect(orders.columns.map(\.name) == [
            "id", "customer_id", "account_id", "reference", "quantity", "unit_price", "total", "status", "notes", "placed_at",
        ])
        let byName = Dictionary(uniqueKeysWithValues: orders.columns.map { ($0.name, $0) })
        #expect(byName["id"]?.identity == .always)
        #expect(byName["total"]?.generationExpression == "quantity::numeric * unit_price")
        #expect(byName["status"]?.defaultExpression == "'pending'::text")
        #expect(byName["notes"]?.storage == "external")
        #expect(byName["notes"]?.compression == "pglz")
        #expect(byName["reference"]?.statisticsTarget == 500)
        #expect(byName["notes"]?.description == "Free text.\nSeveral lines are kept as typed.")
        #expect(orders.indexes.first?.name == "orders_pkey")
        #expect(orders.indexes.first(where: { $0.name == "orders_placed_idx" })?.methodAndColumns
            == "btree (placed_at) INCLUDE (status, quantity) WHERE status <> 'cancelled'::text")
        #expect(orders.indexes.first(where: { $0.name == "orders_customer_id_id_key" })?.isClustered == true)
        #expect(orders.checkConstraints.map(\.name) == ["orders_quantity_check", "orders_status_check"])
        #expect(orders.foreignKeys.map(\.name) == ["orders_account_id_fkey", "orders_customer_id_fkey", "orders_parent_fk"])
        #expect(orders.referencedBy.map(\.name) == ["orders_parent_fk"])
        #expect(orders.rowSecurity.enabled && orders.rowSecurity.forced)
        #expect(orders.policies.map(\.name) == ["orders_all", "orders_by_region", "orders_insert"])
        #expect(orders.policies.first { $0.name == "orders_by_region" }?.roles == ["describe_reader", "describe_writer"])
        #expect(orders.triggers.map(\.name) == ["orders_audit", "orders_paused", "orders_replica", "orders_touch"])
        #expect(orders.triggers.first { $0.name == "orders_paused" }?.firing == "D")
        #expect(orders.accessMethod == "heap")
        #expect(orders.columnFields.first == .name && orders.columnFields.last == .description)
    }

    @Test func jsonHoldsPartitionsViewsAndSequences() throws {
        let database = try DescribeDatabases.fixture.get()
        let decoder = JSONDecoder()
        let measurements = try decoder.decode(RelationDescription.self, from: Data(
            try DescribeDatabases.run(pgcheck: ["describe", "measurements", "--format", "json"], database: database).stdout.utf8))
        #expect(measurements.kind == .partitionedTable)
        #expect(measurements.partitionKey == "RANGE (recorded_at)")
        #expect(measurements.children.map(\.name) == ["measurements_2024", "measurements_2025"])
        #expect(measurements.children.first?.bound == "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')")

        let partition = try decoder.decode(RelationDescription.self, from: Data(
            try DescribeDatabases.run(pgcheck: ["describe", "measurements_2025", "--format", "json"], database: database).stdout.utf8))
        #expect(partition.partitionOf?.parent == "measurements")
        #expect(partition.options == ["fillfactor=80", "autovacuum_enabled=false"])
        #expect(partition.foreignKeys.first?.isInherited == true)

        let view = try decoder.decode(RelationDescription.self, from: Data(
            try DescribeDatabases.run(pgcheck: ["describe", "order_totals", "--format", "json"], database: database).stdout.utf8))
        #expect(view.kind == .view)
        #expect(view.viewDefinition?.hasPrefix(" SELECT c.id AS customer_id,\n") == true)
        #expect(view.options == ["security_barrier=true"])

        let sequence = try decoder.decode(RelationDescription.self, from: Data(
            try DescribeDatabases.run(pgcheck: ["describe", "invoice_numbers", "--format", "json"], database: database).stdout.utf8))
        #expect(sequence.sequence?.type == "integer")
        #expect(sequence.sequence?.increment == 5)
        #expect(sequence.sequence?.cycles == true)

        let several = try DescribeDatabases.run(pgcheck: ["describe", "measurements_202?", "--format", "json"], database: database)
        let both = try decoder.decode([RelationDescription].self, from: Data(several.stdout.utf8))
        #expect(both.map(\.name) == ["measurements_2024", "measurements_2025"])
    }

    /// The library as another tool embeds it: a read-only session under the server's search_path.
    @Test func libraryDescribesTheWidenedIndexAfterMigration3() throws {
        let database = try DescribeDatabases.migrations[3].get()
        let connection = try database.connect()
        defer { connection.close() }
        let session = try CatalogSession(connection: connection, options: .init(searchPath: nil))
        let describer = RelationDescriber(session: session)
        let index = try describer.describe("usage_admin_bucket_idx")
        try session.finish()

        #expect(index.kind == .index)
        #expect(index.columns.map(\.name) == ["admin_id", "meter", "bucket_start", "window_start", "window_end", "source"])
        #expect(index.columns.map(\.isKey) == [true, true, true, true, true, false])
        #expect(index.index?.isUnique == true)
        let psql = try DescribeDatabases.runPsql("\\d+ usage_admin_bucket_idx", database: database)
        expectSameBytes(Data(index.psqlText.utf8), psql.stdoutBytes, "psqlText against psql's \\d+")
        #expect(throws: DescribeError.relationNotFound("nope")) {
            let again = try CatalogSession(connection: connection, options: .init(searchPath: nil))
            defer { try? again.finish() }
            _ = try RelationDescriber(session: again).describe("nope")
        }
    }
}
