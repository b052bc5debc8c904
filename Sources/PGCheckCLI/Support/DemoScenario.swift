import Foundation
import PGCheck
import PGLocal
import PostgresWire

/// The reference scenario on a throwaway cluster: Drizzle migrations 0000–0002 applied and seeded, ready
/// for the runbook to apply 0003.
struct DemoScenario {
    let cluster: LocalCluster
    let database = "usage_demo"
    let fixtures: URL

    /// The Fixtures folder: next to the working directory (a checkout), else next to this source file.
    static func locateFixtures() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Fixtures"),
            // Sources/PGCheckCLI/Support/DemoScenario.swift → the checkout's root.
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Fixtures"),
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent("drizzle/meta/_journal.json").path) }) else {
            throw RunbookFileError(message: "cannot find the Fixtures folder (looked in \(candidates.map(\.path).joined(separator: ", "))); run the demo from the pgcheck checkout")
        }
        return found
    }

    /// The connection the runbook uses: SCRAM over TLS with full verification, as on Neon or RDS.
    func configuration() throws -> (ConnectionConfiguration, String) {
        let url = cluster.url(user: LocalCluster.scramUser, database: database, sslMode: "verify-full", parameters: ["sslrootcert": cluster.caCertificatePath])
        return (try ConnectionConfiguration.parse(url), url)
    }

    /// The rehearsal database: a copy of the demo database made from it as a template, as a Neon branch
    /// is made from production (schema and data, in seconds).
    var rehearsalDatabase: String { database + "_rehearsal" }

    /// Copies the prepared database for the lock rehearsal; returns its configuration.
    func makeRehearsalCopy() throws -> ConnectionConfiguration {
        try cluster.runSQL("CREATE DATABASE \(rehearsalDatabase) TEMPLATE \(database) OWNER \(LocalCluster.scramUser.name)")
        let url = cluster.url(user: LocalCluster.scramUser, database: rehearsalDatabase, sslMode: "verify-full", parameters: ["sslrootcert": cluster.caCertificatePath])
        return try ConnectionConfiguration.parse(url)
    }

    /// Creates the database (owned by the SCRAM user), applies 0000–0002 with the Drizzle-compatible migrator and seeds it.
    func prepare() throws {
        try cluster.runSQL("CREATE DATABASE \(database) OWNER \(LocalCluster.scramUser.name)")
        let connection = try PostgresConnection.connect(try configuration().0)
        defer { connection.close() }
        let folder = try DrizzleMigrationFolder(url: fixtures.appendingPathComponent("drizzle"))
        let migrator = DrizzleMigrator()
        let status = DrizzleStatus(folder: folder, ledger: try DrizzleLedger.read(connection))
        try migrator.apply(try migrator.plan(folder: folder, status: status, through: "0002_usage_account_lookup"), on: connection)
        let seed = try String(contentsOf: fixtures.appendingPathComponent("seed/usage_events_seed.sql"), encoding: .utf8)
        try connection.execute(seed)
    }
}
