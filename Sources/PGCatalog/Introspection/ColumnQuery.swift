import PostgresWire

/// The live columns of every selected table, view, materialized view and composite type, in one query.
///
/// Rows name their relation by OID (cheaper than building the qualified name 30,000 times on the server);
/// the assembler groups them under their relation and numbers them in `attnum` order. The attributes
/// of composite types that belong to extensions come too (testing each row's type costs more than
/// sending them): the assembler only looks up the relations and types the other queries selected.
enum ColumnQuery {
    enum Field: Int, CatalogField {
        case relationOID, attnum, name, type, notNull, defaultExpression, generated, identity, collation, storage
        case compression, statisticsTarget, comment, acl
    }

    struct Row: CatalogRow {
        typealias Field = ColumnQuery.Field
        let relationOID: UInt32
        /// The catalog's column number: gaps where columns were dropped, so only its order counts.
        let attnum: Int
        let name: String
        let type: String
        let notNull: Bool
        let defaultExpression: String?
        let generated: String?
        let identity: String?
        let collation: String?
        let storage: String?
        let compression: String?
        let statisticsTarget: Int?
        let comment: String?
        let acl: [String]?

        init(_ row: borrowing PostgresRow) throws {
            relationOID = try row.oid(Field.relationOID)
            attnum = try row.integer(Field.attnum)
            name = try row.string(Field.name)
            type = try row.string(Field.type)
            notNull = try row.flag(Field.notNull)
            defaultExpression = try row.optionalString(Field.defaultExpression)
            generated = try row.optionalString(Field.generated)
            identity = try row.optionalString(Field.identity)
            collation = try row.optionalString(Field.collation)
            storage = try row.optionalString(Field.storage)
            compression = try row.optionalString(Field.compression)
            statisticsTarget = try row.optionalInteger(Field.statisticsTarget)
            comment = try row.optionalString(Field.comment)
            acl = try row.strings(Field.acl)
        }
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        // attcompression exists from PostgreSQL 14; '' means "the default method". A "char" column holding
        // '' travels as a NUL byte in binary format, so "none" codes become NULL on the server.
        let compression = context.serverVersion >= 140000 ? "NULLIF(a.attcompression, '')" : "NULL::\"char\""
        let expression = "pg_get_expr(ad.adbin, ad.adrelid)"
        return """
        SELECT \(Field.selectList { field in
            switch field {
            case .relationOID: "a.attrelid"
            case .attnum: "a.attnum"
            case .name: "a.attname"
            case .type: "format_type(a.atttypid, a.atttypmod)"
            case .notNull: "a.attnotnull"
            case .defaultExpression: "CASE WHEN a.attgenerated = '' THEN \(expression) END"
            case .generated: "CASE WHEN a.attgenerated <> '' THEN \(expression) END"
            case .identity: "NULLIF(a.attidentity, '')"
            case .collation: CatalogQueryContext.collationName(when: "a.attcollation <> t.typcollation")
            case .storage: "CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END"
            case .compression: compression
            case .statisticsTarget: "CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END"
            case .comment: "col_d.description"
            case .acl: "a.attacl::text[]"
            }
        })
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
        LEFT JOIN pg_namespace coll_n ON coll_n.oid = coll.collnamespace
        LEFT JOIN pg_description col_d
          ON col_d.objoid = a.attrelid AND col_d.classoid = 'pg_class'::regclass AND col_d.objsubid = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped
          AND c.relkind IN ('r', 'p', 'v', 'm', 'c')
          AND \(context.inScope(namespace: "n.nspname"))
          AND \(context.notExtensionMember(catalog: "pg_class", oid: "c.oid"))
        """
    }
}
