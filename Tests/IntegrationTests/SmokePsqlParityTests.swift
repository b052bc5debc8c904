import Foundation
import Testing

/// `pgcheck smoke --format table` is byte-identical to `psql -X -c SQL`, and `--format csv` to
/// `psql -X --csv -c SQL`, for the same query on the same database. Compared as bytes, not `String`s:
/// `String ==` would take a normalised "é" for the "e" + U+0301 psql printed.
@Suite struct SmokePsqlParityTests {
    /// Every test here only reads, so they share one database.
    private static let shared = Result { try SmokeScenario.make("smoke_psql") }

    static let queries: [String] = [
        SmokeScenario.runbookQuery,
        "SELECT * FROM usage_events ORDER BY id",
        "SELECT * FROM admins ORDER BY email",
        "SELECT id, meter, quantity, unit_price, window_start, source, metadata FROM usage_events WHERE id % 37 = 0 ORDER BY id",
        "SELECT NULL::int AS a, NULL::text AS b, '' AS empty, ' padded ' AS padded",
        // Canonically equivalent, different bytes, in values and in a header: precomposed é, then e + U+0301.
        "SELECT chr(233) AS precomposed, 'e' || chr(769) AS decomposed, 'caf\u{E9} cafe\u{301}' AS \"both caf\u{E9} cafe\u{301}\"",
        "SELECT 'müller@example.com' AS email, '漢字かな' AS cjk, 'e' || chr(769) AS combining, '😀 ok' AS emoji, 'ｶﾀｶﾅ' AS halfwidth, 'Ａ' AS fullwidth",
        "SELECT E'first line\\nsecond\\nthird' AS multi, 42 AS n, E'a\\tb' AS tab, E'cr\\rx' AS cr, E'\\x01' AS ctl, chr(133) AS c1",
        "SELECT repeat('wide', 500) AS wide, repeat('ü', 300) AS wider, 1 AS n",
        "SELECT 1 AS \"two\nline header\", 'x' AS \"ünïcode header\", 2.50::numeric(6,2) AS \"Price\"",
        "SELECT 1::int2 AS i2, -2::int4 AS i4, 3::int8 AS i8, 1.5::float4 AS f4, -0.000001234::float8 AS f8, 1e100::float8 AS big, 'NaN'::numeric AS nan, 12.34::money AS m, 7::oid AS o, 'Infinity'::float8 AS inf",
        "SELECT true AS t, false AS f, '{1,NULL,3}'::int[] AS arr, '{\"k\": [1, 2]}'::jsonb AS j, '\\x00ff'::bytea AS b, interval '1 day 2 hours' AS iv, date '2025-11-01' AS d, '11111111-1111-4111-8111-111111111111'::uuid AS u",
        "SELECT * FROM usage_events WHERE false",
        "SELECT FROM generate_series(1, 3)",
        "SELECT meter, count(*) AS events, sum(quantity) AS quantity FROM usage_events GROUP BY meter ORDER BY meter",
    ]

    @Test(arguments: queries)
    func tableOutputIsPsqlsByteForByte(sql: String) throws {
        let scenario = try Self.shared.get()
        let expected = try scenario.psql(["-X", "-c", sql])
        try #require(expected.status == 0, "psql failed: \(expected.stderr)")
        let actual = try scenario.pgcheck(["smoke", "--sql", sql])
        #expect(actual.status == 0, "\(actual.stderr)")
        expectSameBytes(actual.stdoutBytes, expected.stdoutBytes, "the table against psql's")
        #expect(actual.stderrBytes.isEmpty)
    }

    @Test(arguments: queries)
    func csvOutputIsPsqlsByteForByte(sql: String) throws {
        let scenario = try Self.shared.get()
        let expected = try scenario.psql(["-X", "--csv", "-c", sql])
        try #require(expected.status == 0, "psql failed: \(expected.stderr)")
        let actual = try scenario.pgcheck(["smoke", "--format", "csv", "--sql", sql])
        #expect(actual.status == 0, "\(actual.stderr)")
        expectSameBytes(actual.stdoutBytes, expected.stdoutBytes, "the CSV against psql's")
    }
}
