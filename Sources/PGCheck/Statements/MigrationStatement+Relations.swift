extension MigrationStatement {
    /// The tables and indexes the statement names, as written (`"usage_events"`, `public.admins`): after
    /// `TABLE`, `INDEX` (for DROP/ALTER INDEX), `ON` (for CREATE INDEX), `REFERENCES`, `INTO`, `UPDATE`
    /// and `DELETE FROM`. The server resolves them (and indexes to their tables); a name it does not know
    /// is a table the migration creates.
    public var namedRelations: [String] {
        var scanner = SQLKeywords.Scanner(sql)
        var names: [String] = []
        var previous: [String] = []
        var expectName = false
        let skipped: Set<String> = ["ONLY", "IF", "NOT", "EXISTS", "CONCURRENTLY"]
        while let token = scanner.next() {
            guard token.kind == .word || token.kind == .quoted else {
                expectName = false
                if token.kind == .openParenthesis { previous.append("(") }
                continue
            }
            let upper = token.kind == .word ? token.text.uppercased() : ""
            if expectName {
                if skipped.contains(upper) { continue }
                names.append(Self.qualifiedName(startingWith: token, in: sql, after: &scanner))
                expectName = false
                continue
            }
            let startsIndexStatement = previous.first == "CREATE" && (previous.contains("INDEX"))
            switch upper {
            case "TABLE", "REFERENCES", "INTO", "UPDATE": expectName = true
            case "INDEX" where previous.first == "DROP" || previous.first == "ALTER": expectName = true
            case "ON" where startsIndexStatement && !previous.contains("ON"): expectName = true
            case "FROM" where previous.first == "DELETE": expectName = true
            default: break
            }
            previous.append(upper)
        }
        return names
    }

    /// `first` and the `.part`s that follow it with no space between (`"public"."usage_events"`).
    private static func qualifiedName(startingWith first: SQLKeywords.Token, in sql: String, after scanner: inout SQLKeywords.Scanner) -> String {
        var end = first.range.upperBound
        var lookahead = scanner
        while let next = lookahead.next(), next.range.lowerBound == end, next.kind == .word || next.kind == .quoted || next.text == "." {
            guard next.text.hasPrefix(".") || sql[sql.index(before: next.range.lowerBound)] == "." else { break }
            end = next.range.upperBound
            scanner = lookahead
        }
        return String(sql[first.range.lowerBound..<end])
    }
}
