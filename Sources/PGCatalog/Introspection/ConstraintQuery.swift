/// Table constraints (primary key, unique, foreign key, check, exclusion, constraint trigger) with
/// their structured fields.
enum ConstraintQuery {
    struct Row: Decodable {
        let table: String
        let name: String
        let type: String
        let definition: String
        let columns: [String]?
        let referencedTable: String?
        let referencedColumns: [String]?
        let onUpdate: String
        let onDelete: String
        let match: String
        let deferrable: Bool
        let deferred: Bool
        let validated: Bool
        let index: String?
        let comment: String?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT json_build_object(
          'table', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")),
          'name', con.conname,
          'type', con.contype,
          'definition', pg_get_constraintdef(con.oid),
          'columns', (SELECT array_agg(a.attname ORDER BY k.ord)
                      FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
          'referencedTable', CASE WHEN con.contype = 'f'
                                  THEN \(CatalogQueryContext.qualifiedName(schema: "ref_n.nspname", name: "ref.relname")) END,
          'referencedColumns', (SELECT array_agg(a.attname ORDER BY k.ord)
                                FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                                JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum),
          'onUpdate', con.confupdtype,
          'onDelete', con.confdeltype,
          'match', con.confmatchtype,
          'deferrable', con.condeferrable,
          'deferred', con.condeferred,
          'validated', con.convalidated,
          'index', CASE WHEN con.conindid <> 0
                        THEN \(CatalogQueryContext.qualifiedName(schema: "idx_n.nspname", name: "idx.relname")) END,
          'comment', \(CatalogQueryContext.comment(catalog: "pg_constraint", oid: "con.oid")))
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class ref ON ref.oid = con.confrelid
        LEFT JOIN pg_namespace ref_n ON ref_n.oid = ref.relnamespace
        LEFT JOIN pg_class idx ON idx.oid = con.conindid
        LEFT JOIN pg_namespace idx_n ON idx_n.oid = idx.relnamespace
        WHERE c.relkind IN ('r', 'p')
          AND con.contype IN ('p', 'u', 'f', 'c', 'x', 't')
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
          -- A foreign key that references a partitioned table gets internal copies, on the same table and
          -- with the same name, for each referenced partition; the parent constraint says it all.
          AND NOT EXISTS (SELECT 1 FROM pg_constraint parent
                          WHERE parent.oid = con.conparentid AND parent.conrelid = con.conrelid)
        ORDER BY n.nspname, c.relname, con.conname
        """
    }
}
