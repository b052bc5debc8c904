import Foundation
import PGCatalog
import PGLocal
import PostgresWire
import Testing

/// The same schema gives the same bytes, however it came to be.
@Suite struct SnapshotDeterminismTests {
    /// Roles that exist on every test cluster, so grants need no role setup.
    static let roleA = LocalCluster.md5User.name
    static let roleB = LocalCluster.scramUser.name

    static let straight = """
        CREATE SCHEMA shop;
        GRANT USAGE ON SCHEMA shop TO PUBLIC;
        CREATE TYPE shop.mood AS ENUM ('sad', 'ok', 'happy');
        CREATE TABLE shop.customers (id int PRIMARY KEY, mood shop.mood NOT NULL DEFAULT 'ok', name text);
        CREATE TABLE shop.orders (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          customer_id int NOT NULL REFERENCES shop.customers (id),
          placed_at timestamptz NOT NULL DEFAULT now(),
          note text
        );
        CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
        CREATE INDEX orders_placed_idx ON shop.orders (placed_at DESC);
        CREATE VIEW shop.recent_orders AS SELECT id, customer_id FROM shop.orders WHERE placed_at > now() - interval '1 day';
        CREATE FUNCTION shop.order_count(c int) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM shop.orders WHERE customer_id = c $$;
        GRANT SELECT ON shop.orders TO \(roleA);
        GRANT SELECT, INSERT ON shop.orders TO \(roleB);
        GRANT USAGE ON SCHEMA shop TO \(roleA);
        GRANT USAGE ON SCHEMA shop TO \(roleB);
        COMMENT ON TABLE shop.orders IS 'Orders.';
        """

    /// The same schema built backwards: tables in the other order, a dropped column, the foreign key and
    /// a column added later, an enum label inserted, grants reversed, the indexes swapped.
    static let roundabout = """
        CREATE SCHEMA shop;
        GRANT USAGE ON SCHEMA shop TO \(roleB);
        GRANT USAGE ON SCHEMA shop TO PUBLIC;
        GRANT USAGE ON SCHEMA shop TO \(roleA);
        CREATE TYPE shop.mood AS ENUM ('sad', 'happy');
        ALTER TYPE shop.mood ADD VALUE 'ok' BEFORE 'happy';
        CREATE TABLE shop.orders (
          scratch text,
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          customer_id int NOT NULL,
          placed_at timestamptz NOT NULL DEFAULT now()
        );
        ALTER TABLE shop.orders DROP COLUMN scratch;
        ALTER TABLE shop.orders ADD COLUMN note text;
        COMMENT ON TABLE shop.orders IS 'Orders.';
        CREATE INDEX orders_placed_idx ON shop.orders (placed_at DESC);
        CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
        GRANT SELECT, INSERT ON shop.orders TO \(roleB);
        GRANT SELECT ON shop.orders TO \(roleA);
        CREATE TABLE shop.customers (id int PRIMARY KEY, mood shop.mood NOT NULL DEFAULT 'ok', name text);
        ALTER TABLE shop.orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES shop.customers (id);
        CREATE FUNCTION shop.order_count(c int) RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM shop.orders WHERE customer_id = c $$;
        CREATE VIEW shop.recent_orders AS SELECT id, customer_id FROM shop.orders WHERE placed_at > now() - interval '1 day';
        """

    @Test func theSameSchemaBuiltInDifferentOrdersGivesIdenticalBytes() throws {
        let first = try FixtureDatabase.create("snap_order_a")
        let second = try FixtureDatabase.create("snap_order_b")
        try first.superuserSQL(Self.straight)
        try second.superuserSQL(Self.roundabout)
        let resultA = try first.snapshot()
        let resultB = try second.snapshot()
        #expect(resultA.warnings.isEmpty && resultB.warnings.isEmpty)
        let a = resultA.snapshot
        let b = resultB.snapshot
        #expect(a.meta.database != b.meta.database)
        #expect(a.tables["shop.orders"]?.columns["note"]?.position == 4)
        #expect(b.tables["shop.orders"]?.acl == a.tables["shop.orders"]?.acl)
        #expect(b.enums["shop.mood"]?.labels == ["sad", "ok", "happy"])
        #expect(try contentJSON(a) == contentJSON(b))
        #expect(a.hasSameContent(as: b))
    }

    @Test func aTableDroppedAndRecreatedSnapshotsTheSame() throws {
        let database = try FixtureDatabase.create("snap_recreate")
        try database.superuserSQL(Self.straight)
        let before = try database.snapshot().snapshot
        try database.superuserSQL("""
            DROP TABLE shop.orders CASCADE;
            CREATE TABLE shop.orders (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              customer_id int NOT NULL REFERENCES shop.customers (id),
              placed_at timestamptz NOT NULL DEFAULT now(),
              note text
            );
            CREATE INDEX orders_placed_idx ON shop.orders (placed_at DESC);
            CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
            GRANT SELECT, INSERT ON shop.orders TO \(Self.roleB);
            GRANT SELECT ON shop.orders TO \(Self.roleA);
            COMMENT ON TABLE shop.orders IS 'Orders.';
            CREATE VIEW shop.recent_orders AS SELECT id, customer_id FROM shop.orders WHERE placed_at > now() - interval '1 day';
            """)
        let after = try database.snapshot().snapshot
        #expect(try contentJSON(before) == contentJSON(after))
        try database.superuserSQL("ALTER TABLE shop.orders ADD COLUMN extra int")
        #expect(try contentJSON(database.snapshot().snapshot) != contentJSON(before), "a real change still shows")
    }

    @Test func theCallersSearchPathDoesNotMatter() throws {
        let database = try FixtureDatabase.create("snap_search_path")
        try database.superuserSQL(Self.straight)
        let canonical = try contentJSON(database.snapshot().snapshot)
        // A session that keeps the caller's search_path, set so that shop's names would print unqualified.
        let shifted = try database.snapshot(session: CatalogSession.Options(searchPath: nil)) { connection in
            try connection.execute("SET search_path = shop, public")
        }
        #expect(try contentJSON(shifted.snapshot) == canonical)
        #expect(shifted.snapshot.tables["shop.customers"]?.columns["mood"]?.type == "shop.mood")
    }

    @Test func capturingTwiceGivesTheSameContentAndOnlyMetaDiffers() throws {
        let database = try FixtureDatabase.create("snap_twice")
        try database.superuserSQL(Self.straight)
        let first = try database.snapshot().snapshot
        let second = try database.snapshot().snapshot
        #expect(first.hasSameContent(as: second))
        #expect(first.meta.database == database.name)
        #expect(first.meta.host == database.cluster.host && first.meta.port == database.cluster.port)
        #expect(first.meta.serverVersion.hasPrefix(database.cluster.serverVersion))
        #expect(first.meta.capturedAtDate != nil)
    }
}
