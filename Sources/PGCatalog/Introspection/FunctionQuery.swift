import PostgresWire

/// Functions, procedures, aggregates and window functions.
enum FunctionQuery {
    enum Field: Int, CatalogField {
        case key, schema, name, kind, arguments, result, language, volatility, strict, securityDefiner, parallel
        case definition, owner, acl, comment
    }

    struct Row: CatalogRow {
        typealias Field = FunctionQuery.Field
        /// `schema.name(identity arguments)`, quoted as the server quotes identifiers.
        let key: String
        let schema: String
        let name: String
        let kind: String
        let arguments: String
        let result: String?
        let language: String
        let volatility: String
        let strict: Bool
        let securityDefiner: Bool
        let parallel: String
        let definition: String?
        let owner: String
        let acl: [String]?
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            key = try row.string(Field.key)
            schema = try row.string(Field.schema)
            name = try row.string(Field.name)
            kind = try row.string(Field.kind)
            arguments = try row.string(Field.arguments)
            result = try row.optionalString(Field.result)
            language = try row.string(Field.language)
            volatility = try row.string(Field.volatility)
            strict = try row.flag(Field.strict)
            securityDefiner = try row.flag(Field.securityDefiner)
            parallel = try row.string(Field.parallel)
            definition = try row.optionalString(Field.definition)
            owner = try row.string(Field.owner)
            acl = try row.strings(Field.acl)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .key: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "p.proname")
                + " || '(' || pg_get_function_identity_arguments(p.oid) || ')'"
            case .schema: "n.nspname"
            case .name: "p.proname"
            case .kind: "p.prokind"
            case .arguments: "pg_get_function_identity_arguments(p.oid)"
            case .result: "CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END"
            case .language: "l.lanname"
            case .volatility: "p.provolatile"
            case .strict: "p.proisstrict"
            case .securityDefiner: "p.prosecdef"
            case .parallel: "p.proparallel"
            // pg_get_functiondef cannot print aggregates (it raises an error for them).
            case .definition: "CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END"
            case .owner: "pg_get_userbyid(p.proowner)"
            case .acl: "p.proacl::text[]"
            case .comment: CatalogQueryContext.comment(catalog: "pg_proc", oid: "p.oid")
            }
        })
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        JOIN pg_language l ON l.oid = p.prolang
        WHERE \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_proc", oid: "p.oid"))
        """
    }
}
