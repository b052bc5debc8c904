import Foundation
import PGCheck
import PGLocal
import PostgresWire
import Testing

/// `pgcheck smoke` asks for binary format where it renders the server's text itself (integers, floats,
/// numeric, uuid, dates and times, intervals, bytea, jsonb and their arrays). These tests prove the
/// printed bytes are still exactly what the server's text gives, for the edge values of every rendered
/// type, under default and non-default session settings (set with PGOPTIONS, for psql and pgcheck
/// alike): `--format csv` against `psql --csv`, `--format table` against `psql`, `--format tsv` against
/// `COPY … TO STDOUT (FORMAT text, HEADER)`, and `--format jsonl` against the same sink fed text format.
@Suite struct BinaryTextParityTests {
    /// Every test only reads, so they share one database.
    private static let shared = Result { try FixtureDatabase.create("binary_parity") }

    /// Session settings, as PGOPTIONS.
    static let sessions: [String] = [
        "",
        "-c TimeZone=UTC -c extra_float_digits=3",
        // Historic offsets (+00:19:32 before 1937): timestamptz must stay in text format.
        "-c TimeZone=Europe/Amsterdam -c IntervalStyle=postgres_verbose",
        "-c TimeZone=Asia/Kolkata -c DateStyle=SQL,DMY",
        "-c TimeZone=<+05:45>-05:45 -c IntervalStyle=sql_standard",
        "-c TimeZone=Etc/GMT+3 -c DateStyle=Postgres,DMY -c IntervalStyle=iso_8601",
        "-c TimeZone=UTC+3 -c DateStyle=German -c extra_float_digits=2",
        "-c DateStyle=Postgres,MDY -c extra_float_digits=0 -c TimeZone=America/New_York",
        "-c DateStyle=SQL,MDY -c extra_float_digits=-15 -c bytea_output=escape",
        "-c DateStyle=ISO,DMY -c TimeZone=+05:30",
    ]

    /// One query per family of types, each with the edge values of its types.
    static let queries: [String] = [
        """
        SELECT * FROM (VALUES ('0'::int2, '0'::int4, '0'::int8, '0'::oid, true),
          ('-32768'::int2, '-2147483648'::int4, '-9223372036854775808'::int8, '4294967295'::oid, false),
          ('32767'::int2, '2147483647'::int4, '9223372036854775807'::int8, '1'::oid, NULL),
          (NULL, NULL, NULL, NULL, NULL)) AS t(i2, i4, i8, o, b)
        """,
        """
        SELECT v::float8 AS f8, -v::float8 AS negated FROM unnest(ARRAY['0', '-0', 'NaN', 'Infinity', '-Infinity', '1', '0.1',
          '1e-310', '5e-324', '1.7976931348623157e308', '3.5228040826706832e16', '4.5964920748881984e+16', '123456789012345678',
          '1e15', '1e16', '1e-5', '0.0001', '-1.5', '0.30000000000000004', '100', '2.5e-5', NULL]) AS v
        """,
        """
        SELECT v::float4 AS f4 FROM unnest(ARRAY['0', '-0', 'NaN', 'Infinity', '-Infinity', '0.1', '1e-45', '1.17549435e-38',
          '3.4028235e38', '-3.5525552e+07', '4.1182048e+07', '123456', '1234567', '1e-5', '0.0001', '16777217', NULL]) AS v
        """,
        """
        SELECT v::numeric AS n, v::numeric * 1.0 AS scaled FROM unnest(ARRAY['0', '0.000', '-0.0001', 'NaN', 'Infinity', '-Infinity',
          '123456789.123456789', '1e-20', '1e20', '9999.9999', '10000', '-1.5', '0.5', '100000000', '1.000000000000000000001',
          '-99999999999999999999.99999', NULL]) AS v
        UNION ALL SELECT 1::numeric / 3, round(1::numeric / 7, 300)
        UNION ALL SELECT 12.5::numeric(12, 6), 'NaN'::numeric(12, 6)
        """,
        """
        SELECT v::uuid AS u FROM unnest(ARRAY['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
          'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', NULL]) AS v
        """,
        """
        SELECT v::date AS d FROM unnest(ARRAY['infinity', '-infinity', '4713-01-01 BC', '0001-12-31 BC', '0001-01-01', '1582-10-15',
          '1999-12-31', '2000-02-29', '2024-02-29', '9999-12-31', '10000-01-01', '5874897-12-31', NULL]) AS v
        """,
        """
        SELECT v::time AS t, v::time(2) AS t2 FROM unnest(ARRAY['00:00', '24:00:00', '23:59:59.999999', '12:00:00.5', '23:59:60',
          '01:02:03.00001', NULL]) AS v
        """,
        """
        SELECT v::timestamp AS ts, v::timestamp(0) AS ts0 FROM unnest(ARRAY['infinity', '-infinity', '4713-11-24 00:00:00 BC',
          '0001-01-01 00:00:00 BC', '0001-01-01 00:00:00', '1900-03-01 00:00:00.000001', '1999-12-31 23:59:59.5',
          '2016-12-31 23:59:60', '2000-02-29 12:34:56.789', '294276-12-31 23:59:59.999999', NULL]) AS v
        """,
        """
        SELECT v::timestamptz AS tz FROM unnest(ARRAY['infinity', '-infinity', '4713-11-25 12:00:00+00 BC', '0001-01-01 00:00:00+00 BC',
          '1900-01-01 00:00:00+00', '1937-07-01 00:00:00+00', '1970-01-01 00:00:00+00', '2016-12-31 23:59:60+00',
          '2024-03-31 00:59:59.999999+00', '2024-03-31 01:00:00+00', '2024-10-27 00:30:00+00', '2000-01-01 00:00:00.5+00',
          '294276-12-30 12:00:00+00', NULL]) AS v
        """,
        """
        SELECT v::interval AS i FROM unnest(ARRAY['0', '1 year 2 mons 3 days 04:05:06.789', '-1 days +02:00:00', '-00:00:01',
          '1 mon -1 day', '-1 year -2 mons +3 days -04:05:06', '1.5 seconds', '-0.5 seconds', '100 hours', '-1 year', '3 days',
          '@ 1 day ago', '1 sec', '-1 sec', '1 day -00:00:01', '178956970 years 7 mons 2147483647 days 2562047788:00:54.775807',
          '-178956970 years -7 mons -2147483647 days -2562047788:00:54.775807', '2 mons', '-3 days', NULL]) AS v
        """,
        """
        SELECT v::bytea AS b FROM unnest(ARRAY['\\x', '\\x00ff10', '\\x5c', 'abc', '\\x2c22', NULL]) AS v
        """,
        """
        SELECT v::jsonb AS j FROM unnest(ARRAY['{}', '[]', 'null', '"str"', '{"a": [1, 2.50, "x\\ty", null, true]}', '"é 😀"',
          '{"b": 1, "a": 2}', '"line\\nbreak"', '[1, "a,b", "q\\"uote"]', '1e40', '-0.0', '"\\\\."', NULL]) AS v
        """,
        """
        SELECT '{1,NULL,3}'::int4[] AS ints, '{}'::int8[] AS empty, '[0:2]={7,8,9}'::int2[] AS bounds,
          '{{1,2},{3,4}}'::int4[] AS matrix, '{{{1}},{{2}}}'::int4[] AS cube, ARRAY['\\x'::bytea, NULL, '\\x00'] AS byteas,
          ARRAY['""'::jsonb, 'null', NULL, '{"a": 1}', '[1, 2]', '"NULL"'] AS jsons,
          ARRAY['NaN'::numeric, 1.50, NULL, '-Infinity'] AS numerics, ARRAY['infinity'::timestamptz, '2000-01-01 00:00+00', NULL] AS stamps,
          ARRAY['0001-01-01 BC'::date, '2000-01-01'] AS dates, ARRAY['1 day'::interval, '-00:00:01', '0'] AS intervals,
          ARRAY[true, false, NULL] AS bools, ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid] AS uuids,
          ARRAY['NaN'::float8, '-0', '1e100', '0.1'] AS floats, ARRAY['1.5'::float4] AS reals, ARRAY['12:00'::time, '24:00'] AS times,
          ARRAY['2000-01-01 00:00'::timestamp] AS stamps_local, ARRAY[]::numeric[] AS none, ARRAY[NULL::int8] AS only_null
        """,
        """
        SELECT 1 AS n, 'a,b' AS t, '"q"' AS q, E'x\\ny' AS nl, 2.5::numeric AS num, '\\.' AS dot, NULL::text AS nul, '' AS empty,
          '2000-01-01'::date AS d, E'tab\\there' AS tab, 'e' || chr(769) AS combining, '{"k": "v, w"}'::jsonb AS j
        FROM generate_series(1, 3)
        """,
    ]

    /// The environment pgcheck and psql share: the superuser over the socket, and `options`.
    private static func environment(_ database: FixtureDatabase, options: String) -> [String: String] {
        var environment = [
            "PGHOST": database.cluster.socketDirectory, "PGPORT": String(database.cluster.port),
            "PGUSER": LocalCluster.superuser, "PGDATABASE": database.name,
        ]
        if !options.isEmpty { environment["PGOPTIONS"] = options }
        return environment
    }

    private static func psql(_ database: FixtureDatabase, _ arguments: [String], options: String) throws -> PGCheckProcess.Result {
        let psql = try #require(database.cluster.installation.psqlPath, "psql is needed for the comparison tests")
        return try PGCheckProcess.run(executable: URL(fileURLWithPath: psql), arguments, environment: environment(database, options: options))
    }

    private static func pgcheck(_ database: FixtureDatabase, _ arguments: [String], options: String) throws -> PGCheckProcess.Result {
        try PGCheckProcess.run(arguments, environment: environment(database, options: options))
    }

    @Test(arguments: sessions)
    func csvAndTableAreTheBytesPsqlPrints(options: String) throws {
        let database = try Self.shared.get()
        for sql in Self.queries {
            for (format, psqlArguments) in [("csv", ["--csv"]), ("table", [])] {
                let expected = try Self.psql(database, ["-X", "-q"] + psqlArguments + ["-c", sql], options: options)
                try #require(expected.status == 0, "psql failed under \(options): \(expected.stderr)")
                let actual = try Self.pgcheck(database, ["smoke", "--format", format, "--sql", sql], options: options)
                #expect(actual.status == 0, "\(actual.stderr)")
                expectSameBytes(actual.stdoutBytes, expected.stdoutBytes, "\(format) under [\(options)] for \(sql.prefix(60))")
            }
        }
    }

    @Test(arguments: sessions)
    func tsvIsTheBytesCopyPrints(options: String) throws {
        let database = try Self.shared.get()
        for sql in Self.queries {
            let expected = try Self.psql(database, ["-X", "-q", "-c", "COPY (\(sql)) TO STDOUT WITH (FORMAT text, HEADER)"], options: options)
            try #require(expected.status == 0, "COPY failed under \(options): \(expected.stderr)")
            let actual = try Self.pgcheck(database, ["smoke", "--format", "tsv", "--sql", sql], options: options)
            #expect(actual.status == 0, "\(actual.stderr)")
            expectSameBytes(actual.stdoutBytes, expected.stdoutBytes, "tsv under [\(options)] for \(sql.prefix(60))")
        }
    }

    /// JSON lines have no psql counterpart: the same sink fed every column in text format is the reference.
    @Test(arguments: sessions)
    func jsonLinesAreThoseOfTextFormat(options: String) throws {
        let database = try Self.shared.get()
        let configuration = try ConnectionConfiguration.fromEnvironment(
            Self.environment(database, options: options).merging(["HOME": NSTemporaryDirectory()]) { $1 })
        let connection = try PostgresConnection.connect(configuration)
        defer { connection.close() }
        let runner = SmokeRunner(connection: connection)
        for sql in Self.queries {
            let query = SmokeQuery(name: "query", sql: sql)
            var outputs: [Data] = []
            for format in [SmokeResultFormat.text, .serverText] {
                let capture = try CapturedOutput()
                _ = try runner.runAll([query], format: format) { _ in JSONLinesSink(writer: capture.writer) }
                outputs.append(try capture.finish())
            }
            let cli = try Self.pgcheck(database, ["smoke", "--format", "jsonl", "--sql", sql], options: options)
            #expect(cli.status == 0, "\(cli.stderr)")
            expectSameBytes(outputs[1], outputs[0], "jsonl (library) under [\(options)] for \(sql.prefix(60))")
            expectSameBytes(cli.stdoutBytes, outputs[0], "jsonl (CLI) under [\(options)] for \(sql.prefix(60))")
        }
    }

    /// The comparisons above prove something only if binary format is really used: the formats chosen for
    /// each session, as the server reports its settings.
    @Test func binaryIsAskedForExactlyWhereTheTextIsRenderedAlike() throws {
        let database = try Self.shared.get()
        let sql = """
            SELECT 1::int8 AS i, 1.5::float8 AS f, 1::numeric AS n, now() AS tz, now()::timestamp AS ts, '1 day'::interval AS iv,
              '\\x00'::bytea AS b, '{}'::jsonb AS j, 'x'::text AS t, '{1}'::int4[] AS a, 'x'::name AS nm
            """
        func formats(_ options: String) throws -> [PostgresFormat] {
            let configuration = try ConnectionConfiguration.fromEnvironment(
                Self.environment(database, options: options).merging(["HOME": NSTemporaryDirectory()]) { $1 })
            let connection = try PostgresConnection.connect(configuration)
            defer { connection.close() }
            let runner = SmokeRunner(connection: connection)
            let prepared = try runner.prepare([SmokeQuery(name: "q", sql: sql)])[0]
            var seen: [PostgresFormat] = []
            _ = try runner.run(prepared, format: .serverText, onColumns: { columns in
                seen = (0..<columns.count).map { columns.format(at: $0) }
            }, onRow: { _ in })
            return seen
        }
        let binary = PostgresFormat.binary
        let text = PostgresFormat.text
        #expect(try formats("-c TimeZone=UTC") == [binary, binary, binary, binary, binary, binary, binary, binary, text, binary, text])
        // A zone with a history keeps timestamptz in text; extra_float_digits=0 keeps floats in text.
        #expect(try formats("-c TimeZone=Europe/Amsterdam -c extra_float_digits=0")
                == [binary, text, binary, text, binary, binary, binary, binary, text, binary, text])
        // bytea_output=escape keeps bytea in text; the SQL style keeps timestamptz in text (it prints the zone's name).
        #expect(try formats("-c TimeZone=UTC -c bytea_output=escape -c DateStyle=SQL,DMY")
                == [binary, binary, binary, text, binary, binary, text, binary, text, binary, text])
    }

    @Test func fixedOffsetZonesAreRecognisedAsTheServerReportsThem() throws {
        let database = try Self.shared.get()
        let connection = try database.connect()
        defer { connection.close() }
        // Each zone as set, and its offset east of UTC as the server prints it for a timestamp.
        for zone in ["UTC", "utc", "Etc/UTC", "GMT", "Zulu", "Etc/GMT+3", "Etc/GMT-14", "UTC+3", "EST5", "+05:30", "<+05:45>-05:45"] {
            try connection.execute("SET TimeZone = '\(zone)'")
            let settings = try connection.serverTextSettings()
            let offset = try #require(settings.fixedUTCOffset, "\(zone) (reported as \(settings.timeZone)) is a fixed zone")
            let seconds = try connection.query(
                "SELECT extract(timezone FROM t)::int FROM unnest(ARRAY['1900-01-01 00:00+00'::timestamptz, '2024-07-01 00:00+00']) AS t",
                resultFormat: .text).rows.map { $0.text(at: 0) }
            #expect(seconds == [String(offset), String(offset)], "\(zone) reported as \(settings.timeZone)")
        }
        for zone in ["Europe/Amsterdam", "America/New_York", "EST5EDT", "Asia/Kolkata"] {
            try connection.execute("SET TimeZone = '\(zone)'")
            #expect(try connection.serverTextSettings().fixedUTCOffset == nil, "\(zone) has more than one offset")
        }
    }
}
