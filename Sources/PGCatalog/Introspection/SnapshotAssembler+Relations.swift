/// Shapes tables, views and materialized views, with their columns, constraints, policies and indexes.
extension SnapshotAssembler {
    /// Tables, views and materialized views by key.
    struct Relations {
        var tables: [String: Snapshot.Table] = [:]
        var views: [String: Snapshot.View] = [:]
        var materializedViews: [String: Snapshot.View] = [:]

        /// Adds `other`'s relations (from another part of the same catalog: no key is in both).
        mutating func merge(_ other: Relations) {
            tables.merge(other.tables) { first, _ in first }
            views.merge(other.views) { first, _ in first }
            materializedViews.merge(other.materializedViews) { first, _ in first }
        }
    }

    /// From this many relations on, ``tablesAndViews()`` shapes half of them on a second thread.
    static let relationsShapedInParallel = 200

    /// Every table, view and materialized view, with its columns, constraints and policies.
    func tablesAndViews() throws -> Relations {
        let all = rows.relations[...]
        guard all.count >= Self.relationsShapedInParallel else { return try shape(all) }
        let split = all.count / 2
        var (relations, secondHalf) = try inParallel({ [self] in try shape(all[..<split]) }, { try shape(all[split...]) })
        relations.merge(secondHalf)
        return relations
    }

    private func shape(_ relations: ArraySlice<RelationQuery.Row>) throws -> Relations {
        var tables: [(String, Snapshot.Table)] = []
        var views: [(String, Snapshot.View)] = []
        var materializedViews: [(String, Snapshot.View)] = []
        for relation in relations {
            let columns = Dictionary(keepingFirst: try columnsInOrder(of: relation.oid).enumerated().map { index, row in
                (row.name, try column(row, position: index + 1, of: relation.key))
            })
            switch relation.kind {
            case "r", "p":
                let constraints = try (constraintsByTable[relation.key] ?? []).map { ($0.name, try constraint($0)) }
                let policies = try (policiesByTable[relation.key] ?? []).map { ($0.name, try policy($0)) }
                tables.append((relation.key, try table(
                    relation, columns: columns, constraints: Dictionary(keepingFirst: constraints),
                    policies: Dictionary(keepingFirst: policies))))
            case "v":
                views.append((relation.key, view(relation, columns: columns)))
            case "m":
                materializedViews.append((relation.key, view(relation, columns: columns)))
            default:
                continue
            }
        }
        return Relations(
            tables: Dictionary(keepingFirst: tables), views: Dictionary(keepingFirst: views),
            materializedViews: Dictionary(keepingFirst: materializedViews))
    }

    private func table(
        _ row: RelationQuery.Row, columns: [String: Snapshot.Column], constraints: [String: Snapshot.Constraint],
        policies: [String: Snapshot.Policy]
    ) throws -> Snapshot.Table {
        var partitioning: Snapshot.Partitioning?
        if row.kind == "p", let strategy = row.partitionStrategy, let key = row.partitionKey {
            partitioning = Snapshot.Partitioning(
                strategy: try CatalogCodes.value(strategy, in: CatalogCodes.partitionStrategy, field: "partstrat", of: row.key),
                key: key)
        }
        var partitionOf: Snapshot.PartitionMembership?
        if row.isPartition, let parent = row.parents?.first {
            partitionOf = Snapshot.PartitionMembership(parent: parent, bound: row.partitionBound ?? "")
        }
        let inherits = row.isPartition || (row.parents ?? []).isEmpty ? nil : row.parents
        return Snapshot.Table(
            schema: row.schema, name: row.name, kind: row.kind == "p" ? .partitionedTable : .table,
            persistence: try CatalogCodes.value(row.persistence, in: CatalogCodes.persistence, field: "relpersistence", of: row.key),
            partitioning: partitioning, partitionOf: partitionOf, inherits: inherits,
            rowSecurityEnabled: row.rowSecurity, rowSecurityForced: row.forceRowSecurity,
            options: row.options.sortedEntries, accessMethod: row.accessMethod, tablespace: row.tablespace,
            owner: row.owner, acl: row.acl.sortedEntries, comment: row.comment,
            columns: columns, constraints: constraints, policies: policies)
    }

    private func view(_ row: RelationQuery.Row, columns: [String: Snapshot.Column]) -> Snapshot.View {
        Snapshot.View(
            schema: row.schema, name: row.name, definition: row.viewDefinition ?? "", columns: columns,
            options: row.options.sortedEntries, accessMethod: row.accessMethod, tablespace: row.tablespace,
            owner: row.owner, acl: row.acl.sortedEntries, comment: row.comment)
    }

    func column(_ row: ColumnQuery.Row, position: Int, of relation: String) throws -> Snapshot.Column {
        return Snapshot.Column(
            position: position, name: row.name, type: row.type, notNull: row.notNull, default: row.defaultExpression,
            identity: try CatalogCodes.optionalValue(row.identity, in: CatalogCodes.identity, field: "attidentity", of: "\(relation).\(row.name)"),
            generated: row.generated, collation: row.collation,
            storage: try CatalogCodes.optionalValue(row.storage, in: CatalogCodes.storage, field: "attstorage", of: "\(relation).\(row.name)"),
            compression: try CatalogCodes.optionalValue(row.compression, in: CatalogCodes.compression, field: "attcompression", of: "\(relation).\(row.name)"),
            statisticsTarget: row.statisticsTarget, comment: row.comment, acl: row.acl.sortedEntries)
    }

    private func constraint(_ row: ConstraintQuery.Row) throws -> Snapshot.Constraint {
        func object() -> String { "constraint \(row.name) on \(row.table)" }
        let type = try CatalogCodes.value(row.type, in: CatalogCodes.constraintType, field: "contype", of: object())
        var references: Snapshot.ForeignKeyReference?
        if type == .foreignKey, let table = row.referencedTable {
            references = Snapshot.ForeignKeyReference(
                table: table, columns: row.referencedColumns ?? [],
                onUpdate: try CatalogCodes.value(row.onUpdate, in: CatalogCodes.foreignKeyAction, field: "confupdtype", of: object()),
                onDelete: try CatalogCodes.value(row.onDelete, in: CatalogCodes.foreignKeyAction, field: "confdeltype", of: object()),
                match: try CatalogCodes.value(row.match, in: CatalogCodes.foreignKeyMatch, field: "confmatchtype", of: object()))
        }
        return Snapshot.Constraint(
            type: type, definition: row.definition, columns: row.columns, references: references,
            deferrable: row.deferrable, initiallyDeferred: row.deferred, validated: row.validated, index: row.index,
            comment: row.comment)
    }

    private func policy(_ row: PolicyQuery.Row) throws -> Snapshot.Policy {
        Snapshot.Policy(
            command: try CatalogCodes.value(row.command, in: CatalogCodes.policyCommand, field: "polcmd", of: "policy \(row.name) on \(row.table)"),
            permissive: row.permissive, roles: row.roles.sorted(), using: row.using, withCheck: row.withCheck,
            comment: row.comment)
    }

    func indexes() -> [String: Snapshot.Index] {
        let keysByIndex = Dictionary(grouping: rows.indexKeys, by: \.indexOID)
        return Dictionary(keepingFirst: rows.indexes.map { row in
            let entries = (keysByIndex[row.oid] ?? []).sorted { $0.position < $1.position }
            let keyCount = min(row.keyCount, entries.count)
            let keys = entries.prefix(keyCount).map { key in
                let option = key.option ?? 0
                return Snapshot.IndexKey(
                    column: key.column, expression: key.expression, opclass: key.opclass, collation: key.collation,
                    // indoption bit 0 is DESC, bit 1 is NULLS FIRST; meaningless for methods that cannot order.
                    order: row.canOrder ? (option & 1 != 0 ? .desc : .asc) : nil,
                    nulls: row.canOrder ? (option & 2 != 0 ? .first : .last) : nil)
            }
            let include = entries.dropFirst(keyCount).compactMap(\.column)
            return (row.key, Snapshot.Index(
                schema: row.schema, name: row.name, table: row.table, method: row.method, unique: row.unique,
                nullsNotDistinct: row.nullsNotDistinct, primary: row.primary, keys: Array(keys),
                include: include.isEmpty ? nil : include, predicate: row.predicate, valid: row.valid, ready: row.ready,
                definition: row.definition, constraint: row.constraint, tablespace: row.tablespace, comment: row.comment))
        })
    }
}
