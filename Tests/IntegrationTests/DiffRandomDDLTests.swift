import Foundation
import PGCatalog
import PGDiff
import PostgresWire
import Testing

/// Round trip over random DDL: a seeded generator applies a bounded sequence of statements to a
/// throwaway database, capturing after each; for every pair of captures, diff(A, B) is empty exactly
/// when the snapshots are equal (ignoring meta), and diff(B, A) is diff(A, B) mirrored.
@Suite struct DiffRandomDDLTests {
    @Test(arguments: [11, 2024] as [UInt64])
    func diffIsEmptyExactlyForEqualSnapshotsAndMirrors(seed: UInt64) throws {
        let database = try FixtureDatabase.create("diff_random")
        try database.superuserSQL("CREATE SCHEMA rt; GRANT USAGE ON SCHEMA rt TO PUBLIC; CREATE TABLE rt.t1 (id int)")
        var generator = RandomDDL(seed: seed)
        var snapshots = [try database.capturedSnapshot()]
        var applied: [String] = []
        for _ in 0..<30 {
            let statement = generator.next()
            do {
                try database.superuserSQL(statement)
                applied.append(statement)
            } catch {
                // A statement that does not apply (the object is missing or already there) changes nothing:
                // the next capture must then diff empty against the previous one.
                applied.append("-- failed: " + statement)
            }
            snapshots.append(try database.capturedSnapshot())
        }
        var equalPairs = 0
        var differentPairs = 0
        for i in snapshots.indices {
            for j in snapshots.indices where j > i {
                let forward = try SnapshotDiff(from: snapshots[i], to: snapshots[j])
                let same = snapshots[i].hasSameContent(as: snapshots[j])
                #expect(forward.isEmpty == same, "seed \(seed), steps \(i)→\(j): \(applied[i..<j].joined(separator: "; "))")
                #expect(try SnapshotDiff(from: snapshots[j], to: snapshots[i]) == forward.mirrored, "seed \(seed), steps \(i)→\(j)")
                if same { equalPairs += 1 } else { differentPairs += 1 }
            }
        }
        #expect(equalPairs > 0 && differentPairs > 0, "seed \(seed): both sides of the equivalence exercised (\(equalPairs) equal, \(differentPairs) different)")
    }
}

/// Random statements over a few tables, columns and types in schema `rt`, some undoing others.
struct RandomDDL {
    private var state: UInt64
    private static let tables = ["t1", "t2"]
    private static let columns = ["c1", "c2", "c3"]
    private static let types = ["integer", "text", "bigint"]

    init(seed: UInt64) { state = seed }

    mutating func next() -> String {
        let t = pick(Self.tables)
        let c = pick(Self.columns)
        let type = pick(Self.types)
        switch below(14) {
        case 0: return "CREATE TABLE rt.\(t) (id int)"
        case 1: return "DROP TABLE rt.\(t)"
        case 2, 3: return "ALTER TABLE rt.\(t) ADD COLUMN \(c) \(type)"
        case 4: return "ALTER TABLE rt.\(t) DROP COLUMN \(c)"
        case 5: return "ALTER TABLE rt.\(t) ALTER COLUMN \(c) TYPE \(type) USING NULL"
        case 6: return "ALTER TABLE rt.\(t) ALTER COLUMN \(c) \(below(2) == 0 ? "SET" : "DROP") NOT NULL"
        case 7: return "CREATE INDEX \(t)_\(c)_idx ON rt.\(t) (\(c))"
        case 8: return "DROP INDEX rt.\(t)_\(c)_idx"
        case 9: return "COMMENT ON TABLE rt.\(t) IS \(below(2) == 0 ? "NULL" : "'note'")"
        case 10: return "ALTER TABLE rt.\(t) ADD CONSTRAINT \(t)_\(c)_check CHECK (\(c) IS NOT NULL) NOT VALID"
        case 11: return "ALTER TABLE rt.\(t) DROP CONSTRAINT \(t)_\(c)_check"
        case 12: return "ALTER TABLE rt.\(t) ALTER COLUMN \(c) SET DEFAULT \(type == "text" ? "'x'" : "1")"
        default: return below(2) == 0 ? "CREATE TYPE rt.e AS ENUM ('a')" : "DROP TYPE rt.e"
        }
    }

    private mutating func pick(_ options: [String]) -> String { options[below(options.count)] }

    /// SplitMix64, reduced to `0..<bound`.
    private mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
