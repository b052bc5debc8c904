/// Quoting of SQL identifiers, as libpq's `PQescapeIdentifier` does: for the names that cannot be
/// bound as parameters (tables, schemas, columns in generated SQL).
public enum SQLIdentifier {
    /// `name` in double quotes with embedded quotes doubled: `usage "x"` → `"usage ""x"""`.
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A schema-qualified name, each part quoted: `"drizzle"."__drizzle_migrations"`.
    public static func qualified(_ schema: String, _ name: String) -> String {
        quoted(schema) + "." + quoted(name)
    }
}
