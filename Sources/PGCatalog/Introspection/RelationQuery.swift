import PostgresWire

/// Tables, partitioned tables, views and materialized views: one row each, with partitioning,
/// inheritance, row-level security, options, ownership, privileges, comment and view definition.
enum RelationQuery {
    enum Field: Int, CatalogField {
        case oid, key, schema, name, kind, persistence, rowSecurity, forceRowSecurity, options, accessMethod, tablespace
        case owner, acl, comment, partitionStrategy, partitionKey, isPartition, parents, partitionBound, viewDefinition
    }

    struct Row: CatalogRow {
        typealias Field = RelationQuery.Field
        /// The relation's OID, which its columns refer to.
        let oid: UInt32
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

        init(_ row: borrowing PostgresRow) throws {
            oid = try row.oid(Field.oid)
            key = try row.string(Field.key)
            schema = try row.string(Field.schema)
            name = try row.string(Field.name)
            kind = try row.string(Field.kind)
            persistence = try row.string(Field.persistence)
            rowSecurity = try row.flag(Field.rowSecurity)
            forceRowSecurity = try row.flag(Field.forceRowSecurity)
            options = try row.strings(Field.options)
            accessMethod = try row.optionalString(Field.accessMethod)
            tablespace = try row.optionalString(Field.tablespace)
            owner = try row.string(Field.owner)
            acl = try row.strings(Field.acl)
            comment = try row.optionalString(Field.comment)
            partitionStrategy = try row.optionalString(Field.partitionStrategy)
            partitionKey = try row.optionalString(Field.partitionKey)
            isPartition = try row.flag(Field.isPartition)
            parents = try row.strings(Field.parents)
            partitionBound = try row.optionalString(Field.partitionBound)
            viewDefinition = try row.optionalString(Field.viewDefinition)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .oid: "c.oid"
            case .key: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")
            case .schema: "n.nspname"
            case .name: "c.relname"
            case .kind: "c.relkind"
            case .persistence: "c.relpersistence"
            case .rowSecurity: "c.relrowsecurity"
            case .forceRowSecurity: "c.relforcerowsecurity"
            case .options: "c.reloptions"
            case .accessMethod: "am.amname"
            case .tablespace: "ts.spcname"
            case .owner: "pg_get_userbyid(c.relowner)"
            case .acl: "c.relacl::text[]"
            case .comment: CatalogQueryContext.comment(catalog: "pg_class", oid: "c.oid")
            case .partitionStrategy: "pt.partstrat"
            case .partitionKey: "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END"
            case .isPartition: "c.relispartition"
            case .parents: """
                (SELECT array_agg(\(CatalogQueryContext.qualifiedName(schema: "pn.nspname", name: "p.relname")) ORDER BY i.inhseqno)
                   FROM pg_inherits i
                   JOIN pg_class p ON p.oid = i.inhparent
                   JOIN pg_namespace pn ON pn.oid = p.relnamespace
                   WHERE i.inhrelid = c.oid)
                """
            case .partitionBound: "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END"
            case .viewDefinition: "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END"
            }
        })
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_am am ON am.oid = c.relam
        LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace
        LEFT JOIN pg_partitioned_table pt ON pt.partrelid = c.oid
        WHERE c.relkind IN ('r', 'p', 'v', 'm')
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        """
    }
}
