/// Row-level security policies on the selected tables.
enum PolicyQuery {
    struct Row: Decodable {
        let table: String
        let name: String
        let command: String
        let permissive: Bool
        let roles: [String]
        let using: String?
        let withCheck: String?
        let comment: String?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT json_build_object(
          'table', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")),
          'name', pol.polname,
          'command', pol.polcmd,
          'permissive', pol.polpermissive,
          'roles', (SELECT array_agg(CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid) END)
                    FROM unnest(pol.polroles) AS r(oid)),
          'using', pg_get_expr(pol.polqual, pol.polrelid),
          'withCheck', pg_get_expr(pol.polwithcheck, pol.polrelid),
          'comment', \(CatalogQueryContext.comment(catalog: "pg_policy", oid: "pol.oid")))
        FROM pg_policy pol
        JOIN pg_class c ON c.oid = pol.polrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        ORDER BY n.nspname, c.relname, pol.polname
        """
    }
}
