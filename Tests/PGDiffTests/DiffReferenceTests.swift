import Foundation
import Testing
import PGCatalog
@testable import PGDiff

/// The differ skips objects equal on both sides and compares only the rest; the reference below is the
/// straightforward version it replaced (every object of both snapshots in JSON form, from Foundation's
/// encode→decode round trip, compared key by key). Both must report the same changes.
@Suite struct DiffReferenceTests {
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func sameChangesAsTheWholeSnapshotComparison(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var changedPairs = 0
        for _ in 0..<25 {
            var a = ReferenceSnapshots.post
            for _ in 0..<random.next(below: 8) { WideEdits.apply(random: &random, to: &a) }
            var b = a
            for _ in 0..<random.next(below: 4) { WideEdits.apply(random: &random, to: &b) }
            let expected = try ReferenceDiff.changes(from: a, to: b)
            #expect(try SnapshotDiff(from: a, to: b).changes == expected, "seed \(seed)")
            #expect(try SnapshotDiff(from: b, to: a).changes == ReferenceDiff.changes(from: b, to: a), "seed \(seed)")
            if !expected.isEmpty { changedPairs += 1 }
        }
        #expect(changedPairs > 5, "seed \(seed): the edits changed too little to compare")
    }

    @Test func referenceScenarioAndItsMirror() throws {
        let pairs = [(ReferenceSnapshots.pre, ReferenceSnapshots.post), (ReferenceSnapshots.post, ReferenceSnapshots.pre)]
        for (a, b) in pairs {
            #expect(try SnapshotDiff(from: a, to: b).changes == ReferenceDiff.changes(from: a, to: b))
        }
    }
}

/// The whole-snapshot comparison, kept as the reference.
enum ReferenceDiff {
    static func changes(from old: Snapshot, to new: Snapshot) throws -> [Change] {
        let before = try entries(old)
        let after = try entries(new)
        var changes: [Change] = []
        for key in Set(before.keys).union(after.keys) {
            switch (before[key], after[key]) {
            case (let was?, nil): changes.append(change(was, .removed, old: was.value))
            case (nil, let now?): changes.append(change(now, .added, new: now.value))
            case (let was?, let now?):
                var properties = compare(was.value, now.value, path: "")
                if key.kind == .column, !positionChangeIsReportable(now, before: before, after: after) {
                    properties.removeAll { $0.property == "position" }
                }
                if !properties.isEmpty { changes.append(change(now, .changed, properties: properties)) }
            case (nil, nil): continue
            }
        }
        return changes.sorted(by: Change.listedBefore)
    }

    static let collections: [String: ObjectKind] = [
        "schemas": .schema, "extensions": .extension, "tables": .table, "views": .view, "materializedViews": .materializedView,
        "indexes": .index, "sequences": .sequence, "functions": .function, "triggers": .trigger, "enums": .enum, "domains": .domain,
        "compositeTypes": .compositeType,
    ]

    static func entries(_ snapshot: Snapshot) throws -> [SnapshotObjects.Key: SnapshotObjects.Entry] {
        let tree = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(snapshot))
        var entries: [SnapshotObjects.Key: SnapshotObjects.Entry] = [:]
        for (collection, kind) in collections {
            for (name, value) in tree[collection]?.objectValue ?? [:] {
                let members = value.objectValue ?? [:]
                let localName = members["name"]?.stringValue ?? QualifiedName.parts(name).last ?? name
                var schema = members["schema"]?.stringValue
                let table = members["table"]?.stringValue
                if kind == .trigger, let table { schema = QualifiedName.parts(table).first }
                var trimmed = members
                if kind == .table {
                    for (childCollection, childKind) in ["columns": ObjectKind.column, "constraints": .constraint, "policies": .policy] {
                        for (childName, childValue) in members[childCollection]?.objectValue ?? [:] {
                            let childKey = SnapshotObjects.Key(kind: childKind, name: QualifiedName.child(of: name, named: childName))
                            entries[childKey] = SnapshotObjects.Entry(
                                kind: childKind, name: childKey.name, localName: childName, schema: schema, table: name, value: childValue)
                        }
                        trimmed[childCollection] = nil
                    }
                }
                entries[SnapshotObjects.Key(kind: kind, name: name)] = SnapshotObjects.Entry(
                    kind: kind, name: name, localName: localName, schema: kind == .schema ? localName : schema,
                    table: kind.belongsToTable ? table : nil, value: kind == .table ? .object(trimmed) : value)
            }
        }
        return entries
    }

    static func compare(_ old: JSONValue, _ new: JSONValue, path: String) -> [PropertyChange] {
        if let oldMembers = old.objectValue, let newMembers = new.objectValue {
            return Set(oldMembers.keys).union(newMembers.keys).sorted().flatMap { key in
                compare(oldMembers[key] ?? .null, newMembers[key] ?? .null, path: path.isEmpty ? key : path + "." + key)
            }
        }
        return old == new ? [] : [PropertyChange(property: path, old: old, new: new)]
    }

    /// A column's position change counts when its table kept its columns, or when it moved among the
    /// columns both sides have (ranked by position, then name).
    static func positionChangeIsReportable(
        _ column: SnapshotObjects.Entry, before: [SnapshotObjects.Key: SnapshotObjects.Entry], after: [SnapshotObjects.Key: SnapshotObjects.Entry]
    ) -> Bool {
        let table = column.table ?? ""
        let columns = { (entries: [SnapshotObjects.Key: SnapshotObjects.Entry]) in entries.values.filter { $0.kind == .column && $0.table == table } }
        let beforeNames = Set(columns(before).map(\.name))
        let afterNames = Set(columns(after).map(\.name))
        guard beforeNames != afterNames else { return true }
        let common = beforeNames.intersection(afterNames)
        func rank(_ entries: [SnapshotObjects.Key: SnapshotObjects.Entry]) -> [String] {
            columns(entries).filter { common.contains($0.name) }
                .map { ($0.value["position"]?.integerValue ?? 0, $0.name) }
                .sorted { $0 < $1 }.map(\.1)
        }
        return rank(before).firstIndex(of: column.name) != rank(after).firstIndex(of: column.name)
    }

    static func change(_ entry: SnapshotObjects.Entry, _ action: Change.Action, old: JSONValue? = nil, new: JSONValue? = nil, properties: [PropertyChange] = []) -> Change {
        Change(kind: entry.kind, name: entry.name, localName: entry.localName, schema: entry.schema, table: entry.table,
               action: action, old: old, new: new, properties: properties)
    }
}

/// Random edits across every collection, column moves and drops included, on top of `SnapshotEdits`.
enum WideEdits {
    static func apply(random: inout SplitMix64, to snapshot: inout Snapshot) {
        let existing = snapshot.tables.keys.sorted()
        let table = existing.isEmpty ? "public.a" : existing[random.next(below: existing.count)]
        let word = ["a", "b", "c"][random.next(below: 3)]
        switch random.next(below: 14) {
        case 0, 1:
            // Drop a column, leaving the others where they are (as PostgreSQL does) or renumbering them 1…n
            // (a table rebuilt without it): a shift that is not a move.
            let names = snapshot.tables[table]?.columns.keys.sorted() ?? []
            guard !names.isEmpty else { return }
            snapshot.tables[table]?.columns[names[random.next(below: names.count)]] = nil
            guard random.next(below: 2) == 0 else { return }
            let ordered = snapshot.tables[table]?.columns.values.sorted { $0.position < $1.position } ?? []
            for (offset, column) in ordered.enumerated() { snapshot.tables[table]?.columns[column.name]?.position = offset + 1 }
        case 2:
            // Swap two columns' positions: a real move.
            let names = snapshot.tables[table]?.columns.keys.sorted() ?? []
            if names.count >= 2, let first = snapshot.tables[table]?.columns[names[0]]?.position,
               let second = snapshot.tables[table]?.columns[names[1]]?.position {
                snapshot.tables[table]?.columns[names[0]]?.position = second
                snapshot.tables[table]?.columns[names[1]]?.position = first
            }
        case 3:
            snapshot.tables[table]?.policies[word] = Snapshot.Policy(command: .select, roles: [word], using: random.next(below: 2) == 0 ? nil : "true")
        case 4:
            snapshot.views["public.v_\(word)"] = Snapshot.View(
                schema: "public", name: "v_\(word)", definition: " SELECT \(random.next(below: 2));",
                columns: ["x": Snapshot.Column(position: 1, name: "x", type: random.next(below: 2) == 0 ? "integer" : "bigint")], owner: "postgres")
        case 5:
            snapshot.materializedViews["public.m_\(word)"] = random.next(below: 3) == 0 ? nil
                : Snapshot.View(schema: "public", name: "m_\(word)", definition: " SELECT 1;", owner: "postgres", comment: random.next(below: 2) == 0 ? nil : "m")
        case 6:
            snapshot.sequences["public.s_\(word)"] = Snapshot.SequenceDefinition(
                schema: "public", name: "s_\(word)", maxValue: random.next(below: 2) == 0 ? Int64.max : 1000, owner: "postgres")
        case 7:
            snapshot.triggers["\(table).t_\(word)"] = Snapshot.Trigger(
                table: table, name: "t_\(word)", definition: "CREATE TRIGGER t_\(word) ...", enabled: random.next(below: 2) == 0 ? .origin : .disabled)
        case 8:
            snapshot.domains["public.d_\(word)"] = Snapshot.Domain(
                schema: "public", name: "d_\(word)", baseType: "integer",
                constraints: ["c": Snapshot.DomainConstraint(definition: "CHECK (VALUE > \(random.next(below: 2)))")], owner: "postgres")
        case 9:
            snapshot.compositeTypes["public.p_\(word)"] = Snapshot.CompositeType(
                schema: "public", name: "p_\(word)", attributes: ["a": Snapshot.CompositeAttribute(position: 1, name: "a", type: random.next(below: 2) == 0 ? "int" : "text")],
                owner: "postgres")
        case 10:
            snapshot.extensions["e_\(word)"] = random.next(below: 3) == 0 ? nil : Snapshot.Extension(name: "e_\(word)", version: "1.\(random.next(below: 2))", schema: "public")
        case 11:
            snapshot.schemas["s_\(word)"] = Snapshot.Schema(name: "s_\(word)", owner: random.next(below: 2) == 0 ? "postgres" : "app")
        default:
            SnapshotEdits.apply(random: &random, to: &snapshot)
        }
    }
}
