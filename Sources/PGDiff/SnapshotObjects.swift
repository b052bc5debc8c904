import PGCatalog

/// Every object of a snapshot, flattened to one entry per (kind, qualified name), in the snapshot's JSON form.
///
/// Working on the JSON form rather than on each Swift type means every field the snapshot records is
/// compared, including fields added to the model later: nothing can be forgotten in a hand-written
/// comparison.
struct SnapshotObjects {
    /// One object to compare.
    struct Entry {
        let kind: ObjectKind
        let name: String
        let localName: String
        let schema: String?
        let table: String?
        /// The object in the snapshot's JSON form, without the collections that are diffed as objects of
        /// their own (a table's columns, constraints and policies): what is compared, and what an
        /// addition or a removal reports.
        let value: JSONValue
    }

    /// Identifies an object across two snapshots.
    struct Key: Hashable {
        let kind: ObjectKind
        let name: String
    }

    /// The snapshot's top-level collections and the kind of object each holds. `meta` and
    /// `formatVersion` are left out on purpose: they describe the capture, not the schema.
    static let collections: [String: ObjectKind] = [
        "schemas": .schema, "extensions": .extension, "tables": .table, "views": .view,
        "materializedViews": .materializedView, "indexes": .index, "sequences": .sequence,
        "functions": .function, "triggers": .trigger, "enums": .enum, "domains": .domain,
        "compositeTypes": .compositeType,
    ]

    /// The collections inside a table that are diffed object by object, grouped under the table.
    static let tableChildren: [String: ObjectKind] = ["columns": .column, "constraints": .constraint, "policies": .policy]

    private(set) var entries: [Key: Entry] = [:]

    init(_ snapshot: Snapshot) throws {
        let tree = try JSONValue(encoding: snapshot)
        for (collection, kind) in Self.collections {
            for (name, value) in tree[collection]?.objectValue ?? [:] {
                add(kind: kind, name: name, value: value)
            }
        }
    }

    private mutating func add(kind: ObjectKind, name: String, value: JSONValue) {
        let members = value.objectValue ?? [:]
        let localName = members["name"]?.stringValue ?? QualifiedName.parts(name).last ?? name
        var schema = members["schema"]?.stringValue
        let table = members["table"]?.stringValue
        if kind == .trigger, let table { schema = QualifiedName.parts(table).first }
        var value = value
        if kind == .table {
            var trimmed = members
            for (collection, childKind) in Self.tableChildren {
                for (childName, childValue) in members[collection]?.objectValue ?? [:] {
                    let entry = Entry(
                        kind: childKind, name: QualifiedName.child(of: name, named: childName), localName: childName,
                        schema: schema, table: name, value: childValue)
                    entries[Key(kind: childKind, name: entry.name)] = entry
                }
                trimmed[collection] = nil
            }
            value = .object(trimmed)
        }
        let entry = Entry(
            kind: kind, name: name, localName: localName, schema: kind == .schema ? localName : schema,
            table: kind.belongsToTable ? table : nil, value: value)
        entries[Key(kind: kind, name: name)] = entry
    }
}
