import Foundation
import PGCatalog
import PGDiff
import Testing

/// One DDL statement applied to a throwaway database diffs to exactly one change: one case per object
/// kind and per property.
@Suite struct DiffSingleChangeTests {
    /// A schema with one of each kind of object, readable by the (non-superuser) capturing role.
    static let baseSchema = """
        CREATE SCHEMA app;
        CREATE SCHEMA spare;
        GRANT USAGE ON SCHEMA app, spare TO PUBLIC;
        CREATE TYPE app.mood AS ENUM ('sad', 'happy');
        CREATE DOMAIN app.positive AS integer CHECK (VALUE > 0);
        CREATE TYPE app.pair AS (a integer, b text);
        CREATE SEQUENCE app.counter;
        CREATE TABLE app.owners (id bigint PRIMARY KEY);
        CREATE TABLE app.items (
          id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2) DEFAULT 0, note text, owner_id bigint);
        ALTER TABLE app.items ADD CONSTRAINT items_owner_fk FOREIGN KEY (owner_id) REFERENCES app.owners(id);
        ALTER TABLE app.items ADD CONSTRAINT items_price_check CHECK (price >= 0);
        ALTER TABLE app.items ADD CONSTRAINT items_id_check CHECK (id > 0) NOT VALID;
        CREATE INDEX items_name_idx ON app.items (name);
        CREATE FUNCTION app.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
        CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
        CREATE TRIGGER items_touch BEFORE UPDATE ON app.items FOR EACH ROW EXECUTE FUNCTION app.touch();
        CREATE POLICY items_read ON app.items FOR SELECT USING (true);
        CREATE VIEW app.item_names AS SELECT id, name FROM app.items;
        CREATE MATERIALIZED VIEW app.item_counts AS SELECT count(*) AS n FROM app.items;
        """

    struct Case: CustomTestStringConvertible, Sendable {
        let sql: String
        let change: String
        let properties: [String]
        var testDescription: String { change }

        init(_ sql: String, _ change: String, _ properties: [String] = []) {
            self.sql = sql
            self.change = change
            self.properties = properties
        }
    }

    static let cases: [Case] = [
        Case("CREATE SCHEMA extra", "added schema extra"),
        Case("DROP SCHEMA spare", "removed schema spare"),
        Case("COMMENT ON SCHEMA app IS 'Application'", "changed schema app", ["comment"]),
        Case("CREATE EXTENSION hstore SCHEMA spare", "added extension hstore"),
        Case("CREATE TYPE app.size AS ENUM ('s', 'm')", "added enum app.size"),
        Case("ALTER TYPE app.mood ADD VALUE 'meh'", "changed enum app.mood", ["labels"]),
        Case("CREATE DOMAIN app.small AS smallint", "added domain app.small"),
        Case("ALTER DOMAIN app.positive SET DEFAULT 1", "changed domain app.positive", ["default"]),
        Case("ALTER DOMAIN app.positive SET NOT NULL", "changed domain app.positive", ["notNull"]),
        Case("ALTER DOMAIN app.positive ADD CONSTRAINT positive_small CHECK (VALUE < 1000) NOT VALID",
             "changed domain app.positive", ["constraints.positive_small"]),
        Case("ALTER TYPE app.pair ADD ATTRIBUTE c date", "changed compositeType app.pair", ["attributes.c"]),
        Case("ALTER TYPE app.pair ALTER ATTRIBUTE b TYPE varchar(10)", "changed compositeType app.pair", ["attributes.b.type"]),
        Case("CREATE SEQUENCE app.tickets", "added sequence app.tickets"),
        Case("ALTER SEQUENCE app.counter INCREMENT BY 5", "changed sequence app.counter", ["increment"]),
        Case("ALTER SEQUENCE app.counter CYCLE", "changed sequence app.counter", ["cycle"]),
        Case("CREATE FUNCTION app.sub(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT a - b'", "added function app.sub(a integer, b integer)"),
        Case("CREATE OR REPLACE FUNCTION app.add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT b + a'",
             "changed function app.add(a integer, b integer)", ["definition"]),
        Case("ALTER FUNCTION app.add(integer, integer) STABLE", "changed function app.add(a integer, b integer)", ["definition", "volatility"]),
        Case("ALTER FUNCTION app.add(integer, integer) STRICT", "changed function app.add(a integer, b integer)", ["definition", "strict"]),
        Case("CREATE TABLE app.empty_table ()", "added table app.empty_table"),
        Case("COMMENT ON TABLE app.items IS 'Items'", "changed table app.items", ["comment"]),
        Case("ALTER TABLE app.items ENABLE ROW LEVEL SECURITY", "changed table app.items", ["rowSecurityEnabled"]),
        Case("ALTER TABLE app.items SET (fillfactor = 70)", "changed table app.items", ["options"]),
        Case("GRANT SELECT ON app.items TO PUBLIC", "changed table app.items", ["acl"]),
        Case("ALTER TABLE app.items ADD COLUMN extra text", "added column app.items.extra"),
        Case("ALTER TABLE app.items DROP COLUMN note", "removed column app.items.note"),
        Case("ALTER TABLE app.items ALTER COLUMN note TYPE varchar(20)", "changed column app.items.note", ["type"]),
        Case("ALTER TABLE app.items ALTER COLUMN price SET DEFAULT 1", "changed column app.items.price", ["default"]),
        Case("ALTER TABLE app.items ALTER COLUMN note SET NOT NULL", "changed column app.items.note", ["notNull"]),
        Case("COMMENT ON COLUMN app.items.note IS 'Free text'", "changed column app.items.note", ["comment"]),
        Case("ALTER TABLE app.items ALTER COLUMN name SET STATISTICS 500", "changed column app.items.name", ["statisticsTarget"]),
        Case("ALTER TABLE app.items ALTER COLUMN note SET STORAGE EXTERNAL", "changed column app.items.note", ["storage"]),
        Case("ALTER TABLE app.items ADD CONSTRAINT items_name_check CHECK (name <> '')", "added constraint app.items.items_name_check"),
        Case("ALTER TABLE app.items DROP CONSTRAINT items_price_check", "removed constraint app.items.items_price_check"),
        Case("ALTER TABLE app.items VALIDATE CONSTRAINT items_id_check", "changed constraint app.items.items_id_check", ["definition", "validated"]),
        Case("ALTER TABLE app.items DROP CONSTRAINT items_price_check, ADD CONSTRAINT items_price_check CHECK (price > 0)",
             "changed constraint app.items.items_price_check", ["definition"]),
        Case("ALTER TABLE app.items DROP CONSTRAINT items_owner_fk, ADD CONSTRAINT items_owner_fk FOREIGN KEY (owner_id) REFERENCES app.owners(id) ON DELETE CASCADE",
             "changed constraint app.items.items_owner_fk", ["definition", "references.onDelete"]),
        Case("ALTER TABLE app.items ALTER CONSTRAINT items_owner_fk DEFERRABLE", "changed constraint app.items.items_owner_fk", ["deferrable", "definition"]),
        Case("CREATE INDEX items_price_idx ON app.items (price)", "added index app.items_price_idx"),
        Case("DROP INDEX app.items_name_idx", "removed index app.items_name_idx"),
        Case("DROP INDEX app.items_name_idx; CREATE INDEX items_name_idx ON app.items (name DESC)",
             "changed index app.items_name_idx", ["definition", "keys"]),
        Case("DROP INDEX app.items_name_idx; CREATE UNIQUE INDEX items_name_idx ON app.items (name)",
             "changed index app.items_name_idx", ["definition", "unique"]),
        Case("DROP INDEX app.items_name_idx; CREATE INDEX items_name_idx ON app.items (name) INCLUDE (price)",
             "changed index app.items_name_idx", ["definition", "include"]),
        Case("DROP INDEX app.items_name_idx; CREATE INDEX items_name_idx ON app.items (name) WHERE note IS NOT NULL",
             "changed index app.items_name_idx", ["definition", "predicate"]),
        Case("DROP INDEX app.items_name_idx; CREATE INDEX items_name_idx ON app.items USING hash (name)",
             "changed index app.items_name_idx", ["definition", "keys", "method"]),
        Case("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'app.items_name_idx'::regclass",
             "changed index app.items_name_idx", ["valid"]),
        Case("COMMENT ON INDEX app.items_name_idx IS 'Lookup by name'", "changed index app.items_name_idx", ["comment"]),
        Case("CREATE TRIGGER items_touch_insert BEFORE INSERT ON app.items FOR EACH ROW EXECUTE FUNCTION app.touch()",
             "added trigger app.items.items_touch_insert"),
        Case("ALTER TABLE app.items DISABLE TRIGGER items_touch", "changed trigger app.items.items_touch", ["enabled"]),
        Case("CREATE POLICY items_write ON app.items FOR INSERT WITH CHECK (true)", "added policy app.items.items_write"),
        Case("ALTER POLICY items_read ON app.items USING (id > 0)", "changed policy app.items.items_read", ["using"]),
        Case("CREATE VIEW app.answer AS SELECT 42 AS answer", "added view app.answer"),
        Case("CREATE OR REPLACE VIEW app.item_names AS SELECT id, name, price FROM app.items",
             "changed view app.item_names", ["columns.price", "definition"]),
        Case("CREATE MATERIALIZED VIEW app.answers AS SELECT 42 AS answer", "added materializedView app.answers"),
        Case("COMMENT ON MATERIALIZED VIEW app.item_counts IS 'Counts'", "changed materializedView app.item_counts", ["comment"]),
    ]

    @Test(arguments: cases)
    func oneStatementIsOneChange(_ testCase: Case) throws {
        let database = try FixtureDatabase.create("diff_one")
        try database.superuserSQL(Self.baseSchema)
        let before = try database.capturedSnapshot()
        try database.superuserSQL(testCase.sql)
        let after = try database.capturedSnapshot()
        let diff = try SnapshotDiff(from: before, to: after)
        #expect(diff.changes.map { "\($0.action.rawValue) \($0.kind.rawValue) \($0.name)" } == [testCase.change])
        #expect(diff.changes.first?.properties.map(\.property) == testCase.properties)
        #expect(try SnapshotDiff(from: after, to: before) == diff.mirrored)
    }

    @Test func renamesAreRemovedPlusAdded() throws {
        let database = try FixtureDatabase.create("diff_rename")
        try database.superuserSQL(Self.baseSchema)
        let before = try database.capturedSnapshot()
        try database.superuserSQL("ALTER TABLE app.items RENAME COLUMN note TO remark; ALTER INDEX app.items_name_idx RENAME TO items_label_idx")
        let diff = try SnapshotDiff(from: before, to: try database.capturedSnapshot())
        #expect(diff.changes.map { "\($0.action.rawValue) \($0.kind.rawValue) \($0.name)" } == [
            "removed column app.items.note", "added column app.items.remark",
            "added index app.items_label_idx", "removed index app.items_name_idx",
        ])
        // The added column is the renamed one: same type and position, which is all a snapshot can say.
        #expect(diff.changes[0].old?["position"] == diff.changes[1].new?["position"])
    }
}
