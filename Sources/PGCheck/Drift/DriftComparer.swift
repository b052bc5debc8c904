import Foundation
import PGCatalog
import PostgresWire

/// Compares the schema drizzle-kit believes a database has (a ``DrizzleSchemaSnapshot``) with the one it
/// has (a pgcheck ``Snapshot``), on what drizzle tracks and nothing else.
///
/// Within the schemas drizzle manages (`public`, those it lists, those its objects live in), every table,
/// column, index, constraint, enum, stand-alone sequence, view, RLS flag and policy is compared property
/// by property, in equivalent spellings rather than equal ones (``DriftTypeNames``, ``DriftExpressions``,
/// and the server's deparser through ``ServerExpressionJudge`` when one is at hand). Everything else
/// (other schemas, extensions, functions, triggers, the migrations ledger) is listed as unmanaged.
public struct DriftComparer {
    /// The ledger, left out of the comparison.
    public var ledger: DrizzleLedger.Location
    /// The server's deparser, for expressions tokens cannot decide (nil: offline, they are "cannot compare").
    public var judge: ServerExpressionJudge?
    /// Which migration last defined each object.
    public var provenance: DriftProvenance

    /// Creates a comparer.
    public init(ledger: DrizzleLedger.Location = .drizzleDefault, judge: ServerExpressionJudge? = nil, provenance: DriftProvenance = DriftProvenance()) {
        self.ledger = ledger
        self.judge = judge
        self.provenance = provenance
    }

    /// What differs, what could not be compared, and what drizzle does not manage.
    public struct Outcome: Sendable, Equatable {
        /// Differences.
        public var drift: [DriftReport.Finding] = []
        /// Undecided comparisons.
        public var cannotCompare: [DriftReport.Finding] = []
        /// Objects outside drizzle's management.
        public var unmanaged: [String] = []
    }

    /// Compares `expected` with `actual`.
    public func compare(expected: DrizzleSchemaSnapshot, actual: Snapshot) -> Outcome {
        var work = Work(comparer: self, actual: actual)
        let managed = expected.managedSchemas
        work.compareSchemas(expected: expected, managed: managed)
        work.compareEnums(expected: expected, managed: managed)
        work.compareSequences(expected: expected, managed: managed)
        work.compareViews(expected: expected, managed: managed)
        work.compareTables(expected: expected, managed: managed)
        work.listUnmanaged(managed: managed)
        work.outcome.drift.sort { ($0.kind, $0.object, $0.property) < ($1.kind, $1.object, $1.property) }
        work.outcome.cannotCompare.sort { ($0.kind, $0.object, $0.property) < ($1.kind, $1.object, $1.property) }
        return work.outcome
    }

    /// The state of one comparison.
    struct Work {
        let comparer: DriftComparer
        let actual: Snapshot
        var outcome = Outcome()
        /// Actual tables by unquoted `schema.name`.
        let tables: [String: Snapshot.Table]
        /// Actual indexes by their table's unquoted `schema.name`.
        let indexesByTable: [String: [Snapshot.Index]]

        init(comparer: DriftComparer, actual: Snapshot) {
            self.comparer = comparer
            self.actual = actual
            var tables: [String: Snapshot.Table] = [:]
            var unquotedKey: [String: String] = [:]
            for (key, table) in actual.tables {
                tables["\(table.schema).\(table.name)"] = table
                unquotedKey[key] = "\(table.schema).\(table.name)"
            }
            self.tables = tables
            var indexes: [String: [Snapshot.Index]] = [:]
            for index in actual.indexes.values {
                indexes[unquotedKey[index.table] ?? Self.unquoted(index.table), default: []].append(index)
            }
            indexesByTable = indexes
        }

        var isLedger: (String, String) -> Bool {
            { [ledger = comparer.ledger] schema, name in schema == ledger.schema && (name == ledger.table || name == "\(ledger.table)_id_seq") }
        }

        mutating func drift(_ kind: String, _ object: String, _ property: String, expected: String?, actual: String?) {
            outcome.drift.append(.init(kind: kind, object: object, property: property, expected: expected, actual: actual,
                                       definedIn: comparer.provenance.migration(for: "\(kind) \(object)")))
        }

        mutating func undecided(_ kind: String, _ object: String, _ property: String, expected: String?, actual: String?) {
            outcome.cannotCompare.append(.init(kind: kind, object: object, property: property, expected: expected, actual: actual,
                                               definedIn: comparer.provenance.migration(for: "\(kind) \(object)")))
        }

        /// Records the verdict of comparing two expressions: nothing, drift, or "cannot compare".
        mutating func judge(_ verdict: DriftExpressions.Verdict, _ kind: String, _ object: String, _ property: String, expected: String, actual: String) {
            switch verdict {
            case .same: break
            case .different: drift(kind, object, property, expected: expected, actual: actual)
            case .undecided: undecided(kind, object, property, expected: expected, actual: actual)
            }
        }

        /// Tokens first, then the server's deparser.
        func verdict(_ expected: String, _ actual: String, table: (schema: String, name: String)?, castTo type: String? = nil) -> DriftExpressions.Verdict {
            var qualifiers: Set<String> = []
            if let table { qualifiers = [table.schema, table.name] }
            let byTokens = DriftExpressions.compare(expected, actual, qualifiers: qualifiers)
            guard byTokens == .undecided, let judge = comparer.judge else { return byTokens }
            return judge.compare(expected, actual, table: table, castTo: type)
        }

        static func unquoted(_ key: String) -> String { SQLIdentifier.parts(key).joined(separator: ".") }

        // MARK: schemas, enums, sequences, views

        mutating func compareSchemas(expected: DrizzleSchemaSnapshot, managed: Set<String>) {
            for schema in expected.schemas.sorted() where actual.schemas[schema] == nil {
                drift("schema", schema, "exists", expected: "present", actual: nil)
            }
        }

        mutating func compareEnums(expected: DrizzleSchemaSnapshot, managed: Set<String>) {
            var seen: Set<String> = []
            for item in expected.enums.values.sorted(by: { ($0.schema, $0.name) < ($1.schema, $1.name) }) {
                let key = "\(item.schema).\(item.name)"
                seen.insert(key)
                guard let live = actual.enums.values.first(where: { $0.schema == item.schema && $0.name == item.name }) else {
                    drift("enum", key, "exists", expected: item.values.joined(separator: ", "), actual: nil)
                    continue
                }
                if Set(live.labels) != Set(item.values) {
                    drift("enum", key, "values", expected: item.values.joined(separator: ", "), actual: live.labels.joined(separator: ", "))
                } else if live.labels != item.values {
                    // drizzle-kit before 0.23 added labels with ADD VALUE and no BEFORE/AFTER: the database built
                    // by its own migrations has them in another order than its snapshot.
                    undecided("enum", key, "order", expected: item.values.joined(separator: ", "), actual: live.labels.joined(separator: ", "))
                }
            }
            for live in actual.enums.values where managed.contains(live.schema) && !seen.contains("\(live.schema).\(live.name)") {
                drift("enum", "\(live.schema).\(live.name)", "exists", expected: nil, actual: live.labels.joined(separator: ", "))
            }
        }

        mutating func compareSequences(expected: DrizzleSchemaSnapshot, managed: Set<String>) {
            var seen: Set<String> = []
            for item in expected.sequences.values.sorted(by: { ($0.schema, $0.name) < ($1.schema, $1.name) }) {
                let key = "\(item.schema).\(item.name)"
                seen.insert(key)
                guard let live = actual.sequences.values.first(where: { $0.schema == item.schema && $0.name == item.name }) else {
                    drift("sequence", key, "exists", expected: "present", actual: nil)
                    continue
                }
                let pairs: [(String, String?, String)] = [
                    ("increment", item.increment, "\(live.increment)"), ("minValue", item.minValue, "\(live.minValue)"),
                    ("maxValue", item.maxValue, "\(live.maxValue)"), ("startWith", item.startWith, "\(live.start)"),
                    ("cache", item.cache, "\(live.cache)"),
                ]
                for (property, wanted, has) in pairs {
                    if let wanted, wanted != has { drift("sequence", key, property, expected: wanted, actual: has) }
                }
                if let cycle = item.cycle, cycle != live.cycle { drift("sequence", key, "cycle", expected: "\(cycle)", actual: "\(live.cycle)") }
            }
            for live in actual.sequences.values where live.ownedBy == nil && managed.contains(live.schema)
                && !seen.contains("\(live.schema).\(live.name)") && !isLedger(live.schema, live.name) {
                drift("sequence", "\(live.schema).\(live.name)", "exists", expected: nil, actual: "present")
            }
        }

        mutating func compareViews(expected: DrizzleSchemaSnapshot, managed: Set<String>) {
            var seen: Set<String> = []
            let liveViews = actual.views.values.map { ($0, false) } + actual.materializedViews.values.map { ($0, true) }
            for item in expected.views.values.sorted(by: { ($0.schema, $0.name) < ($1.schema, $1.name) }) {
                let key = "\(item.schema).\(item.name)"
                seen.insert(key)
                if item.isExisting { continue }
                guard let (live, materialized) = liveViews.first(where: { $0.0.schema == item.schema && $0.0.name == item.name }) else {
                    drift("view", key, "exists", expected: item.materialized ? "materialized view" : "view", actual: nil)
                    continue
                }
                if materialized != item.materialized {
                    drift("view", key, "materialized", expected: "\(item.materialized)", actual: "\(materialized)")
                }
                if let definition = item.definition {
                    let verdict = DriftExpressions.compare(definition, live.definition.trimmingCharacters(in: CharacterSet(charactersIn: " ;\n")))
                    judge(verdict == .same ? .same : .undecided, "view", key, "definition", expected: definition, actual: live.definition)
                }
            }
            for (live, materialized) in liveViews where managed.contains(live.schema) && !seen.contains("\(live.schema).\(live.name)") {
                drift("view", "\(live.schema).\(live.name)", "exists", expected: nil, actual: materialized ? "materialized view" : "view")
            }
        }

        // MARK: unmanaged

        mutating func listUnmanaged(managed: Set<String>) {
            var lines: [String] = []
            for schema in actual.schemas.keys.sorted() where !managed.contains(schema) {
                let tables = actual.tables.values.filter { $0.schema == schema }
                if schema == comparer.ledger.schema, tables.allSatisfy({ isLedger($0.schema, $0.name) }) {
                    lines.append("schema \(schema) (the migrations ledger \(schema).\(comparer.ledger.table))")
                } else {
                    lines.append("schema \(schema) (\(tables.count) table\(tables.count == 1 ? "" : "s"))")
                }
            }
            if managed.contains(comparer.ledger.schema), tables["\(comparer.ledger.schema).\(comparer.ledger.table)"] != nil {
                lines.append("table \(comparer.ledger.schema).\(comparer.ledger.table) (the migrations ledger)")
            }
            for name in actual.extensions.keys.sorted() { lines.append("extension \(name)") }
            for key in actual.functions.keys.sorted() { lines.append("function \(key)") }
            for key in actual.triggers.keys.sorted() { lines.append("trigger \(key)") }
            for key in actual.domains.keys.sorted() { lines.append("domain \(key)") }
            for key in actual.compositeTypes.keys.sorted() { lines.append("type \(key)") }
            outcome.unmanaged = lines
        }
    }
}
