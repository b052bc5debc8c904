/// Every schema in the database (TOAST and temporary schemas aside), with whether the connecting role may use it.
enum SchemaQuery {
    struct Row: Decodable {
        let name: String
        let owner: String
        let acl: [String]?
        let comment: String?
        let usable: Bool
        let extensionMember: Bool
    }

    static let sql = """
        SELECT json_build_object(
          'name', n.nspname,
          'owner', pg_get_userbyid(n.nspowner),
          'acl', n.nspacl::text[],
          'comment', \(CatalogQueryContext.comment(catalog: "pg_namespace", oid: "n.oid")),
          'usable', has_schema_privilege(n.oid, 'USAGE'),
          'extensionMember', EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass
                                     AND d.objid = n.oid AND d.deptype = 'e'))
        FROM pg_namespace n
        WHERE n.nspname !~ '^pg_toast' AND n.nspname !~ '^pg_temp_'
        ORDER BY n.nspname
        """
}

/// The installed extensions (database-wide: always listed, whatever the schema selection).
enum ExtensionQuery {
    struct Row: Decodable {
        let name: String
        let version: String
        let schema: String
        let comment: String?
    }

    static let sql = """
        SELECT json_build_object(
          'name', e.extname,
          'version', e.extversion,
          'schema', n.nspname,
          'comment', \(CatalogQueryContext.comment(catalog: "pg_extension", oid: "e.oid")))
        FROM pg_extension e
        JOIN pg_namespace n ON n.oid = e.extnamespace
        ORDER BY e.extname
        """
}

/// When and where the capture runs.
enum CaptureContextQuery {
    struct Row: Decodable {
        let capturedAt: String
        let serverVersion: String
        let serverVersionNumber: Int
        let database: String
        let user: String
    }

    static let sql = """
        SELECT json_build_object(
          'capturedAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'serverVersion', current_setting('server_version'),
          'serverVersionNumber', current_setting('server_version_num')::int,
          'database', current_database(),
          'user', current_user)
        """
}
