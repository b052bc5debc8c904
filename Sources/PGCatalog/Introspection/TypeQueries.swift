import PostgresWire

/// Enum types with their labels in sort order.
enum EnumQuery {
    enum Field: Int, CatalogField { case key, schema, name, labels, owner, acl, comment }

    struct Row: CatalogRow {
        typealias Field = EnumQuery.Field
        let key: String
        let schema: String
        let name: String
        let labels: [String]
        let owner: String
        let acl: [String]?
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            key = try row.string(Field.key)
            schema = try row.string(Field.schema)
            name = try row.string(Field.name)
            labels = try row.strings(Field.labels) ?? []
            owner = try row.string(Field.owner)
            acl = try row.strings(Field.acl)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .key: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "t.typname")
            case .schema: "n.nspname"
            case .name: "t.typname"
            case .labels: "(SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)"
            case .owner: "pg_get_userbyid(t.typowner)"
            case .acl: "t.typacl::text[]"
            case .comment: CatalogQueryContext.comment(catalog: "pg_type", oid: "t.oid")
            }
        })
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype = 'e'
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_type", oid: "t.oid"))
        """
    }
}

/// Domains with their base type, default and collation; their CHECK constraints come from ``DomainConstraintQuery``.
enum DomainQuery {
    enum Field: Int, CatalogField { case key, schema, name, baseType, notNull, defaultExpression, collation, owner, acl, comment }

    struct Row: CatalogRow {
        typealias Field = DomainQuery.Field
        let key: String
        let schema: String
        let name: String
        let baseType: String
        let notNull: Bool
        let defaultExpression: String?
        let collation: String?
        let owner: String
        let acl: [String]?
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            key = try row.string(Field.key)
            schema = try row.string(Field.schema)
            name = try row.string(Field.name)
            baseType = try row.string(Field.baseType)
            notNull = try row.flag(Field.notNull)
            defaultExpression = try row.optionalString(Field.defaultExpression)
            collation = try row.optionalString(Field.collation)
            owner = try row.string(Field.owner)
            acl = try row.strings(Field.acl)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .key: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "t.typname")
            case .schema: "n.nspname"
            case .name: "t.typname"
            case .baseType: "format_type(t.typbasetype, t.typtypmod)"
            case .notNull: "t.typnotnull"
            case .defaultExpression: "pg_get_expr(t.typdefaultbin, 0)"
            case .collation: CatalogQueryContext.collationName(when: "t.typcollation <> base.typcollation")
            case .owner: "pg_get_userbyid(t.typowner)"
            case .acl: "t.typacl::text[]"
            case .comment: CatalogQueryContext.comment(catalog: "pg_type", oid: "t.oid")
            }
        })
        \(fromSelectedDomains(context, joining: """
            JOIN pg_type base ON base.oid = t.typbasetype
            LEFT JOIN pg_collation coll ON coll.oid = t.typcollation
            LEFT JOIN pg_namespace coll_n ON coll_n.oid = coll.collnamespace
            """))
        """
    }

    /// The selected domains (`t`) and their schemas (`n`), plus `joins`: shared with ``DomainConstraintQuery``.
    static func fromSelectedDomains(_ context: CatalogQueryContext, joining joins: String = "") -> String {
        """
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        \(joins)
        WHERE t.typtype = 'd'
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_type", oid: "t.oid"))
        """
    }
}

/// The CHECK constraints of the selected domains, one row each.
enum DomainConstraintQuery {
    enum Field: Int, CatalogField { case domain, name, definition, validated, comment }

    struct Row: CatalogRow {
        typealias Field = DomainConstraintQuery.Field
        /// The domain's key (`schema.name`).
        let domain: String
        let name: String
        let definition: String
        let validated: Bool
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            domain = try row.string(Field.domain)
            name = try row.string(Field.name)
            definition = try row.string(Field.definition)
            validated = try row.flag(Field.validated)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .domain: CatalogQueryContext.qualifiedName(schema: "d.nspname", name: "d.typname")
            case .name: "con.conname"
            case .definition: "pg_get_constraintdef(con.oid)"
            case .validated: "con.convalidated"
            case .comment: CatalogQueryContext.comment(catalog: "pg_constraint", oid: "con.oid")
            }
        })
        FROM (SELECT t.oid, t.typname, n.nspname \(DomainQuery.fromSelectedDomains(context))) AS d
        JOIN pg_constraint con ON con.contypid = d.oid AND con.contype = 'c'
        """
    }
}

/// Stand-alone composite types (their attributes come from ``ColumnQuery``).
enum CompositeTypeQuery {
    enum Field: Int, CatalogField { case relationOID, key, schema, name, owner, acl, comment }

    struct Row: CatalogRow {
        typealias Field = CompositeTypeQuery.Field
        /// The type's `pg_class` entry, which its attributes (``ColumnQuery`` rows) refer to.
        let relationOID: UInt32
        let key: String
        let schema: String
        let name: String
        let owner: String
        let acl: [String]?
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            relationOID = try row.oid(Field.relationOID)
            key = try row.string(Field.key)
            schema = try row.string(Field.schema)
            name = try row.string(Field.name)
            owner = try row.string(Field.owner)
            acl = try row.strings(Field.acl)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .relationOID: "t.typrelid"
            case .key: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "t.typname")
            case .schema: "n.nspname"
            case .name: "t.typname"
            case .owner: "pg_get_userbyid(t.typowner)"
            case .acl: "t.typacl::text[]"
            case .comment: CatalogQueryContext.comment(catalog: "pg_type", oid: "t.oid")
            }
        })
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_class c ON c.oid = t.typrelid
        WHERE t.typtype = 'c' AND c.relkind = 'c'
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_type", oid: "t.oid"))
        """
    }
}
