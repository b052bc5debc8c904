import Foundation
import Testing
@testable import PostgresWire

@Suite struct DecodingTemporalTests {
    // MARK: date

    /// `date_send` output and `date_out` text, captured from PostgreSQL 15.
    static let dates: [(hex: String, text: String, days: Int32)] = [
        ("00000000", "2000-01-01", 0), ("ffffffff", "1999-12-31", -1), ("00002661", "2026-11-25", 9825),
        ("fff4da8b", "0001-01-01 BC", -730_485), ("fff4dac6", "0001-02-29 BC", -730_426),
        ("ffda97cd", "4713-01-01 BC", -2_451_507), ("7fda970c", "5874897-12-31", 2_145_031_948),
        ("7fffffff", "infinity", .max), ("80000000", "-infinity", .min),
    ]

    @Test(arguments: dates)
    func datesInBothFormatsAndTheirDescription(hex: String, text: String, days: Int32) throws {
        let binary = try ValuesFixture.binary(PostgresDate.self, hex, PostgresTypeOID.date)
        #expect(binary.daysSince2000 == days)
        #expect(try ValuesFixture.text(PostgresDate.self, text, PostgresTypeOID.date) == binary)
        #expect(binary.description == text)
    }

    @Test func dateFieldsAndInfinities() throws {
        let date = try #require(PostgresDate(year: 2026, month: 11, day: 25))
        #expect(date.daysSince2000 == 9825)
        #expect((date.year, date.month, date.day) == (2026, 11, 25))
        #expect(PostgresDate(year: 2026, month: 2, day: 29) == nil)
        #expect(PostgresDate(year: 0, month: 2, day: 29)?.description == "0001-02-29 BC")
        #expect(PostgresDate.infinity.isInfinite && PostgresDate.negativeInfinity.isInfinite)
        #expect(!date.isInfinite)
        #expect(PostgresDate.negativeInfinity < date && date < PostgresDate.infinity)
    }

    @Test func malformedDatesThrow() {
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(PostgresDate.self, "000000", PostgresTypeOID.date) }
        for bad in ["2026-13-01", "2026-02-30", "2026/11/25", "2026-11-25 AD", "0000-01-01 BC", "2026-11-25x"] {
            #expect(throws: PostgresDecodingError.self, "\(bad)") { try ValuesFixture.text(PostgresDate.self, bad, PostgresTypeOID.date) }
        }
    }

    // MARK: timestamp and timestamptz

    /// `timestamptz_send` output and its text with `TimeZone = UTC`, captured from PostgreSQL 15.
    static let timestamps: [(hex: String, text: String)] = [
        ("000304196d82f140", "2026-11-25 14:29:48.123456+00"), ("ffffffffffffffff", "1999-12-31 23:59:59.999999+00"),
        ("fffca2fec4c82000", "1970-01-01 00:00:00+00"), ("000004acef967120", "2000-02-29 12:00:00.5+00"),
        ("ff1fc63d1bb12000", "0001-01-01 00:00:00+00 BC"), ("fd0f7fbdaf17e000", "4713-01-01 00:00:00+00 BC"),
        ("7fffff5bb3b29fff", "294276-12-31 23:59:59.999999+00"),
        ("7fffffffffffffff", "infinity"), ("8000000000000000", "-infinity"),
    ]

    @Test(arguments: timestamps)
    func timestamptzInBothFormats(hex: String, text: String) throws {
        let binary = try ValuesFixture.binary(PostgresTimestamp.self, hex, PostgresTypeOID.timestamptz)
        #expect(binary.microsecondsSince2000 == Int64(bitPattern: UInt64(hex, radix: 16)!))
        #expect(try ValuesFixture.text(PostgresTimestamp.self, text, PostgresTypeOID.timestamptz) == binary)
        #expect(try ValuesFixture.binary(Date.self, hex, PostgresTypeOID.timestamptz)
            == ValuesFixture.text(Date.self, text, PostgresTypeOID.timestamptz))
    }

    @Test(arguments: [
        ("2026-11-25 19:59:48.123456+05:30", "2026-11-25 14:29:48.123456"),
        ("2026-11-25 10:59:48-03:30", "2026-11-25 14:29:48"),
        ("1900-01-01 00:19:32+00:19:32", "1900-01-01 00:00:00"),
        ("2026-11-25T14:29:48Z", "2026-11-25 14:29:48"),
        ("2026-11-26 00:00:00+09", "2026-11-25 15:00:00"),
    ])
    func timestampOffsetsAreAppliedToGetUTC(text: String, utc: String) throws {
        let value = try ValuesFixture.text(PostgresTimestamp.self, text, PostgresTypeOID.timestamptz)
        #expect(value.description == utc)
    }

    @Test func timestampWithoutTimeZoneKeepsTheWallClock() throws {
        let value = try ValuesFixture.binary(PostgresTimestamp.self, "fff4ce915caea001", PostgresTypeOID.timestamp)
        #expect(value.description == "1900-03-01 00:00:00.000001")
        #expect(try ValuesFixture.text(PostgresTimestamp.self, "1900-03-01 00:00:00.000001", PostgresTypeOID.timestamp) == value)
        let julius = try ValuesFixture.binary(PostgresTimestamp.self, "ff1af9e8fb46d000", PostgresTypeOID.timestamp)
        #expect(julius.description == "0044-03-15 12:00:00 BC")
        #expect(try ValuesFixture.text(PostgresTimestamp.self, "0044-03-15 12:00:00 BC", PostgresTypeOID.timestamp) == julius)
    }

    @Test func foundationDatesMapTheEpochAndTheInfinities() throws {
        let epoch = try ValuesFixture.binary(Date.self, "0000000000000000", PostgresTypeOID.timestamptz)
        #expect(epoch == Date(timeIntervalSince1970: 946_684_800))
        let unix = try ValuesFixture.text(Date.self, "1970-01-01 00:00:00+00", PostgresTypeOID.timestamptz)
        #expect(unix == Date(timeIntervalSince1970: 0))
        let precise = try ValuesFixture.binary(Date.self, "000304196d82f140", PostgresTypeOID.timestamptz)
        #expect(abs(precise.timeIntervalSince1970 - 1_795_616_988.123456) < 1e-6)
        #expect(try ValuesFixture.text(Date.self, "infinity", PostgresTypeOID.timestamptz) == .distantFuture)
        #expect(try ValuesFixture.binary(Date.self, "8000000000000000", PostgresTypeOID.timestamp) == .distantPast)
        #expect(try ValuesFixture.binary(Date.self, "00002661", PostgresTypeOID.date) == Date(timeIntervalSince1970: 1_795_564_800))
    }

    @Test func timestampDateConversionRoundTrips() throws {
        let value = PostgresTimestamp(microsecondsSince2000: 848_932_188_123_456)
        let date = try #require(value.date)
        #expect(PostgresTimestamp(date) == value)
        #expect(PostgresTimestamp.infinity.date == nil)
        #expect(PostgresTimestamp(Date.distantFuture) == .infinity)
        #expect(PostgresTimestamp(Date.distantPast) == .negativeInfinity)
        let beforeEpoch = PostgresTimestamp(microsecondsSince2000: -1)
        #expect(PostgresTimestamp(try #require(beforeEpoch.date)) == beforeEpoch)
    }

    @Test func malformedTimestampsThrow() {
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(Date.self, "00000000000000", PostgresTypeOID.timestamptz) }
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(Date.self, "0000000000000000", PostgresTypeOID.int8) }
        for bad in ["2026-11-25 25:00:00", "2026-11-25 14:61:00", "2026-11-25 14:29:48+", "2026-11-25 14:29:48+5:3", "tomorrow"] {
            #expect(throws: PostgresDecodingError.self, "\(bad)") { try ValuesFixture.text(Date.self, bad, PostgresTypeOID.timestamptz) }
        }
    }

    // MARK: interval

    /// `interval_send` output and `interval_out` text (`IntervalStyle = postgres`), captured from PostgreSQL 15.
    static let intervals: [(hex: String, text: String)] = [
        ("00000000000000000000000000000000", "00:00:00"),
        ("000000036c97ca88000000030000000e", "1 year 2 mons 3 days 04:05:06.789"),
        ("fffffffffff0bdc00000000000000000", "-00:00:01"),
        ("00000000000000000000000300000000", "3 days"), ("00000000000000000000000100000000", "1 day"),
        ("0000000000000000ffffffff00000000", "-1 days"), ("00000001ad274800ffffffff00000000", "-1 days +02:00:00"),
        ("0000000000000000ffffffff00000001", "1 mon -1 days"), ("000000000000000000000000fffffff2", "-1 years -2 mons"),
        ("00000053d1ac10000000000000000000", "100:00:00"), ("ffffffac2e4c4ee00000000000000000", "-100:00:00.5"),
        ("0000000000000000000000000000000c", "1 year"), ("00000000000000010000000000000000", "00:00:00.000001"),
        ("0000000000000000000000007f50c600", "178000000 years"),
    ]

    @Test(arguments: intervals)
    func intervalsInBothFormatsAndTheirDescription(hex: String, text: String) throws {
        let binary = try ValuesFixture.binary(PostgresInterval.self, hex, PostgresTypeOID.interval)
        #expect(try ValuesFixture.text(PostgresInterval.self, text, PostgresTypeOID.interval) == binary)
        #expect(binary.description == text)
    }

    @Test func intervalFieldsStayApart() throws {
        let value = try ValuesFixture.text(PostgresInterval.self, "1 year 2 mons 3 days 04:05:06.789", PostgresTypeOID.interval)
        #expect(value == PostgresInterval(months: 14, days: 3, microseconds: 14_706_789_000))
    }

    @Test(arguments: [
        ("@ 1 year 2 mons 3 days 4 hours 5 mins 6.789 secs", PostgresInterval(months: 14, days: 3, microseconds: 14_706_789_000)),
        ("@ 1 day 2 hours ago", PostgresInterval(days: -1, microseconds: -7_200_000_000)),
        ("infinity", PostgresInterval.infinity), ("-infinity", PostgresInterval.negativeInfinity),
        ("2 weeks", PostgresInterval(days: 14)), ("-1 days +02:00", PostgresInterval(days: -1, microseconds: 7_200_000_000)),
    ])
    func intervalVerboseStyleAndInfinities(text: String, expected: PostgresInterval) throws {
        #expect(try ValuesFixture.text(PostgresInterval.self, text, PostgresTypeOID.interval) == expected)
    }

    @Test func infiniteIntervalsDescribeThemselves() {
        #expect(PostgresInterval.infinity.description == "infinity")
        #expect(PostgresInterval.negativeInfinity.description == "-infinity")
        #expect(PostgresInterval.infinity.isInfinite && !PostgresInterval().isInfinite)
    }

    @Test func malformedIntervalsThrow() {
        #expect(throws: PostgresDecodingError.self) { try ValuesFixture.binary(PostgresInterval.self, "00", PostgresTypeOID.interval) }
        for bad in ["", "1 fortnight", "1.5 days", "ago", "1 day ago ago", "99999999999 years", "9999999999:00:00 9999999999:00:00"] {
            #expect(throws: PostgresDecodingError.self, "\(bad)") { try ValuesFixture.text(PostgresInterval.self, bad, PostgresTypeOID.interval) }
        }
    }
}
