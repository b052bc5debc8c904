import PostgresWire

/// Sequence parameters (never their current value, which is data) and the column that owns each.
enum SequenceQuery {
    enum Field: Int, CatalogField {
        case key, schema, name, dataType, start, increment, minValue, maxValue, cache, cycle, ownedByTable, ownedByColumn
        case owner, acl, comment
    }

    struct Row: CatalogRow {
        typealias Field = SequenceQuery.Field
        let key: String
        let schema: String
        let name: String
        let dataType: String
        let start: Int64
        let increment: Int64
        let minValue: Int64
        let maxValue: Int64
        let cache: Int64
        let cycle: Bool
        let ownedByTable: String?
        let ownedByColumn: String?
        let owner: String
        let acl: [String]?
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            key = try row.string(Field.key)
            schema = try row.string(Field.schema)
            name = try row.string(Field.name)
            dataType = try row.string(Field.dataType)
            start = try row.decode(Int64.self, at: Field.start.rawValue)
            increment = try row.decode(Int64.self, at: Field.increment.rawValue)
            minValue = try row.decode(Int64.self, at: Field.minValue.rawValue)
            maxValue = try row.decode(Int64.self, at: Field.maxValue.rawValue)
            cache = try row.decode(Int64.self, at: Field.cache.rawValue)
            cycle = try row.flag(Field.cycle)
            ownedByTable = try row.optionalString(Field.ownedByTable)
            ownedByColumn = try row.optionalString(Field.ownedByColumn)
            owner = try row.string(Field.owner)
            acl = try row.strings(Field.acl)
            comment = try row.optionalString(Field.comment)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT \(Field.selectList { field in
            switch field {
            case .key: CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")
            case .schema: "n.nspname"
            case .name: "c.relname"
            case .dataType: "format_type(s.seqtypid, NULL)"
            case .start: "s.seqstart"
            case .increment: "s.seqincrement"
            case .minValue: "s.seqmin"
            case .maxValue: "s.seqmax"
            case .cache: "s.seqcache"
            case .cycle: "s.seqcycle"
            case .ownedByTable: CatalogQueryContext.qualifiedName(schema: "owner_n.nspname", name: "owner_c.relname")
            case .ownedByColumn: "owner_a.attname"
            case .owner: "pg_get_userbyid(c.relowner)"
            case .acl: "c.relacl::text[]"
            case .comment: CatalogQueryContext.comment(catalog: "pg_class", oid: "c.oid")
            }
        })
        FROM pg_sequence s
        JOIN pg_class c ON c.oid = s.seqrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        -- 'a': OWNED BY / serial; 'i': an identity column's sequence.
        LEFT JOIN pg_depend owned ON owned.classid = 'pg_class'::regclass AND owned.objid = c.oid
          AND owned.refclassid = 'pg_class'::regclass AND owned.refobjsubid > 0 AND owned.deptype IN ('a', 'i')
        LEFT JOIN pg_class owner_c ON owner_c.oid = owned.refobjid
        LEFT JOIN pg_namespace owner_n ON owner_n.oid = owner_c.relnamespace
        LEFT JOIN pg_attribute owner_a ON owner_a.attrelid = owned.refobjid AND owner_a.attnum = owned.refobjsubid
        WHERE \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        """
    }
}
