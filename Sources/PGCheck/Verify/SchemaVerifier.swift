import PGCatalog
import PGSupport

/// Checks ``SchemaExpectation``s against a snapshot: a file, or one just captured from a live database.
///
/// ```swift
/// let verifier = SchemaVerifier(snapshot: snapshot)
/// let report = verifier.verify([
///     .index(IndexExpectation(name: SQLName(name: "usage_admin_bucket_idx"), covers: ["window_start", "window_end", "source"])),
///     .allValid,
/// ], source: "post-0003.json")
/// print(report.text)   // PASS/FAIL per expectation, with the definitions found
/// ```
///
/// Every check that finds an index also requires it valid and ready, and every check that finds a
/// constraint requires it validated: an index left INVALID by a failed `CREATE INDEX CONCURRENTLY` is
/// never reported as present.
public struct SchemaVerifier: Sendable {
    /// The schema being checked.
    public let snapshot: Snapshot
    let lookup: SnapshotLookup

    /// A verifier for `snapshot`.
    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
        self.lookup = SnapshotLookup(snapshot: snapshot)
    }

    /// Checks every expectation, in order. `source` names the database or file in the report.
    public func verify(_ expectations: [SchemaExpectation], source: String) -> VerificationReport {
        VerificationReport(source: source, results: expectations.map(check))
    }

    /// Checks one expectation.
    public func check(_ expectation: SchemaExpectation) -> SchemaCheckResult {
        let verdict: Verdict
        switch expectation {
        case .table(let name): verdict = checkTable(name)
        case .column(let column): verdict = checkColumn(column)
        case .index(let index): verdict = IndexCheck(lookup: lookup, expectation: index).verdict()
        case .constraint(let constraint): verdict = checkConstraint(constraint)
        case .allValid: verdict = checkAllValid()
        }
        return SchemaCheckResult(
            expectation: expectation.description, status: verdict.passed ? .pass : .fail, reason: verdict.reason,
            details: verdict.details, evidence: verdict.evidence)
    }

    private func checkTable(_ name: SQLName) -> Verdict {
        let relation: SnapshotLookup.Relation
        switch resolve(name, what: "table") {
        case .failure(let verdict): return verdict
        case .success(let found): relation = found
        }
        let evidence = ["\(relation.key) (\(relation.kind)): " + Self.columnList(relation)]
        guard relation.kind.hasSuffix("table") else {
            return Verdict(passed: false, reason: "\(relation.key) is a \(relation.kind), not a table", evidence: evidence)
        }
        return Verdict(passed: true, reason: "\(relation.key) is a \(relation.kind) with \(relation.columns.count) columns", evidence: evidence)
    }

    private func checkColumn(_ expectation: ColumnExpectation) -> Verdict {
        let relation: SnapshotLookup.Relation
        switch resolve(expectation.table, what: "table") {
        case .failure(let verdict): return verdict
        case .success(let found): relation = found
        }
        guard let column = relation.columns[expectation.column] else {
            return Verdict(passed: false, reason: "\(relation.key) has no column \(SQLName.written(expectation.column))",
                           evidence: ["\(relation.key) (\(relation.kind)): " + Self.columnList(relation)])
        }
        var problems: [String] = []
        if let type = expectation.type, !TypeNameMatching.matches(expected: type, actual: column.type) {
            problems.append("its type is \(column.type), not \(type)")
        }
        if let notNull = expectation.notNull, notNull != column.notNull {
            problems.append(column.notNull ? "it is NOT NULL, expected nullable" : "it is nullable, expected NOT NULL")
        }
        let evidence = ["\(relation.key).\(SQLName.written(column.name)) " + Self.columnDefinition(column)]
        if problems.isEmpty {
            return Verdict(passed: true, reason: "found: \(column.type)\(column.notNull ? " NOT NULL" : ", nullable"), position \(column.position)", evidence: evidence)
        }
        return Verdict(passed: false, reason: problems.joined(separator: "; "), evidence: evidence)
    }

    private func checkConstraint(_ expectation: ConstraintExpectation) -> Verdict {
        var table: SnapshotLookup.Relation?
        if let name = expectation.table {
            switch resolve(name, what: "table") {
            case .failure(let verdict): return verdict
            case .success(let found): table = found
            }
        }
        switch lookup.constraint(expectation.name, onTable: table) {
        case .missing:
            let place = table.map { "on \($0.key)" } ?? "on any table"
            let known = table.map { relation in
                ". Its constraints: " + (relation.constraints.isEmpty ? "none" : relation.constraints.keys.sorted().joined(separator: ", "))
            } ?? ""
            return Verdict(passed: false, reason: "no constraint named \(SQLName.written(expectation.name)) \(place)\(known)")
        case .ambiguous(let tables):
            return Verdict(passed: false, reason: "several tables have a constraint named \(SQLName.written(expectation.name)): \(tables.joined(separator: ", ")); add --on TABLE")
        case .found(let found):
            let evidence = ["\(found.table.key): CONSTRAINT \(SQLName.written(expectation.name)) \(found.constraint.definition)"
                            + (found.constraint.validated ? "" : " NOT VALID")]
            guard found.constraint.validated else {
                return Verdict(passed: false, reason: "on \(found.table.key) but NOT VALID: it was added NOT VALID and never validated (ALTER TABLE … VALIDATE CONSTRAINT)", evidence: evidence)
            }
            return Verdict(passed: true, reason: "found on \(found.table.key), validated", evidence: evidence)
        }
    }

    private func checkAllValid() -> Verdict {
        var evidence: [String] = []
        var details: [String] = []
        for (key, index) in snapshot.indexes.sorted(by: { $0.key < $1.key }) where !index.valid || !index.ready {
            let state = [index.valid ? nil : "INVALID", index.ready ? nil : "not ready"].compactMap { $0 }.joined(separator: ", ")
            details.append("index \(key) on \(index.table) is \(state)")
            evidence.append(index.definition)
        }
        var constraintCount = 0
        for (key, table) in snapshot.tables.sorted(by: { $0.key < $1.key }) {
            for (name, constraint) in table.constraints.sorted(by: { $0.key < $1.key }) {
                constraintCount += 1
                guard !constraint.validated else { continue }
                details.append("constraint \(SQLName.written(name)) on \(key) is NOT VALID")
                evidence.append("\(key): CONSTRAINT \(SQLName.written(name)) \(constraint.definition) NOT VALID")
            }
        }
        for (key, domain) in snapshot.domains.sorted(by: { $0.key < $1.key }) {
            for (name, constraint) in domain.constraints.sorted(by: { $0.key < $1.key }) {
                constraintCount += 1
                guard !constraint.validated else { continue }
                details.append("constraint \(SQLName.written(name)) on domain \(key) is NOT VALID")
                evidence.append("domain \(key): CONSTRAINT \(SQLName.written(name)) \(constraint.definition) NOT VALID")
            }
        }
        guard details.isEmpty else {
            return Verdict(passed: false, reason: "\(details.count) not valid: " + details.joined(separator: "; "), details: details, evidence: evidence)
        }
        return Verdict(passed: true, reason: "all \(snapshot.indexes.count) indexes are valid and ready; all \(constraintCount) constraints are validated")
    }

    /// The relation `name` resolves to, or the failing verdict saying why it does not.
    func resolve(_ name: SQLName, what: String) -> Result<SnapshotLookup.Relation, Verdict> {
        switch lookup.relation(name) {
        case .found(let relation):
            return .success(relation)
        case .missing:
            return .failure(Verdict(passed: false, reason: "no \(what) named \(name)" + suggestion(for: name)))
        case .ambiguous(let keys):
            return .failure(Verdict(passed: false, reason: "\(name) is ambiguous: \(keys.joined(separator: ", ")); qualify it with its schema"))
        }
    }

    /// ` (did you mean public."Users"?)` when the name only differs in case, else nothing.
    private func suggestion(for name: SQLName) -> String {
        let close = lookup.relations.filter { $0.name.lowercased() == name.name.lowercased() }.map(\.key).sorted()
        return close.isEmpty ? "" : " (did you mean \(close.joined(separator: " or "))? mixed-case names need double quotes)"
    }

    static func columnList(_ relation: SnapshotLookup.Relation) -> String {
        relation.columns.values.sorted { $0.position < $1.position }.map { SQLName.written($0.name) }.joined(separator: ", ")
    }

    static func columnDefinition(_ column: Snapshot.Column) -> String {
        var text = column.type
        if column.notNull { text += " NOT NULL" }
        if let expression = column.default { text += " DEFAULT \(expression)" }
        if let identity = column.identity { text += identity == .always ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY" }
        if let expression = column.generated { text += " GENERATED ALWAYS AS (\(expression)) STORED" }
        return text
    }
}

/// A verdict before it is labelled with its expectation.
struct Verdict: Error {
    var passed: Bool
    var reason: String
    var details: [String] = []
    var evidence: [String] = []
}

extension Verdict: ClassifiedError {
    /// A verdict that escapes is an expectation that did not hold.
    var failureKind: FailureKind { passed ? .badInput : .checkFailed }
}
