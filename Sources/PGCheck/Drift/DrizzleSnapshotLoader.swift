import Foundation
import PGJSON

/// Reads drizzle-kit's PostgreSQL schema snapshots, every version it has written, the way drizzle-kit's
/// own `drizzle-kit up` upgrades them (`cli/commands/pgUp.ts`):
///
/// | version | dialect | what differs |
/// | --- | --- | --- |
/// | 5 | `pg` | enums without a schema, their labels an object (`Object.values` order); index keys are column names |
/// | 6 | `postgresql` | enums keyed `schema.name` with a label array; index keys still column names |
/// | 7 | `postgresql` | index keys are objects (expression, asc, nulls, opclass); policies, checks, RLS, views, sequences, roles |
/// | 8 | `postgres` | the 1.0 beta: one flat `ddl` list of entities, `prevIds` |
///
/// drizzle-kit itself refuses versions before 5 ("malformed"; run an older drizzle-kit's `up`) and after
/// the one it knows, and so does this loader. A table's empty `schema` is `public`, as drizzle-kit reads it.
public enum DrizzleSnapshotLoader {
    /// Reads a snapshot file.
    ///
    /// - Throws: ``DriftError`` naming the file and the JSON path of the first problem.
    public static func load(from url: URL) throws(DriftError) -> DrizzleSchemaSnapshot {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DriftError.missingSnapshot(file: url.path, message: "cannot be read (drizzle-kit writes one snapshot per migration; was it deleted or never committed?)")
        }
        return try parse(Array(data), file: url.path)
    }

    /// Reads a snapshot from its bytes; `file` names it in errors.
    public static func parse(_ bytes: [UInt8], file: String) throws(DriftError) -> DrizzleSchemaSnapshot {
        let json: OrderedJSON
        do { json = try OrderedJSON.parse(bytes) } catch {
            throw DriftError.malformedSnapshot(file: file, path: "$", message: error.description)
        }
        let root = SnapshotJSONCursor(value: json, path: "$", file: file)
        guard case .object = json else { throw root.fail("expected an object, found \(json.kindName)") }
        guard let versionCursor = try root.optional("version") else {
            throw DriftError.unsupportedSnapshot(file: file, path: "$.version", message: "missing: not a drizzle-kit snapshot")
        }
        let version = try versionCursor.scalarText()
        let dialect = try root.optionalString("dialect") ?? ""
        if let reason = DrizzleJournal.refusal(ofDialect: dialect) {
            throw DriftError.unsupportedSnapshot(file: file, path: "$.dialect", message: "dialect \"\(dialect)\" is not PostgreSQL: \(reason)")
        }
        switch version {
        case "5", "6", "7": return try readClassic(root, version: version, dialect: dialect).withStoredNames()
        case "8": return try readDDL(root, dialect: dialect).withStoredNames()
        default:
            let hint = (Int(version) ?? 0) < 5
                ? "drizzle-kit no longer reads snapshots before version 5 either; run `drizzle-kit up` with the drizzle-kit that wrote it"
                : "drizzle-kit writes versions 5 to 7 (0.x) and 8 (1.0 beta) for PostgreSQL"
            throw DriftError.unsupportedSnapshot(file: file, path: "$.version", message: "snapshot version \"\(version)\" is unknown: \(hint)")
        }
    }

    // MARK: versions 5, 6 and 7

    private static func readClassic(_ root: SnapshotJSONCursor, version: String, dialect: String) throws(DriftError) -> DrizzleSchemaSnapshot {
        var snapshot = DrizzleSchemaSnapshot(
            id: try root.optionalString("id") ?? "", prevIds: try root.optionalString("prevId").map { [$0] } ?? [],
            version: version, dialect: dialect)
        for (_, cursor) in try root.required("tables").members() {
            let table = try readTable(cursor)
            snapshot.tables["\(table.schema).\(table.name)"] = table
        }
        for (key, cursor) in try root.objectMembers("enums") {
            let name = try cursor.string("name")
            let schema = nonEmpty(try cursor.optionalString("schema")) ?? "public"
            let labels = try cursor.required("values")
            let values: [String]
            if case .object = labels.value {
                values = try labels.members().map { (_, value) throws(DriftError) in try value.string() }   // version 5
            } else {
                values = try labels.strings()
            }
            _ = key
            snapshot.enums["\(schema).\(name)"] = .init(schema: schema, name: name, values: values)
        }
        for (key, cursor) in try root.objectMembers("schemas") {
            snapshot.schemas.insert((try? cursor.string()) ?? key)
        }
        for (_, cursor) in try root.objectMembers("sequences") {
            let schema = nonEmpty(try cursor.optionalString("schema")) ?? "public"
            let name = try cursor.string("name")
            snapshot.sequences["\(schema).\(name)"] = .init(
                schema: schema, name: name, increment: try cursor.optional("increment")?.scalarText(),
                minValue: try cursor.optional("minValue")?.scalarText(), maxValue: try cursor.optional("maxValue")?.scalarText(),
                startWith: try cursor.optional("startWith")?.scalarText(), cache: try cursor.optional("cache")?.scalarText(),
                cycle: try cursor.optional("cycle")?.bool())
        }
        for (_, cursor) in try root.objectMembers("views") {
            let schema = nonEmpty(try cursor.optionalString("schema")) ?? "public"
            let name = try cursor.string("name")
            snapshot.views["\(schema).\(name)"] = .init(
                schema: schema, name: name, materialized: try cursor.bool("materialized", default: false),
                definition: try cursor.optionalString("definition"), isExisting: try cursor.bool("isExisting", default: false))
        }
        for (key, _) in try root.objectMembers("roles") { snapshot.roles.insert(key) }
        // Policies linked to a table from outside it: `on` is `"schema"."table"`.
        for (_, cursor) in try root.objectMembers("policies") {
            let policy = try readPolicy(cursor)
            let schema = nonEmpty(try cursor.optionalString("schema")) ?? "public"
            let on = try cursor.optionalString("on") ?? ""
            let tableName = on.split(separator: ".").last.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } ?? ""
            snapshot.tables["\(schema).\(tableName)"]?.policies[policy.name] = policy
        }
        return snapshot
    }

    private static func readTable(_ cursor: SnapshotJSONCursor) throws(DriftError) -> DrizzleSchemaSnapshot.Table {
        var table = DrizzleSchemaSnapshot.Table(
            schema: nonEmpty(try cursor.optionalString("schema")) ?? "public", name: try cursor.string("name"),
            isRLSEnabled: try cursor.bool("isRLSEnabled", default: false))
        for (_, column) in try cursor.required("columns").members() {
            table.columns.append(try readColumn(column))
            // Older drizzle-kit kept a one-column UNIQUE on the column itself.
            if try column.optional("isUnique")?.value == .bool(true), let name = try column.optionalString("uniqueName") {
                table.uniqueConstraints[name] = .init(
                    name: name, columns: [try column.string("name")], nullsNotDistinct: try column.bool("nullsNotDistinct", default: false))
            }
        }
        for (key, index) in try cursor.objectMembers("indexes") {
            let name = try index.optionalString("name") ?? key
            var keys: [DrizzleSchemaSnapshot.IndexColumn] = []
            for key in try index.required("columns").elements() {
                if case .string(let column) = key.value {
                    keys.append(.init(expression: column))     // versions 5 and 6: a column name, as `drizzle-kit up` maps it
                } else {
                    var opclass = try key.optionalString("opclass")
                    if opclass == nil { opclass = try key.optionalString("opClass") }
                    keys.append(.init(
                        expression: try key.string("expression"), isExpression: try key.bool("isExpression", default: false),
                        asc: try key.bool("asc", default: true), nulls: try key.optionalString("nulls") ?? "last",
                        opclass: nonEmpty(opclass)))
                }
            }
            var with: [String: String] = [:]
            for (option, value) in try index.objectMembers("with") { with[option] = try value.scalarText() }
            table.indexes[name] = .init(
                name: name, columns: keys, isUnique: try index.bool("isUnique", default: false),
                method: nonEmpty(try index.optionalString("method")) ?? "btree", where: nonEmpty(try index.optionalString("where")), with: with)
        }
        for (key, fk) in try cursor.objectMembers("foreignKeys") {
            let name = try fk.optionalString("name") ?? key
            table.foreignKeys[name] = .init(
                name: name, columnsFrom: try fk.required("columnsFrom").strings(),
                schemaTo: nonEmpty(try fk.optionalString("schemaTo")) ?? "public", tableTo: try fk.string("tableTo"),
                columnsTo: try fk.required("columnsTo").strings(),
                onUpdate: (nonEmpty(try fk.optionalString("onUpdate")) ?? "no action").lowercased(),
                onDelete: (nonEmpty(try fk.optionalString("onDelete")) ?? "no action").lowercased())
        }
        for (key, pk) in try cursor.objectMembers("compositePrimaryKeys") {
            let name = try pk.optionalString("name") ?? key
            table.compositePrimaryKeys[name] = .init(name: name, columns: try pk.required("columns").strings())
        }
        for (key, unique) in try cursor.objectMembers("uniqueConstraints") {
            let name = try unique.optionalString("name") ?? key
            table.uniqueConstraints[name] = .init(
                name: name, columns: try unique.required("columns").strings(), nullsNotDistinct: try unique.bool("nullsNotDistinct", default: false))
        }
        for (key, check) in try cursor.objectMembers("checkConstraints") {
            table.checkConstraints[try check.optionalString("name") ?? key] = try check.string("value")
        }
        for (_, policy) in try cursor.objectMembers("policies") {
            let read = try readPolicy(policy)
            table.policies[read.name] = read
        }
        return table
    }

    private static func readColumn(_ cursor: SnapshotJSONCursor) throws(DriftError) -> DrizzleSchemaSnapshot.Column {
        var column = DrizzleSchemaSnapshot.Column(
            name: try cursor.string("name"), type: try cursor.string("type"), typeSchema: nonEmpty(try cursor.optionalString("typeSchema")),
            primaryKey: try cursor.bool("primaryKey", default: false), notNull: try cursor.bool("notNull", default: false))
        if let value = try cursor.optional("default") {
            switch value.value {
            case .string(let text): column.default = .sql(text)
            case .number(let text): column.default = .number(text)
            case .bool(let flag): column.default = .bool(flag)
            case .array(let items):
                // drizzle-kit before 0.24.1 wrote an array column's `.default([...])` as the JSON array itself;
                // later ones write the literal its buildArrayString makes of it, `'{...}'`.
                guard let literal = arrayLiteral(items) else {
                    throw value.fail("expected a string, a number, a boolean or an array of scalars, found an array holding an object or null")
                }
                column.default = .sql("'\(literal.replacingOccurrences(of: "'", with: "''"))'")
            default: throw value.fail("expected a string, a number, a boolean or an array, found \(value.value.kindName)")
            }
        }
        if let identity = try cursor.optional("identity") {
            if case .string(let squashed) = identity.value {
                let parts = squashed.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                column.identity = .init(type: parts.count > 1 ? parts[1] : "always", name: parts.first)
            } else {
                column.identity = .init(type: try identity.string("type"), name: try identity.optionalString("name"))
            }
        }
        if let generated = try cursor.optional("generated") {
            column.generated = try generated.string("as")
        }
        return column
    }

    /// drizzle-kit's buildArrayString: `{1,2}`, `{"a","b"}`, `{true}`, `{{1},{2}}`; nil for objects and nulls.
    static func arrayLiteral(_ items: [OrderedJSON]) -> String? {
        var parts: [String] = []
        for item in items {
            switch item {
            case .number(let text): parts.append(text)
            case .bool(let flag): parts.append(flag ? "true" : "false")
            case .string(let text): parts.append("\"\(text)\"")
            case .array(let inner):
                guard let nested = arrayLiteral(inner) else { return nil }
                parts.append(nested)
            case .object, .null: return nil
            }
        }
        return "{\(parts.joined(separator: ","))}"
    }

    private static func readPolicy(_ cursor: SnapshotJSONCursor) throws(DriftError) -> DrizzleSchemaSnapshot.Policy {
        .init(name: try cursor.string("name"), as: try cursor.optionalString("as") ?? "PERMISSIVE",
              for: try cursor.optionalString("for") ?? "ALL",
              to: (try cursor.optional("to")?.strings() ?? ["public"]).sorted(),
              using: try cursor.optionalString("using"), withCheck: try cursor.optionalString("withCheck"))
    }

    // MARK: version 8 (1.0 beta)

    private static func readDDL(_ root: SnapshotJSONCursor, dialect: String) throws(DriftError) -> DrizzleSchemaSnapshot {
        var snapshot = DrizzleSchemaSnapshot(
            id: try root.optionalString("id") ?? "", prevIds: try root.optional("prevIds")?.strings() ?? [], version: "8", dialect: dialect)
        let entities = try root.required("ddl").elements()
        func tableKey(_ entity: SnapshotJSONCursor) throws(DriftError) -> String {
            "\(nonEmpty(try entity.optionalString("schema")) ?? "public").\(try entity.string("table"))"
        }
        // Tables first, so that their parts find them whatever the order of the list.
        for entity in entities where try entity.string("entityType") == "tables" {
            let schema = nonEmpty(try entity.optionalString("schema")) ?? "public"
            let name = try entity.string("name")
            snapshot.tables["\(schema).\(name)"] = .init(schema: schema, name: name, isRLSEnabled: try entity.bool("isRlsEnabled", default: false))
        }
        for entity in entities {
            let kind = try entity.string("entityType")
            let schema = nonEmpty(try entity.optionalString("schema")) ?? "public"
            switch kind {
            case "tables": continue
            case "schemas": snapshot.schemas.insert(try entity.string("name"))
            case "enums":
                let name = try entity.string("name")
                snapshot.enums["\(schema).\(name)"] = .init(schema: schema, name: name, values: try entity.required("values").strings())
            case "sequences":
                let name = try entity.string("name")
                snapshot.sequences["\(schema).\(name)"] = .init(
                    schema: schema, name: name, increment: try entity.optional("incrementBy")?.scalarText(),
                    minValue: try entity.optional("minValue")?.scalarText(), maxValue: try entity.optional("maxValue")?.scalarText(),
                    startWith: try entity.optional("startWith")?.scalarText(), cache: try entity.optional("cacheSize")?.scalarText(),
                    cycle: try entity.optional("cycle")?.bool())
            case "views":
                let name = try entity.string("name")
                snapshot.views["\(schema).\(name)"] = .init(
                    schema: schema, name: name, materialized: try entity.bool("materialized", default: false),
                    definition: try entity.optionalString("definition"))
            case "roles": snapshot.roles.insert(try entity.string("name"))
            case "privileges": continue
            default:
                let key = try tableKey(entity)
                guard snapshot.tables[key] != nil else { throw entity.fail("\(kind) entity of a table that the snapshot does not list (\(key))") }
                try addTablePart(kind, entity, to: &snapshot.tables[key]!)
            }
        }
        return snapshot
    }

    private static func addTablePart(_ kind: String, _ entity: SnapshotJSONCursor, to table: inout DrizzleSchemaSnapshot.Table) throws(DriftError) {
        let name = try entity.string("name")
        switch kind {
        case "columns":
            let dimensions = Int(try entity.optional("dimensions")?.scalarText() ?? "0") ?? 0
            var column = DrizzleSchemaSnapshot.Column(
                name: name, type: try entity.string("type") + String(repeating: "[]", count: dimensions),
                typeSchema: nonEmpty(try entity.optionalString("typeSchema")), notNull: try entity.bool("notNull", default: false),
                default: try entity.optional("default").map { (value) throws(DriftError) in .sql(try value.scalarText()) })
            if let identity = try entity.optional("identity") {
                column.identity = .init(type: try identity.string("type"), name: try identity.optionalString("name"))
            }
            column.generated = try entity.optional("generated")?.string("as")
            table.columns.append(column)
        case "indexes":
            var keys: [DrizzleSchemaSnapshot.IndexColumn] = []
            for key in try entity.required("columns").elements() {
                let opclass = try key.optional("opclass")
                let opclassName = try opclass?.optionalString("name")
                let isDefault = try opclass?.bool("default", default: false) ?? true
                keys.append(.init(
                    expression: try key.string("value"), isExpression: try key.bool("isExpression", default: false),
                    asc: try key.bool("asc", default: true), nulls: try key.bool("nullsFirst", default: false) ? "first" : "last",
                    opclass: isDefault ? nil : opclassName))
            }
            var with: [String: String] = [:]
            for option in (try entity.optionalString("with") ?? "").split(separator: ",") {
                let parts = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2 { with[parts[0]] = parts[1] }
            }
            table.indexes[name] = .init(
                name: name, columns: keys, isUnique: try entity.bool("isUnique", default: false),
                method: nonEmpty(try entity.optionalString("method")) ?? "btree", where: nonEmpty(try entity.optionalString("where")), with: with)
        case "fks":
            table.foreignKeys[name] = .init(
                name: name, columnsFrom: try entity.required("columns").strings(),
                schemaTo: nonEmpty(try entity.optionalString("schemaTo")) ?? "public", tableTo: try entity.string("tableTo"),
                columnsTo: try entity.required("columnsTo").strings(),
                onUpdate: (nonEmpty(try entity.optionalString("onUpdate")) ?? "no action").lowercased(),
                onDelete: (nonEmpty(try entity.optionalString("onDelete")) ?? "no action").lowercased())
        case "pks":
            table.compositePrimaryKeys[name] = .init(name: name, columns: try entity.required("columns").strings())
        case "uniques":
            table.uniqueConstraints[name] = .init(
                name: name, columns: try entity.required("columns").strings(), nullsNotDistinct: try entity.bool("nullsNotDistinct", default: false))
        case "checks":
            table.checkConstraints[name] = try entity.string("value")
        case "policies":
            table.policies[name] = .init(
                name: name, as: try entity.optionalString("as") ?? "PERMISSIVE", for: try entity.optionalString("for") ?? "ALL",
                to: (try entity.optional("roles")?.strings() ?? ["public"]).sorted(),
                using: try entity.optionalString("using"), withCheck: try entity.optionalString("withCheck"))
        default:
            throw entity.fail("unknown entityType \"\(kind)\"")
        }
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
