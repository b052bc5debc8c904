import PostgresWire

/// Row-level security policies on the selected tables.
enum PolicyQuery {
    enum Field: Int, CatalogField { case table, name, command, permissive, roles, using, withCheck, comment }

    struct Row: CatalogRow {
        typealias Field = PolicyQuery.Field
        let table: String
        let name: String
        let command: String
        let permissive: Bool
        let roles: [String]
        let using: String?
        let withCheck: String?
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            table = try row.string(Field.table)
            name = try row.string(Field.name)
            command = try row.string(Field.command)
            permissive = try row.flag(Field.permissive)
            roles = try row.strings(Field.roles) ?? []
            using = try row.optionalString(Field.using)
            withCheck = try row.optionalString(Field.withCheck)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .table: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")
            case .name: "pol.polname"
            case .command: "pol.polcmd"
            case .permissive: "pol.polpermissive"
            case .roles: """
                (SELECT array_agg(CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid) END)
                   FROM unnest(pol.polroles) AS r(oid))
                """
            case .using: "pg_get_expr(pol.polqual, pol.polrelid)"
            case .withCheck: "pg_get_expr(pol.polwithcheck, pol.polrelid)"
            case .comment: CatalogQueryContext.comment(catalog: "pg_policy", oid: "pol.oid")
            }
        })
        FROM pg_policy pol
        JOIN pg_class c ON c.oid = pol.polrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        """
    }
}
