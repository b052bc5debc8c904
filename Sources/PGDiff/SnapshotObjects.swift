import PGCatalog
import PGJSON

/// The objects of two snapshots that may differ, flattened to one entry per (kind, qualified name), in
/// the snapshot's JSON form.
///
/// Objects are compared in their JSON form rather than field by field in Swift, so that every field the
/// snapshot records is compared, including fields added to the model later: nothing can be forgotten in
/// a hand-written comparison. An object whose model value is equal on both sides (synthesized
/// `Equatable`, which covers every field too) encodes to equal JSON with equal children, so it cannot
/// produce a change and is left out: only objects present on one side or different take the cost of
/// their JSON form, which matters for a catalog of thousands of tables of which a few changed.
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

    /// One of the snapshot's top-level collections: its JSON name, the kind of object it holds, and how
    /// to find its objects that differ between two snapshots.
    struct Collection: Sendable {
        let name: String
        let kind: ObjectKind
        fileprivate let addDifferences: @Sendable (Snapshot, Snapshot, inout SnapshotObjects) throws -> Void

        init<Object: Encodable & Equatable & Sendable>(_ name: String, _ kind: ObjectKind, _ objects: @escaping @Sendable (Snapshot) -> [String: Object]) {
            self.name = name
            self.kind = kind
            addDifferences = { old, new, result in
                try result.addDifferences(kind: kind, old: objects(old), new: objects(new))
            }
        }
    }

    /// The snapshot's top-level collections. `meta` and `formatVersion` are left out on purpose: they
    /// describe the capture, not the schema. (A test holds this list against the snapshot's JSON keys.)
    static let collections: [Collection] = [
        Collection("schemas", .schema) { $0.schemas },
        Collection("extensions", .extension) { $0.extensions },
        Collection("tables", .table) { $0.tables },
        Collection("views", .view) { $0.views },
        Collection("materializedViews", .materializedView) { $0.materializedViews },
        Collection("indexes", .index) { $0.indexes },
        Collection("sequences", .sequence) { $0.sequences },
        Collection("functions", .function) { $0.functions },
        Collection("triggers", .trigger) { $0.triggers },
        Collection("enums", .enum) { $0.enums },
        Collection("domains", .domain) { $0.domains },
        Collection("compositeTypes", .compositeType) { $0.compositeTypes },
    ]

    /// The collections inside a table that are diffed object by object, grouped under the table.
    static let tableChildren: [String: ObjectKind] = ["columns": .column, "constraints": .constraint, "policies": .policy]

    /// Entries of the first snapshot's objects that are absent from the second or differ there.
    private(set) var before: [Key: Entry] = [:]
    /// Entries of the second snapshot's objects that are absent from the first or differ there.
    private(set) var after: [Key: Entry] = [:]

    /// The objects of `old` and `new` that may differ.
    ///
    /// - Throws: only if an object cannot be encoded as JSON, which a decoded or captured snapshot's always can.
    init(old: Snapshot, new: Snapshot) throws {
        for collection in Self.collections {
            try collection.addDifferences(old, new, &self)
        }
    }

    private mutating func addDifferences<Object: Encodable & Equatable>(kind: ObjectKind, old: [String: Object], new: [String: Object]) throws {
        for (name, object) in old where new[name] != object {
            Self.add(kind: kind, name: name, value: try JSONValue(encoding: object), to: &before)
        }
        for (name, object) in new where old[name] != object {
            Self.add(kind: kind, name: name, value: try JSONValue(encoding: object), to: &after)
        }
    }

    private static func add(kind: ObjectKind, name: String, value: JSONValue, to entries: inout [Key: Entry]) {
        let members = value.objectValue ?? [:]
        let localName = members["name"]?.stringValue ?? QualifiedName.parts(name).last ?? name
        var schema = members["schema"]?.stringValue
        let table = members["table"]?.stringValue
        if kind == .trigger, let table { schema = QualifiedName.parts(table).first }
        var value = value
        if kind == .table {
            var trimmed = members
            for (collection, childKind) in tableChildren {
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
