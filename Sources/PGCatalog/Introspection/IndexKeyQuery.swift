import PostgresWire

/// Every entry of every selected index's `indkey` (key columns first, then `INCLUDE` columns), with its
/// column or expression, operator class, collation and ordering.
enum IndexKeyQuery {
    enum Field: Int, CatalogField { case indexOID, position, column, expression, opclass, collation, option }

    struct Row: CatalogRow {
        typealias Field = IndexKeyQuery.Field
        let indexOID: UInt32
        /// 1-based place in `indkey`.
        let position: Int
        let column: String?
        let expression: String?
        let opclass: String?
        let collation: String?
        let option: Int?

        init(_ row: borrowing PostgresRow) throws {
            indexOID = try row.oid(Field.indexOID)
            position = try row.integer(Field.position)
            column = try row.optionalString(Field.column)
            expression = try row.optionalString(Field.expression)
            opclass = try row.optionalString(Field.opclass)
            collation = try row.optionalString(Field.collation)
            option = try row.optionalInteger(Field.option)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        // indclass, indcollation and indoption cover only the key columns; unnest pads them with NULLs
        // for the INCLUDE columns. The default collation (OID 100) on an expression is no choice at all.
        // `i` comes first in the FROM list so the LATERAL unnest may refer to it.
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .indexOID: "i.indexrelid"
            case .position: "k.ord::int"
            case .column: "a.attname"
            case .expression: "CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) END"
            case .opclass: """
                CASE WHEN NOT opc.opcdefault THEN \(CatalogQueryContext.qualifiedName(schema: "opc_n.nspname", name: "opc.opcname")) END
                """
            case .collation: CatalogQueryContext.collationName(when: """
                k.collation_oid <> 0 AND k.collation_oid <> COALESCE(a.attcollation, 0)
                AND (k.attnum <> 0 OR k.collation_oid NOT IN (100, index_type.typcollation))
                """)
            case .option: "k.sort_option"
            }
        })
        FROM (SELECT i.indexrelid, i.indrelid, i.indkey, i.indclass, i.indcollation, i.indoption
              \(IndexQuery.fromSelectedIndexes(context))) AS i
        CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[], i.indoption::int2[])
             WITH ORDINALITY AS k(attnum, opclass_oid, collation_oid, sort_option, ord)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
        LEFT JOIN pg_attribute index_attribute ON index_attribute.attrelid = i.indexrelid AND index_attribute.attnum = k.ord
        LEFT JOIN pg_type index_type ON index_type.oid = index_attribute.atttypid
        LEFT JOIN pg_opclass opc ON opc.oid = k.opclass_oid
        LEFT JOIN pg_namespace opc_n ON opc_n.oid = opc.opcnamespace
        LEFT JOIN pg_collation coll ON coll.oid = k.collation_oid
        LEFT JOIN pg_namespace coll_n ON coll_n.oid = coll.collnamespace
        """
    }
}
