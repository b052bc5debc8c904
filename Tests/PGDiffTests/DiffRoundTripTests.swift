import Testing
import PGCatalog
@testable import PGDiff

/// Property-based: for snapshots made by random edits, diff(A, B) is empty exactly when A and B hold the
/// same schema, and diff(B, A) is diff(A, B) mirrored. (The integration suite does the same with real DDL.)
@Suite struct DiffRoundTripTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func emptyExactlyWhenEqualAndMirrored(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var pairsCompared = 0
        var equalPairs = 0
        for _ in 0..<40 {
            var a = Snapshot(meta: ReferenceSnapshots.meta)
            for _ in 0..<random.next(below: 12) { SnapshotEdits.apply(random: &random, to: &a) }
            var b = a
            b.meta.capturedAt = "2031-01-01T00:00:00.000000Z"
            for _ in 0..<random.next(below: 3) { SnapshotEdits.apply(random: &random, to: &b) }
            let forward = try SnapshotDiff(from: a, to: b)
            let backward = try SnapshotDiff(from: b, to: a)
            #expect(forward.isEmpty == a.hasSameContent(as: b), "seed \(seed)")
            #expect(backward == forward.mirrored, "seed \(seed)")
            #expect(forward.changes == forward.changes.sorted(by: Change.listedBefore))
            pairsCompared += 1
            if a.hasSameContent(as: b) { equalPairs += 1 }
        }
        // Both sides of the equivalence were exercised.
        #expect(equalPairs > 0 && equalPairs < pairsCompared, "seed \(seed): \(equalPairs) equal of \(pairsCompared)")
    }
}

/// Random schema edits on a snapshot model, a few of them no-ops on purpose.
enum SnapshotEdits {
    static let tableNames = ["a", "b", "Mixed", "user"]
    static let columnNames = ["id", "x", "y", "select"]
    static let types = ["integer", "text", "bigint", "timestamp with time zone"]

    static func apply(random: inout SplitMix64, to snapshot: inout Snapshot) {
        let table = "public." + QualifiedName.quoted(tableNames[random.next(below: tableNames.count)])
        let column = columnNames[random.next(below: columnNames.count)]
        let type = types[random.next(below: types.count)]
        switch random.next(below: 12) {
        case 0:
            let name = QualifiedName.parts(table)[1]
            snapshot.tables[table] = Snapshot.Table(schema: "public", name: name, owner: "postgres")
        case 1:
            snapshot.tables[table] = nil
        case 2:
            let position = (snapshot.tables[table]?.columns.count ?? 0) + 1
            snapshot.tables[table]?.columns[column] = Snapshot.Column(position: position, name: column, type: type)
        case 3:
            snapshot.tables[table]?.columns[column]?.type = type
        case 4:
            snapshot.tables[table]?.columns[column]?.notNull.toggle()
        case 5:
            // Writing back what is there: a no-op edit, so equal pairs are common.
            let same = snapshot.tables[table]?.columns[column]
            snapshot.tables[table]?.columns[column] = same
        case 6:
            let keys = random.next(below: 2) == 0 ? [column] : [column, "id"]
            snapshot.indexes["public.idx_\(column)"] = Snapshot.Index(
                schema: "public", name: "idx_\(column)", table: table,
                keys: keys.map { Snapshot.IndexKey(column: $0, order: .asc, nulls: .last) },
                valid: random.next(below: 4) != 0, definition: "CREATE INDEX idx_\(column) ON \(table) (\(keys.joined(separator: ", ")))")
        case 7:
            snapshot.indexes["public.idx_\(column)"] = nil
        case 8:
            snapshot.tables[table]?.constraints["\(column)_check"] = Snapshot.Constraint(
                type: .check, definition: "CHECK ((\(column) IS NOT NULL))", validated: random.next(below: 2) == 0)
        case 9:
            snapshot.functions["public.f_\(column)()"] = Snapshot.Function(
                schema: "public", name: "f_\(column)", result: type, language: "sql",
                definition: "CREATE FUNCTION ...\n SELECT \(random.next(below: 3))\n", owner: "postgres")
        case 10:
            snapshot.tables[table]?.comment = random.next(below: 2) == 0 ? nil : "comment \(random.next(below: 2))"
        default:
            snapshot.enums["public.e"] = Snapshot.EnumType(schema: "public", name: "e", labels: Array(["a", "b", "c"].prefix(random.next(below: 3) + 1)), owner: "postgres")
        }
    }
}

/// A small seeded generator (SplitMix64), so a failing case can be replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
