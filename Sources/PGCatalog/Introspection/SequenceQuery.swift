/// Sequence parameters (never their current value, which is data) and the column that owns each.
enum SequenceQuery {
    struct Row: Decodable {
        let key: String
        let schema: String
        let name: String
        let dataType: String
        // 64-bit values travel as text: a JSON number reader may round them through a Double.
        let start: String
        let increment: String
        let minValue: String
        let maxValue: String
        let cache: String
        let cycle: Bool
        let ownedByTable: String?
        let ownedByColumn: String?
        let owner: String
        let acl: [String]?
        let comment: String?
    }

    static func sql(_ context: CatalogQueryContext) -> String {
        """
        SELECT json_build_object(
          'key', \(CatalogQueryContext.qualifiedName(schema: "n.nspname", name: "c.relname")),
          'schema', n.nspname,
          'name', c.relname,
          'dataType', format_type(s.seqtypid, NULL),
          'start', s.seqstart::text,
          'increment', s.seqincrement::text,
          'minValue', s.seqmin::text,
          'maxValue', s.seqmax::text,
          'cache', s.seqcache::text,
          'cycle', s.seqcycle,
          'ownedByTable', \(CatalogQueryContext.qualifiedName(schema: "owner_n.nspname", name: "owner_c.relname")),
          'ownedByColumn', owner_a.attname,
          'owner', pg_get_userbyid(c.relowner),
          'acl', c.relacl::text[],
          'comment', \(CatalogQueryContext.comment(catalog: "pg_class", oid: "c.oid")))
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
        ORDER BY n.nspname, c.relname
        """
    }
}
