import Foundation
import PGCatalog
import PGTestSupport

/// Hand-built snapshots of the reference scenario (Fixtures/drizzle), before and after 0003, shaped as a
/// capture shapes them. The integration tests check the same expectations against real captures.
enum ReferenceSnapshots {
    /// The reviewed text rendering of the pre → post diff, shared with the integration tests:
    /// Fixtures/expected/diff-pre-post-0003.txt.
    static func expectedText() throws -> String {
        try String(contentsOf: Fixtures.url("expected/diff-pre-post-0003.txt"), encoding: .utf8)
    }

    static let meta = Snapshot.Meta(
        capturedAt: "2024-05-01T12:00:00.000000Z", serverVersion: "15.18", serverVersionNumber: 150018,
        database: "pre", host: "/tmp", port: 5432, scope: Snapshot.Scope())

    static func key(_ column: String) -> Snapshot.IndexKey {
        Snapshot.IndexKey(column: column, order: .asc, nulls: .last)
    }

    static let usageEventsColumns: [Snapshot.Column] = [
        Snapshot.Column(position: 1, name: "id", type: "bigint", notNull: true, identity: .always),
        Snapshot.Column(position: 2, name: "admin_id", type: "uuid", notNull: true),
        Snapshot.Column(position: 3, name: "account_id", type: "uuid", notNull: true),
        Snapshot.Column(position: 4, name: "meter", type: "text", notNull: true),
        Snapshot.Column(position: 5, name: "bucket_start", type: "timestamp with time zone", notNull: true),
        Snapshot.Column(position: 6, name: "quantity", type: "bigint", notNull: true),
        Snapshot.Column(position: 7, name: "unit_price", type: "numeric(12,6)", notNull: true),
        Snapshot.Column(position: 8, name: "created_at", type: "timestamp with time zone", notNull: true, default: "now()"),
    ]

    static let windowColumns: [Snapshot.Column] = [
        Snapshot.Column(position: 9, name: "window_start", type: "timestamp with time zone"),
        Snapshot.Column(position: 10, name: "window_end", type: "timestamp with time zone"),
        Snapshot.Column(position: 11, name: "source", type: "text"),
        Snapshot.Column(position: 12, name: "metadata", type: "jsonb", notNull: true, default: "'{}'::jsonb"),
    ]

    static let oldBucketIndex = Snapshot.Index(
        schema: "public", name: "usage_admin_bucket_idx", table: "public.usage_events", unique: true,
        keys: ["admin_id", "meter", "bucket_start"].map(key),
        definition: "CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (admin_id, meter, bucket_start)")

    static let newBucketIndex = Snapshot.Index(
        schema: "public", name: "usage_admin_bucket_idx", table: "public.usage_events", unique: true,
        keys: ["admin_id", "meter", "bucket_start", "window_start", "window_end"].map(key), include: ["source"],
        definition: "CREATE UNIQUE INDEX usage_admin_bucket_idx ON public.usage_events USING btree (admin_id, meter, bucket_start, window_start, window_end) INCLUDE (source)")

    /// After migrations 0000–0002.
    static var pre: Snapshot {
        let admins = Snapshot.Table(
            schema: "public", name: "admins", accessMethod: "heap", owner: "postgres",
            columns: columns([
                Snapshot.Column(position: 1, name: "id", type: "uuid", notNull: true, default: "gen_random_uuid()"),
                Snapshot.Column(position: 2, name: "email", type: "text", notNull: true),
                Snapshot.Column(position: 3, name: "display_name", type: "text"),
                Snapshot.Column(position: 4, name: "created_at", type: "timestamp with time zone", notNull: true, default: "now()"),
            ]),
            constraints: [
                "admins_pkey": Snapshot.Constraint(type: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], index: "public.admins_pkey"),
                "admins_email_unique": Snapshot.Constraint(type: .unique, definition: "UNIQUE (email)", columns: ["email"], index: "public.admins_email_unique"),
            ])
        let usageEvents = Snapshot.Table(
            schema: "public", name: "usage_events", accessMethod: "heap", owner: "postgres",
            comment: "Metered usage, one row per admin, meter and bucket.",
            columns: columns(usageEventsColumns),
            constraints: [
                "usage_events_pkey": Snapshot.Constraint(type: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], index: "public.usage_events_pkey"),
                "usage_events_quantity_check": Snapshot.Constraint(type: .check, definition: "CHECK ((quantity >= 0))", columns: ["quantity"]),
                "usage_events_admin_id_admins_id_fk": Snapshot.Constraint(
                    type: .foreignKey, definition: "FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE CASCADE",
                    columns: ["admin_id"], references: Snapshot.ForeignKeyReference(table: "public.admins", columns: ["id"], onDelete: .cascade),
                    index: "public.admins_pkey"),
            ])
        return Snapshot(
            meta: meta,
            schemas: ["public": Snapshot.Schema(name: "public", owner: "pg_database_owner")],
            tables: ["public.admins": admins, "public.usage_events": usageEvents],
            indexes: [
                "public.admins_pkey": Snapshot.Index(
                    schema: "public", name: "admins_pkey", table: "public.admins", unique: true, primary: true, keys: [key("id")],
                    definition: "CREATE UNIQUE INDEX admins_pkey ON public.admins USING btree (id)", constraint: "admins_pkey"),
                "public.usage_admin_bucket_idx": oldBucketIndex,
                "public.usage_events_account_bucket_idx": Snapshot.Index(
                    schema: "public", name: "usage_events_account_bucket_idx", table: "public.usage_events",
                    keys: ["account_id", "bucket_start"].map(key),
                    definition: "CREATE INDEX usage_events_account_bucket_idx ON public.usage_events USING btree (account_id, bucket_start)"),
            ],
            sequences: [
                "public.usage_events_id_seq": Snapshot.SequenceDefinition(
                    schema: "public", name: "usage_events_id_seq",
                    ownedBy: Snapshot.ColumnReference(table: "public.usage_events", column: "id"), owner: "postgres"),
            ])
    }

    /// After migration 0003.
    static var post: Snapshot {
        var snapshot = pre
        snapshot.meta.database = "post"
        snapshot.meta.capturedAt = "2024-05-01T12:05:00.000000Z"
        for column in windowColumns { snapshot.tables["public.usage_events"]?.columns[column.name] = column }
        snapshot.indexes["public.usage_admin_bucket_idx"] = newBucketIndex
        return snapshot
    }

    static func columns(_ list: [Snapshot.Column]) -> [String: Snapshot.Column] {
        Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }
}
