/// Functions, procedures, aggregates and window functions.
enum FunctionQuery {
    struct Row: Decodable {
        let key: String
        let schema: String
        let name: String
        let kind: String
        let arguments: String
        let result: String?
        let language: String
        let volatility: String
        let strict: Bool
        let securityDefiner: Bool
        let parallel: String
        let definition: String?
        let owner: String
        let acl: [String]?
        let comment: String?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT json_build_object(
          'key', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "p.proname"))
                 || '(' || pg_get_function_identity_arguments(p.oid) || ')',
          'schema', n.nspname,
          'name', p.proname,
          'kind', p.prokind,
          'arguments', pg_get_function_identity_arguments(p.oid),
          'result', CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END,
          'language', l.lanname,
          'volatility', p.provolatile,
          'strict', p.proisstrict,
          'securityDefiner', p.prosecdef,
          'parallel', p.proparallel,
          -- pg_get_functiondef cannot print aggregates (it raises an error for them).
          'definition', CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END,
          'owner', pg_get_userbyid(p.proowner),
          'acl', p.proacl::text[],
          'comment', \(CatalogQueryContext.comment(catalog: "pg_proc", oid: "p.oid")))
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        JOIN pg_language l ON l.oid = p.prolang
        WHERE \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_proc", oid: "p.oid"))
        ORDER BY n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)
        """
    }
}
