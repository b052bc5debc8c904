import PostgresWire

/// Turns the rows of one capture into a ``Snapshot``: codes become named values, privileges and
/// options are sorted, and everything is keyed by qualified name.
struct SnapshotAssembler {
    let rows: CatalogRows
    /// Every relation's columns (tables, views, materialized views, composite types), by the relation's OID.
    let columnsByRelation: [UInt32: [ColumnQuery.Row]]
    /// Constraints and policies by their table's key.
    let constraintsByTable: [String: [ConstraintQuery.Row]]
    let policiesByTable: [String: [PolicyQuery.Row]]

    init(rows: CatalogRows) {
        self.rows = rows
        columnsByRelation = Dictionary(grouping: rows.columns, by: \.relationOID)
        constraintsByTable = Dictionary(grouping: rows.constraints, by: \.table)
        policiesByTable = Dictionary(grouping: rows.policies, by: \.table)
    }

    /// The live columns of relation `oid` in `attnum` order: their positions are 1, 2, 3... in this order,
    /// whatever columns were dropped before (a dropped column leaves a gap in `attnum`).
    func columnsInOrder(of oid: UInt32) -> [ColumnQuery.Row] {
        (columnsByRelation[oid] ?? []).sorted { $0.attnum < $1.attnum }
    }

    func snapshot(meta: Snapshot.Meta, schemas: [SchemaQuery.Row]) throws -> Snapshot {
        let relations = try tablesAndViews()
        return Snapshot(
            meta: meta,
            schemas: Dictionary(keepingFirst: schemas.map {
                ($0.name, Snapshot.Schema(name: $0.name, owner: $0.owner, acl: $0.acl.sortedEntries, comment: $0.comment))
            }),
            extensions: Dictionary(keepingFirst: rows.extensions.map {
                ($0.name, Snapshot.Extension(name: $0.name, version: $0.version, schema: $0.schema, comment: $0.comment))
            }),
            tables: relations.tables,
            views: relations.views,
            materializedViews: relations.materializedViews,
            indexes: indexes(),
            sequences: sequences(),
            functions: try functions(),
            triggers: try triggers(),
            enums: enums(),
            domains: domains(),
            compositeTypes: compositeTypes())
    }

    private func sequences() -> [String: Snapshot.SequenceDefinition] {
        Dictionary(keepingFirst: rows.sequences.map { row in
            var ownedBy: Snapshot.ColumnReference?
            if let table = row.ownedByTable, let column = row.ownedByColumn {
                ownedBy = Snapshot.ColumnReference(table: table, column: column)
            }
            return (row.key, Snapshot.SequenceDefinition(
                schema: row.schema, name: row.name, dataType: row.dataType, start: row.start,
                increment: row.increment, minValue: row.minValue,
                maxValue: row.maxValue, cache: row.cache, cycle: row.cycle,
                ownedBy: ownedBy, owner: row.owner, acl: row.acl.sortedEntries, comment: row.comment))
        })
    }

    private func functions() throws -> [String: Snapshot.Function] {
        Dictionary(keepingFirst: try rows.functions.map { row in
            (row.key, Snapshot.Function(
                schema: row.schema, name: row.name,
                kind: try CatalogCodes.value(row.kind, in: CatalogCodes.functionKind, field: "prokind", of: row.key),
                arguments: row.arguments, result: row.result, language: row.language,
                volatility: try CatalogCodes.value(row.volatility, in: CatalogCodes.volatility, field: "provolatile", of: row.key),
                strict: row.strict, securityDefiner: row.securityDefiner,
                parallel: try CatalogCodes.value(row.parallel, in: CatalogCodes.parallel, field: "proparallel", of: row.key),
                definition: row.definition, owner: row.owner, acl: row.acl.sortedEntries, comment: row.comment))
        })
    }

    private func triggers() throws -> [String: Snapshot.Trigger] {
        Dictionary(keepingFirst: try rows.triggers.map { row in
            (row.key, Snapshot.Trigger(
                table: row.table, name: row.name, definition: row.definition,
                enabled: try CatalogCodes.value(row.enabled, in: CatalogCodes.triggerEnabled, field: "tgenabled", of: row.key),
                comment: row.comment))
        })
    }

    private func enums() -> [String: Snapshot.EnumType] {
        Dictionary(keepingFirst: rows.enums.map { row in
            (row.key, Snapshot.EnumType(
                schema: row.schema, name: row.name, labels: row.labels, owner: row.owner, acl: row.acl.sortedEntries,
                comment: row.comment))
        })
    }

    private func domains() -> [String: Snapshot.Domain] {
        let constraintsByDomain = Dictionary(grouping: rows.domainConstraints, by: \.domain)
        return Dictionary(keepingFirst: rows.domains.map { row in
            let constraints = (constraintsByDomain[row.key] ?? []).map {
                ($0.name, Snapshot.DomainConstraint(definition: $0.definition, validated: $0.validated, comment: $0.comment))
            }
            return (row.key, Snapshot.Domain(
                schema: row.schema, name: row.name, baseType: row.baseType, notNull: row.notNull,
                default: row.defaultExpression, collation: row.collation, constraints: Dictionary(keepingFirst: constraints),
                owner: row.owner, acl: row.acl.sortedEntries, comment: row.comment))
        })
    }

    private func compositeTypes() -> [String: Snapshot.CompositeType] {
        Dictionary(keepingFirst: rows.compositeTypes.map { row in
            let attributes = columnsInOrder(of: row.relationOID).enumerated().map { index, column in
                (column.name, Snapshot.CompositeAttribute(
                    position: index + 1, name: column.name, type: column.type, collation: column.collation,
                    comment: column.comment))
            }
            return (row.key, Snapshot.CompositeType(
                schema: row.schema, name: row.name, attributes: Dictionary(keepingFirst: attributes), owner: row.owner,
                acl: row.acl.sortedEntries, comment: row.comment))
        })
    }
}
