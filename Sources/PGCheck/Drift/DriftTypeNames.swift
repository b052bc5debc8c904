/// One spelling for a column type, whether drizzle-kit wrote it (as the TypeScript schema spells it:
/// `varchar(255)`, `timestamp`, `serial`, `numeric(12, 6)`, `text[][]`) or the catalog did
/// (`format_type`: `character varying(255)`, `timestamp without time zone`, `integer`, `numeric(12,6)`, `text[]`).
///
/// The canonical form is the catalog's, lower-case, without spaces inside modifiers, with one `[]` for any
/// array (PostgreSQL does not enforce dimensions) and without the schema of a type outside `pg_catalog`
/// (that schema is compared separately, for enums).
public enum DriftTypeNames {
    /// The canonical spelling of a type drizzle-kit wrote.
    public static func canonical(drizzle type: String) -> String {
        let (base, isArray) = splitArray(type.lowercased())
        let mapped = canonicalBase(base)
        return isArray ? mapped + "[]" : mapped
    }

    /// The canonical spelling of a type as `format_type` printed it.
    public static func canonical(catalog type: String) -> String {
        let (base, isArray) = splitArray(type.lowercased())
        var name = unqualified(base)
        name = name.replacingOccurrences(of: "\"", with: "")
        name = squeeze(name)
        return isArray ? name + "[]" : name
    }

    /// The schema a catalog type is qualified with, unquoted (nil for `pg_catalog` types).
    public static func schema(ofCatalog type: String) -> String? {
        let base = splitArray(type).base
        guard let dot = topLevelDot(base) else { return nil }
        return String(base[..<dot]).replacingOccurrences(of: "\"", with: "")
    }

    /// Whether drizzle's `serial`, `bigserial` or `smallserial`: an integer column with a sequence default.
    public static func isSerial(_ type: String) -> Bool {
        ["serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"].contains(type.lowercased().trimmingCharacters(in: .whitespaces))
    }

    private static func canonicalBase(_ raw: String) -> String {
        var type = squeeze(raw.replacingOccurrences(of: "\"", with: ""))
        // `timestamp (3)` → `timestamp(3)`, as drizzle-kit up does.
        type = type.replacingOccurrences(of: " (", with: "(")
        let simple: [String: String] = [
            "serial": "integer", "serial4": "integer", "int": "integer", "int4": "integer",
            "bigserial": "bigint", "serial8": "bigint", "int8": "bigint",
            "smallserial": "smallint", "serial2": "smallint", "int2": "smallint",
            "float4": "real", "float8": "double precision", "float": "double precision", "double": "double precision",
            "bool": "boolean", "varchar": "character varying", "char": "character(1)", "character": "character(1)",
            "decimal": "numeric", "timestamp": "timestamp without time zone", "timestamptz": "timestamp with time zone",
            "time": "time without time zone", "timetz": "time with time zone", "varbit": "bit varying", "bit": "bit(1)",
        ]
        if let mapped = simple[type] { return mapped }
        for (prefix, replacement) in [("varchar(", "character varying("), ("char(", "character("), ("decimal(", "numeric("), ("varbit(", "bit varying(")]
        where type.hasPrefix(prefix) {
            return replacement + type.dropFirst(prefix.count)
        }
        for zone in ["timestamp", "time"] where type.hasPrefix(zone + "(") && type.hasSuffix(")") {
            return type + " without time zone"
        }
        if type.hasPrefix("timestamptz(") { return "timestamp" + type.dropFirst("timestamptz".count) + " with time zone" }
        if type.hasPrefix("timetz(") { return "time" + type.dropFirst("timetz".count) + " with time zone" }
        return unqualified(type)
    }

    /// `text[][]` → (`text`, true); `integer[3]` → (`integer`, true).
    static func splitArray(_ type: String) -> (base: String, isArray: Bool) {
        var base = type.trimmingCharacters(in: .whitespaces)
        var isArray = false
        while base.hasSuffix("]"), let open = base.lastIndex(of: "[") {
            base = String(base[..<open]).trimmingCharacters(in: .whitespaces)
            isArray = true
        }
        if base.hasSuffix(" array") { base = String(base.dropLast(6)); isArray = true }
        return (base, isArray)
    }

    /// Collapses runs of spaces and removes spaces inside parentheses (`numeric(12, 6)` → `numeric(12,6)`).
    static func squeeze(_ text: String) -> String {
        var result = ""
        var depth = 0
        var lastWasSpace = false
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == " " {
                if depth > 0 || lastWasSpace { continue }
                lastWasSpace = true
                result.append(character)
                continue
            }
            if (character == "(" || character == ")"), result.hasSuffix(" ") { result.removeLast() }
            lastWasSpace = false
            result.append(character)
        }
        return result
    }

    private static func unqualified(_ type: String) -> String {
        guard let dot = topLevelDot(type) else { return type }
        return String(type[type.index(after: dot)...])
    }

    /// The dot between a schema and a type name, outside quotes and modifiers.
    private static func topLevelDot(_ type: String) -> String.Index? {
        var quoted = false
        for index in type.indices {
            switch type[index] {
            case "\"": quoted.toggle()
            case "(": return nil
            case "." where !quoted: return index
            default: continue
            }
        }
        return nil
    }
}
