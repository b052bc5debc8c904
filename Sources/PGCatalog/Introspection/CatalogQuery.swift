import Foundation
import PostgresWire

/// What every catalog query needs to know: the server version (to choose columns that exist on it) and
/// the selection of objects to read.
///
/// Each query returns one `json_build_object(...)` per object; the JSON keeps NULLs, arrays and text
/// exactly, and decodes straight into a small row type.
struct CatalogQueryContext {
    /// `server_version_num`, e.g. 150018.
    let serverVersion: Int
    /// The schemas to read (bound as `$1`).
    let schemas: [String]
    /// Whether objects that belong to extensions are read too.
    let includeExtensionObjects: Bool

    /// The qualified-name key of a catalog object, as the server quotes it: `schema.name`.
    static func qualifiedName(schema: String, name: String) -> String {
        "quote_ident(\(schema)) || '.' || quote_ident(\(name))"
    }

    /// A condition that the object is in a selected schema (`$1`).
    func inScope(namespace column: String) -> String {
        "\(column) = ANY($1::text[])"
    }

    /// A condition leaving out extension members of catalog `catalog` (e.g. `pg_class`), unless they are wanted.
    func notExtensionMember(catalog: String, oid column: String) -> String {
        if includeExtensionObjects { return "true" }
        return """
            NOT EXISTS (SELECT 1 FROM pg_depend dep_ext WHERE dep_ext.classid = '\(catalog)'::regclass \
            AND dep_ext.objid = \(column) AND dep_ext.deptype = 'e')
            """
    }

    /// The comment on object `oid` of catalog `catalog` (sub-object 0).
    static func comment(catalog: String, oid column: String) -> String {
        "(SELECT description FROM pg_description WHERE objoid = \(column) AND classoid = '\(catalog)'::regclass AND objsubid = 0)"
    }

    /// Runs `sql` (which must return a single JSON column) and decodes every row as `Row`.
    func fetch<Row: Decodable>(
        _ type: Row.Type, _ sql: String, on session: CatalogSession, what: String, bindingSchemas: Bool = true
    ) throws -> [Row] {
        let result = try session.query(sql, bindingSchemas ? [schemas] : [])
        let decoder = JSONDecoder()
        return try result.rows.map { row in
            guard let text = row.text(at: 0) else {
                throw ClientError(.query, "the catalog query for \(what) returned NULL")
            }
            do {
                return try decoder.decode(Row.self, from: Data(text.utf8))
            } catch {
                throw ClientError(.query, "could not read \(what) from the catalog: \(error)")
            }
        }
    }
}
