import Testing
import PGLocal
import PostgresWire

/// The library example in README.md, compiled and run as a test. Keep the two in step.
@Suite struct ReadmeExampleTests {
    @Test func readmeLibraryExample() throws {
        let cluster = try TestClusters.tls()
        let url = cluster.url(user: LocalCluster.scramUser, sslMode: "require")

        // --- README example begins ---
        let config = try ConnectionConfiguration.resolve(url: url)   // nil: DATABASE_URL, else PG* variables
        let connection = try PostgresConnection.connect(config, options: SessionOptions(statementTimeout: .seconds(60), readOnly: true))
        defer { connection.close() }

        var windows = 0
        try connection.query(
            "SELECT n, n % 7 = 0 AS has_window FROM generate_series(1, $1::int4) AS n", [Int32(1000)]
        ) { row in                                        // rows stream: nothing is collected
            if try row.decode(Bool.self, column: "has_window") { windows += 1 }
        }
        print("rows with windows: \(windows)")
        // --- README example ends ---

        #expect(windows == 142)
    }
}
