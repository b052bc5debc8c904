/// A PostgreSQL `date`: a day count since 2000-01-01, exactly as the server stores it, including the
/// `infinity` and `-infinity` dates.
public struct PostgresDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 2000-01-01 (negative before it); `Int32.max` is `infinity`, `Int32.min` is `-infinity`.
    public var daysSince2000: Int32

    /// The date `daysSince2000` days after 2000-01-01.
    public init(daysSince2000: Int32) {
        self.daysSince2000 = daysSince2000
    }

    /// The date with these proleptic Gregorian fields (`year` 0 is 1 BC), or nil if it does not exist or is
    /// outside the range a `date` holds.
    public init?(year: Int, month: Int, day: Int) {
        // PostgreSQL dates span 4713 BC to 5874897 AD; the bound keeps the day arithmetic far from overflow.
        guard abs(year) <= 10_000_000, CivilCalendar.isValid(year: Int64(year), month: month, day: day),
              let days = Int32(exactly: CivilCalendar.days(year: Int64(year), month: month, day: day)),
              days != .max, days != .min else { return nil }
        self.daysSince2000 = days
    }

    /// The date PostgreSQL prints as `infinity`, later than every other date.
    public static let infinity = PostgresDate(daysSince2000: .max)
    /// The date PostgreSQL prints as `-infinity`, earlier than every other date.
    public static let negativeInfinity = PostgresDate(daysSince2000: .min)

    /// Whether this is `infinity` or `-infinity` (then ``year``, ``month`` and ``day`` mean nothing).
    public var isInfinite: Bool { daysSince2000 == .max || daysSince2000 == .min }

    /// The astronomical year (0 is 1 BC, -1 is 2 BC).
    public var year: Int { Int(CivilCalendar.date(fromDays: Int64(daysSince2000)).year) }
    /// The month, 1…12.
    public var month: Int { CivilCalendar.date(fromDays: Int64(daysSince2000)).month }
    /// The day of the month, 1…31.
    public var day: Int { CivilCalendar.date(fromDays: Int64(daysSince2000)).day }

    /// `2026-11-25` as `date_out` prints it with `DateStyle = ISO` (` BC` for early dates, `infinity`).
    public var description: String { TemporalText.formatDate(days: daysSince2000) }

    /// Earlier dates first; `-infinity` before and `infinity` after every other date.
    public static func < (lhs: PostgresDate, rhs: PostgresDate) -> Bool { lhs.daysSince2000 < rhs.daysSince2000 }
}

extension PostgresDate: PostgresDecodable, PostgresEncodable {
    /// Decodes `date`: a big-endian int32 day count in binary; `YYYY-MM-DD[ BC]` or the infinities in text.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> PostgresDate {
        let isNative = type == PostgresTypeOID.date
        if format == .binary, isNative {
            try DecodingRoute.requireLength(bytes, 4, PostgresDate.self, type)
            return PostgresDate(daysSince2000: BigEndian.load(Int32.self, from: bytes))
        }
        guard DecodingRoute.allowsText(format: format, type: type, isNative: isNative) else {
            throw PostgresDecodingError(PostgresDate.self, type, format, PostgresDecodingError.typeReason(accepted: [PostgresTypeOID.date]))
        }
        guard let days = TemporalText.parseDate(bytes) else {
            throw PostgresDecodingError(PostgresDate.self, type, format, "\(PostgresDecodingError.preview(bytes)) is not a date")
        }
        return PostgresDate(daysSince2000: days)
    }

    /// `date`
    public static var postgresType: PostgresOID { PostgresTypeOID.date }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends the day count as a big-endian int32.
    public func encode(into buffer: inout [UInt8]) { BigEndian.append(daysSince2000, to: &buffer) }
}
