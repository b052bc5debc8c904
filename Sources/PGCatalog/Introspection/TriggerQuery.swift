import PostgresWire

/// User-defined triggers on the selected tables and views (not the internal ones behind foreign keys).
enum TriggerQuery {
    enum Field: Int, CatalogField { case key, table, name, definition, enabled, comment }

    struct Row: CatalogRow {
        typealias Field = TriggerQuery.Field
        let key: String
        let table: String
        let name: String
        let definition: String
        let enabled: String
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            key = try row.string(Field.key)
            table = try row.string(Field.table)
            name = try row.string(Field.name)
            definition = try row.string(Field.definition)
            enabled = try row.string(Field.enabled)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        let table = CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")
        return """
        SELECT \(Field.selectList { field in
            switch field {
            case .key: "\(table) || '.' || quote_ident(t.tgname)"
            case .table: table
            case .name: "t.tgname"
            case .definition: "pg_get_triggerdef(t.oid)"
            case .enabled: "t.tgenabled"
            case .comment: CatalogQueryContext.comment(catalog: "pg_trigger", oid: "t.oid")
            }
        })
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        """
    }
}
