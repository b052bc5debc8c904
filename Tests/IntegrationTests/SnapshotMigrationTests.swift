import Foundation
import PGCatalog
import PGLocal
import PostgresWire
import Testing

/// The reference scenario: the Drizzle migrations 0000–0003 applied one by one, a snapshot after each.
@Suite struct SnapshotMigrationTests {
    @Test func eachMigrationShowsUpInTheSnapshot() throws {
        let database = try FixtureDatabase.create("snap_migrations")

        try database.applyMigrations(through: 0)
        let afterInit = try database.snapshot().snapshot
        #expect(afterInit.tables.keys.sorted() == ["public.admins"])
        let admins = try #require(afterInit.tables["public.admins"])
        #expect(admins.columns["id"]?.default == "gen_random_uuid()")
        #expect(admins.constraints["admins_pkey"]?.type == .primaryKey)
        #expect(admins.constraints["admins_email_unique"]?.columns == ["email"])
        #expect(afterInit.indexes["public.admins_email_unique"]?.constraint == "admins_email_unique")

        try database.applyMigrations(through: 1)
        let afterEvents = try database.snapshot().snapshot
        let events = try #require(afterEvents.tables["public.usage_events"])
        #expect(events.columns.values.sorted { $0.position < $1.position }.map(\.name) == [
            "id", "admin_id", "account_id", "meter", "bucket_start", "quantity", "unit_price", "created_at",
        ])
        #expect(events.columns["id"]?.identity == .always)
        #expect(events.columns["unit_price"]?.type == "numeric(12,6)")
        #expect(events.columns["created_at"]?.default == "now()")
        let foreignKey = try #require(events.constraints["usage_events_admin_id_admins_id_fk"])
        #expect(foreignKey.references == Snapshot.ForeignKeyReference(table: "public.admins", columns: ["id"], onDelete: .cascade))
        #expect(events.constraints["usage_events_quantity_check"]?.definition == "CHECK ((quantity >= 0))")
        #expect(afterEvents.indexes["public.usage_admin_bucket_idx"]?.keys.compactMap(\.column) == ["admin_id", "meter", "bucket_start"])
        #expect(afterEvents.sequences["public.usage_events_id_seq"]?.ownedBy == Snapshot.ColumnReference(table: "public.usage_events", column: "id"))

        try database.applyMigrations(through: 2)
        let afterLookup = try database.snapshot().snapshot
        #expect(afterLookup.indexes["public.usage_events_account_bucket_idx"]?.keys.compactMap(\.column) == ["account_id", "bucket_start"])
        #expect(afterLookup.tables["public.usage_events"]?.comment == "Metered usage, one row per admin, meter and bucket.")
        #expect(afterLookup.hasSameContent(as: afterLookup) && !afterLookup.hasSameContent(as: afterEvents))

        try database.applyMigrations(through: 3)
        let afterWindows = try database.snapshot().snapshot
        let widened = try #require(afterWindows.indexes["public.usage_admin_bucket_idx"])
        #expect(widened.keys.map(\.column) == ["admin_id", "meter", "bucket_start", "window_start", "window_end"])
        #expect(widened.keys.allSatisfy { $0.order == .asc && $0.nulls == .last && $0.opclass == nil && $0.expression == nil })
        #expect(widened.include == ["source"])
        #expect(widened.unique && widened.valid && widened.ready && !widened.primary && widened.method == "btree")
        #expect(widened.definition == "CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree "
            + "(admin_id, meter, bucket_start, window_start, window_end) INCLUDE (source)")
        let columns = try #require(afterWindows.tables["public.usage_events"]?.columns)
        #expect(columns["window_start"] == Snapshot.Column(position: 9, name: "window_start", type: "timestamp with time zone"))
        #expect(columns["window_end"] == Snapshot.Column(position: 10, name: "window_end", type: "timestamp with time zone"))
        #expect(columns["source"] == Snapshot.Column(position: 11, name: "source", type: "text"))
        #expect(columns["metadata"] == Snapshot.Column(position: 12, name: "metadata", type: "jsonb", notNull: true, default: "'{}'::jsonb"))
    }
}

extension FixtureDatabase {
    /// Captures this database as `user` (by default the non-superuser trust user); `prepare` runs on the connection first.
    func snapshot(
        _ options: SnapshotOptions = SnapshotOptions(), as user: LocalCluster.User = LocalCluster.trustUser,
        session sessionOptions: CatalogSession.Options = .init(), prepare: (PostgresConnection) throws -> Void = { _ in }
    ) throws -> SnapshotResult {
        let connection = try connect(user: user)
        defer { connection.close() }
        try prepare(connection)
        let session = try CatalogSession(connection: connection, options: sessionOptions)
        let result = try SnapshotCapture.capture(session: session, options: options)
        try session.finish()
        return result
    }
}

/// The canonical JSON of a snapshot with its capture metadata blanked, for byte comparisons of content.
func contentJSON(_ snapshot: Snapshot) throws -> String {
    let blank = Snapshot.Meta(capturedAt: "", serverVersion: "", serverVersionNumber: 0, database: "", host: "", port: 0, scope: snapshot.meta.scope)
    return String(decoding: try snapshot.withMeta(blank).encodedJSON(), as: UTF8.self)
}
