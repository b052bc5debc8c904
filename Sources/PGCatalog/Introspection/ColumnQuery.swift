/// The live columns of every selected table, view, materialized view and composite type, in one query.
enum ColumnQuery {
    struct Row: Decodable {
        let relation: String
        let relationKind: String
        let position: Int
        let name: String
        let type: String
        let notNull: Bool
        let defaultExpression: String?
        let generated: String?
        let identity: String
        let collation: String?
        let storage: String?
        let compression: String?
        let statisticsTarget: Int?
        let comment: String?
        let acl: [String]?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        // attcompression exists from PostgreSQL 14; '' means "the default method".
        let compression = context.serverVersion >= 140000 ? "NULLIF(a.attcompression, '')" : "NULL::\"char\""
        let expression = "pg_get_expr(ad.adbin, ad.adrelid)"
        return """
        SELECT json_build_object(
          'relation', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")),
          'relationKind', c.relkind,
          'position', row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum),
          'name', a.attname,
          'type', format_type(a.atttypid, a.atttypmod),
          'notNull', a.attnotnull,
          'defaultExpression', CASE WHEN a.attgenerated = '' THEN \(expression) END,
          'generated', CASE WHEN a.attgenerated <> '' THEN \(expression) END,
          'identity', a.attidentity,
          'collation', CASE WHEN a.attcollation <> t.typcollation
                            THEN \(CatalogQueryContext.qualifiedName(schema: "coll_n.nspname", name: "coll.collname")) END,
          'storage', CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END,
          'compression', \(compression),
          'statisticsTarget', CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END,
          'comment', col_d.description,
          'acl', a.attacl::text[])
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
        LEFT JOIN pg_namespace coll_n ON coll_n.oid = coll.collnamespace
        LEFT JOIN pg_description col_d
          ON col_d.objoid = a.attrelid AND col_d.classoid = 'pg_class'::regclass AND col_d.objsubid = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped
          AND c.relkind IN ('r', 'p', 'v', 'm', 'c')
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
          AND (c.relkind <> 'c' OR \(context.notExtensionMember(catalog: "pg_type", oid: "c.reltype")))
        ORDER BY n.nspname, c.relname, a.attnum
        """
    }
}
