import Foundation

/// Compares a type as a person writes it with the type as `format_type` prints it, so
/// `timestamptz`, `int8`, `varchar(64)` and `numeric(12, 6)` match what a snapshot records.
enum TypeNameMatching {
    /// Whether `expected` (user spelling) names the same type as `actual` (`format_type` spelling).
    /// An unqualified user type matches a schema-qualified one of that name (`level` ~ `public.level`).
    static func matches(expected: String, actual: String) -> Bool {
        let want = canonical(expected)
        let have = canonical(actual)
        if want == have { return true }
        return !want.contains(".") && have.hasSuffix("." + want)
    }

    /// Lower case, single spaces, no spaces inside modifiers, and the SQL-standard name for each alias.
    static func canonical(_ type: String) -> String {
        var text = type.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        text = text.replacingOccurrences(of: " (", with: "(").replacingOccurrences(of: ", ", with: ",")
            .replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
        var arraySuffix = ""
        while text.hasSuffix("[]") {
            arraySuffix += "[]"
            text.removeLast(2)
        }
        var modifiers = ""
        var base = text
        if let open = text.firstIndex(of: "("), let close = text.firstIndex(of: ")"), open < close {
            modifiers = String(text[open...close])
            base = String(text[..<open]) + String(text[text.index(after: close)...])
        }
        base = base.trimmingCharacters(in: .whitespaces)
        switch base {
        case "timestamptz", "timestamp with time zone": return "timestamp\(modifiers) with time zone" + arraySuffix
        case "timestamp", "timestamp without time zone": return "timestamp\(modifiers) without time zone" + arraySuffix
        case "timetz", "time with time zone": return "time\(modifiers) with time zone" + arraySuffix
        case "time", "time without time zone": return "time\(modifiers) without time zone" + arraySuffix
        default: return (aliases[base] ?? base) + modifiers + arraySuffix
        }
    }

    private static let aliases: [String: String] = [
        "int": "integer", "int4": "integer", "int8": "bigint", "int2": "smallint", "bool": "boolean",
        "float8": "double precision", "float": "double precision", "float4": "real", "varchar": "character varying",
        "char": "character", "bpchar": "character", "decimal": "numeric", "varbit": "bit varying",
    ]
}
