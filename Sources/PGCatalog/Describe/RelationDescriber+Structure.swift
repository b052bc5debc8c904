/// Footers about where a relation sits: partitioning, inheritance, the table an index or TOAST
/// table belongs to, a view's query, triggers and a foreign table's server.
extension RelationDescriber {
    func partitionParent(_ match: Match) throws -> RelationDescription.PartitionParent? {
        let detachPending = server(atLeast: 140000) ? "inhdetachpending" : "false as inhdetachpending"
        let row = try rows("""
            SELECT inhparent::pg_catalog.regclass,
              pg_catalog.pg_get_expr(c.relpartbound, c.oid),
              \(detachPending),
              pg_catalog.pg_get_partition_constraintdef(c.oid)
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_inherits i ON c.oid = inhrelid
            WHERE c.oid = '\(match.oid)'
            """).first
        return row.map {
            .init(parent: $0.text(0), bound: $0.text(1), detachPending: $0.flag(2), constraint: $0.optional(3))
        }
    }

    func partitionKey(_ match: Match) throws -> String? {
        let result = try rows("SELECT pg_catalog.pg_get_partkeydef('\(match.oid)'::pg_catalog.oid)")
        return result.count == 1 ? result[0].text(0) : nil
    }

    func owningTable(_ match: Match) throws -> String? {
        let result = try rows("""
            SELECT n.nspname, c.relname
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE reltoastrelid = '\(match.oid)'
            """)
        return result.count == 1 ? "\(result[0].text(0)).\(result[0].text(1))" : nil
    }

    func indexProperties(_ match: Match) throws -> RelationDescription.IndexProperties {
        let constraintFlag = { (column: String) in
            """
            (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid AND \
            conindid = i.indexrelid AND contype IN ('p','u','x') AND \(column)) AS \(column)
            """
        }
        let result = try rows("""
            SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid,
              \(constraintFlag("condeferrable")),
              \(constraintFlag("condeferred")),
            i.indisreplident,
            \(server(atLeast: 150000) ? "i.indnullsnotdistinct" : "false AS indnullsnotdistinct"),
              a.amname, c2.relname, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true)
            FROM pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_am a
            WHERE i.indexrelid = c.oid AND c.oid = '\(match.oid)' AND c.relam = a.oid
            AND i.indrelid = c2.oid
            """)
        guard result.count == 1, let row = result.first else {
            throw DescribeError.unexpectedCatalog("index \(match.schema).\(match.name) has no pg_index row")
        }
        return .init(
            table: row.text(9), method: row.text(8), isPrimary: row.flag(1), isUnique: row.flag(0),
            nullsNotDistinct: row.flag(7), predicate: row.optional(10), isClustered: row.flag(2), isValid: row.flag(3),
            deferrable: row.flag(4), initiallyDeferred: row.flag(5), isReplicaIdentity: row.flag(6))
    }

    func viewDefinition(_ match: Match) throws -> String? {
        try rows("SELECT pg_catalog.pg_get_viewdef('\(match.oid)'::pg_catalog.oid, true)").first?.text(0)
    }

    /// A view's rules other than the `_RETURN` rule that makes it a view.
    func viewRules(_ match: Match) throws -> [RelationDescription.Rule] {
        try rows("""
            SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true)), ev_enabled
            FROM pg_catalog.pg_rewrite r
            WHERE r.ev_class = '\(match.oid)' AND r.rulename != '_RETURN' ORDER BY 1
            """).map { .init(name: $0.text(0), definition: $0.text(1), firing: $0.text(2)) }
    }

    /// User triggers, plus disabled internal ones; a partition's inherited triggers name their origin.
    func triggers(_ match: Match) throws -> [RelationDescription.Trigger] {
        let parent = server(atLeast: 130000)
            ? """
              CASE WHEN t.tgparentid != 0 THEN
                (SELECT u.tgrelid::pg_catalog.regclass
                 FROM pg_catalog.pg_trigger AS u,
                      pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)
                 WHERE u.tgname = t.tgname AND u.tgrelid = a.relid
                       AND u.tgparentid = 0
                 ORDER BY a.depth LIMIT 1)
              END AS parent
            """
            : "  NULL AS parent"
        // Servers 11 to 14 mark a partition's inherited triggers internal; psql still shows them.
        let visible = server(atLeast: 150000)
            ? "(NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))"
            : """
            (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D')
                OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend WHERE objid = t.oid
                    AND refclassid = 'pg_catalog.pg_trigger'::pg_catalog.regclass))
            """
        return try rows("""
            SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,
            \(parent)
            FROM pg_catalog.pg_trigger t
            WHERE t.tgrelid = '\(match.oid)' AND \(visible)
            ORDER BY 1
            """).map { row in
            .init(name: row.text(0), definition: row.text(1), firing: row.text(2), isInternal: row.flag(3),
                  inheritedFrom: row.optional(4))
        }
    }

    func foreignServer(_ match: Match) throws -> RelationDescription.ForeignServer {
        let result = try rows("""
            SELECT s.srvname,
              pg_catalog.array_to_string(ARRAY(
                SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)
                FROM pg_catalog.pg_options_to_table(ftoptions)),  ', ')
            FROM pg_catalog.pg_foreign_table f,
                 pg_catalog.pg_foreign_server s
            WHERE f.ftrelid = '\(match.oid)' AND s.oid = f.ftserver
            """)
        guard result.count == 1, let row = result.first else {
            throw DescribeError.unexpectedCatalog("foreign table \(match.schema).\(match.name) has no server")
        }
        return .init(name: row.text(0), options: row.text(1))
    }

    /// Parents in plain inheritance (partitions show their parent as "Partition of" instead).
    func inheritanceParents(_ match: Match) throws -> [String] {
        try rows("""
            SELECT c.oid::pg_catalog.regclass
            FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
            WHERE c.oid = i.inhparent AND i.inhrelid = '\(match.oid)'
              AND c.relkind != 'p' AND c.relkind != 'I'
            ORDER BY inhseqno
            """).map { $0.text(0) }
    }

    /// Partitions (the default partition last) or inheritance children, by name.
    func children(_ match: Match) throws -> [RelationDescription.ChildRelation] {
        let detachPending = server(atLeast: 140000) ? "inhdetachpending" : "false AS inhdetachpending"
        return try rows("""
            SELECT c.oid::pg_catalog.regclass, c.relkind, \(detachPending), pg_catalog.pg_get_expr(c.relpartbound, c.oid)
            FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
            WHERE c.oid = i.inhrelid AND i.inhparent = '\(match.oid)'
            ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text
            """).map { row in
            .init(name: row.text(0), kind: .init(relkind: row.text(1)), bound: row.optional(3), detachPending: row.flag(2))
        }
    }
}
