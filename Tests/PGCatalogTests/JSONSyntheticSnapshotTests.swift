import Foundation
import PGCatalog
import PGTestSupport
import Testing

/// Seeded random snapshots that use every model type, every enum case, and every optional field both
/// set and absent, with strings JSON must escape: what the JSON coders are held against Foundation on.
enum SyntheticSnapshots {
    /// A snapshot with `tables` tables (and proportionally many other objects), from `seed`.
    static func make(seed: UInt64, tables: Int = 12) -> Snapshot {
        var random = JSONTestRandom(seed: seed)
        var snapshot = Snapshot(meta: meta(&random))
        for number in 0..<max(1, tables / 4) {
            let schema = "s\(number)"
            snapshot.schemas[schema] = Snapshot.Schema(name: schema, owner: text(&random), acl: list(&random), comment: maybe(&random) { text(&$0) })
            snapshot.enums["\(schema).mood"] = Snapshot.EnumType(
                schema: schema, name: "mood", labels: list(&random) ?? [], owner: "o", acl: list(&random), comment: maybe(&random) { text(&$0) })
            snapshot.domains["\(schema).positive"] = Snapshot.Domain(
                schema: schema, name: "positive", baseType: "integer", notNull: random.bool(), default: maybe(&random) { text(&$0) },
                collation: maybe(&random) { text(&$0) },
                constraints: ["positive_check": Snapshot.DomainConstraint(definition: "CHECK (VALUE > 0)", validated: random.bool(), comment: maybe(&random) { text(&$0) })],
                owner: "o", acl: list(&random), comment: maybe(&random) { text(&$0) })
            snapshot.compositeTypes["\(schema).pair"] = Snapshot.CompositeType(
                schema: schema, name: "pair",
                attributes: ["a": Snapshot.CompositeAttribute(position: 1, name: "a", type: "int", collation: maybe(&random) { text(&$0) }, comment: maybe(&random) { text(&$0) })],
                owner: "o", acl: list(&random), comment: maybe(&random) { text(&$0) })
            snapshot.extensions["ext\(number)"] = Snapshot.Extension(name: "ext\(number)", version: "1.\(number)", schema: schema, comment: maybe(&random) { text(&$0) })
        }
        for number in 0..<tables {
            let schema = "s\(number % max(1, tables / 4))"
            let key = "\(schema).\(number % 5 == 0 ? "\"T \(number)\"" : "t\(number)")"
            let table = self.table(&random, schema: schema, name: "t\(number)")
            snapshot.tables[key] = table
            snapshot.indexes["\(schema).i\(number)"] = index(&random, schema: schema, name: "i\(number)", table: key)
            snapshot.sequences["\(schema).q\(number)"] = sequence(&random, schema: schema, name: "q\(number)", table: key)
            snapshot.functions["\(schema).f\(number)(integer)"] = function(&random, schema: schema, name: "f\(number)")
            snapshot.triggers["\(key).tr\(number)"] = Snapshot.Trigger(
                table: key, name: "tr\(number)", definition: text(&random), enabled: random.pick(triggerStates), comment: maybe(&random) { text(&$0) })
            snapshot.views["\(schema).v\(number)"] = view(&random, schema: schema, name: "v\(number)")
            snapshot.materializedViews["\(schema).m\(number)"] = view(&random, schema: schema, name: "m\(number)")
        }
        return snapshot
    }

    static let triggerStates: [Snapshot.TriggerEnabled] = [.origin, .disabled, .replica, .always]
    static let constraintTypes: [Snapshot.ConstraintType] = [.primaryKey, .unique, .foreignKey, .check, .exclusion, .trigger]
    static let actions: [Snapshot.ForeignKeyAction] = [.noAction, .restrict, .cascade, .setNull, .setDefault]
    static let matches: [Snapshot.ForeignKeyMatch] = [.simple, .full, .partial]

    /// Strings JSON has to escape or pass through, and plain ones.
    static let texts = [
        "plain", "", "a/b", "quote \" inside", "back\\slash", "new\nline", "tab\tand\r", "\u{0}nul", "\u{1}\u{1F}\u{7F}",
        "\u{8}\u{C}", "line\u{2028}sep\u{2029}", "café", "e\u{301}", "日本語", "🧪 emoji", "CHECK ((amount >= (0)::numeric))",
        "CREATE FUNCTION f()\n RETURNS integer\n LANGUAGE sql\nAS $function$SELECT 1$function$\n",
        String(repeating: "long ", count: 40),
    ]

    static func text(_ random: inout JSONTestRandom) -> String { random.pick(texts) }

    static func maybe<T>(_ random: inout JSONTestRandom, _ make: (inout JSONTestRandom) -> T) -> T? {
        random.bool() ? make(&random) : nil
    }

    static func list(_ random: inout JSONTestRandom) -> [String]? {
        maybe(&random) { random in (0..<random.next(below: 4)).map { _ in text(&random) } }
    }

    static func meta(_ random: inout JSONTestRandom) -> Snapshot.Meta {
        Snapshot.Meta(
            capturedAt: "2024-05-01T12:00:00.000001Z", serverVersion: "15.18 (Debian)", serverVersionNumber: 150018,
            database: text(&random), host: "/var/run/postgresql", port: 5432,
            scope: Snapshot.Scope(schemas: list(&random), includesSystemSchemas: random.bool(), includesExtensionObjects: random.bool()))
    }

    static func table(_ random: inout JSONTestRandom, schema: String, name: String) -> Snapshot.Table {
        var columns: [String: Snapshot.Column] = [:]
        for position in 1...(1 + random.next(below: 6)) {
            let columnName = position == 2 ? text(&random) : "c\(position)"
            columns[columnName] = Snapshot.Column(
                position: position, name: columnName, type: random.pick(["bigint", "text", "jsonb", "timestamp with time zone"]),
                notNull: random.bool(), default: maybe(&random) { text(&$0) }, identity: maybe(&random) { $0.pick([.always, .byDefault]) },
                generated: maybe(&random) { text(&$0) }, collation: maybe(&random) { text(&$0) },
                storage: maybe(&random) { $0.pick([.plain, .external, .extended, .main]) }, compression: maybe(&random) { $0.pick(["pglz", "lz4"]) },
                statisticsTarget: maybe(&random) { $0.next(below: 10_000) }, comment: maybe(&random) { text(&$0) }, acl: list(&random))
        }
        let constraint = Snapshot.Constraint(
            type: random.pick(constraintTypes), definition: text(&random), columns: list(&random),
            references: maybe(&random) { random in
                Snapshot.ForeignKeyReference(table: "s0.t0", columns: ["id"], onUpdate: random.pick(actions), onDelete: random.pick(actions), match: random.pick(matches))
            },
            deferrable: random.bool(), initiallyDeferred: random.bool(), validated: random.bool(), index: maybe(&random) { text(&$0) },
            comment: maybe(&random) { text(&$0) })
        let policy = Snapshot.Policy(
            command: random.pick([.all, .select, .insert, .update, .delete]), permissive: random.bool(), roles: list(&random) ?? ["public"],
            using: maybe(&random) { text(&$0) }, withCheck: maybe(&random) { text(&$0) }, comment: maybe(&random) { text(&$0) })
        return Snapshot.Table(
            schema: schema, name: name, kind: random.pick([.table, .partitionedTable]), persistence: random.pick([.permanent, .unlogged]),
            partitioning: maybe(&random) { Snapshot.Partitioning(strategy: $0.pick([.range, .list, .hash]), key: "RANGE (c1)") },
            partitionOf: maybe(&random) { _ in Snapshot.PartitionMembership(parent: "s0.t0", bound: "FOR VALUES FROM (1) TO (2)") },
            inherits: list(&random), rowSecurityEnabled: random.bool(), rowSecurityForced: random.bool(), options: list(&random),
            accessMethod: maybe(&random) { _ in "heap" }, tablespace: maybe(&random) { text(&$0) }, owner: text(&random), acl: list(&random),
            comment: maybe(&random) { text(&$0) }, columns: columns,
            constraints: random.bool() ? ["\(name)_\(random.next(below: 3))": constraint] : [:],
            policies: random.bool() ? [text(&random): policy] : [:])
    }

    static func index(_ random: inout JSONTestRandom, schema: String, name: String, table: String) -> Snapshot.Index {
        let keys = (0...random.next(below: 3)).map { _ in
            Snapshot.IndexKey(
                column: maybe(&random) { text(&$0) }, expression: maybe(&random) { text(&$0) }, opclass: maybe(&random) { text(&$0) },
                collation: maybe(&random) { text(&$0) }, order: maybe(&random) { $0.pick([.asc, .desc]) }, nulls: maybe(&random) { $0.pick([.first, .last]) })
        }
        return Snapshot.Index(
            schema: schema, name: name, table: table, method: random.pick(["btree", "gin"]), unique: random.bool(),
            nullsNotDistinct: random.bool(), primary: random.bool(), keys: keys, include: list(&random), predicate: maybe(&random) { text(&$0) },
            valid: random.bool(), ready: random.bool(), definition: text(&random), constraint: maybe(&random) { text(&$0) },
            tablespace: maybe(&random) { text(&$0) }, comment: maybe(&random) { text(&$0) })
    }

    static func sequence(_ random: inout JSONTestRandom, schema: String, name: String, table: String) -> Snapshot.SequenceDefinition {
        let extremes: [Int64] = [Int64.min, -9_007_199_254_740_993, -1, 0, 1, 9_007_199_254_740_993, Int64.max]
        return Snapshot.SequenceDefinition(
            schema: schema, name: name, dataType: random.pick(["bigint", "integer", "smallint"]), start: random.pick(extremes),
            increment: random.pick(extremes), minValue: random.pick(extremes), maxValue: random.pick(extremes), cache: random.pick(extremes),
            cycle: random.bool(), ownedBy: maybe(&random) { _ in Snapshot.ColumnReference(table: table, column: "c1") }, owner: text(&random),
            acl: list(&random), comment: maybe(&random) { text(&$0) })
    }

    static func function(_ random: inout JSONTestRandom, schema: String, name: String) -> Snapshot.Function {
        Snapshot.Function(
            schema: schema, name: name, kind: random.pick([.function, .procedure, .aggregate, .window]), arguments: "p integer",
            result: maybe(&random) { text(&$0) }, language: random.pick(["sql", "plpgsql"]), volatility: random.pick([.immutable, .stable, .volatile]),
            strict: random.bool(), securityDefiner: random.bool(), parallel: random.pick([.safe, .restricted, .unsafe]),
            definition: maybe(&random) { text(&$0) }, owner: text(&random), acl: list(&random), comment: maybe(&random) { text(&$0) })
    }

    static func view(_ random: inout JSONTestRandom, schema: String, name: String) -> Snapshot.View {
        let column = Snapshot.Column(position: 1, name: "total", type: "numeric", comment: maybe(&random) { text(&$0) })
        return Snapshot.View(
            schema: schema, name: name, definition: text(&random), columns: random.bool() ? ["total": column] : [:], options: list(&random),
            accessMethod: maybe(&random) { _ in "heap" }, tablespace: maybe(&random) { text(&$0) }, owner: text(&random), acl: list(&random),
            comment: maybe(&random) { text(&$0) })
    }
}

/// Real snapshots written by `pgcheck snapshot` (the fuzz seeds: the reference scenario before and after
/// migration 0003), read from the repository.
enum JSONFixtures {
    static var snapshotFiles: [URL] {
        let folder = Fixtures.fuzz("corpus/snapshot")
        return ["schema-snapshot-pre-0003.json", "schema-snapshot-post-0003.json"].map { folder.appendingPathComponent($0) }
    }

    /// The fixture files' bytes.
    static func snapshotData() throws -> [Data] {
        try snapshotFiles.map { try Data(contentsOf: $0) }
    }

    /// Snapshots to hold the coders against Foundation on: the fixtures, the hand-built sample, small
    /// synthetic ones over many seeds and one large one.
    static func snapshots() throws -> [Snapshot] {
        let fixtures = try snapshotData().map { try JSONDecoder().decode(Snapshot.self, from: $0) }
        let synthetic = (1...12 as ClosedRange<UInt64>).map { SyntheticSnapshots.make(seed: $0) }
        return fixtures + [SnapshotSamples.full, Snapshot(meta: SnapshotSamples.meta)] + synthetic + [SyntheticSnapshots.make(seed: 99, tables: 400)]
    }
}

/// A small seeded generator (SplitMix64), so a failing case can be replayed from its seed.
struct JSONTestRandom: RandomNumberGenerator {
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
    mutating func bool() -> Bool { next() & 1 == 1 }
    mutating func pick<T>(_ choices: [T]) -> T { choices[next(below: choices.count)] }
}

/// The generator really covers the model: otherwise the suites that use it prove less than they say.
@Suite struct JSONSyntheticSnapshotTests {
    /// Every stored property of every model struct is set somewhere and, when optional, absent somewhere.
    @Test func everyFieldIsSetAndEveryOptionalIsAlsoAbsent() {
        var set: [String: Set<String>] = [:]
        var absent: [String: Set<String>] = [:]
        var all: [String: Set<String>] = [:]
        var optional: [String: Set<String>] = [:]
        func walk(_ value: Any) {
            let mirror = Mirror(reflecting: value)
            switch mirror.displayStyle {
            case .struct:
                let type = String(describing: mirror.subjectType)
                for child in mirror.children {
                    guard let label = child.label else { continue }
                    all[type, default: []].insert(label)
                    let inner = Mirror(reflecting: child.value)
                    if inner.displayStyle == .optional {
                        optional[type, default: []].insert(label)
                        if let wrapped = inner.children.first?.value {
                            set[type, default: []].insert(label)
                            walk(wrapped)
                        } else {
                            absent[type, default: []].insert(label)
                        }
                    } else {
                        set[type, default: []].insert(label)
                        walk(child.value)
                    }
                }
            case .collection, .dictionary, .tuple:
                for child in mirror.children { walk(child.value) }
            default:
                break
            }
        }
        for seed in 1...3 as ClosedRange<UInt64> { walk(SyntheticSnapshots.make(seed: seed, tables: 40)) }
        let expectedTypes: Set<String> = [
            "Snapshot", "Meta", "Scope", "Schema", "Extension", "Table", "Column", "Constraint", "ForeignKeyReference", "Index",
            "IndexKey", "Function", "Policy", "SequenceDefinition", "ColumnReference", "Partitioning", "PartitionMembership",
            "Trigger", "EnumType", "Domain", "DomainConstraint", "CompositeType", "CompositeAttribute", "View",
        ]
        #expect(Set(all.keys) == expectedTypes)
        for (type, fields) in all {
            #expect(set[type] == fields, "\(type): never set: \(fields.subtracting(set[type] ?? []))")
            #expect(absent[type] == optional[type], "\(type): never absent: \((optional[type] ?? []).subtracting(absent[type] ?? []))")
        }
    }

    @Test func theSameSeedGivesTheSameSnapshot() {
        #expect(SyntheticSnapshots.make(seed: 7) == SyntheticSnapshots.make(seed: 7))
        #expect(SyntheticSnapshots.make(seed: 7) != SyntheticSnapshots.make(seed: 8))
    }
}
