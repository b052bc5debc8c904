import Testing
@testable import PostgresWire

/// Which binary values pgcheck prints as the server would, read from the session's settings.
@Suite struct ServerTextSettingsTests {
    private static func settings(
        _ dateStyle: String = "ISO, MDY", _ intervalStyle: String = "postgres", _ timeZone: String = "UTC",
        _ extraFloatDigits: String = "1", _ byteaOutput: String = "hex", version: Int = 150_018
    ) -> ServerTextSettings {
        ServerTextSettings(currentSettings: [dateStyle, intervalStyle, timeZone, extraFloatDigits, byteaOutput], serverVersionNumber: version)!
    }

    @Test func theSettingsAreReadAsTheServerReportsThem() {
        let german = Self.settings("German, DMY", "sql_standard", "Europe/Berlin", "3", "escape")
        #expect(german.dateStyle == .german && german.dateOrder == .dmy && german.intervalStyle == .sqlStandard)
        #expect(german.extraFloatDigits == 3 && !german.byteaHex && german.fixedUTCOffset == nil)
        #expect(Self.settings("Postgres, YMD").dateStyle == .postgres)
        #expect(Self.settings("SQL, MDY").dateOrder == .mdy)
        #expect(Self.settings("Unheard, MDY").dateStyle == nil)
        #expect(Self.settings(intervalStyle: "unheard").intervalStyle == nil)
        #expect(ServerTextSettings(currentSettings: ["ISO, MDY"], serverVersionNumber: 150_000) == nil)
    }

    private static func settings(intervalStyle: String) -> ServerTextSettings { settings("ISO, MDY", intervalStyle) }

    @Test(arguments: [
        ("UTC", 0), ("Etc/UTC", 0), ("gmt", 0), ("Zulu", 0), ("GMT0", 0), ("Etc/GMT+3", -10_800), ("Etc/GMT-14", 50_400),
        ("<+05:30>-05:30", 19_800), ("<-07>+07", -25_200), ("UTC+3", -10_800), ("EST5", -18_000), ("+05:30", -19_800),
        ("<+0545>-05:45", 20_700),
    ])
    func fixedZonesHaveTheirOffset(zone: String, secondsEast: Int) {
        #expect(FixedTimeZone.offset(of: zone) == secondsEast)
    }

    @Test(arguments: ["Europe/Amsterdam", "America/New_York", "EST5EDT", "Etc/GMT+13", "Etc/GMT-15", "PST8PDT", "", "UT+3", "<+05>-05<+06>", "Asia/Kolkata"])
    func zonesWithAHistoryOrRulesAreNotFixed(zone: String) {
        #expect(FixedTimeZone.offset(of: zone) == nil)
    }

    @Test func binaryOnlyWhereTheTextIsReproducedExactly() {
        let utc = Self.settings()
        for type in [PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8, PostgresTypeOID.bool, PostgresTypeOID.numeric,
                     PostgresTypeOID.uuid, PostgresTypeOID.jsonb, PostgresTypeOID.bytea, PostgresTypeOID.float8, PostgresTypeOID.date,
                     PostgresTypeOID.time, PostgresTypeOID.timestamp, PostgresTypeOID.timestamptz, PostgresTypeOID.interval,
                     PostgresTypeOID.int4Array, PostgresTypeOID.timestamptzArray] {
            #expect(utc.rendersBinary(type), "\(PostgresTypeOID.name(of: type) ?? "?")")
        }
        let money: PostgresOID = 790
        let timetz: PostgresOID = 1266
        let inet: PostgresOID = 869
        for type in [PostgresTypeOID.text, PostgresTypeOID.varchar, PostgresTypeOID.json, PostgresTypeOID.name, PostgresTypeOID.char,
                     PostgresTypeOID.textArray, money, timetz, inet] {
            #expect(!utc.rendersBinary(type), "\(type)")
        }
        let amsterdam = Self.settings("ISO, MDY", "postgres", "Europe/Amsterdam")
        #expect(!amsterdam.rendersBinary(PostgresTypeOID.timestamptz) && !amsterdam.rendersBinary(PostgresTypeOID.timestamptzArray))
        #expect(amsterdam.rendersBinary(PostgresTypeOID.timestamp))
        #expect(!Self.settings("SQL, DMY").rendersBinary(PostgresTypeOID.timestamptz))
        #expect(!Self.settings(extraFloatDigits: "0").rendersBinary(PostgresTypeOID.float4))
        #expect(!Self.settings(byteaOutput: "escape").rendersBinary(PostgresTypeOID.bytea))
        #expect(!Self.settings(version: 110_000).rendersBinary(PostgresTypeOID.float8))
        #expect(!Self.settings(version: 140_000).rendersBinary(PostgresTypeOID.interval))
    }

    private static func settings(extraFloatDigits: String) -> ServerTextSettings { settings("ISO, MDY", "postgres", "UTC", extraFloatDigits) }
    private static func settings(byteaOutput: String) -> ServerTextSettings { settings("ISO, MDY", "postgres", "UTC", "1", byteaOutput) }
    private static func settings(version: Int) -> ServerTextSettings { settings("ISO, MDY", "postgres", "UTC", "1", "hex", version: version) }

    /// Under non-default settings the writers print what the server prints (transcripts from PostgreSQL 15).
    @Test(arguments: [
        ("0000000000000000", PostgresTypeOID.timestamp, "SQL, DMY", "01/01/2000 00:00:00"),
        ("0000000000000000", PostgresTypeOID.timestamp, "SQL, MDY", "01/01/2000 00:00:00"),
        ("000304196d82f140", PostgresTypeOID.timestamp, "Postgres, MDY", "Wed Nov 25 14:29:48.123456 2026"),
        ("000304196d82f140", PostgresTypeOID.timestamp, "Postgres, DMY", "Wed 25 Nov 14:29:48.123456 2026"),
        ("000304196d82f140", PostgresTypeOID.timestamp, "German, DMY", "25.11.2026 14:29:48.123456"),
        ("00002661", PostgresTypeOID.date, "Postgres, MDY", "11-25-2026"),
        ("00002661", PostgresTypeOID.date, "SQL, DMY", "25/11/2026"),
        ("fff4da8b", PostgresTypeOID.date, "German, DMY", "01.01.0001 BC"),
    ])
    func dateStylesAreTheServers(hex: String, type: PostgresOID, dateStyle: String, text: String) {
        let bytes = ValuesFixture.bytes(hex)
        let rendered = bytes.withUnsafeBytes { PostgresTextRenderer.render(bytes: $0, format: .binary, type: type, settings: Self.settings(dateStyle)) }
        #expect(rendered == text)
    }

    @Test(arguments: [
        ("postgres_verbose", "@ 1 year 2 mons -3 days -4 hours -5 mins -6.5 secs"),
        ("sql_standard", "+1-2 -3 -4:05:06.5"),
        ("iso_8601", "P1Y2M-3DT-4H-5M-6.5S"),
        ("postgres", "1 year 2 mons -3 days -04:05:06.5"),
    ])
    func intervalStylesAreTheServers(style: String, text: String) {
        let interval = PostgresInterval(months: 14, days: -3, microseconds: -(4 * 3_600_000_000 + 5 * 60_000_000 + 6_500_000))
        var bytes: [UInt8] = []
        interval.encode(into: &bytes)
        let rendered = bytes.withUnsafeBytes {
            PostgresTextRenderer.render(bytes: $0, format: .binary, type: PostgresTypeOID.interval, settings: Self.settings("ISO, MDY", style))
        }
        #expect(rendered == text)
    }
}
