/// The relation itself: its `pg_class` row, its title, its columns, and a sequence's parameters.
extension RelationDescriber {
    /// psql's "general table info": what decides which parts `\d+` shows.
    struct TableInfo {
        let checkCount: Int
        let kind: RelationDescription.Kind
        let hasIndex: Bool
        let hasRules: Bool
        let hasTriggers: Bool
        let rowSecurity: Bool
        let forceRowSecurity: Bool
        let isPartition: Bool
        let options: [String]
        let tablespace: String?
        let typedTableOf: String?
        let persistence: RelationDescription.Persistence
        let replicaIdentity: RelationDescription.ReplicaIdentity
        let accessMethod: String?
    }

    func tableInfo(_ match: Match) throws -> TableInfo {
        let sql = """
            SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, \
            c.relforcerowsecurity, c.relispartition, \
            c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), \
            (SELECT spcname FROM pg_catalog.pg_tablespace WHERE oid = c.reltablespace), \
            CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, \
            c.relpersistence, c.relreplident, am.amname
            FROM pg_catalog.pg_class c
             LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)
            LEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)
            WHERE c.oid = '\(match.oid)'
            """
        guard let row = try rows(sql).first else {
            throw DescribeError.unexpectedCatalog("relation \(match.schema).\(match.name) disappeared while being described")
        }
        guard let kind = RelationDescription.Kind(relkind: row.text(1)) else {
            throw DescribeError.unexpectedCatalog("relation \(match.schema).\(match.name) has unknown relkind '\(row.text(1))'")
        }
        let typedTableOf = row.text(10)
        return TableInfo(
            checkCount: row.integer(0) ?? 0, kind: kind, hasIndex: row.flag(2), hasRules: row.flag(3),
            hasTriggers: row.flag(4), rowSecurity: row.flag(5), forceRowSecurity: row.flag(6), isPartition: row.flag(7),
            options: try row.array(8) ?? [], tablespace: row.optional(9), typedTableOf: typedTableOf.isEmpty ? nil : typedTableOf,
            persistence: .init(relpersistence: row.text(11)), replicaIdentity: .init(relreplident: row.text(12)),
            accessMethod: row.optional(13))
    }

    func title(kind: RelationDescription.Kind, persistence: RelationDescription.Persistence, match: Match) -> String {
        let unlogged = persistence == .unlogged
        let noun: String
        switch kind {
        case .table: noun = unlogged ? "Unlogged table" : "Table"
        case .view: noun = "View"
        case .materializedView: noun = "Materialized view"
        case .index: noun = unlogged ? "Unlogged index" : "Index"
        case .partitionedIndex: noun = unlogged ? "Unlogged partitioned index" : "Partitioned index"
        case .toastTable: noun = "TOAST table"
        case .compositeType: noun = "Composite type"
        case .foreignTable: noun = "Foreign table"
        case .partitionedTable: noun = unlogged ? "Unlogged partitioned table" : "Partitioned table"
        case .sequence: noun = unlogged ? "Unlogged sequence" : "Sequence"
        }
        return "\(noun) \"\(match.schema).\(match.name)\""
    }

    /// The columns psql's `\d+` table has for `kind` on this server.
    func columnFields(for kind: RelationDescription.Kind) -> [RelationDescription.ColumnField] {
        var fields: [RelationDescription.ColumnField] = [.name, .type]
        if kind.showsColumnDetails { fields += [.collation, .nullable, .defaultValue] }
        if kind.isIndex { fields += [.isKey, .definition] }
        if kind == .foreignTable { fields.append(.fdwOptions) }
        fields.append(.storage)
        if server(atLeast: 140000) && kind.hasCompression { fields.append(.compression) }
        if kind.hasStatisticsTarget { fields.append(.statisticsTarget) }
        if kind.hasColumnComments { fields.append(.description) }
        return fields
    }

    func columns(_ match: Match, kind: RelationDescription.Kind) throws -> [RelationDescription.Column] {
        var select = """
            SELECT a.attname,
              pg_catalog.format_type(a.atttypid, a.atttypmod),
              (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
               FROM pg_catalog.pg_attrdef d
               WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
              a.attnotnull,
              (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
               WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
              a.attidentity,
              a.attgenerated,
              a.attstorage,
              \(server(atLeast: 140000) ? "a.attcompression" : "''::pg_catalog.char") AS attcompression,
              CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget,
              pg_catalog.col_description(a.attrelid, a.attnum)
            """
        if kind.isIndex {
            select += """
                ,
                  CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = '\(match.oid)') \
                THEN 'yes' ELSE 'no' END AS is_key,
                  pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, TRUE) AS indexdef
                """
        }
        if kind == .foreignTable {
            select += """
                ,
                  CASE WHEN attfdwoptions IS NULL THEN '' ELSE \
                '(' || pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(option_name) || ' ' || \
                pg_catalog.quote_literal(option_value)  FROM pg_catalog.pg_options_to_table(attfdwoptions)), ', ') || ')' END AS attfdwoptions
                """
        }
        let sql = select + """

            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = '\(match.oid)' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """
        return try rows(sql).map { row in
            let generated = row.text(6) == "s"
            var column = RelationDescription.Column(
                name: row.text(0), type: row.text(1), collation: row.optional(4), notNull: row.flag(3),
                defaultExpression: generated ? nil : row.optional(2), identity: identity(row.text(5)),
                generationExpression: generated ? row.text(2) : nil, storage: storageName(row.text(7)),
                compression: compressionName(row.text(8)), statisticsTarget: row.integer(9), description: row.optional(10))
            if kind.isIndex {
                column.isKey = row.text(11) == "yes"
                column.indexDefinition = row.text(12)
            }
            if kind == .foreignTable { column.fdwOptions = row.text(11) }
            return column
        }
    }

    private func identity(_ letter: String) -> RelationDescription.Identity? {
        switch letter {
        case "a": .always
        case "d": .byDefault
        default: nil
        }
    }

    private func storageName(_ letter: String) -> String {
        switch letter {
        case "p": "plain"
        case "m": "main"
        case "x": "extended"
        case "e": "external"
        default: "???"
        }
    }

    private func compressionName(_ letter: String) -> String? {
        switch letter {
        case "": nil
        case "p": "pglz"
        case "l": "lz4"
        default: "???"
        }
    }

    func sequenceParameters(_ match: Match) throws -> RelationDescription.SequenceParameters {
        let sql = """
            SELECT pg_catalog.format_type(seqtypid, NULL), seqstart, seqmin, seqmax, seqincrement, seqcycle, seqcache
            FROM pg_catalog.pg_sequence
            WHERE seqrelid = '\(match.oid)'
            """
        guard let row = try rows(sql).first else {
            throw DescribeError.unexpectedCatalog("sequence \(match.schema).\(match.name) has no pg_sequence row")
        }
        var parameters = RelationDescription.SequenceParameters(
            type: row.text(0), start: row.int64(1), minimum: row.int64(2), maximum: row.int64(3), increment: row.int64(4),
            cycles: row.flag(5), cache: row.int64(6), ownedBy: nil, isIdentity: false)
        let owner = try rows("""
            SELECT pg_catalog.quote_ident(nspname) || '.' ||
               pg_catalog.quote_ident(relname) || '.' ||
               pg_catalog.quote_ident(attname),
               d.deptype
            FROM pg_catalog.pg_class c
            INNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid
            INNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace
            INNER JOIN pg_catalog.pg_attribute a ON (
             a.attrelid=c.oid AND
             a.attnum=d.refobjsubid)
            WHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass
             AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass
             AND d.objid='\(match.oid)'
             AND d.deptype IN ('a', 'i')
            """)
        // psql shows the owner only when there is exactly one.
        if owner.count == 1 {
            parameters.ownedBy = owner[0].text(0)
            parameters.isIdentity = owner[0].text(1) == "i"
        }
        return parameters
    }
}
