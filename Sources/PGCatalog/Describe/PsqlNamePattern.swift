/// A relation name as psql's `\d` reads it: `name`, `schema.name` or `database.schema.name`, each
/// part a shell-style pattern turned into an anchored regular expression.
///
/// psql's rules (`patternToSQLRegex`): unquoted letters are lower-cased, `"..."` keeps its contents
/// literally (`""` inside is one quote), unquoted `*` matches anything and `?` one character,
/// unquoted `.` separates the parts, `$` is always literal, other characters pass through as regular
/// expression syntax outside quotes (inside quotes they are escaped), and `[]` is always literal.
/// Without a schema part only relations visible on the search_path match, so a plain name finds the
/// first match on the search_path.
struct PsqlNamePattern: Equatable {
    /// The pattern as typed (psql quotes it in its messages).
    let text: String
    /// The database part taken literally (lower-cased unless quoted), when the pattern has three parts.
    let database: String?
    /// The anchored expression for the schema, when the pattern names one.
    let schemaExpression: String?
    /// The anchored expression for the relation name.
    let nameExpression: String
    /// How many separating dots the pattern had.
    let dotCount: Int

    /// Parses `text`. psql accepts any string; errors come from ``validate(currentDatabase:)``.
    init(_ text: String) {
        self.text = text
        var parts: [String] = ["^("]
        var databaseLiteral = ""
        var inDatabasePart = true
        var inQuotes = false
        var dots = 0
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            var literal: String?
            var expression: String
            if character == "\"" {
                if inQuotes && index + 1 < characters.count && characters[index + 1] == "\"" {
                    expression = "\""
                    literal = "\""
                    index += 1
                } else {
                    inQuotes.toggle()
                    index += 1
                    continue
                }
            } else if !inQuotes && character.isASCII && character.isUppercase {
                expression = character.lowercased()
                literal = expression
            } else if !inQuotes && character == "*" {
                expression = ".*"
                literal = "*"
            } else if !inQuotes && character == "?" {
                expression = "."
                literal = "?"
            } else if !inQuotes && character == "." {
                inDatabasePart = false
                dots += 1
                if parts.count < 3 {
                    parts[parts.count - 1] += ")$"
                    parts.append("^(")
                } else {
                    parts[parts.count - 1] += "."
                }
                index += 1
                continue
            } else if character == "$" {
                expression = "\\$"
                literal = "$"
            } else {
                let isSpecial = "|*+?()[]{}.^$\\".contains(character)
                let isArrayBrackets = character == "[" && index + 1 < characters.count && characters[index + 1] == "]"
                expression = (inQuotes && isSpecial) || isArrayBrackets ? "\\" + String(character) : String(character)
                literal = String(character)
            }
            parts[parts.count - 1] += expression
            if inDatabasePart, let literal { databaseLiteral += literal }
            index += 1
        }
        parts[parts.count - 1] += ")$"

        dotCount = dots
        nameExpression = parts[parts.count - 1]
        schemaExpression = parts.count >= 2 ? parts[parts.count - 2] : nil
        database = parts.count == 3 ? databaseLiteral : nil
    }

    /// Rejects what psql rejects: more than three parts, or a database other than the current one.
    func validate(currentDatabase: String) throws {
        if dotCount > 2 { throw DescribeError.tooManyDottedNames(text) }
        if let database, database != currentDatabase { throw DescribeError.crossDatabaseReference(text) }
    }

    /// Whether the schema part matches every schema (`*.name`), which psql leaves unconstrained.
    var schemaMatchesAll: Bool { schemaExpression == "^(.*)$" }

    /// Whether the name part matches every relation (`schema.*`), which psql leaves unconstrained.
    var nameMatchesAll: Bool { nameExpression == "^(.*)$" }
}
