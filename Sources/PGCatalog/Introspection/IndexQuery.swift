import PostgresWire

/// Indexes on the selected tables and materialized views; their keys come from ``IndexKeyQuery``.
enum IndexQuery {
    enum Field: Int, CatalogField {
        case oid, key, schema, name, table, method, canOrder, unique, primary, nullsNotDistinct, keyCount
        case predicate, valid, ready, definition, constraint, tablespace, comment
    }

    struct Row: CatalogRow {
        typealias Field = IndexQuery.Field
        /// The index's OID, which its keys refer to.
        let oid: UInt32
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
        let predicate: String?
        let valid: Bool
        let ready: Bool
        let definition: String
        let constraint: String?
        let tablespace: String?
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            oid = try row.oid(Field.oid)
            key = try row.string(Field.key)
            schema = try row.string(Field.schema)
            name = try row.string(Field.name)
            table = try row.string(Field.table)
            method = try row.string(Field.method)
            canOrder = try row.flag(Field.canOrder)
            unique = try row.flag(Field.unique)
            primary = try row.flag(Field.primary)
            nullsNotDistinct = try row.flag(Field.nullsNotDistinct)
            keyCount = try row.integer(Field.keyCount)
            predicate = try row.optionalString(Field.predicate)
            valid = try row.flag(Field.valid)
            ready = try row.flag(Field.ready)
            definition = try row.string(Field.definition)
            constraint = try row.optionalString(Field.constraint)
            tablespace = try row.optionalString(Field.tablespace)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        let nullsNotDistinct = context.serverVersion >= 150000 ? "i.indnullsnotdistinct" : "false"
        return """
        SELECT \(Field.selectList { field in
            switch field {
            case .oid: "i.indexrelid"
            case .key: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "ic.relname")
            case .schema: "n.nspname"
            case .name: "ic.relname"
            case .table: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")
            case .method: "am.amname"
            case .canOrder: "pg_indexam_has_property(am.oid, 'can_order')"
            case .unique: "i.indisunique"
            case .primary: "i.indisprimary"
            case .nullsNotDistinct: nullsNotDistinct
            case .keyCount: "i.indnkeyatts"
            case .predicate: "pg_get_expr(i.indpred, i.indrelid)"
            case .valid: "i.indisvalid"
            case .ready: "i.indisready"
            case .definition: "pg_get_indexdef(i.indexrelid)"
            case .constraint: """
                (SELECT con.conname FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
                """
            case .tablespace: "ts.spcname"
            case .comment: CatalogQueryContext.comment(catalog: "pg_class", oid: "ic.oid")
            }
        })
        \(fromSelectedIndexes(context, joining: """
            LEFT JOIN pg_am am ON am.oid = ic.relam
            LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace
            """))
        """
    }

    /// The selected indexes (`i`), their relations (`ic`), tables (`c`) and schemas (`n`), plus `joins`:
    /// shared with ``IndexKeyQuery``.
    static func fromSelectedIndexes(_ context: CatalogQueryContext, joining joins: String = "") -> String {
        """
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        \(joins)
        WHERE c.relkind IN ('r', 'p', 'm')
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        """
    }
}
