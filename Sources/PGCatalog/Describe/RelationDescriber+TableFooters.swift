/// The table footers: indexes, constraints, policies, statistics objects, rules and publications.
extension RelationDescriber {
    func indexes(_ match: Match) throws -> [RelationDescription.IndexSummary] {
        try rows("""
            SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, \
            pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
              pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, \
            (SELECT spcname FROM pg_catalog.pg_tablespace WHERE oid = c2.reltablespace)
            FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
              LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
            WHERE c.oid = '\(match.oid)' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
            ORDER BY i.indisprimary DESC, c2.relname
            """).map { row in
            RelationDescription.IndexSummary(
                name: row.text(0), isPrimary: row.flag(1), isUnique: row.flag(2), isClustered: row.flag(3),
                isValid: row.flag(4), definition: row.text(5), constraintType: .init(contype: row.text(7)),
                constraintDefinition: row.optional(6), deferrable: row.flag(8), initiallyDeferred: row.flag(9),
                isReplicaIdentity: row.flag(10), tablespace: row.optional(11))
        }
    }

    func checkConstraints(_ match: Match) throws -> [RelationDescription.NamedDefinition] {
        try rows("""
            SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)
            FROM pg_catalog.pg_constraint r
            WHERE r.conrelid = '\(match.oid)' AND r.contype = 'c'
            ORDER BY 1
            """).map { .init(name: $0.text(0), definition: $0.text(1)) }
    }

    /// A partition or partitioned table lists its own foreign keys first, then its ancestors'.
    func foreignKeys(_ match: Match, partitioned: Bool) throws -> [RelationDescription.ForeignKey] {
        let sql = partitioned
            ? """
            SELECT conrelid = '\(match.oid)'::pg_catalog.regclass AS sametable,
                   conname,
                   pg_catalog.pg_get_constraintdef(oid, true) AS condef,
                   conrelid::pg_catalog.regclass AS ontable
              FROM pg_catalog.pg_constraint,
                   pg_catalog.pg_partition_ancestors('\(match.oid)')
             WHERE conrelid = relid AND contype = 'f' AND conparentid = 0
            ORDER BY sametable DESC, conname
            """
            : """
            SELECT true as sametable, conname,
              pg_catalog.pg_get_constraintdef(r.oid, true) as condef,
              conrelid::pg_catalog.regclass AS ontable
            FROM pg_catalog.pg_constraint r
            WHERE r.conrelid = '\(match.oid)' AND r.contype = 'f'
                 AND conparentid = 0
            ORDER BY conname
            """
        return try rows(sql).map { row in
            .init(name: row.text(1), table: row.text(3), definition: row.text(2), isInherited: row.text(0) == "f")
        }
    }

    func referencingForeignKeys(_ match: Match) throws -> [RelationDescription.ForeignKey] {
        try rows("""
            SELECT conname, conrelid::pg_catalog.regclass AS ontable,
                   pg_catalog.pg_get_constraintdef(oid, true) AS condef
              FROM pg_catalog.pg_constraint c
             WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('\(match.oid)')
                                 UNION ALL VALUES ('\(match.oid)'::pg_catalog.regclass))
                   AND contype = 'f' AND conparentid = 0
            ORDER BY conname
            """).map { .init(name: $0.text(0), table: $0.text(1), definition: $0.text(2), isInherited: false) }
    }

    func policies(_ match: Match) throws -> [RelationDescription.Policy] {
        try rows("""
            SELECT pol.polname, pol.polpermissive,
              CASE WHEN pol.polroles = '{0}' THEN NULL ELSE array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1) END,
              pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),
              pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),
              CASE pol.polcmd
                WHEN 'r' THEN 'SELECT'
                WHEN 'a' THEN 'INSERT'
                WHEN 'w' THEN 'UPDATE'
                WHEN 'd' THEN 'DELETE'
                END AS cmd
            FROM pg_catalog.pg_policy pol
            WHERE pol.polrelid = '\(match.oid)' ORDER BY 1
            """).map { row in
            .init(name: row.text(0), permissive: row.text(1) != "f", command: row.optional(5), roles: try row.array(2),
                  using: row.optional(3), withCheck: row.optional(4))
        }
    }

    func statisticsObjects(_ match: Match) throws -> [RelationDescription.StatisticsObject] {
        let sql: String
        if server(atLeast: 140000) {
            sql = """
                SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,
                pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,
                  'd' = any(stxkind) AS ndist_enabled,
                  'f' = any(stxkind) AS deps_enabled,
                  'm' = any(stxkind) AS mcv_enabled,
                stxstattarget
                FROM pg_catalog.pg_statistic_ext
                WHERE stxrelid = '\(match.oid)'
                ORDER BY nsp, stxname
                """
        } else {
            sql = """
                SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace AS nsp, stxname,
                  (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(attname),', ')
                   FROM pg_catalog.unnest(stxkeys) s(attnum)
                   JOIN pg_catalog.pg_attribute a ON (stxrelid = a.attrelid AND
                        a.attnum = s.attnum AND NOT attisdropped)) AS columns,
                  'd' = any(stxkind) AS ndist_enabled,
                  'f' = any(stxkind) AS deps_enabled,
                  'm' = any(stxkind) AS mcv_enabled,
                  \(server(atLeast: 130000) ? "stxstattarget" : "-1 AS stxstattarget")
                FROM pg_catalog.pg_statistic_ext
                WHERE stxrelid = '\(match.oid)'
                ORDER BY 1
                """
        }
        return try rows(sql).map { row in
            .init(schema: row.text(2), name: row.text(3), table: row.text(1), columns: row.text(4), ndistinct: row.flag(5),
                  dependencies: row.flag(6), mcv: row.flag(7), statisticsTarget: row.integer(8))
        }
    }

    func rules(_ match: Match) throws -> [RelationDescription.Rule] {
        try rows("""
            SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true)), ev_enabled
            FROM pg_catalog.pg_rewrite r
            WHERE r.ev_class = '\(match.oid)' ORDER BY 1
            """).map { .init(name: $0.text(0), definition: $0.text(1), firing: $0.text(2)) }
    }

    func publications(_ match: Match) throws -> [RelationDescription.Publication] {
        let oid = match.oid
        let sql = server(atLeast: 150000)
            ? """
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
                 JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
            WHERE pc.oid ='\(oid)' and pg_catalog.pg_relation_is_publishable('\(oid)')
            UNION
            SELECT pubname
                 , pg_get_expr(pr.prqual, c.oid)
                 , (CASE WHEN pr.prattrs IS NOT NULL THEN
                     (SELECT string_agg(attname, ', ')
                       FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                            pg_catalog.pg_attribute
                      WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
                    ELSE NULL END) FROM pg_catalog.pg_publication p
                 JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
                 JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
            WHERE pr.prrelid = '\(oid)'
            UNION
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
            WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('\(oid)')
            ORDER BY 1
            """
            : """
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
            JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
            WHERE pr.prrelid = '\(oid)'
            UNION ALL
            SELECT pubname
                 , NULL
                 , NULL
            FROM pg_catalog.pg_publication p
            WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('\(oid)')
            ORDER BY 1
            """
        return try rows(sql).map { .init(name: $0.text(0), columns: $0.optional(2), rowFilter: $0.optional(1)) }
    }
}
