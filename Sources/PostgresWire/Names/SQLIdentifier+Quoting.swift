import Foundation

extension SQLIdentifier {
    /// `name` as PostgreSQL's `quote_ident` writes it (the format of snapshot keys): bare when it is a
    /// lower-case ASCII identifier that is not a keyword needing quotes, otherwise in double quotes with
    /// embedded quotes doubled.
    public static func quoted(_ name: String) -> String {
        isBareIdentifier(name) ? name : doubleQuoted(name)
    }

    /// `name` in double quotes, embedded double quotes doubled, whatever it is.
    public static func doubleQuoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
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

extension SQLIdentifier {
    /// A schema-qualified name for generated SQL, each part always double-quoted:
    /// `"drizzle"."__drizzle_migrations"` (the form libpq's `PQescapeIdentifier` gives).
    public static func qualified(_ schema: String, _ name: String) -> String {
        doubleQuoted(schema) + "." + doubleQuoted(name)
    }
}
