import Foundation

/// The compact spellings shared by the command line and the expectations file.
public enum SchemaExpectationSyntax {
    /// Parses `TABLE.COLUMN[:TYPE][:not-null|:nullable]`, e.g. `usage_events.metadata:jsonb:not-null` or
    /// `public.usage_events.window_start:timestamptz`.
    ///
    /// - Throws: ``VerifyError/invalidArgument(_:)`` saying what is wrong with the spec.
    public static func column(_ spec: String) throws -> ColumnExpectation {
        let segments = split(spec, on: ":")
        let parts = try SQLName.parts(of: segments[0], what: "column (write table.column)")
        guard parts.count == 2 || parts.count == 3 else {
            throw VerifyError.invalidArgument("--column \"\(spec)\": write table.column or schema.table.column, optionally followed by :type and :not-null")
        }
        var expectation = ColumnExpectation(
            table: SQLName(schema: parts.count == 3 ? parts[0] : nil, name: parts[parts.count - 2]), column: parts[parts.count - 1])
        for segment in segments.dropFirst() {
            let word = segment.trimmingCharacters(in: .whitespaces)
            switch word.lowercased() {
            case "not-null", "notnull", "not null":
                expectation.notNull = true
            case "nullable", "null":
                expectation.notNull = false
            case "":
                throw VerifyError.invalidArgument("--column \"\(spec)\": an empty part between colons")
            default:
                guard expectation.type == nil else {
                    throw VerifyError.invalidArgument("--column \"\(spec)\": two types (\(expectation.type ?? "") and \(word)); the last part may only be not-null or nullable")
                }
                expectation.type = word
            }
        }
        return expectation
    }

    /// Parses a comma-separated list of column names (`window_start,window_end,source`); quoted names
    /// may contain commas.
    ///
    /// - Throws: ``VerifyError/invalidArgument(_:)`` for an empty name or a dotted one.
    public static func columns(_ list: String, option: String) throws -> [String] {
        try split(list, on: ",").map { item in
            try SQLName.identifier(parsing: item, what: "column name in \(option)")
        }
    }

    /// `text` split on `separator` outside double quotes.
    static func split(_ text: String, on separator: Character) -> [String] {
        var pieces: [String] = []
        var current = ""
        var inQuotes = false
        for character in text {
            if character == "\"" { inQuotes.toggle() }
            if character == separator && !inQuotes {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }
}
