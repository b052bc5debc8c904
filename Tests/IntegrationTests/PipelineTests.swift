import Foundation
import Testing
import PGLocal
@testable import PostgresWire

/// Several statements in one round trip (`PostgresConnection.pipeline`).
@Suite struct PipelineTests {
    @Test func statementsRunInOrderWithTheirOwnParametersAndColumns() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        let results = try connection.pipeline([
            PipelinedStatement("SELECT generate_series(1, $1::int) AS n", [Int32(3)]),
            PipelinedStatement("SELECT $1::text AS word, $2::bool AS flag", ["pipelined", true]),
            PipelinedStatement("SET LOCAL application_name = 'inside'"),
            PipelinedStatement("SELECT 1 WHERE false"),
        ])
        #expect(results.count == 4)
        #expect(try results[0].rows.map { try $0.decode(Int32.self, at: 0) } == [1, 2, 3])
        #expect(results[1].columns?.names == ["word", "flag"])
        #expect(try results[1].rows.first?.decode(String.self, column: "word") == "pipelined")
        #expect(try results[1].rows.first?.decode(Bool.self, column: "flag") == true)
        #expect(results[2].columns == nil && results[2].commandTag == "SET")
        #expect(results[3].rows.isEmpty && results[3].commandTag == "SELECT 0")
    }

    @Test func rowsStreamWithTheStatementTheyBelongTo() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        var ended = 0
        var sums = [0, 0, 0]
        let outcomes = try connection.pipeline(
            [
                PipelinedStatement("SELECT generate_series(1, 1000)::int8"),
                PipelinedStatement("SELECT generate_series(1, 10)::int8 * 100"),
                PipelinedStatement("SELECT 7::int8"),
            ],
            onRow: { row in sums[ended] += Int(try row.decode(Int64.self, at: 0)) },
            onStatementEnd: { _ in ended += 1 })
        #expect(sums == [500_500, 5_500, 7])
        #expect(outcomes.map(\.rowCount) == [1000, 10, 1])
    }

    @Test func aFailingStatementSkipsTheRestAndLeavesTheConnectionUsable() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        var rowsSeen = 0
        #expect {
            try connection.pipeline(
                [
                    PipelinedStatement("SELECT 1"),
                    PipelinedStatement("SELECT 1 / $1::int", [Int32(0)]),
                    PipelinedStatement("SELECT 3"),
                ],
                onRow: { _ in rowsSeen += 1 })
        } throws: { error in
            (error as? PostgresServerError)?.sqlState == "22012"
        }
        #expect(rowsSeen == 1, "the statement after the failing one is skipped by the server")
        #expect(try connection.query("SELECT 42::int4").rows.first?.decode(Int32.self, at: 0) == 42)
    }

    @Test func anEmptyPipelineIsOneSyncAndNothingElse() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        #expect(try connection.pipeline([]).isEmpty)
        #expect(try connection.query("SELECT 1::int4").rows.count == 1)
    }
}
