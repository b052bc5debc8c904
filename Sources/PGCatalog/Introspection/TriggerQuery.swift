/// User-defined triggers on the selected tables and views (not the internal ones behind foreign keys).
enum TriggerQuery {
    struct Row: Decodable {
        let key: String
        let table: String
        let name: String
        let definition: String
        let enabled: String
        let comment: String?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        let table = CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")
        return """
        SELECT json_build_object(
          'key', \(table) || '.' || quote_ident(t.tgname),
          'table', \(table),
          'name', t.tgname,
          'definition', pg_get_triggerdef(t.oid),
          'enabled', t.tgenabled,
          'comment', \(CatalogQueryContext.comment(catalog: "pg_trigger", oid: "t.oid")))
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        ORDER BY n.nspname, c.relname, t.tgname
        """
    }
}
