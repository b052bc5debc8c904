import Foundation
import PGTestSupport
import Testing
@testable import PostgresWire

/// Every input the fuzzers (Fuzz/) turned up, kept as a regression test: the committed seeds named
/// `regression-*` are replayed through the same code paths (the connection-string ones through the fuzz
/// oracle itself, in PostgresWireTests' `ConfigFuzzRegressionTests`), and each finding also has a test of
/// its own that states the behaviour it now has.
@Suite struct HostileFuzzFindingsTests {
    static let corpus = Fixtures.fuzz("corpus")

    static func regressionSeeds(_ target: String) -> [URL] {
        let folder = corpus.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("regression-") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Runs received bytes through what the client runs them through: framing, decoding, row indexing
    /// (only after a RowDescription, as the connection does) and the query state machine.
    static func replayBackendBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            let framer = MessageFramer()
            let rows = DataRowColumns(capacity: 4)
            var machine = QueryStateMachine()
            var columnCount: Int?
            var offset = 0
            while offset < raw.count, let frame = try? framer.nextFrame(in: UnsafeRawBufferPointer(rebasing: raw[offset...])) {
                if frame.type == BackendMessageType.dataRow, let columnCount {
                    _ = try? rows.index(frame.body, expectedCount: columnCount)
                } else if let message = try? BackendMessage.decode(type: frame.type, body: frame.body) {
                    if case .rowDescription(let description) = message { columnCount = description.columns.count }
                    _ = try? machine.receive(message)
                }
                offset += frame.wireLength
            }
            var tracker = MessageBoundaryTracker()
            tracker.observe(raw)
            _ = tracker.phrase
        }
    }

    @Test func everyBackendRegressionSeedReplaysWithoutCrashing() throws {
        let seeds = Self.regressionSeeds("backend-messages")
        #expect(!seeds.isEmpty, "the committed corpus holds the findings")
        for seed in seeds { Self.replayBackendBytes(Array(try Data(contentsOf: seed))) }
    }

    /// Finding 1 (connection-string fuzzer): `host= password=secret` made `password=secret` the host,
    /// as libpq does, and the host is printed in descriptions and DNS errors.
    @Test(arguments: ["host= password=s3cret dbname=x", "host=\u{0B}password=s3cret", "dbname=\tpassword=s3cret", "application_name= password=s3cret"])
    func anEmptyValueNoLongerSwallowsTheNextSetting(_ text: String) throws {
        let error = try #require(throws: ClientError.self) { try ConnectionConfiguration.parse(text, environment: [:]) }
        #expect(error.phase == .configuration)
        #expect(error.message.contains("has no value before the next setting \"password=\""), "\(error)")
        #expect(!error.message.contains("s3cret"))
    }

    @Test func anEmptyQuotedValueAndSpacesAroundEqualsStillParse() throws {
        let configuration = try ConnectionConfiguration.parse("host='' dbname = mydb user =alice", environment: [:])
        #expect(configuration.database == "mydb")
        #expect(configuration.user == "alice")
        // A value that merely follows a blank is fine when it does not look like a setting.
        #expect(try ConnectionConfiguration.parse("dbname= mydb", environment: [:]).database == "mydb")
    }

    /// Finding 2 (backend-messages fuzzer): a DataRow with a negative column count before any
    /// RowDescription. The connection refuses such a row before indexing it; these are the bytes as a
    /// server would send them.
    @Test func aNegativeColumnCountFromAServerIsRefused() throws {
        let row = WireBytes.message("D", WireBytes.int16(-13312) + [0, 1, 0x61])
        let described = try HostileServer(script: HostileScripts.answerQuery(with: WireBytes.rowDescription(["a"]) + row))
        let error = try #require(HostileClient.run(described, query: "SELECT 1").clientError())
        #expect(error.message.contains("DataRow has -13312 columns but the RowDescription announced 1"), "\(error)")
        let undescribed = try HostileServer(script: HostileScripts.answerQuery(with: row))
        let early = try #require(HostileClient.run(undescribed, query: "SELECT 1").clientError())
        #expect(early.message.contains("DataRow without a RowDescription"), "\(early)")
    }
}
