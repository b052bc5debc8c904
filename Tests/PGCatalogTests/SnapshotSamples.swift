import PGCatalog

/// Small hand-built snapshots for the unit tests.
enum SnapshotSamples {
    static let meta = Snapshot.Meta(
        capturedAt: "2024-05-01T12:00:00.000001Z", serverVersion: "15.18", serverVersionNumber: 150018,
        database: "app", host: "/var/run/postgresql", port: 5432, scope: Snapshot.Scope())

    /// One of everything, with optional fields both set and absent.
    static var full: Snapshot {
        let table = Snapshot.Table(
            schema: "public", name: "usage_events", owner: "app", acl: ["app=arwdDxt/app", "reader=r/app"],
            comment: "Metered usage / per bucket.",
            columns: [
                "id": Snapshot.Column(position: 1, name: "id", type: "bigint", notNull: true, identity: .always),
                "meter": Snapshot.Column(position: 2, name: "meter", type: "text", notNull: true, collation: "pg_catalog.\"C\"", statisticsTarget: 500),
            ],
            constraints: [
                "usage_events_pkey": Snapshot.Constraint(type: .primaryKey, definition: "PRIMARY KEY (id)", columns: ["id"], index: "public.usage_events_pkey"),
                "usage_events_admin_fk": Snapshot.Constraint(
                    type: .foreignKey, definition: "FOREIGN KEY (admin_id) REFERENCES public.admins(id) ON DELETE CASCADE",
                    columns: ["admin_id"],
                    references: Snapshot.ForeignKeyReference(table: "public.admins", columns: ["id"], onDelete: .cascade),
                    validated: false),
            ],
            policies: ["own_rows": Snapshot.Policy(command: .select, roles: ["reader"], using: "(admin_id = 1)")])
        return Snapshot(
            meta: meta,
            schemas: ["public": Snapshot.Schema(name: "public", owner: "pg_database_owner")],
            extensions: ["pg_trgm": Snapshot.Extension(name: "pg_trgm", version: "1.6", schema: "public")],
            tables: ["public.usage_events": table],
            views: ["public.v": Snapshot.View(schema: "public", name: "v", definition: " SELECT 1;", owner: "app")],
            materializedViews: ["public.m": Snapshot.View(schema: "public", name: "m", definition: " SELECT 1;", accessMethod: "heap", owner: "app")],
            indexes: ["public.usage_events_pkey": Snapshot.Index(
                schema: "public", name: "usage_events_pkey", table: "public.usage_events", unique: true, primary: true,
                keys: [Snapshot.IndexKey(column: "id", order: .asc, nulls: .last)], include: ["meter"],
                definition: "CREATE UNIQUE INDEX usage_events_pkey ON public.usage_events USING btree (id) INCLUDE (meter)",
                constraint: "usage_events_pkey")],
            sequences: ["public.usage_events_id_seq": Snapshot.SequenceDefinition(
                schema: "public", name: "usage_events_id_seq", ownedBy: Snapshot.ColumnReference(table: "public.usage_events", column: "id"), owner: "app")],
            functions: ["public.f(p integer)": Snapshot.Function(
                schema: "public", name: "f", arguments: "p integer", result: "integer", language: "sql", volatility: .immutable,
                parallel: .safe, definition: "CREATE OR REPLACE FUNCTION public.f(p integer)\n RETURNS integer\n", owner: "app")],
            triggers: ["public.usage_events.touch": Snapshot.Trigger(
                table: "public.usage_events", name: "touch", definition: "CREATE TRIGGER touch BEFORE UPDATE ON public.usage_events FOR EACH ROW EXECUTE FUNCTION public.t()",
                enabled: .disabled)],
            enums: ["public.mood": Snapshot.EnumType(schema: "public", name: "mood", labels: ["sad", "ok", "happy"], owner: "app")],
            domains: ["public.amount": Snapshot.Domain(
                schema: "public", name: "amount", baseType: "numeric(12,2)", default: "0",
                constraints: ["amount_check": Snapshot.DomainConstraint(definition: "CHECK ((VALUE >= (0)::numeric))")], owner: "app")],
            compositeTypes: ["public.pair": Snapshot.CompositeType(
                schema: "public", name: "pair",
                attributes: ["a": Snapshot.CompositeAttribute(position: 1, name: "a", type: "integer")], owner: "app")])
    }
}
