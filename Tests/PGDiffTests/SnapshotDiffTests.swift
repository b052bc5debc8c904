import Testing
import PGCatalog
@testable import PGDiff

/// What the differ reports, on hand-built snapshots.
@Suite struct SnapshotDiffTests {
    typealias R = ReferenceSnapshots

    @Test func referenceMigrationIsFourAddedColumnsAndOneChangedIndex() throws {
        let diff = try SnapshotDiff(from: R.pre, to: R.post)
        #expect(diff.changes.map { "\($0.action) \($0.kind) \($0.name)" } == [
            "added column public.usage_events.metadata",
            "added column public.usage_events.source",
            "added column public.usage_events.window_end",
            "added column public.usage_events.window_start",
            "changed index public.usage_admin_bucket_idx",
        ])
        #expect(diff.changes.allSatisfy { $0.table == "public.usage_events" && $0.schema == "public" })
        let metadata = try #require(diff.changes.first)
        #expect(metadata.localName == "metadata")
        #expect(metadata.new == .object([
            "name": .string("metadata"), "position": .integer(12), "type": .string("jsonb"), "notNull": .bool(true),
            "default": .string("'{}'::jsonb"),
        ]))
        #expect(metadata.old == nil && metadata.properties.isEmpty)
        let index = try #require(diff.changes.last)
        #expect(index.properties.map(\.property) == ["definition", "include", "keys"])
        #expect(index.properties[1].old == .null)
        #expect(index.properties[1].new == .array([.string("source")]))
        let columns = { (value: JSONValue) in value.arrayValue?.compactMap { $0["column"]?.stringValue } }
        #expect(columns(index.properties[2].old) == ["admin_id", "meter", "bucket_start"])
        #expect(columns(index.properties[2].new) == ["admin_id", "meter", "bucket_start", "window_start", "window_end"])
        #expect(diff.summary == SnapshotDiff.Summary(added: 4, removed: 0, changed: 1))
    }

    @Test func identicalSchemasDiffEmptyWhateverTheMetadata() throws {
        var other = R.pre
        other.meta = Snapshot.Meta(capturedAt: "2030-01-01T00:00:00.000000Z", serverVersion: "16.1", serverVersionNumber: 160001,
                                   database: "elsewhere", host: "db.example.com", port: 6543, scope: Snapshot.Scope(schemas: ["public"]))
        #expect(try SnapshotDiff(from: R.pre, to: other).isEmpty)
        other.formatVersion = 99
        #expect(try SnapshotDiff(from: R.pre, to: other).isEmpty)
    }

    @Test func indexDroppedAndRecreatedUnderTheSameNameIsOneChange() throws {
        var post = R.pre
        var index = R.oldBucketIndex
        index.unique = false
        index.valid = false
        index.definition = index.definition.replacingOccurrences(of: "UNIQUE ", with: "")
        post.indexes[index.schema + "." + index.name] = index
        let diff = try SnapshotDiff(from: R.pre, to: post)
        #expect(diff.changes.count == 1)
        #expect(diff.changes.first?.action == .changed)
        #expect(diff.changes.first?.properties == [
            PropertyChange(property: "definition", old: .string(R.oldBucketIndex.definition), new: .string(index.definition)),
            PropertyChange(property: "unique", old: .bool(true), new: .bool(false)),
            PropertyChange(property: "valid", old: .bool(true), new: .bool(false)),
        ])
    }

    @Test func renamedColumnIsRemovedPlusAdded() throws {
        var post = R.pre
        var column = try #require(post.tables["public.admins"]?.columns["display_name"])
        post.tables["public.admins"]?.columns["display_name"] = nil
        column.name = "full_name"
        post.tables["public.admins"]?.columns["full_name"] = column
        let diff = try SnapshotDiff(from: R.pre, to: post)
        #expect(diff.changes.map { "\($0.action) \($0.name)" } == ["removed public.admins.display_name", "added public.admins.full_name"])
    }

    @Test func nestedPropertiesAreReportedByPath() throws {
        var post = R.pre
        post.tables["public.usage_events"]?.constraints["usage_events_admin_id_admins_id_fk"]?.references?.onDelete = .restrict
        let diff = try SnapshotDiff(from: R.pre, to: post)
        #expect(diff.changes.count == 1)
        #expect(diff.changes.first?.kind == .constraint)
        #expect(diff.changes.first?.name == "public.usage_events.usage_events_admin_id_admins_id_fk")
        #expect(diff.changes.first?.properties == [PropertyChange(property: "references.onDelete", old: .string("cascade"), new: .string("restrict"))])
    }

    @Test func tableLevelChangesLeaveColumnsToTheirOwnEntries() throws {
        var post = R.pre
        post.tables["public.usage_events"]?.comment = nil
        post.tables["public.usage_events"]?.columns["meter"]?.type = "character varying(64)"
        let diff = try SnapshotDiff(from: R.pre, to: post)
        #expect(diff.changes.map { "\($0.kind) \($0.name)" } == ["table public.usage_events", "column public.usage_events.meter"])
        #expect(diff.changes[0].properties.map(\.property) == ["comment"])
        #expect(diff.changes[1].properties == [PropertyChange(property: "type", old: .string("text"), new: .string("character varying(64)"))])
    }

    @Test func addedTableListsItsColumnsAndConstraintsUnderIt() throws {
        let diff = try SnapshotDiff(from: R.pre, to: R.pre.with { $0.tables["public.admins"] = nil })
        #expect(diff.changes.map { "\($0.action) \($0.kind) \($0.name)" } == [
            "removed table public.admins",
            "removed column public.admins.created_at", "removed column public.admins.display_name",
            "removed column public.admins.email", "removed column public.admins.id",
            "removed constraint public.admins.admins_email_unique", "removed constraint public.admins.admins_pkey",
        ])
        #expect(diff.changes[0].old?["columns"] == nil)
        #expect(diff.changes[0].old?["owner"] == .string("postgres"))
    }

    @Test func columnPositionShiftsFromADroppedColumnAreNotChanges() throws {
        let dropped = R.pre.with { $0.tables["public.usage_events"]?.columns["admin_id"] = nil }
        let shifted = dropped.with { snapshot in
            for name in ["account_id", "meter", "bucket_start", "quantity", "unit_price", "created_at"] {
                snapshot.tables["public.usage_events"]?.columns[name]?.position -= 1
            }
        }
        #expect(try SnapshotDiff(from: R.pre, to: shifted).changes.map(\.name) == ["public.usage_events.admin_id"])
        // A real move (relative to the columns both sides have) is reported.
        let moved = shifted.with { snapshot in
            snapshot.tables["public.usage_events"]?.columns["created_at"]?.position = 1
            snapshot.tables["public.usage_events"]?.columns["id"]?.position = 7
        }
        let diff = try SnapshotDiff(from: R.pre, to: moved)
        #expect(diff.changes.map(\.name) == ["public.usage_events.admin_id", "public.usage_events.created_at", "public.usage_events.id"])
        // With the same columns on both sides, any position change is reported.
        let gap = R.pre.with { $0.tables["public.admins"]?.columns["created_at"]?.position = 9 }
        #expect(try SnapshotDiff(from: R.pre, to: gap).changes.first?.properties.map(\.property) == ["position"])
    }

    @Test func orderIsByKindThenQualifiedName() throws {
        let post = R.post.with { snapshot in
            snapshot.schemas["audit"] = Snapshot.Schema(name: "audit", owner: "postgres")
            snapshot.views["public.a_view"] = Snapshot.View(schema: "public", name: "a_view", definition: " SELECT 1;", owner: "postgres")
            snapshot.functions["public.f(integer)"] = Snapshot.Function(schema: "public", name: "f", arguments: "integer", result: "integer", language: "sql", owner: "postgres")
            snapshot.triggers["public.usage_events.t"] = Snapshot.Trigger(table: "public.usage_events", name: "t", definition: "CREATE TRIGGER t ...")
            snapshot.tables["public.usage_events"]?.policies["p"] = Snapshot.Policy()
        }
        let diff = try SnapshotDiff(from: R.pre, to: post)
        #expect(diff.changes.map(\.kind) == [.schema, .function, .column, .column, .column, .column, .index, .trigger, .policy, .view])
        let trigger = try #require(diff.changes.first { $0.kind == .trigger })
        #expect(trigger.schema == "public" && trigger.table == "public.usage_events" && trigger.localName == "t")
        #expect(diff.changes.first { $0.kind == .schema }?.schema == "audit")
    }

    @Test func quotedNamesFollowQuoteIdent() {
        #expect(QualifiedName.quoted("window_start") == "window_start")
        #expect(QualifiedName.quoted("user") == "\"user\"")
        #expect(QualifiedName.quoted("name") == "name")
        #expect(QualifiedName.quoted("Mixed") == "\"Mixed\"")
        #expect(QualifiedName.quoted("a\"b") == "\"a\"\"b\"")
        #expect(QualifiedName.quoted("1st") == "\"1st\"")
        #expect(QualifiedName.parts("public.\"We.ird\"\"x\"") == ["public", "We.ird\"x"])
    }

    @Test func filtersKeepKindsAndSchemas() throws {
        let post = R.post.with { $0.enums["audit.level"] = Snapshot.EnumType(schema: "audit", name: "level", labels: ["a"], owner: "postgres") }
        let diff = try SnapshotDiff(from: R.pre, to: post)
        #expect(diff.filtered(by: ChangeFilter(only: [.index])).changes.map(\.kind) == [.index])
        #expect(diff.filtered(by: ChangeFilter(ignore: [.column, .index])).changes.map(\.kind) == [.enum])
        #expect(diff.filtered(by: ChangeFilter(schemas: ["audit"])).changes.map(\.name) == ["audit.level"])
        #expect(diff.filtered(by: ChangeFilter(only: [.column], schemas: ["audit"])).isEmpty)
        #expect(ObjectKind(userInput: "materialized-view") == .materializedView)
        #expect(ObjectKind(userInput: "Indexes") == .index)
        #expect(ObjectKind(userInput: "policies") == .policy)
        #expect(ObjectKind(userInput: "composite_type") == .compositeType)
        #expect(ObjectKind(userInput: "colum") == nil)
    }

    @Test func everySnapshotCollectionIsDiffed() throws {
        // Guards against a collection added to the model and silently left out of the diff.
        let empty = try JSONValue(encoding: Snapshot(meta: R.meta))
        let keys = Set(empty.objectValue?.keys.map { $0 } ?? []).subtracting(["meta", "formatVersion"])
        #expect(keys == Set(SnapshotObjects.collections.map(\.name)))
        let table = try JSONValue(encoding: Snapshot.Table(schema: "s", name: "t", owner: "o"))
        let tableCollections = table.objectValue?.filter { $0.value.objectValue != nil }.keys.map { $0 } ?? []
        #expect(Set(tableCollections) == Set(SnapshotObjects.tableChildren.keys))
    }

    @Test func mirroredDiffSwapsEverything() throws {
        let forward = try SnapshotDiff(from: R.pre, to: R.post)
        let backward = try SnapshotDiff(from: R.post, to: R.pre)
        #expect(backward == forward.mirrored)
        #expect(backward.changes.first?.action == .removed)
        #expect(backward.changes.first?.old == forward.changes.first?.new)
        #expect(forward.mirrored.mirrored == forward)
    }
}

extension Snapshot {
    /// A copy changed by `edit`.
    func with(_ edit: (inout Snapshot) -> Void) -> Snapshot {
        var copy = self
        edit(&copy)
        return copy
    }
}
