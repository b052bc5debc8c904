/// Indexes on the selected tables and materialized views, with every key's column or expression,
/// operator class, collation and ordering.
enum IndexQuery {
    struct Row: Decodable {
        let key: String
        let schema: String
        let name: String
        let table: String
        let method: String
        let canOrder: Bool
        let unique: Bool
        let primary: Bool
        let nullsNotDistinct: Bool
        let keyCount: Int
        let keys: [Key]
        let predicate: String?
        let valid: Bool
        let ready: Bool
        let definition: String
        let constraint: String?
        let tablespace: String?
        let comment: String?
    }

    /// One entry of `indkey`: key columns first, then `INCLUDE` columns.
    struct Key: Decodable {
        let column: String?
        let expression: String?
        let opclass: String?
        let collation: String?
        let option: Int?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        let nullsNotDistinct = context.serverVersion >= 150000 ? "i.indnullsnotdistinct" : "false"
        // indclass, indcollation and indoption cover only the key columns; unnest pads them with NULLs
        // for the INCLUDE columns. The default collation (OID 100) on an expression is no choice at all.
        return """
        SELECT json_build_object(
          'key', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "ic.relname")),
          'schema', n.nspname,
          'name', ic.relname,
          'table', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")),
          'method', am.amname,
          'canOrder', pg_indexam_has_property(am.oid, 'can_order'),
          'unique', i.indisunique,
          'primary', i.indisprimary,
          'nullsNotDistinct', \(nullsNotDistinct),
          'keyCount', i.indnkeyatts,
          'keys', (SELECT json_agg(json_build_object(
                     'column', a.attname,
                     'expression', CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) END,
                     'opclass', CASE WHEN NOT opc.opcdefault
                                     THEN \(CatalogQueryContext.qualifiedName(schema: "opc_n.nspname", name: "opc.opcname")) END,
                     'collation', CASE WHEN k.collation_oid <> 0
                                        AND k.collation_oid <> COALESCE(a.attcollation, 0)
                                        AND (k.attnum <> 0 OR k.collation_oid NOT IN (100, index_type.typcollation))
                                       THEN \(CatalogQueryContext.qualifiedName(schema: "coll_n.nspname", name: "coll.collname")) END,
                     'option', k.sort_option) ORDER BY k.ord)
                   FROM unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[], i.indoption::int2[])
                        WITH ORDINALITY AS k(attnum, opclass_oid, collation_oid, sort_option, ord)
                   LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
                   LEFT JOIN pg_attribute index_attribute ON index_attribute.attrelid = i.indexrelid AND index_attribute.attnum = k.ord
                   LEFT JOIN pg_type index_type ON index_type.oid = index_attribute.atttypid
                   LEFT JOIN pg_opclass opc ON opc.oid = k.opclass_oid
                   LEFT JOIN pg_namespace opc_n ON opc_n.oid = opc.opcnamespace
                   LEFT JOIN pg_collation coll ON coll.oid = k.collation_oid
                   LEFT JOIN pg_namespace coll_n ON coll_n.oid = coll.collnamespace),
          'predicate', pg_get_expr(i.indpred, i.indrelid),
          'valid', i.indisvalid,
          'ready', i.indisready,
          'definition', pg_get_indexdef(i.indexrelid),
          'constraint', (SELECT con.conname FROM pg_constraint con
                         WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')),
          'tablespace', ts.spcname,
          'comment', \(CatalogQueryContext.comment(catalog: "pg_class", oid: "ic.oid")))
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_am am ON am.oid = ic.relam
        LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace
        WHERE c.relkind IN ('r', 'p', 'm')
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        ORDER BY n.nspname, ic.relname
        """
    }
}
