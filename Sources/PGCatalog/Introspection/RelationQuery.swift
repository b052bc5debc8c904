/// Tables, partitioned tables, views and materialized views: one row each, with partitioning,
/// inheritance, row-level security, options, ownership, privileges, comment and view definition.
enum RelationQuery {
    struct Row: Decodable {
        let key: String
        let schema: String
        let name: String
        let kind: String
        let persistence: String
        let rowSecurity: Bool
        let forceRowSecurity: Bool
        let options: [String]?
        let accessMethod: String?
        let tablespace: String?
        let owner: String
        let acl: [String]?
        let comment: String?
        let partitionStrategy: String?
        let partitionKey: String?
        let isPartition: Bool
        let parents: [String]?
        let partitionBound: String?
        let viewDefinition: String?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT json_build_object(
          'key', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")),
          'schema', n.nspname,
          'name', c.relname,
          'kind', c.relkind,
          'persistence', c.relpersistence,
          'rowSecurity', c.relrowsecurity,
          'forceRowSecurity', c.relforcerowsecurity,
          'options', c.reloptions,
          'accessMethod', am.amname,
          'tablespace', ts.spcname,
          'owner', pg_get_userbyid(c.relowner),
          'acl', c.relacl::text[],
          'comment', \(CatalogQueryContext.comment(catalog: "pg_class", oid: "c.oid")),
          'partitionStrategy', pt.partstrat,
          'partitionKey', CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
          'isPartition', c.relispartition,
          'parents', (SELECT array_agg(\(CatalogQueryContext.qualifiedName(schema: "pn.nspname", name: "p.relname")) ORDER BY i.inhseqno)
                      FROM pg_inherits i
                      JOIN pg_class p ON p.oid = i.inhparent
                      JOIN pg_namespace pn ON pn.oid = p.relnamespace
                      WHERE i.inhrelid = c.oid),
          'partitionBound', CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
          'viewDefinition', CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_am am ON am.oid = c.relam
        LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
        LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
        WHERE c.relkind IN ('r', 'p', 'v', 'm')
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        ORDER BY n.nspname, c.relname
        """
    }
}
