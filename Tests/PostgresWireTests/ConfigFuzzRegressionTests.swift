import Foundation
import PGTestSupport
import Testing
@testable import PostgresWire

/// The `connection-string` fuzz target's findings (Fuzz/corpus/connection-string/regression-*), replayed
/// by `swift test` through the target's own oracle (``ConnectionStringPasswordOracle``), so a finding
/// stays fixed without anyone running the fuzzer.
@Suite struct ConfigFuzzRegressionTests {
    static let corpus = Fixtures.fuzz("corpus/connection-string")

    static func regressionSeeds() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: corpus.path)
            .filter { $0.hasPrefix("regression-") }.sorted().map { corpus.appendingPathComponent($0) }
    }

    @Test func everyRegressionSeedHoldsTheFuzzOracle() throws {
        let seeds = try Self.regressionSeeds()
        #expect(seeds.map(\.lastPathComponent) == [
            "regression-empty-host-swallows-password", "regression-question-mark-inside-bracketed-host",
        ], "the committed findings are all replayed")
        for seed in seeds {
            let (text, environment) = ConnectionStringPasswordOracle.input(Array(try Data(contentsOf: seed)))
            #expect(ConnectionStringPasswordOracle.violations(text, environment: environment) == [], "\(seed.lastPathComponent)")
        }
    }

    /// Finding 4 (the crash file once committed as Fuzz/crash-476b…): the URI's only `?` sits inside the
    /// brackets of its second host (an IPv6 literal whose zone, `%25…`, holds URI-like text), so the URI
    /// has no query. An earlier oracle took any `?` for the start of one and appended `&password=…`,
    /// which then ended the database name; descriptions show database names, so it reported a leak of
    /// what was no password. Not a parser bug: the oracle now finds the query by libpq's grammar.
    @Test func aQuestionMarkInsideABracketedHostStartsNoQuery() throws {
        let seed = Self.corpus.appendingPathComponent("regression-question-mark-inside-bracketed-host")
        let text = String(decoding: try Data(contentsOf: seed), as: UTF8.self)
        let configuration = try ConnectionConfiguration.parse(text, environment: [:])
        #expect(configuration.endpoints.map(\.host) == ["::1", "fe80::1%stgresql://h/db?sslmod=requieth0"])
        #expect(configuration.database == "db")

        let marker = ConnectionStringPasswordOracle.marker
        #expect(ConnectionStringPasswordOracle.addingPassword(to: text) == text + "?password=\(marker)")
        let withPassword = try ConnectionConfiguration.parse(text + "?password=\(marker)", environment: [:])
        #expect(withPassword.password == marker)
        #expect(!withPassword.redactedDescription.contains(marker))
        // What the old oracle built: no password at all, and a database name that ends in the marker.
        let misread = try ConnectionConfiguration.parse(text + "&password=\(marker)", environment: [:])
        #expect(misread.password == nil)
        #expect(misread.database == "db&password=\(marker)")
    }

    /// URIs with a query are checked again (they were skipped after that finding): the password goes
    /// where libpq reads a new parameter, also after a `?` in the user name.
    @Test(arguments: [
        ("postgresql://h/db?sslmode=disable", "&"), ("postgresql://h/db?", ""), ("postgresql://h/db?application_name=x&", ""),
        ("postgresql://us?er@h/db", "?"), ("postgresql://[::1]/db", "?"), ("postgres://h:5432,[fe80::1%25eth0]?connect_timeout=3", "&"),
    ])
    func theOracleAddsThePasswordWhereLibpqReadsAParameter(uri: String, separator: String) throws {
        let marker = ConnectionStringPasswordOracle.marker
        #expect(ConnectionStringPasswordOracle.addingPassword(to: uri) == uri + separator + "password=\(marker)")
        #expect(try ConnectionConfiguration.parse(uri + separator + "password=\(marker)", environment: [:]).password == marker)
        #expect(ConnectionStringPasswordOracle.violations(uri, environment: [:]) == [])
    }

    /// The oracle can fail: the marker in a field descriptions rightly show is reported.
    @Test func theOracleReportsTheMarkerWhereverItIsShown() {
        let marker = ConnectionStringPasswordOracle.marker
        let violations = ConnectionStringPasswordOracle.violations("postgresql://h/\(marker)", environment: [:])
        #expect(violations.contains { $0.hasPrefix("password shown: ") && $0.contains(marker) }, "\(violations)")
        let keyValue = ConnectionStringPasswordOracle.violations("application_name=\(marker)", environment: [:])
        #expect(!keyValue.isEmpty)
    }
}
