import PGCatalog

/// `--index NAME [--on TABLE] [--covers …] [--unique] [--key-prefix …]` against a snapshot.
///
/// "Covers" means the column is in the index key or in its `INCLUDE` list; the verdict says which and
/// at what (1-based) position. A column used only inside an expression key does not count: the index
/// cannot return that column's value.
struct IndexCheck {
    let lookup: SnapshotLookup
    let expectation: IndexExpectation

    func verdict() -> Verdict {
        var tableKey: String?
        if let table = expectation.table {
            switch SchemaVerifier(snapshot: lookup.snapshot).resolve(table, what: "table") {
            case .failure(let verdict): return verdict
            case .success(let relation): tableKey = relation.key
            }
        }
        switch lookup.index(expectation.name, onTable: tableKey) {
        case .missing:
            return missing(onTable: tableKey)
        case .ambiguous(let keys):
            return Verdict(passed: false, reason: "several schemas have an index named \(expectation.name): \(keys.joined(separator: ", ")); qualify it or add --on TABLE")
        case .found(let found):
            return judge(found.key, found.index)
        }
    }

    private func missing(onTable tableKey: String?) -> Verdict {
        guard let tableKey else {
            return Verdict(passed: false, reason: "no index named \(expectation.name)")
        }
        if case .found(let elsewhere) = lookup.index(expectation.name, onTable: nil) {
            return Verdict(passed: false, reason: "index \(elsewhere.key) is on \(elsewhere.index.table), not on \(tableKey)",
                           evidence: [elsewhere.index.definition])
        }
        let names = lookup.indexes(onTable: tableKey).map(\.name)
        return Verdict(passed: false, reason: "no index named \(expectation.name) on \(tableKey); its indexes: "
                       + (names.isEmpty ? "none" : names.joined(separator: ", ")))
    }

    private func judge(_ key: String, _ index: Snapshot.Index) -> Verdict {
        var problems: [String] = []
        var facts: [String] = []
        if !index.valid {
            problems.append("the index is INVALID (a failed CREATE INDEX CONCURRENTLY leaves it so): queries do not use it; drop it and build it again")
        } else if !index.ready {
            problems.append("the index is not ready (still being built concurrently, or the build failed): it is not maintained on writes")
        }
        if let unique = expectation.unique, unique != index.unique {
            problems.append(unique ? "it is not unique" : "it is unique")
        } else if expectation.unique != nil {
            facts.append(index.unique ? "unique" : "not unique")
        }
        let keyColumns = index.keys.map { $0.column }
        if !expectation.keyPrefix.isEmpty {
            let prefix = expectation.keyPrefix.map { Optional($0) }
            if Array(keyColumns.prefix(prefix.count)) == prefix {
                facts.append("key starts (\(expectation.keyPrefix.joined(separator: ", ")))")
            } else {
                problems.append("its key starts (\(Self.keyText(index.keys.prefix(prefix.count)))), not (\(expectation.keyPrefix.joined(separator: ", ")))")
            }
        }
        let coverage = expectation.covers.map { column in (column, Self.place(of: column, in: index)) }
        let missing = coverage.filter { $0.1 == nil }.map(\.0)
        let details = coverage.map { column, place in "\(column): " + (place ?? "missing (not in the key or INCLUDE list)") }
        if !missing.isEmpty {
            let include = index.include.map { "INCLUDE (\($0.joined(separator: ", ")))" } ?? "no INCLUDE list"
            problems.append("missing \(missing.count == 1 ? "column" : "columns") \(missing.joined(separator: ", ")): "
                            + "the key is (\(Self.keyText(index.keys[...]))), \(include)")
        } else if !coverage.isEmpty {
            facts.append("covers all \(coverage.count) \(coverage.count == 1 ? "column" : "columns")")
        }
        let state = [index.valid ? nil : "INVALID", index.ready ? nil : "not ready"].compactMap { $0 }
        let evidence = [index.definition + (state.isEmpty ? "" : "  -- " + state.joined(separator: ", "))]
        if problems.isEmpty {
            let summary = facts.isEmpty ? "" : ": " + facts.joined(separator: "; ")
            return Verdict(passed: true, reason: "\(key) on \(index.table) is valid and ready\(summary)", details: details, evidence: evidence)
        }
        return Verdict(passed: false, reason: problems.joined(separator: "; "), details: details, evidence: evidence)
    }

    /// `key column 4 of 5` or `INCLUDE column 1 of 1`, or nil when the index does not have it.
    static func place(of column: String, in index: Snapshot.Index) -> String? {
        if let position = index.keys.firstIndex(where: { $0.column == column }) {
            return "key column \(position + 1) of \(index.keys.count)"
        }
        if let include = index.include, let position = include.firstIndex(of: column) {
            return "INCLUDE column \(position + 1) of \(include.count)"
        }
        return nil
    }

    private static func keyText(_ keys: ArraySlice<Snapshot.IndexKey>) -> String {
        keys.map { $0.column.map(SQLName.written) ?? $0.expression ?? "?" }.joined(separator: ", ")
    }
}
