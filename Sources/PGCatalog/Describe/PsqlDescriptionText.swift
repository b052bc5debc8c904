import PsqlFormat

/// Renders a ``RelationDescription`` exactly as psql 15's `\d+` prints it: the column table, then the
/// footers in psql's order (`describeOneTableDetails` in psql's describe.c).
struct PsqlDescriptionText {
    let description: RelationDescription

    init(_ description: RelationDescription) {
        self.description = description
    }

    func rendered() -> String {
        if let sequence = description.sequence { return sequenceTable(sequence).rendered() }
        let fields = description.columnFields
        let rows = description.columns.map { column in fields.map { cell(of: column, field: $0) } }
        var table = AlignedTable(title: description.title, headers: fields.map(\.header), rows: rows)
        table.footers = footers()
        return table.rendered()
    }

    // MARK: - Sequences

    private func sequenceTable(_ sequence: RelationDescription.SequenceParameters) -> AlignedTable {
        var table = AlignedTable(
            title: description.title,
            headers: ["Type", "Start", "Minimum", "Maximum", "Increment", "Cycles?", "Cache"],
            alignments: [.left, .right, .right, .right, .right, .left, .right],
            rows: [[
                sequence.type, String(sequence.start), String(sequence.minimum), String(sequence.maximum),
                String(sequence.increment), sequence.cycles ? "yes" : "no", String(sequence.cache),
            ]])
        if let owner = sequence.ownedBy {
            table.footers = [sequence.isIdentity ? "Sequence for identity column: \(owner)" : "Owned by: \(owner)"]
        }
        return table
    }

    // MARK: - Columns

    private func cell(of column: RelationDescription.Column, field: RelationDescription.ColumnField) -> String {
        switch field {
        case .name: column.name
        case .type: column.type
        case .collation: column.collation ?? ""
        case .nullable: column.notNull ? "not null" : ""
        case .defaultValue: column.defaultText
        case .isKey: column.isKey.map { $0 ? "yes" : "no" } ?? ""
        case .definition: column.indexDefinition ?? ""
        case .fdwOptions: column.fdwOptions ?? ""
        case .storage: column.storage
        case .compression: column.compression ?? ""
        case .statisticsTarget: column.statisticsTarget.map(String.init) ?? ""
        case .description: column.description ?? ""
        }
    }

    // MARK: - Footers

    private func footers() -> [String] {
        let kind = description.kind
        var lines: [String] = []
        if let partition = description.partitionOf {
            lines.append("Partition of: \(partition.parent) \(partition.bound)\(partition.detachPending ? " DETACH PENDING" : "")")
            if let constraint = partition.constraint, !constraint.isEmpty {
                lines.append("Partition constraint: \(constraint)")
            } else {
                lines.append("No partition constraint")
            }
        }
        if let key = description.partitionKey { lines.append("Partition key: \(key)") }
        if let owner = description.owningTable { lines.append("Owning table: \"\(owner)\"") }
        if kind.isIndex, let index = description.index {
            lines.append(indexFooter(index))
            if kind == .index, let tablespace = description.tablespace { lines.append("Tablespace: \"\(tablespace)\"") }
        } else if kind.hasTableFooters {
            lines += PsqlTableFooters(description: description).lines()
        }
        if let definition = description.viewDefinition {
            lines.append("View definition:")
            lines.append(definition)
            if !description.rules.isEmpty {
                lines.append("Rules:")
                lines += description.rules.map { " \(ruleText($0))" }
            }
        }
        lines += triggerLines()
        if kind.hasTableFooters { lines += closingTableLines() }
        if !description.options.isEmpty {
            lines.append("Options: \(description.options.joined(separator: ", "))")
        }
        return lines
    }

    private func indexFooter(_ index: RelationDescription.IndexProperties) -> String {
        var text = ""
        if index.isPrimary {
            text = "primary key, "
        } else if index.isUnique {
            text = "unique" + (index.nullsNotDistinct ? " nulls not distinct" : "") + ", "
        }
        text += "\(index.method), for table \"\(description.schema).\(index.table)\""
        if let predicate = index.predicate, !predicate.isEmpty { text += ", predicate (\(predicate))" }
        if index.isClustered { text += ", clustered" }
        if !index.isValid { text += ", invalid" }
        if index.deferrable { text += ", deferrable" }
        if index.initiallyDeferred { text += ", initially deferred" }
        if index.isReplicaIdentity { text += ", replica identity" }
        return text
    }

    /// "CREATE RULE " is 12 characters; psql prints what follows.
    private func ruleText(_ rule: RelationDescription.Rule) -> String {
        String(rule.definition.dropFirst(12))
    }

    private func triggerLines() -> [String] {
        let categories: [(String, (RelationDescription.Trigger) -> Bool)] = [
            ("Triggers:", { $0.firing == "O" || $0.firing == "t" }),
            ("Disabled user triggers:", { ($0.firing == "D" || $0.firing == "f") && !$0.isInternal }),
            ("Disabled internal triggers:", { ($0.firing == "D" || $0.firing == "f") && $0.isInternal }),
            ("Triggers firing always:", { $0.firing == "A" }),
            ("Triggers firing on replica only:", { $0.firing == "R" }),
        ]
        var lines: [String] = []
        for (heading, belongs) in categories {
            let members = description.triggers.filter(belongs)
            guard !members.isEmpty else { continue }
            lines.append(heading)
            for trigger in members {
                lines.append("    \(trigger.summary)" + (trigger.inheritedFrom.map { ", ON TABLE \($0)" } ?? ""))
            }
        }
        return lines
    }

    /// Foreign server, inheritance, partitions, typed table, replica identity, tablespace, access method.
    private func closingTableLines() -> [String] {
        let kind = description.kind
        var lines: [String] = []
        if let server = description.foreignServer {
            lines.append("Server: \(server.name)")
            if !server.options.isEmpty { lines.append("FDW options: (\(server.options))") }
        }
        lines += listLines(label: "Inherits", items: description.inherits)
        if kind.isPartitioned && description.children.isEmpty {
            lines.append("Number of partitions: 0")
        } else {
            let items = description.children.map(childText)
            lines += listLines(label: kind.isPartitioned ? "Partitions" : "Child tables", items: items)
        }
        if let type = description.typedTableOf { lines.append("Typed table of type: \(type)") }
        if let identity = replicaIdentityText() { lines.append("Replica Identity: \(identity)") }
        if kind != .index, let tablespace = description.tablespace { lines.append("Tablespace: \"\(tablespace)\"") }
        if let method = description.accessMethod { lines.append("Access method: \(method)") }
        return lines
    }

    private func childText(_ child: RelationDescription.ChildRelation) -> String {
        var text = child.name
        if let bound = child.bound { text += " \(bound)" }
        // psql 15 marks partitioned partitions only (later versions also mark foreign ones).
        if child.kind?.isPartitioned == true { text += ", PARTITIONED" }
        if child.detachPending { text += " (DETACH PENDING)" }
        return text
    }

    /// `Label: first,` then the others aligned under the first, comma-separated.
    private func listLines(label: String, items: [String]) -> [String] {
        let indent = String(repeating: " ", count: DisplayWidth.width(of: label))
        return items.enumerated().map { offset, item in
            (offset == 0 ? "\(label): " : "\(indent)  ") + item + (offset < items.count - 1 ? "," : "")
        }
    }

    private func replicaIdentityText() -> String? {
        guard description.kind == .table || description.kind == .materializedView else { return nil }
        let identity = description.replicaIdentity
        guard identity != .index else { return nil }
        let isCatalog = description.schema == "pg_catalog"
        guard (!isCatalog && identity != .default) || (isCatalog && identity != .nothing) else { return nil }
        switch identity {
        case .full: return "FULL"
        case .nothing: return "NOTHING"
        default: return "???"
        }
    }
}
