import Foundation
import PGCatalog
import PGDiff
import XCTest

/// The catalog tools' client-side work on a catalog the size of the benchmark's (2,000 tables × 15
/// columns, 4,000 indexes, 1,000 foreign keys): canonical JSON encoding, decoding, and a diff.
final class SnapshotEncodingBenchmarks: XCTestCase {
    private static let tableCount = 2_000

    /// A snapshot shaped like the benchmark's large catalog; `variant` 1 changes 50 tables and drops 20 indexes.
    static func largeSnapshot(variant: Int = 0) -> Snapshot {
        var tables: [String: Snapshot.Table] = [:]
        var indexes: [String: Snapshot.Index] = [:]
        let types = ["bigint", "bigint", "uuid", "text", "text", "character varying(32)", "numeric(12,2)", "integer",
                     "double precision", "boolean", "text[]", "jsonb", "date", "timestamp with time zone", "timestamp with time zone"]
        for number in 0..<tableCount {
            let schema = "app_\(number / 200)"
            let name = "t_\(number)"
            var columns: [String: Snapshot.Column] = [:]
            for (position, type) in types.enumerated() {
                let columnName = position == 0 ? "id" : "column_\(position)"
                columns[columnName] = Snapshot.Column(
                    position: position + 1, name: columnName, type: type, notNull: position % 3 == 0,
                    default: position == 5 ? "'active'::character varying" : nil)
            }
            if variant == 1, number < 50 { columns["region"] = Snapshot.Column(position: 16, name: "region", type: "text") }
            var constraints = ["\(name)_pkey": Snapshot.Constraint(type: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], index: "\(schema).\(name)_pkey")]
            if number % 2 == 1 {
                constraints["\(name)_parent_id_fkey"] = Snapshot.Constraint(
                    type: .foreignKey, definition: "FOREIGN KEY (column_1) REFERENCES \(schema).t_\(number - 1)(id) ON DELETE CASCADE",
                    columns: ["column_1"], references: Snapshot.ForeignKeyReference(table: "\(schema).t_\(number - 1)", columns: ["id"], onDelete: .cascade))
            }
            tables["\(schema).\(name)"] = Snapshot.Table(schema: schema, name: name, owner: "app", columns: columns, constraints: constraints)
            indexes["\(schema).\(name)_pkey"] = Snapshot.Index(
                schema: schema, name: "\(name)_pkey", table: "\(schema).\(name)", unique: true, primary: true,
                keys: [Snapshot.IndexKey(column: "id")], definition: "CREATE UNIQUE INDEX \(name)_pkey ON \(schema).\(name) USING btree (id)",
                constraint: "\(name)_pkey")
            if variant == 1, number % 100 == 0 { continue }
            indexes["\(schema).\(name)_secondary_idx"] = Snapshot.Index(
                schema: schema, name: "\(name)_secondary_idx", table: "\(schema).\(name)",
                keys: [Snapshot.IndexKey(column: "column_2"), Snapshot.IndexKey(column: "column_14")],
                definition: "CREATE INDEX \(name)_secondary_idx ON \(schema).\(name) USING btree (column_2, column_14)")
        }
        let meta = Snapshot.Meta(
            capturedAt: "2026-01-01T00:00:00Z", serverVersion: "15.18", serverVersionNumber: 150_018, database: "bench",
            host: "127.0.0.1", port: 5432, scope: Snapshot.Scope())
        return Snapshot(meta: meta, tables: tables, indexes: indexes)
    }

    func testEncodeLargeSnapshot() throws {
        let snapshot = Self.largeSnapshot()
        print("MICRO testEncodeLargeSnapshot operations=1")
        measure {
            XCTAssertGreaterThan((try? snapshot.encodedJSON().count) ?? 0, 1_000_000)
        }
    }

    func testDecodeLargeSnapshot() throws {
        let data = try Self.largeSnapshot().encodedJSON()
        print("MICRO testDecodeLargeSnapshot operations=1")
        measure {
            XCTAssertEqual((try? Snapshot.decode(from: data))?.tables.count, Self.tableCount)
        }
    }

    func testDiffLargeSnapshots() throws {
        let old = Self.largeSnapshot()
        let new = Self.largeSnapshot(variant: 1)
        print("MICRO testDiffLargeSnapshots operations=1")
        measure {
            XCTAssertFalse(((try? SnapshotDiff(from: old, to: new))?.changes ?? []).isEmpty)
        }
    }
}
