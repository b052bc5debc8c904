import Foundation
import PGCatalog
import PostgresWire

extension DriftComparer.Work {
    mutating func compareTables(expected: DrizzleSchemaSnapshot, managed: Set<String>) {
        var seen: Set<String> = []
        for table in expected.tables.values.sorted(by: { ($0.schema, $0.name) < ($1.schema, $1.name) }) {
            let key = "\(table.schema).\(table.name)"
            seen.insert(key)
            guard let live = tables[key] else {
                drift("table", key, "exists", expected: "present", actual: nil)
                continue
            }
            compareColumns(table, live)
            comparePrimaryKey(table, live)
            compareUniques(table, live)
            compareChecks(table, live)
            compareForeignKeys(table, live)
            compareIndexes(table, live)
            comparePolicies(table, live)
        }
        for (key, live) in tables.sorted(by: { $0.key < $1.key })
        where managed.contains(live.schema) && !seen.contains(key) && !isLedger(live.schema, live.name) {
            drift("table", key, "exists", expected: nil, actual: "present")
        }
    }

    // MARK: columns

    private mutating func compareColumns(_ table: DrizzleSchemaSnapshot.Table, _ live: Snapshot.Table) {
        let key = "\(table.schema).\(table.name)"
        let primaryKeyColumns = Set(table.compositePrimaryKeys.values.flatMap(\.columns))
        for column in table.columns {
            let object = "\(key).\(column.name)"
            guard let has = live.columns[column.name] else {
                drift("column", object, "exists", expected: column.type, actual: nil)
                continue
            }
            let serial = DriftTypeNames.isSerial(column.type)
            let wantedType = DriftTypeNames.canonical(drizzle: column.type)
            let hasType = DriftTypeNames.canonical(catalog: has.type)
            let hasTypeSchema = DriftTypeNames.schema(ofCatalog: has.type)
            if wantedType.lowercased() != hasType.lowercased()
                || (column.typeSchema != nil && hasTypeSchema != nil && column.typeSchema != hasTypeSchema) {
                drift("column", object, "type", expected: column.typeSchema.map { "\($0).\(column.type)" } ?? column.type, actual: has.type)
            }
            let wantedNotNull = column.notNull || column.primaryKey || primaryKeyColumns.contains(column.name) || serial || column.identity != nil
            if wantedNotNull != has.notNull {
                drift("column", object, "notNull", expected: wantedNotNull ? "NOT NULL" : "nullable", actual: has.notNull ? "NOT NULL" : "nullable")
            }
            let wantedIdentity = column.identity.map { $0.type == "always" ? "always" : "byDefault" }
            let hasIdentity = has.identity.map { $0 == .always ? "always" : "byDefault" }
            if wantedIdentity != hasIdentity {
                drift("column", object, "identity", expected: wantedIdentity.map { "GENERATED \($0 == "always" ? "ALWAYS" : "BY DEFAULT") AS IDENTITY" } ?? "none",
                      actual: hasIdentity.map { "GENERATED \($0 == "always" ? "ALWAYS" : "BY DEFAULT") AS IDENTITY" } ?? "none")
            }
            switch (column.generated, has.generated) {
            case (nil, nil): break
            case (let wanted?, let present?):
                judge(verdict(wanted, present, table: (table.schema, table.name)), "column", object, "generated", expected: wanted, actual: present)
            case (let wanted, let present):
                drift("column", object, "generated", expected: wanted ?? "none", actual: present ?? "none")
            }
            compareDefault(column, has, object: object, serial: serial)
        }
        let names = Set(table.columns.map(\.name))
        for name in live.columns.keys.sorted() where !names.contains(name) {
            drift("column", "\(key).\(name)", "exists", expected: nil, actual: live.columns[name]!.type)
        }
    }

    private mutating func compareDefault(_ column: DrizzleSchemaSnapshot.Column, _ has: Snapshot.Column, object: String, serial: Bool) {
        if serial {
            // serial: the catalog has the sequence's nextval, drizzle writes no default.
            if let present = has.default, present.hasPrefix("nextval(") { return }
            drift("column", object, "default", expected: "nextval of its serial sequence (\(column.type))", actual: has.default ?? "none")
            return
        }
        if column.identity != nil || column.generated != nil { return }
        switch (column.default, has.default) {
        case (nil, nil): return
        case (nil, let present?): drift("column", object, "default", expected: "none", actual: present)
        case (let wanted?, nil): drift("column", object, "default", expected: wanted.description, actual: "none")
        case (let wanted?, let present?):
            judge(verdict(wanted.description, present, table: nil, castTo: has.type), "column", object, "default", expected: wanted.description, actual: present)
        }
    }

    // MARK: constraints

    private mutating func comparePrimaryKey(_ table: DrizzleSchemaSnapshot.Table, _ live: Snapshot.Table) {
        let key = "\(table.schema).\(table.name)"
        let inline = table.columns.filter(\.primaryKey).map(\.name)
        let composite = table.compositePrimaryKeys.values.sorted { $0.name < $1.name }.first
        let wanted: [String]? = inline.isEmpty ? composite?.columns : inline
        let present = live.constraints.first { $0.value.type == .primaryKey }
        let has = present?.value.columns
        if wanted.map(Set.init) != has.map(Set.init) || (inline.isEmpty && wanted != nil && wanted != has) {
            drift("primaryKey", key, "columns", expected: wanted?.joined(separator: ", ") ?? "none", actual: has?.joined(separator: ", ") ?? "none")
        } else if inline.isEmpty, let composite, let present, !composite.name.isEmpty, composite.name != present.key {
            drift("primaryKey", key, "name", expected: composite.name, actual: present.key)
        }
    }

    private mutating func compareUniques(_ table: DrizzleSchemaSnapshot.Table, _ live: Snapshot.Table) {
        let key = "\(table.schema).\(table.name)"
        let present = live.constraints.filter { $0.value.type == .unique }
        for unique in table.uniqueConstraints.values.sorted(by: { $0.name < $1.name }) {
            let object = "\(key).\(unique.name)"
            guard let has = present[unique.name] else {
                drift("unique", object, "exists", expected: unique.columns.joined(separator: ", "), actual: nil)
                continue
            }
            if has.columns ?? [] != unique.columns {
                drift("unique", object, "columns", expected: unique.columns.joined(separator: ", "), actual: (has.columns ?? []).joined(separator: ", "))
            }
            let nullsNotDistinct = has.index.flatMap { actual.indexes[$0] }?.nullsNotDistinct ?? false
            if nullsNotDistinct != unique.nullsNotDistinct {
                drift("unique", object, "nullsNotDistinct", expected: "\(unique.nullsNotDistinct)", actual: "\(nullsNotDistinct)")
            }
        }
        for (name, has) in present.sorted(by: { $0.key < $1.key }) where table.uniqueConstraints[name] == nil {
            drift("unique", "\(key).\(name)", "exists", expected: nil, actual: (has.columns ?? []).joined(separator: ", "))
        }
    }

    private mutating func compareChecks(_ table: DrizzleSchemaSnapshot.Table, _ live: Snapshot.Table) {
        let key = "\(table.schema).\(table.name)"
        let present = live.constraints.filter { $0.value.type == .check }
        for (name, value) in table.checkConstraints.sorted(by: { $0.key < $1.key }) {
            let object = "\(key).\(name)"
            guard let has = present[name] else {
                drift("check", object, "exists", expected: value, actual: nil)
                continue
            }
            let expression = Self.checkExpression(has.definition)
            judge(verdict(value, expression, table: (table.schema, table.name)), "check", object, "expression", expected: value, actual: expression)
        }
        for (name, has) in present.sorted(by: { $0.key < $1.key }) where table.checkConstraints[name] == nil {
            drift("check", "\(key).\(name)", "exists", expected: nil, actual: Self.checkExpression(has.definition))
        }
    }

    /// `CHECK ((amount > 0)) NOT VALID` → `(amount > 0)`.
    static func checkExpression(_ definition: String) -> String {
        var text = definition.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix(" NOT VALID") { text = String(text.dropLast(" NOT VALID".count)) }
        if text.hasSuffix(" NO INHERIT") { text = String(text.dropLast(" NO INHERIT".count)) }
        if text.hasPrefix("CHECK ") { text = String(text.dropFirst("CHECK ".count)) }
        return text
    }

    private static func action(_ action: Snapshot.ForeignKeyAction) -> String {
        switch action {
        case .noAction: "no action"
        case .restrict: "restrict"
        case .cascade: "cascade"
        case .setNull: "set null"
        case .setDefault: "set default"
        }
    }

    private mutating func compareForeignKeys(_ table: DrizzleSchemaSnapshot.Table, _ live: Snapshot.Table) {
        let key = "\(table.schema).\(table.name)"
        let present = live.constraints.filter { $0.value.type == .foreignKey }
        for fk in table.foreignKeys.values.sorted(by: { $0.name < $1.name }) {
            let object = "\(key).\(fk.name)"
            let target = "\(fk.schemaTo).\(fk.tableTo)"
            guard let has = present[fk.name], let references = has.references else {
                drift("foreignKey", object, "exists", expected: "(\(fk.columnsFrom.joined(separator: ", "))) → \(target)", actual: nil)
                continue
            }
            if has.columns ?? [] != fk.columnsFrom {
                drift("foreignKey", object, "columns", expected: fk.columnsFrom.joined(separator: ", "), actual: (has.columns ?? []).joined(separator: ", "))
            }
            let hasTarget = Self.unquoted(references.table)
            if hasTarget != target || references.columns != fk.columnsTo {
                drift("foreignKey", object, "references", expected: "\(target)(\(fk.columnsTo.joined(separator: ", ")))",
                      actual: "\(hasTarget)(\(references.columns.joined(separator: ", ")))")
            }
            if Self.action(references.onDelete) != fk.onDelete {
                drift("foreignKey", object, "onDelete", expected: fk.onDelete, actual: Self.action(references.onDelete))
            }
            if Self.action(references.onUpdate) != fk.onUpdate {
                drift("foreignKey", object, "onUpdate", expected: fk.onUpdate, actual: Self.action(references.onUpdate))
            }
        }
        for (name, has) in present.sorted(by: { $0.key < $1.key }) where table.foreignKeys[name] == nil {
            drift("foreignKey", "\(key).\(name)", "exists", expected: nil, actual: has.definition)
        }
    }

    // MARK: indexes

    private mutating func compareIndexes(_ table: DrizzleSchemaSnapshot.Table, _ live: Snapshot.Table) {
        let key = "\(table.schema).\(table.name)"
        let present = (indexesByTable[key] ?? []).filter { $0.constraint == nil }
        var byName: [String: Snapshot.Index] = [:]
        for index in present { byName[index.name] = index }
        for index in table.indexes.values.sorted(by: { $0.name < $1.name }) {
            let object = "\(table.schema).\(index.name)"
            guard let has = byName[index.name] else {
                drift("index", object, "exists", expected: Self.describe(index), actual: nil)
                continue
            }
            compareIndex(index, has, object: object, table: table)
        }
        for index in present.sorted(by: { $0.name < $1.name }) where table.indexes[index.name] == nil {
            drift("index", "\(table.schema).\(index.name)", "exists", expected: nil, actual: index.definition)
        }
    }

    static func describe(_ index: DrizzleSchemaSnapshot.Index) -> String {
        let keys = index.columns.map { key in
            var text = key.expression
            if let opclass = key.opclass { text += " \(opclass)" }
            if !key.asc { text += " DESC" }
            if key.nulls == "first" && key.asc { text += " NULLS FIRST" }
            return text
        }
        var text = "\(index.isUnique ? "UNIQUE " : "")USING \(index.method) (\(keys.joined(separator: ", ")))"
        if !index.with.isEmpty { text += " WITH (\(index.with.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")))" }
        if let predicate = index.where { text += " WHERE \(predicate)" }
        return text
    }

    private static func describe(_ key: Snapshot.IndexKey) -> String {
        var text = key.column ?? key.expression ?? "?"
        if let opclass = key.opclass { text += " \(opclass)" }
        if key.order == .desc { text += " DESC" }
        if let nulls = key.nulls, (nulls == .first) != (key.order == .desc) { text += " NULLS \(nulls == .first ? "FIRST" : "LAST")" }
        return text
    }

    private mutating func compareIndex(_ index: DrizzleSchemaSnapshot.Index, _ has: Snapshot.Index, object: String, table: DrizzleSchemaSnapshot.Table) {
        if index.isUnique != has.unique { drift("index", object, "unique", expected: "\(index.isUnique)", actual: "\(has.unique)") }
        if index.method.lowercased() != has.method { drift("index", object, "method", expected: index.method, actual: has.method) }
        guard index.columns.count == has.keys.count else {
            drift("index", object, "columns", expected: index.columns.map(\.expression).joined(separator: ", "),
                  actual: has.keys.map(Self.describe).joined(separator: ", "))
            return
        }
        // drizzle's snapshot has no INCLUDE: columns are compared only when a key's text wrote them itself.
        var wantedInclude: [String]?
        for (position, (wanted, key)) in zip(index.columns, has.keys).enumerated() {
            let property = "key \(position + 1)"
            var wanted = wanted
            var wantedCollation: String?
            // An expression key's text may itself be a column, an operator class, an order (DriftIndexElement).
            if wanted.isExpression, let element = DriftIndexElement.parse(wanted.expression),
               element.include == nil || position == index.columns.count - 1 {
                (wanted, wantedCollation) = Self.resolve(wanted, element)
                if let include = element.include { wantedInclude = include }
            }
            if wanted.isExpression {
                guard let expression = key.expression else {
                    drift("index", object, property, expected: wanted.expression, actual: key.column ?? "?")
                    continue
                }
                judge(verdict(wanted.expression, expression, table: (table.schema, table.name)), "index", object, property,
                      expected: wanted.expression, actual: expression)
            } else if key.column != wanted.expression {
                drift("index", object, property, expected: wanted.expression, actual: key.column ?? key.expression ?? "?")
                continue
            }
            if let order = key.order, (order == .asc) != wanted.asc {
                drift("index", object, "\(property) order", expected: wanted.asc ? "ASC" : "DESC", actual: order == .asc ? "ASC" : "DESC")
            }
            if let nulls = key.nulls, nulls.rawValue != wanted.nulls.lowercased() {
                drift("index", object, "\(property) nulls", expected: "NULLS \(wanted.nulls.uppercased())", actual: "NULLS \(nulls.rawValue.uppercased())")
            }
            if let wantedCollation {
                let hasCollation = key.collation.flatMap { SQLIdentifier.parts($0).last }
                if hasCollation?.lowercased() != wantedCollation.lowercased() {
                    drift("index", object, "\(property) collation", expected: wantedCollation, actual: hasCollation ?? "default")
                }
            }
            let hasOpclass = key.opclass.map { $0.split(separator: ".").last.map(String.init) ?? $0 }
            switch (wanted.opclass, hasOpclass) {
            case (nil, nil): break
            case (let w?, let h?) where w.lowercased() == h.lowercased(): break
            case (let w?, nil):
                undecided("index", object, "\(property) opclass", expected: w, actual: "the type's default operator class")
            default:
                drift("index", object, "\(property) opclass", expected: wanted.opclass ?? "default", actual: hasOpclass ?? "default")
            }
        }
        let hasInclude = has.include ?? []
        if let wantedInclude, wantedInclude != hasInclude {
            drift("index", object, "include", expected: wantedInclude.joined(separator: ", "),
                  actual: hasInclude.isEmpty ? "none" : hasInclude.joined(separator: ", "))
        }
        switch (index.where, has.predicate) {
        case (nil, nil): break
        case (let wanted?, let present?):
            judge(verdict(wanted, present, table: (table.schema, table.name)), "index", object, "where", expected: wanted, actual: present)
        case (let wanted, let present):
            drift("index", object, "where", expected: wanted ?? "none", actual: present ?? "none")
        }
        let hasWith = Self.storageParameters(has.definition)
        let wantedWith = index.with.mapValues { $0.lowercased() }
        if wantedWith != hasWith {
            drift("index", object, "with", expected: wantedWith.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "),
                  actual: hasWith.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
    }

    /// An expression key as the key drizzle-kit's SQL for it creates: a column when the text is one, the
    /// text's own operator class, order and nulls over the snapshot's (drizzle-kit appends its ` DESC` and
    /// ` NULLS …` after the text, and writes neither when the key has an operator class), and the collation.
    static func resolve(_ wanted: DrizzleSchemaSnapshot.IndexColumn, _ element: DriftIndexElement) -> (DrizzleSchemaSnapshot.IndexColumn, String?) {
        var key = wanted
        switch element.core {
        case .column(let name):
            key.expression = name
            key.isExpression = false
        case .expression(let text):
            key.expression = text
        }
        if let opclass = element.opclass, key.opclass == nil { key.opclass = opclass }
        let appendsOrder = wanted.opclass == nil
        let descending = element.descending ?? (appendsOrder ? !wanted.asc : false)
        key.asc = !descending
        if let first = element.nullsFirst {
            key.nulls = first ? "first" : "last"
        } else if appendsOrder, !(wanted.asc && wanted.nulls.lowercased() == "last") {
            key.nulls = wanted.nulls.lowercased()
        } else {
            key.nulls = descending ? "first" : "last"
        }
        return (key, element.collation)
    }

    /// The `WITH (...)` storage parameters of `pg_get_indexdef` text, values unquoted and lower-case.
    static func storageParameters(_ definition: String) -> [String: String] {
        guard let range = definition.range(of: " WITH (") else { return [:] }
        var depth = 1
        var end = range.upperBound
        while end < definition.endIndex, depth > 0 {
            if definition[end] == "(" { depth += 1 }
            if definition[end] == ")" { depth -= 1 }
            if depth > 0 { end = definition.index(after: end) }
        }
        var result: [String: String] = [:]
        for option in definition[range.upperBound..<end].split(separator: ",") {
            let parts = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            result[parts[0]] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "'")).lowercased()
        }
        return result
    }

    // MARK: row-level security

    private mutating func comparePolicies(_ table: DrizzleSchemaSnapshot.Table, _ live: Snapshot.Table) {
        let key = "\(table.schema).\(table.name)"
        let wantedRLS = table.isRLSEnabled || !table.policies.isEmpty
        if wantedRLS != live.rowSecurityEnabled {
            drift("table", key, "rowLevelSecurity", expected: wantedRLS ? "enabled" : "disabled", actual: live.rowSecurityEnabled ? "enabled" : "disabled")
        }
        for policy in table.policies.values.sorted(by: { $0.name < $1.name }) {
            let object = "\(key).\(policy.name)"
            guard let has = live.policies[policy.name] else {
                drift("policy", object, "exists", expected: "\(policy.as) FOR \(policy.for)", actual: nil)
                continue
            }
            let hasAs = has.permissive ? "PERMISSIVE" : "RESTRICTIVE"
            if policy.as.uppercased() != hasAs { drift("policy", object, "as", expected: policy.as, actual: hasAs) }
            let hasFor = has.command == .all ? "ALL" : has.command.rawValue.uppercased()
            if policy.for.uppercased() != hasFor { drift("policy", object, "for", expected: policy.for, actual: hasFor) }
            if policy.to.sorted() != has.roles.sorted() {
                drift("policy", object, "to", expected: policy.to.joined(separator: ", "), actual: has.roles.joined(separator: ", "))
            }
            for (property, wanted, present) in [("using", policy.using, has.using), ("withCheck", policy.withCheck, has.withCheck)] {
                switch (wanted, present) {
                case (nil, nil): continue
                case (let w?, let p?): judge(verdict(w, p, table: (table.schema, table.name)), "policy", object, property, expected: w, actual: p)
                default: drift("policy", object, property, expected: wanted ?? "none", actual: present ?? "none")
                }
            }
        }
        for name in live.policies.keys.sorted() where table.policies[name] == nil {
            drift("policy", "\(key).\(name)", "exists", expected: nil, actual: "present")
        }
    }
}
