/// Reading and writing names in the snapshot's key format, which is the server's `quote_ident` format.
enum QualifiedName {
    /// `name` as PostgreSQL's `quote_ident` writes it: bare when it is a lower-case identifier that is
    /// not a keyword needing quotes, otherwise in double quotes with embedded quotes doubled.
    static func quoted(_ name: String) -> String {
        if isBareIdentifier(name) { return name }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A child object's key: its parent's key (already quoted), a dot, then its own quoted name.
    static func child(of parent: String, named name: String) -> String {
        parent + "." + quoted(name)
    }

    /// The unquoted parts of a key such as `public."Weird.Name"`: `["public", "Weird.Name"]`.
    static func parts(_ key: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var inQuotes = false
        var characters = key[...]
        while let character = characters.popFirst() {
            if inQuotes {
                if character == "\"" {
                    if characters.first == "\"" {
                        current.append("\"")
                        characters.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    /// Whether `quote_ident` leaves `name` unquoted: starts with a lower-case letter or underscore,
    /// continues with those or digits, and is not a keyword other than an unreserved one.
    private static func isBareIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        let allowed = name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return allowed && !quotedKeywords.contains(name)
    }

    /// The reserved, column-name and type/function-name keywords of PostgreSQL 15, which `quote_ident` quotes.
    private static let quotedKeywords: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
        "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
        "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
        "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "dec",
        "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract",
        "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group",
        "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect",
        "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit",
        "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull",
        "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay",
        "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row",
        "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "table",
        "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique",
        "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with",
        "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse",
        "xmlpi", "xmlroot", "xmlserialize", "xmltable",
    ]
}
