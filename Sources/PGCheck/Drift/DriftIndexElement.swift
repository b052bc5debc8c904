import Foundation
import PostgresWire

/// One key of a drizzle index whose `isExpression` text is SQL, read as PostgreSQL reads the key list
/// drizzle-kit writes with it.
///
/// drizzle-kit pastes an expression key into `CREATE INDEX … (…)` verbatim, so the text is whatever
/// PostgreSQL's `index_elem` accepts there, not only an expression: `"created_at"` (written with
/// ``sql`` to get a BRIN or GIN key) is a plain column, `"title" gin_trgm_ops` a column with its operator
/// class, `lower("email") DESC` an expression with its order. Some projects even close the key list in
/// the text to add non-key columns: `"created_at") INCLUDE ("credits", "billable"` (drizzle's own `)`
/// ends the `INCLUDE` list). The database stores each of these as a column key, an operator class, an
/// order and `INCLUDE` columns, so they are compared part by part.
struct DriftIndexElement: Equatable {
    /// What is indexed.
    enum Core: Equatable {
        /// A column (PostgreSQL also treats `(column)` as one), its name as stored.
        case column(String)
        /// An expression, as written.
        case expression(String)
    }

    /// The column or expression.
    var core: Core
    /// `COLLATE name`, unquoted and unqualified.
    var collation: String?
    /// The operator class, unquoted and unqualified.
    var opclass: String?
    /// `ASC` (false) or `DESC` (true), when written.
    var descending: Bool?
    /// `NULLS FIRST` (true) or `NULLS LAST` (false), when written.
    var nullsFirst: Bool?
    /// Columns after a `) INCLUDE (` the text itself wrote; nil when it wrote none.
    var include: [String]?

    /// Reads one key's text; nil when it is not of the form `core [COLLATE c] [opclass] [ASC|DESC]
    /// [NULLS FIRST|LAST] [) INCLUDE (columns]` (then it is compared as one expression).
    static func parse(_ text: String) -> DriftIndexElement? {
        let characters = Array(text)
        var pieces: [String] = []
        var current = ""
        var depth = 0
        var index = 0
        var tail: String?
        func flush() {
            if !current.isEmpty { pieces.append(current); current = "" }
        }
        scan: while index < characters.count {
            let character = characters[index]
            switch character {
            case "'", "\"":
                // A literal or a quoted identifier, doubled quotes inside.
                current.append(character)
                index += 1
                while index < characters.count {
                    current.append(characters[index])
                    if characters[index] == character {
                        if index + 1 < characters.count, characters[index + 1] == character {
                            current.append(character)
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                guard index < characters.count else { return nil }
            case "(":
                depth += 1
                current.append(character)
            case ")":
                if depth == 0 {
                    tail = String(characters[(index + 1)...])
                    break scan
                }
                depth -= 1
                current.append(character)
            default:
                if character.isWhitespace && depth == 0 {
                    flush()
                } else {
                    current.append(character)
                }
            }
            index += 1
        }
        guard depth == 0 else { return nil }
        flush()
        // `lower ("email")`: a function's name and its arguments apart.
        if pieces.count > 1, pieces[1].hasPrefix("("), isBareWord(pieces[0]) {
            pieces[0] += pieces.remove(at: 1)
        }
        guard let first = pieces.first else { return nil }
        var element = DriftIndexElement(core: core(of: first))
        var rest = Array(pieces.dropFirst())
        func keyword(_ word: String) -> Bool { rest.first?.lowercased() == word }
        if keyword("collate") {
            guard rest.count > 1 else { return nil }
            element.collation = unqualifiedName(rest[1])
            rest.removeFirst(2)
        }
        if let word = rest.first, !["asc", "desc", "nulls"].contains(word.lowercased()) {
            guard let name = unqualifiedName(word) else { return nil }
            element.opclass = name
            rest.removeFirst()
        }
        if keyword("asc") || keyword("desc") {
            element.descending = keyword("desc")
            rest.removeFirst()
        }
        if keyword("nulls") {
            guard rest.count > 1, ["first", "last"].contains(rest[1].lowercased()) else { return nil }
            element.nullsFirst = rest[1].lowercased() == "first"
            rest.removeFirst(2)
        }
        guard rest.isEmpty else { return nil }
        if let tail {
            guard let columns = includeList(tail) else { return nil }
            element.include = columns
        }
        return element
    }

    /// A column when the text is one identifier, possibly in parentheses; else an expression.
    private static func core(of text: String) -> Core {
        var inner = Substring(text)
        while inner.hasPrefix("("), inner.hasSuffix(")"), balanced(inner.dropFirst().dropLast()) {
            inner = inner.dropFirst().dropLast()
        }
        if let name = identifier(String(inner)) { return .column(name) }
        return .expression(text)
    }

    /// `INCLUDE ("a", b`: the columns, the closing parenthesis being drizzle's own.
    private static func includeList(_ tail: String) -> [String]? {
        let trimmed = tail.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.lowercased().hasPrefix("include") else { return nil }
        let afterKeyword = trimmed.dropFirst("include".count).trimmingCharacters(in: .whitespacesAndNewlines)
        guard afterKeyword.hasPrefix("("), !afterKeyword.contains(")") else { return nil }
        var columns: [String] = []
        for item in afterKeyword.dropFirst().split(separator: ",", omittingEmptySubsequences: false) {
            guard let name = identifier(item.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            columns.append(name)
        }
        return columns
    }

    /// The name PostgreSQL stores for one identifier: `"Created At"` as written, `created_at` folded to lower case.
    static func identifier(_ text: String) -> String? {
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") {
            let body = text.dropFirst().dropLast()
            let unescaped = body.replacingOccurrences(of: "\"\"", with: "\"")
            // One quoted identifier, not `"a"."b"` or `"a" || "b"`.
            guard !unescaped.isEmpty, !body.replacingOccurrences(of: "\"\"", with: "").contains("\"") else { return nil }
            return unescaped
        }
        guard isBareWord(text), !reservedWords.contains(text.lowercased()) else { return nil }
        return text.lowercased()
    }

    /// The last part of a possibly qualified name (`public.gin_trgm_ops`, `"C"`), unquoted.
    private static func unqualifiedName(_ text: String) -> String? {
        let split = SQLIdentifier.split(text, foldingUnquoted: true)
        guard !split.hasUnclosedQuote, let last = split.parts.last, !last.text.isEmpty,
              split.parts.allSatisfy({ $0.wasQuoted || isBareWord($0.text) }) else { return nil }
        return last.text
    }

    private static func isBareWord(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
    }

    private static func balanced(_ text: Substring) -> Bool {
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth < 0 { return false }
            default: break
            }
        }
        return depth == 0 && quote == nil
    }

    /// Words that are never a column name on their own.
    private static let reservedWords: Set<String> = ["true", "false", "null", "current_date", "current_timestamp", "current_user", "session_user"]
}
