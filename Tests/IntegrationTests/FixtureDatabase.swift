import Foundation
import PGLocal
import PostgresWire
import PGTestSupport

/// A fresh database on the shared TLS test cluster, loaded from `Fixtures/`.
///
/// Each test that changes a schema makes its own database, so tests run in parallel without meeting.
struct FixtureDatabase {
    let cluster: LocalCluster
    let name: String

    /// The Drizzle migration files in journal order.
    static let migrationTags = ["0000_init_admins", "0001_usage_events", "0002_usage_account_lookup", "0003_usage_event_windows"]

    /// Creates an empty database with a unique name.
    static func create(_ label: String = "fixture") throws -> FixtureDatabase {
        let cluster = try TestClusters.tls()
        let name = "\(label)_\(UUID().uuidString.prefix(8).lowercased())"
        try cluster.createDatabase(name)
        return FixtureDatabase(cluster: cluster, name: name)
    }

    /// A superuser-free configuration for this database (the trust user, TCP, no TLS).
    func configuration(user: LocalCluster.User = LocalCluster.trustUser) throws -> ConnectionConfiguration {
        try ConnectionConfiguration.parse(cluster.url(user: user, database: name), environment: TestClusters.environment)
    }

    /// Connects to this database.
    func connect(user: LocalCluster.User = LocalCluster.trustUser) throws -> PostgresConnection {
        try PostgresConnection.connect(try configuration(user: user))
    }

    /// Runs SQL as the superuser (DDL the test user may not have rights for).
    @discardableResult
    func superuserSQL(_ sql: String) throws -> String { try cluster.runSQL(sql, database: name) }

    /// Applies the Fixtures Drizzle migrations `0...through` in order, statement by statement, as
    /// drizzle's migrator splits them on `--> statement-breakpoint`.
    func applyMigrations(through last: Int) throws {
        for tag in Self.migrationTags.prefix(last + 1) {
            let text = try String(contentsOf: Fixtures.url("drizzle/\(tag).sql"), encoding: .utf8)
            for statement in text.components(separatedBy: "--> statement-breakpoint") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                try superuserSQL(statement)
            }
        }
    }

    /// Runs a Fixtures SQL file (relative to `Fixtures/`) as the superuser.
    func runFixture(_ path: String) throws {
        try superuserSQL(try String(contentsOf: Fixtures.url(path), encoding: .utf8))
    }
}
