import PostgresWire

/// Every schema in the database (TOAST and temporary schemas aside).
enum SchemaQuery {
    enum Field: Int, CatalogField { case name, owner, acl, comment, extensionMember }

    struct Row: CatalogRow {
        typealias Field = SchemaQuery.Field
        let name: String
        let owner: String
        let acl: [String]?
        let comment: String?
        let extensionMember: Bool

        init(_ row: borrowing PostgresRow) throws {
            name = try row.string(Field.name)
            owner = try row.string(Field.owner)
            acl = try row.strings(Field.acl)
            comment = try row.optionalString(Field.comment)
            extensionMember = try row.flag(Field.extensionMember)
        }
    }

    static let sql = """
        SELECT \(Field.selectList { field in
            switch field {
            case .name: "n.nspname"
            case .owner: "pg_get_userbyid(n.nspowner)"
            case .acl: "n.nspacl::text[]"
            case .comment: CatalogQueryContext.comment(catalog: "pg_namespace", oid: "n.oid")
            case .extensionMember:
                "EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')"
            }
        })
        FROM pg_namespace n
        WHERE n.nspname !~ '^pg_toast' AND n.nspname !~ '^pg_temp_'
        """
}

/// The installed extensions (database-wide: always listed, whatever the schema selection).
enum ExtensionQuery {
    enum Field: Int, CatalogField { case name, version, schema, comment }

    struct Row: CatalogRow {
        typealias Field = ExtensionQuery.Field
        let name: String
        let version: String
        let schema: String
        let comment: String?

        init(_ row: borrowing PostgresRow) throws {
            name = try row.string(Field.name)
            version = try row.string(Field.version)
            schema = try row.string(Field.schema)
            comment = try row.optionalString(Field.comment)
        }
    }

    static let sql = """
        SELECT \(Field.selectList { field in
            switch field {
            case .name: "e.extname"
            case .version: "e.extversion"
            case .schema: "n.nspname"
            case .comment: CatalogQueryContext.comment(catalog: "pg_extension", oid: "e.oid")
            }
        })
        FROM pg_extension e
        JOIN pg_namespace n ON n.oid = e.extnamespace
        """
}

/// When and where the capture runs.
enum CaptureContextQuery {
    enum Field: Int, CatalogField { case capturedAt, serverVersion, serverVersionNumber, database }

    struct Row: CatalogRow {
        typealias Field = CaptureContextQuery.Field
        let capturedAt: String
        let serverVersion: String
        let serverVersionNumber: Int
        let database: String

        init(_ row: borrowing PostgresRow) throws {
            capturedAt = try row.string(Field.capturedAt)
            serverVersion = try row.string(Field.serverVersion)
            serverVersionNumber = try row.integer(Field.serverVersionNumber)
            database = try row.string(Field.database)
        }
    }

    static let sql = """
        SELECT \(Field.selectList { field in
            switch field {
            case .capturedAt: #"to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"#
            case .serverVersion: "current_setting('server_version')"
            case .serverVersionNumber: "current_setting('server_version_num')::int"
            case .database: "current_database()::text"
            }
        })
        """
}
