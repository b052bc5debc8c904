/// Enum types with their labels in sort order.
enum EnumQuery {
    struct Row: Decodable {
        let key: String
        let schema: String
        let name: String
        let labels: [String]
        let owner: String
        let acl: [String]?
        let comment: String?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT json_build_object(
          'key', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "t.typname")),
          'schema', n.nspname,
          'name', t.typname,
          'labels', COALESCE((SELECT array_agg(e.enumlabel ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid),
                             '{}'::name[]),
          'owner', pg_get_userbyid(t.typowner),
          'acl', t.typacl::text[],
          'comment', \(CatalogQueryContext.comment(catalog: "pg_type", oid: "t.oid")))
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype = 'e'
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_type", oid: "t.oid"))
        ORDER BY n.nspname, t.typname
        """
    }
}

/// Domains with their base type, default, collation and CHECK constraints.
enum DomainQuery {
    struct Row: Decodable {
        let key: String
        let schema: String
        let name: String
        let baseType: String
        let notNull: Bool
        let defaultExpression: String?
        let collation: String?
        let constraints: [Constraint]?
        let owner: String
        let acl: [String]?
        let comment: String?
    }

    struct Constraint: Decodable {
        let name: String
        let definition: String
        let validated: Bool
        let comment: String?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT json_build_object(
          'key', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "t.typname")),
          'schema', n.nspname,
          'name', t.typname,
          'baseType', format_type(t.typbasetype, t.typtypmod),
          'notNull', t.typnotnull,
          'defaultExpression', pg_get_expr(t.typdefaultbin, 0),
          'collation', CASE WHEN t.typcollation <> base.typcollation
                            THEN \(CatalogQueryContext.qualifiedName(schema: "coll_n.nspname", name: "coll.collname")) END,
          'constraints', (SELECT json_agg(json_build_object(
                            'name', con.conname,
                            'definition', pg_get_constraintdef(con.oid),
                            'validated', con.convalidated,
                            'comment', \(CatalogQueryContext.comment(catalog: "pg_constraint", oid: "con.oid"))) ORDER BY con.conname)
                          FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c'),
          'owner', pg_get_userbyid(t.typowner),
          'acl', t.typacl::text[],
          'comment', \(CatalogQueryContext.comment(catalog: "pg_type", oid: "t.oid")))
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_type base ON base.oid = t.typbasetype
        LEFT JOIN pg_collation coll ON coll.oid = t.typcollation
        LEFT JOIN pg_namespace coll_n ON coll_n.oid = coll.collnamespace
        WHERE t.typtype = 'd'
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_type", oid: "t.oid"))
        ORDER BY n.nspname, t.typname
        """
    }
}

/// Stand-alone composite types (their attributes come from ``ColumnQuery``).
enum CompositeTypeQuery {
    struct Row: Decodable {
        let key: String
        let schema: String
        let name: String
        let owner: String
        let acl: [String]?
        let comment: String?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT json_build_object(
          'key', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "t.typname")),
          'schema', n.nspname,
          'name', t.typname,
          'owner', pg_get_userbyid(t.typowner),
          'acl', t.typacl::text[],
          'comment', \(CatalogQueryContext.comment(catalog: "pg_type", oid: "t.oid")))
        FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace
        JOIN pg_class c ON c.oid = t.typrelid
        WHERE t.typtype = 'c' AND c.relkind = 'c'
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_type", oid: "t.oid"))
        ORDER BY n.nspname, t.typname
        """
    }
}
