import Foundation
import PGCatalog
@testable import PGLocal
import PostgresWire

/// A fresh database with two new login roles: `owner` owns schema `ledger` and everything in it;
/// `validator` has `USAGE` on no schema at all (PUBLIC lost it on `ledger` and `public`).
struct TwoRoleDatabase {
    let database: FixtureDatabase
    let owner: LocalCluster.User
    let validator: LocalCluster.User

    static func create(_ label: String) throws -> TwoRoleDatabase {
        let database = try FixtureDatabase.create(label)
        let suffix = database.name.suffix(8)
        let owner = LocalCluster.User(name: "\(label)_owner_\(suffix)", password: "owner-pw-\(suffix)", method: "scram-sha-256")
        let validator = LocalCluster.User(
            name: "\(label)_validator_\(suffix)", password: "validator-pw-\(suffix)", method: "scram-sha-256")
        for role in [owner, validator] {
            try database.superuserSQL("CREATE ROLE \(role.name) LOGIN PASSWORD '\(role.password ?? "")'")
        }
        try database.superuserSQL("""
            REVOKE ALL ON SCHEMA public FROM PUBLIC;
            CREATE SCHEMA ledger AUTHORIZATION \(owner.name);
            REVOKE ALL ON SCHEMA ledger FROM PUBLIC
            """)
        let setup = TwoRoleDatabase(database: database, owner: owner, validator: validator)
        try setup.asOwner("""
            CREATE TABLE ledger.accounts (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              name text NOT NULL UNIQUE,
              balance numeric(12,2) NOT NULL DEFAULT 0 CHECK (balance >= 0));
            CREATE TABLE ledger.entries (
              id bigserial PRIMARY KEY,
              account_id bigint NOT NULL REFERENCES ledger.accounts (id),
              amount numeric(12,2) NOT NULL,
              booked_at timestamptz NOT NULL DEFAULT now());
            CREATE INDEX entries_account_booked_idx ON ledger.entries (account_id, booked_at DESC) INCLUDE (amount)
              WHERE amount <> 0;
            CREATE VIEW ledger.balances AS SELECT account_id, sum(amount) AS total FROM ledger.entries GROUP BY account_id;
            CREATE TABLE ledger.daily_totals (day date PRIMARY KEY, total numeric(12,2) NOT NULL);
            CREATE FUNCTION ledger.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
            CREATE TRIGGER entries_touch BEFORE UPDATE ON ledger.entries FOR EACH ROW EXECUTE FUNCTION ledger.touch();
            COMMENT ON TABLE ledger.entries IS 'Only the owner may use this schema.'
            """)
        return setup
    }

    /// Runs `sql` as the owner (the superuser's session, `SET ROLE`), as a migration would.
    func asOwner(_ sql: String) throws {
        try database.superuserSQL("SET ROLE \(owner.name);\n\(sql)")
    }

    func validatorHasUsage(on schema: String) throws -> Bool {
        try database.superuserSQL("SELECT has_schema_privilege('\(validator.name)', '\(schema)', 'USAGE')") == "t"
    }

    func url(_ user: LocalCluster.User) -> String {
        database.cluster.url(user: user, database: database.name)
    }

    /// Captures the database as `user`, as `pgcheck snapshot` does.
    func capture(as user: LocalCluster.User, connections: Int = 2) throws -> SnapshotResult {
        let configuration = try ConnectionConfiguration.parse(url(user), environment: TestClusters.environment)
        return try SnapshotCapture.capture(
            configuration: configuration, sessionOptions: SessionOptions(), connections: connections)
    }
}
