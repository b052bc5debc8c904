import Foundation
import PGLocal
import PostgresWire
import Testing

/// The reference scenario for smoke and fingerprint tests: a fresh database with the Fixtures
/// migrations and seed rows, and ways to run `pgcheck` and `psql` against it with the same
/// environment (the superuser over the cluster's Unix socket, as the psql comparisons do).
struct SmokeScenario {
    let database: FixtureDatabase

    /// The runbook's own smoke query.
    static let runbookQuery = """
        SELECT COUNT(*) FILTER (WHERE window_start IS NOT NULL) AS buckets_with_windows, \
        COUNT(*) FILTER (WHERE window_end IS NULL) AS missing_window_end FROM usage_events;
        """

    /// Migrations 0000-0002 and the seed rows; then, when asked, 0003 and its partial backfill.
    static func make(_ label: String, withWindows: Bool = true) throws -> SmokeScenario {
        let database = try FixtureDatabase.create(label)
        try database.applyMigrations(through: 2)
        try database.runFixture("seed/usage_events_seed.sql")
        let scenario = SmokeScenario(database: database)
        if withWindows { try scenario.addWindows() }
        return scenario
    }

    /// Applies 0003 and runs its backfill (which fills the first two days only).
    func addWindows() throws {
        try database.applyMigrations(through: 3)
        try database.runFixture("seed/backfill_windows_0003.sql")
    }

    /// PGHOST/PGPORT/PGUSER/PGDATABASE for the superuser over the Unix socket.
    var environment: [String: String] {
        [
            "PGHOST": database.cluster.socketDirectory, "PGPORT": String(database.cluster.port),
            "PGUSER": LocalCluster.superuser, "PGDATABASE": database.name,
        ]
    }

    /// Runs the built pgcheck with this database's environment.
    func pgcheck(_ arguments: [String]) throws -> PGCheckProcess.Result {
        try PGCheckProcess.run(arguments, environment: environment)
    }

    /// Runs psql with the same environment, as a person would: `psql -X …`.
    func psql(_ arguments: [String]) throws -> PGCheckProcess.Result {
        let psql = try #require(database.cluster.installation.psqlPath, "psql is needed for the comparison tests")
        return try PGCheckProcess.run(executable: URL(fileURLWithPath: psql), arguments, environment: environment)
    }

    /// A library connection as the superuser over the socket.
    func connect() throws -> PostgresConnection {
        try PostgresConnection.connect(try ConnectionConfiguration.fromEnvironment(environment.merging(["HOME": NSTemporaryDirectory()]) { $1 }))
    }
}

/// The scenario itself holds what the other suites assume.
@Suite struct SmokeScenarioTests {
    @Test func seedAndBackfillGiveTheRunbookItsCounts() throws {
        let scenario = try SmokeScenario.make("smoke_scenario")
        let connection = try scenario.connect()
        defer { connection.close() }
        let row = try #require(try connection.query(SmokeScenario.runbookQuery, resultFormat: .text).rows.first)
        #expect(row.text(at: 0) == "144")
        #expect(row.text(at: 1) == "156")
    }
}
