/// The safer way to write a hazardous statement, written for that statement where its shape is clear
/// (index names, tables, constraints), in general terms otherwise.
enum RehearsalAdvice {
    /// Non-transactional statements run where: pgcheck's own apply, or a step outside drizzle.
    static let runOutsideTheTransaction =
        "CONCURRENTLY cannot run inside drizzle's migrator transaction: apply with `pgcheck migrations apply --allow-nontransactional` (it runs such statements on their own), or run them as a separate step"

    /// For an index built without CONCURRENTLY; `earlier` are the statements before it in the same
    /// migration (to spot the drop-and-recreate of an index under the same name).
    static func indexBuild(_ sql: String, earlier: [String]) -> String {
        guard let index = IndexStatementShape(sql) else {
            return "build the index with CREATE INDEX CONCURRENTLY (SHARE UPDATE EXCLUSIVE: reads and writes go on). \(runOutsideTheTransaction)."
        }
        let droppedFirst = earlier.contains { statement in
            guard let dropped = DropIndexShape(statement) else { return false }
            return dropped.name == index.name
        }
        if droppedFirst {
            let fresh = index.renamed(suffix: "_new")
            return """
                build the new index beside the old one and swap: \(fresh.concurrently); \
                DROP INDEX CONCURRENTLY \(index.name); ALTER INDEX \(fresh.name) RENAME TO \(index.name). \
                Reads and writes go on throughout; only the rename takes a brief exclusive lock on the index. \
                \(runOutsideTheTransaction).
                """
        }
        return "\(index.concurrently) (SHARE UPDATE EXCLUSIVE: reads and writes go on). \(runOutsideTheTransaction)."
    }

    /// For a lock that blocks a table from `statement` to the commit.
    static func blocking(_ sql: String, laterStatements: Int) -> String {
        let words = SQLKeywords.leading(in: sql, count: 6)
        var advice: String
        if words.starts(with: ["DROP", "INDEX"]) {
            advice = "drop the index with DROP INDEX CONCURRENTLY (it waits for running queries instead of blocking them)"
            if let dropped = DropIndexShape(sql) { advice += ": DROP INDEX CONCURRENTLY \(dropped.name)" }
            advice += ". \(runOutsideTheTransaction)"
        } else if words.starts(with: ["CREATE", "INDEX"]) || words.starts(with: ["CREATE", "UNIQUE", "INDEX"]) {
            advice = indexBuild(sql, earlier: [])
        } else {
            advice = "the statement itself is quick, but its lock is not released until the commit: put it in a migration of its own (drizzle commits each migration only with the others, so apply it on its own), or last"
        }
        if laterStatements > 0 {
            advice += ". Every lock is held to the commit: the \(laterStatements) statement\(laterStatements == 1 ? "" : "s") after it run\(laterStatements == 1 ? "s" : "") under it; split them into a later migration."
        }
        return advice
    }

    /// For a table rewritten by `sql`.
    static func rewrite(_ sql: String) -> String {
        let upper = sql.uppercased()
        if upper.contains(" TYPE ") || upper.contains("SET DATA TYPE") {
            return "add a new column of the new type, backfill it in batches, switch readers and writers to it, then drop the old one (expand and contract); a type change rewrites the whole table under ACCESS EXCLUSIVE"
        }
        if upper.contains("ADD COLUMN") {
            return "add the column without the volatile default (or generated expression), set the default for new rows, then backfill existing rows in batches; only a constant default avoids the rewrite"
        }
        return "this rewrites the whole table under ACCESS EXCLUSIVE; do the change in steps that do not rewrite (expand and contract, batched backfills)"
    }

    /// For a constraint or NOT NULL validated by a scan under a lock that blocks writes.
    static func validation(_ sql: String, validated: [String]) -> String {
        if validated.contains(where: { $0.hasPrefix("NOT NULL") }) || sql.uppercased().contains("SET NOT NULL") {
            return "add CHECK (column IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT (SHARE UPDATE EXCLUSIVE: reads and writes go on), then SET NOT NULL, which PostgreSQL 12+ proves from the validated CHECK without a scan; drop the CHECK afterwards"
        }
        var statement = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        if statement.hasSuffix(";") { statement.removeLast() }
        let name = validated.first.flatMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
        let table = AlterTableShape(statement)?.table
        if let name, let table {
            return "add it as NOT VALID, then validate separately: \(statement) NOT VALID; ALTER TABLE \(table) VALIDATE CONSTRAINT \(name) (VALIDATE takes SHARE UPDATE EXCLUSIVE: reads and writes go on)"
        }
        return "add the constraint as NOT VALID, then ALTER TABLE … VALIDATE CONSTRAINT … in a later statement (SHARE UPDATE EXCLUSIVE: reads and writes go on)"
    }

    /// For a statement that fails on the rehearsal data.
    static func dataFailure(_ problem: DataProblem) -> String {
        switch problem.kind {
        case .duplicateKeys:
            "remove or merge the duplicate keys first (find them with GROUP BY \(problem.columns ?? "the key columns") HAVING count(*) > 1), then build the unique index"
        case .nulls:
            "fill the NULLs first (an UPDATE in batches), or give the column a default, before making it NOT NULL"
        case .checkViolations:
            "fix the violating rows first, or add the constraint NOT VALID (new rows are checked) and VALIDATE it once the old rows are fixed"
        case .missingReferences:
            "delete or fix the rows without a referenced row first, or add the foreign key NOT VALID and VALIDATE it once they are fixed"
        case .badValues:
            "clean the values that cannot be converted first, or convert with a USING expression that handles them"
        }
    }
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON …`, as far as advice needs it.
struct IndexStatementShape {
    /// The index name as written (quoted if it was).
    let name: String
    private let unique: Bool
    private let ifNotExists: Bool
    /// Everything from `ON` on.
    private let rest: Substring

    init?(_ sql: String) {
        var scanner = SQLKeywords.Scanner(sql)
        var words: [SQLKeywords.Token] = []
        while let token = scanner.next() {
            if token.kind == .word, token.text.uppercased() == "ON" {
                let expected = words.map { $0.text.uppercased() }
                guard expected.first == "CREATE", let indexAt = expected.firstIndex(of: "INDEX"), let last = words.last,
                      last.text.uppercased() != "INDEX", last.text.uppercased() != "EXISTS", last.text.uppercased() != "CONCURRENTLY"
                else { return nil }
                unique = expected[1..<indexAt].contains("UNIQUE")
                ifNotExists = expected.contains("EXISTS")
                name = String(last.text)
                var end = sql.endIndex
                var trimmed = sql[token.range.lowerBound..<end]
                while let character = trimmed.last, character == ";" || character.isWhitespace {
                    end = sql.index(before: end)
                    trimmed = sql[token.range.lowerBound..<end]
                }
                rest = trimmed
                return
            }
            if token.kind == .semicolon { return nil }
            words.append(token)
        }
        return nil
    }

    private init(name: String, unique: Bool, ifNotExists: Bool, rest: Substring) {
        self.name = name
        self.unique = unique
        self.ifNotExists = ifNotExists
        self.rest = rest
    }

    /// The statement building this index CONCURRENTLY.
    var concurrently: String {
        "CREATE \(unique ? "UNIQUE " : "")INDEX CONCURRENTLY \(ifNotExists ? "IF NOT EXISTS " : "")\(name) \(rest)"
    }

    /// The same index under `name` with `suffix` added (inside the quotes when quoted).
    func renamed(suffix: String) -> IndexStatementShape {
        let fresh = name.hasSuffix("\"") ? String(name.dropLast()) + suffix + "\"" : name + suffix
        return IndexStatementShape(name: fresh, unique: unique, ifNotExists: false, rest: rest)
    }
}

/// `DROP INDEX [CONCURRENTLY] [IF EXISTS] name`.
struct DropIndexShape {
    let name: String

    init?(_ sql: String) {
        let words = SQLKeywords.leading(in: sql, count: 6)
        guard words.starts(with: ["DROP", "INDEX"]) else { return nil }
        let rest = words.dropFirst(2).filter { !["CONCURRENTLY", "IF", "EXISTS"].contains($0) }
        guard let first = rest.first else { return nil }
        // A bare name was upper-cased by the keyword reader: take it from the text as written.
        name = first.hasPrefix("\"") ? first : Self.asWritten(first, in: sql)
    }

    private static func asWritten(_ upper: String, in sql: String) -> String {
        var scanner = SQLKeywords.Scanner(sql)
        while let token = scanner.next() {
            if token.text.uppercased() == upper { return String(token.text) }
        }
        return upper.lowercased()
    }
}

/// `ALTER TABLE [ONLY] [IF EXISTS] name …`: the table as written.
struct AlterTableShape {
    let table: String

    init?(_ sql: String) {
        var scanner = SQLKeywords.Scanner(sql)
        var words: [String] = []
        while let token = scanner.next(), words.count < 6 {
            let upper = token.text.uppercased()
            if words.count >= 2, !["ONLY", "IF", "EXISTS"].contains(upper) {
                guard words.starts(with: ["ALTER", "TABLE"]) else { return nil }
                table = String(token.text)
                return
            }
            words.append(upper)
        }
        return nil
    }
}
