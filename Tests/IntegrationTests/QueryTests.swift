import Foundation
import Testing
import PGLocal
@testable import PostgresWire

/// Simple and extended queries against the real server.
@Suite struct QueryTests {
    @Test func severalStatementsInOneSimpleQuery() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        let results = try connection.simpleQuery("SELECT 1 AS a; SELECT 'x' AS b, NULL AS c UNION ALL SELECT 'y', 'z'; SET application_name = 'q'")
        #expect(results.count == 3)
        #expect(results[0].rows.first?.text(at: 0) == "1")
        #expect(results[1].columns?.names == ["b", "c"])
        #expect(results[1].rows.map { $0.text(at: 0) } == ["x", "y"])
        #expect(results[1].rows[0].isNull(1))
        #expect(results[1].commandTag == "SELECT 2")
        #expect(results[2].commandTag == "SET")
        #expect(connection.parameters["application_name"] == "q", "ParameterStatus updates are tracked")
    }

    @Test func applicationNameDefaultsToPgcheck() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        let name = try connection.simpleQuery("SHOW application_name")
        #expect(name.first?.rows.first?.text(at: 0) == "pgcheck")
    }

    @Test func parameterisedExtendedQuery() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        let result = try connection.query(
            "SELECT $1::int8 + 1 AS next, upper($2::text) AS shout, $3::text IS NULL AS was_null",
            [Int64(41), "it's; DROP TABLE x", nil])
        let row = try #require(result.rows.first)
        #expect(try row.decode(Int64.self, column: "next") == 42)
        #expect(try row.decode(String.self, column: "shout") == "IT'S; DROP TABLE X")
        #expect(try row.decode(Bool.self, column: "was_null"))
    }

    @Test func optionalParametersBindAsNullOrTheirValue() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        let none: Int32? = nil
        let some: Int32? = 5
        let row = try #require(try connection.query("SELECT $1::int4 IS NULL, $2::int4", [none, some]).rows.first)
        #expect(try row.decode(Bool.self, at: 0))
        #expect(try row.decode(Int32?.self, at: 1) == 5)
    }

    @Test func preparedStatementRunsManyTimes() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        let statement = try connection.prepare("SELECT $1::int4 * 2")
        #expect(statement.parameterTypes == [PostgresTypeOID.int4])
        for value: Int32 in [1, 2, 3] {
            var doubled: Int32 = 0
            try connection.execute(statement, [value]) { row in doubled = try row.decode(Int32.self, at: 0) }
            #expect(doubled == value * 2)
        }
        try connection.deallocate(statement)
        #expect(throws: ClientError.self) { try connection.execute(statement, [Int32(1), Int32(2)]) { _ in } }
    }

    @Test func serverErrorsKeepTheConnectionUsable() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        let error = try #require(throws: PostgresServerError.self) { try connection.simpleQuery("SELECT * FROM no_such_table") }
        #expect(error.sqlState == "42P01")
        #expect(error.position == 15)
        #expect(error.phase == .query)
        #expect(try connection.simpleQuery("SELECT 2").first?.rows.first?.text(at: 0) == "2")
    }

    @Test func aThrowingRowHandlerLeavesTheConnectionUsable() throws {
        struct Stop: Error {}
        let connection = try TestClusters.connect()
        defer { connection.close() }
        var seen = 0
        #expect(throws: Stop.self) {
            try connection.query("SELECT generate_series(1, 10000)") { _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
        #expect(try connection.query("SELECT 7::int4").rows.first?.decode(Int32.self, at: 0) == 7)
    }

    @Test func typedValuesInBothFormats() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        let sql = """
            SELECT true, 32767::int2, 2147483647::int4, 9223372036854775807::int8, 1.5::float4, 2.25::float8,
                   12345.678900::numeric(12,6), 'ü'::text, 'v'::varchar, 'n'::name, 'c'::char(3),
                   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '2026-11-25'::date,
                   '2026-11-25 14:29:48.123456'::timestamp, '2026-11-25 14:29:48.123456+00'::timestamptz,
                   '1 year 2 mons 3 days 04:05:06.789'::interval, '{"a": 1}'::json, '{"a": 1}'::jsonb,
                   '\\x00ff'::bytea, 26::oid, ARRAY[1, NULL, 3]::int4[], ARRAY['a b', 'c']::text[]
            """
        for format in [PostgresFormat.binary, .text] {
            let row = try #require(try connection.query(sql, resultFormat: format).rows.first)
            #expect(try row.decode(Bool.self, at: 0))
            #expect(try row.decode(Int16.self, at: 1) == 32767)
            #expect(try row.decode(Int32.self, at: 2) == 2_147_483_647)
            #expect(try row.decode(Int64.self, at: 3) == 9_223_372_036_854_775_807)
            #expect(try row.decode(Float.self, at: 4) == 1.5)
            #expect(try row.decode(Double.self, at: 5) == 2.25)
            #expect(try row.decode(PostgresNumeric.self, at: 6).description == "12345.678900")
            #expect(try row.decode(String.self, at: 7) == "ü")
            #expect(try row.decode(String.self, at: 8) == "v")
            #expect(try row.decode(String.self, at: 9) == "n")
            #expect(try row.decode(String.self, at: 10) == "c  ")
            #expect(try row.decode(UUID.self, at: 11) == UUID(uuidString: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
            #expect(try row.decode(PostgresDate.self, at: 12).description == "2026-11-25")
            #expect(abs(try row.decode(Date.self, at: 14).timeIntervalSince1970 - 1_795_616_988.123456) < 0.000_002)
            let interval = try row.decode(PostgresInterval.self, at: 15)
            #expect(interval.months == 14 && interval.days == 3 && interval.microseconds == 14_706_789_000)
            #expect(try row.decode(PostgresJSON.self, at: 16).text == "{\"a\": 1}")
            #expect(try row.decode(PostgresJSON.self, at: 17).text == "{\"a\": 1}")
            #expect(try row.decode([UInt8].self, at: 18) == [0x00, 0xFF])
            #expect(try row.decode(UInt32.self, at: 19) == 26)
            #expect(try row.decode([Int32?].self, at: 20) == [1, nil, 3])
            #expect(try row.decode([String].self, at: 21) == ["a b", "c"])
            // The text rendering is what psql would print, whichever format arrived.
            #expect(row.text(at: 0) == "t")
            #expect(row.text(at: 12) == "2026-11-25")
            #expect(row.text(at: 18) == "\\x00ff")
            #expect(row.text(at: 20) == "{1,NULL,3}")
        }
    }

    @Test func aMillionRowsStreamWithoutCollecting() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        var count = 0
        var sum: Int64 = 0
        let outcome = try connection.query("SELECT i::int8, md5(i::text) FROM generate_series(1, 1000000) AS i") { row in
            count += 1
            sum &+= try row.decode(Int64.self, at: 0)
        }
        #expect(count == 1_000_000)
        #expect(sum == 500_000_500_000)
        #expect(outcome.commandTag == "SELECT 1000000")
        #expect(outcome.rowCount == 1_000_000)
    }

    @Test func copyOutStreamsLines() throws {
        let connection = try TestClusters.connect()
        defer { connection.close() }
        var lines: [String] = []
        let outcome = try connection.copyOut("COPY (SELECT i, 'x' || i FROM generate_series(1, 3) i) TO STDOUT WITH (FORMAT csv)") { chunk in
            lines.append(String(decoding: chunk, as: UTF8.self))
        }
        #expect(lines == ["1,x1\n", "2,x2\n", "3,x3\n"])
        #expect(outcome.commandTag == "COPY 3")
    }

    @Test func timeoutsAreSetPerConnection() throws {
        let connection = try TestClusters.connect(options: SessionOptions(statementTimeout: .milliseconds(200), lockTimeout: .seconds(1)))
        defer { connection.close() }
        #expect(try connection.simpleQuery("SHOW statement_timeout").first?.rows.first?.text(at: 0) == "200ms")
        #expect(try connection.simpleQuery("SHOW lock_timeout").first?.rows.first?.text(at: 0) == "1s")
        let error = try #require(throws: PostgresServerError.self) { try connection.execute("SELECT pg_sleep(5)") }
        #expect(error.sqlState == "57014")
        try connection.setStatementTimeout(.seconds(30))
        #expect(try connection.simpleQuery("SHOW statement_timeout").first?.rows.first?.text(at: 0) == "30s")
    }

    @Test func noticesReachTheHandler() throws {
        let received = NoticeBox()
        let connection = try TestClusters.connect(options: SessionOptions(noticeHandler: { received.append($0) }))
        defer { connection.close() }
        try connection.execute("DO $$ BEGIN RAISE NOTICE 'hello from the server'; END $$")
        #expect(received.messages == ["hello from the server"])
    }
}

/// Collects notices across the Sendable handler boundary.
final class NoticeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ notice: PostgresNotice) { lock.withLock { stored.append(notice.message) } }
    var messages: [String] { lock.withLock { stored } }
}
