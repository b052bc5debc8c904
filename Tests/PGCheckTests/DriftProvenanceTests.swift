import Foundation
@testable import PGCheck
import Testing

/// Which migration a finding comes from, when some snapshots in the chain are missing or unreadable.
@Suite struct DriftProvenanceTests {
    private static func snapshot(tables: [String]) -> DrizzleSchemaSnapshot {
        var snapshot = DrizzleSchemaSnapshot(id: "x", prevIds: [], version: "7", dialect: "postgresql")
        for name in tables { snapshot.tables["public.\(name)"] = .init(schema: "public", name: name) }
        return snapshot
    }

    @Test func aChangeAfterAGapNamesTheMigrationsItMayComeFrom() {
        let provenance = DriftProvenance(history: [
            ("0000_a", Self.snapshot(tables: ["a"])),
            ("0001_b", nil),
            ("0002_c", Self.snapshot(tables: ["a", "b"])),
            ("0003_d", nil), ("0004_e", nil),
            ("0005_f", Self.snapshot(tables: ["b"])),
            ("0006_g", Self.snapshot(tables: ["b", "g"])),
        ])
        #expect(provenance.migration(for: "table public.a") == "0005_f, or one of the 2 before it back to 0003_d whose snapshots are missing or unreadable")
        #expect(provenance.migration(for: "table public.b") == "0002_c, or 0001_b whose snapshot is missing or unreadable")
        #expect(provenance.migration(for: "table public.g") == "0006_g")
    }
}
