import PostgresWire

/// Finds what in the data made a statement fail, after the rehearsal rolled back to the savepoint before
/// it: how many rows are concerned and one sample key, never whole rows.
///
/// The server's error names the table (and the constraint or column) in its fields and one offending key
/// in its detail; the counts come from queries built from those names, each behind a savepoint of its own
/// so that a failing count never spoils the rehearsal's transaction.
struct DataFailureDiagnosis {
    let connection: PostgresConnection
    let savepoint: String

    func diagnose(_ error: PostgresServerError, statement: String) throws -> DataProblem? {
        guard let tableName = error.tableName else {
            return error.sqlState.hasPrefix("22") ? DataProblem(kind: .badValues, table: "", columns: nil, sampleKey: error.detail ?? error.message, rows: nil, groups: nil) : nil
        }
        let table = SQLIdentifier.qualified(error.schemaName ?? "public", tableName)
        let display = "\(error.schemaName.map { "\($0)." } ?? "")\(tableName)"
        switch error.sqlState {
        case "23505":
            guard let (columns, key) = Self.keyAndValues(in: error.detail) else {
                return DataProblem(kind: .duplicateKeys, table: display, columns: nil, sampleKey: nil, rows: nil, groups: nil)
            }
            let notNull = Self.expressions(columns).map { "(\($0)) IS NOT NULL" }.joined(separator: " AND ")
            let counts = try count("""
                SELECT count(*), COALESCE(sum(n), 0)::int8 FROM (
                  SELECT count(*) AS n FROM \(table) WHERE \(notNull) GROUP BY \(columns) HAVING count(*) > 1) duplicates
                """, columns: 2)
            return DataProblem(kind: .duplicateKeys, table: display, columns: columns, sampleKey: key, rows: counts?[1], groups: counts?[0])
        case "23502":
            guard let column = error.columnName else { return nil }
            let rows = try count("SELECT count(*) FROM \(table) WHERE \(SQLIdentifier.doubleQuoted(column)) IS NULL", columns: 1)
            return DataProblem(kind: .nulls, table: display, columns: column, sampleKey: nil, rows: rows?[0], groups: nil)
        case "23514":
            let rows = try countThroughNotValid(statement, constraint: error.constraintName, table: table) { oid in
                "SELECT count(*) FROM \(table) WHERE NOT (\(try checkExpression(of: oid)))"
            }
            return DataProblem(kind: .checkViolations, table: display, columns: error.constraintName, sampleKey: nil, rows: rows, groups: nil)
        case "23503":
            let sample = Self.keyAndValues(in: error.detail)
            let rows = try countThroughNotValid(statement, constraint: error.constraintName, table: table) { oid in
                try missingReferenceCount(of: oid)
            }
            return DataProblem(kind: .missingReferences, table: display, columns: sample?.columns, sampleKey: sample?.values, rows: rows, groups: nil)
        default:
            if error.sqlState.hasPrefix("22") {
                return DataProblem(kind: .badValues, table: display, columns: error.columnName, sampleKey: error.detail ?? error.message, rows: nil, groups: nil)
            }
            return nil
        }
    }

    /// Runs a count behind the savepoint; nil when it fails.
    private func count(_ sql: String, columns: Int) throws -> [Int64]? {
        try behindSavepoint {
            let result = try connection.query(sql)
            guard let row = result.rows.first else { return nil }
            return try (0..<columns).map { try row.decodeIfPresent(Int64.self, at: $0) ?? 0 }
        }
    }

    /// Adds the failing constraint again as NOT VALID (so nothing is checked), reads its definition from
    /// the catalog and counts the rows that violate it; everything behind the savepoint.
    private func countThroughNotValid(
        _ statement: String, constraint: String?, table: String, counting query: (Int64) throws -> String
    ) throws -> Int64? {
        guard let constraint else { return nil }
        var trimmed = statement.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix(";") { trimmed.removeLast() }
        guard !trimmed.uppercased().hasSuffix("NOT VALID") else { return nil }
        return try behindSavepoint {
            try connection.execute(trimmed + " NOT VALID")
            let found = try connection.query(
                "SELECT oid::int8 FROM pg_catalog.pg_constraint WHERE conrelid = $1::regclass AND conname = $2", [table, constraint])
            guard let added = try found.rows.first?.decode(Int64.self, at: 0) else { return nil }
            let result = try connection.query(try query(added))
            return try result.rows.first.map { try $0.decode(Int64.self, at: 0) }
        }
    }

    private func checkExpression(of constraint: Int64) throws -> String {
        let row = try connection.query("SELECT pg_catalog.pg_get_expr(conbin, conrelid) FROM pg_catalog.pg_constraint WHERE oid = \(constraint)").rows.first
        guard let expression = try row?.decodeIfPresent(String.self, at: 0) else { throw DiagnosisUnavailable() }
        return expression
    }

    private func missingReferenceCount(of constraint: Int64) throws -> String {
        let row = try connection.query("""
            SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(c.relname),
                   pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.relname),
                   ARRAY(SELECT pg_catalog.quote_ident(a.attname) FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i),
                   ARRAY(SELECT pg_catalog.quote_ident(a.attname) FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i)
            FROM pg_catalog.pg_constraint k
            JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace
            JOIN pg_catalog.pg_class p ON p.oid = k.confrelid JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
            WHERE k.oid = \(constraint)
            """).rows.first
        guard let row else { throw DiagnosisUnavailable() }
        let child = try row.decode(String.self, at: 0)
        let parent = try row.decode(String.self, at: 1)
        let childColumns = try row.decode([String].self, at: 2)
        let parentColumns = try row.decode([String].self, at: 3)
        let present = childColumns.map { "c.\($0) IS NOT NULL" }.joined(separator: " AND ")
        let matches = zip(childColumns, parentColumns).map { "p.\($1) = c.\($0)" }.joined(separator: " AND ")
        return "SELECT count(*) FROM \(child) c WHERE \(present) AND NOT EXISTS (SELECT 1 FROM \(parent) p WHERE \(matches))"
    }

    private func behindSavepoint<T>(_ body: () throws -> T?) throws -> T? {
        try connection.execute("SAVEPOINT \(savepoint)")
        do {
            let value = try body()
            try connection.execute("ROLLBACK TO SAVEPOINT \(savepoint); RELEASE SAVEPOINT \(savepoint)")
            return value
        } catch {
            // A count that fails is only a count not shown; rolling back to the savepoint keeps the
            // rehearsal's transaction usable (and throws if the connection itself is gone).
            try connection.execute("ROLLBACK TO SAVEPOINT \(savepoint); RELEASE SAVEPOINT \(savepoint)")
            return nil
        }
    }

    private struct DiagnosisUnavailable: Error {}

    /// `Key (a, b)=(1, x) is duplicated.` → ("a, b", "(1, x)").
    static func keyAndValues(in detail: String?) -> (columns: String, values: String)? {
        guard let detail, detail.hasPrefix("Key ("), let equals = detail.range(of: ")=(") else { return nil }
        let columns = String(detail[detail.index(detail.startIndex, offsetBy: 5)..<equals.lowerBound])
        var values = String(detail[detail.index(before: equals.upperBound)...])
        for ending in [" is duplicated.", " already exists."] where values.hasSuffix(ending) { values.removeLast(ending.count) }
        if let range = values.range(of: ") is not present in table ") { values = String(values[..<values.index(after: range.lowerBound)]) }
        return (columns, values)
    }

    /// The comma-separated key expressions of `columns`, splitting only at top-level commas.
    static func expressions(_ columns: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var inQuotes = false
        var current = ""
        for character in columns {
            switch character {
            case "\"": inQuotes.toggle()
            case "(" where !inQuotes: depth += 1
            case ")" where !inQuotes: depth -= 1
            case "," where !inQuotes && depth == 0:
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { parts.append(current.trimmingCharacters(in: .whitespaces)) }
        return parts
    }
}
