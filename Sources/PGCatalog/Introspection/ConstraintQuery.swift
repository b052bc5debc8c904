import PostgresWire

/// Table constraints (primary key, unique, foreign key, check, exclusion, constraint trigger) with
/// their structured fields.
enum ConstraintQuery {
    enum Field: Int, CatalogField {
        case table, name, type, definition, columns, referencedTable, referencedColumns, onUpdate, onDelete, match
        case deferrable, deferred, validated, index, comment
    }

    struct Row: CatalogRow {
        typealias Field = ConstraintQuery.Field
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

        init(_ row: borrowing PostgresRow) throws {
            table = try row.string(Field.table)
            name = try row.string(Field.name)
            type = try row.string(Field.type)
            definition = try row.string(Field.definition)
            columns = try row.strings(Field.columns)
            referencedTable = try row.optionalString(Field.referencedTable)
            referencedColumns = try row.strings(Field.referencedColumns)
            onUpdate = try row.string(Field.onUpdate)
            onDelete = try row.string(Field.onDelete)
            match = try row.string(Field.match)
            deferrable = try row.flag(Field.deferrable)
            deferred = try row.flag(Field.deferred)
            validated = try row.flag(Field.validated)
            index = try row.optionalString(Field.index)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .table: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")
            case .name: "con.conname"
            case .type: "con.contype"
            case .definition: "pg_get_constraintdef(con.oid)"
            case .columns: """
                (SELECT array_agg(a.attname ORDER BY k.ord)
                   FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
                """
            case .referencedTable: """
                CASE WHEN con.contype = 'f' THEN \(CatalogQueryContext.qualifiedName(schema: "ref_n.nspname", name: "ref.relname")) END
                """
            case .referencedColumns: """
                (SELECT array_agg(a.attname ORDER BY k.ord)
                   FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)
                """
            case .onUpdate: "con.confupdtype"
            case .onDelete: "con.confdeltype"
            case .match: "con.confmatchtype"
            case .deferrable: "con.condeferrable"
            case .deferred: "con.condeferred"
            case .validated: "con.convalidated"
            case .index: """
                CASE WHEN con.conindid <> 0 THEN \(CatalogQueryContext.qualifiedName(schema: "idx_n.nspname", name: "idx.relname")) END
                """
            case .comment: CatalogQueryContext.comment(catalog: "pg_constraint", oid: "con.oid")
            }
        })
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
        """
    }
}
