/// A PostgreSQL `interval`: months, days and microseconds kept apart, as the server keeps them (a month is
/// not a fixed number of days, nor a day a fixed number of hours across daylight-saving changes).
public struct PostgresInterval: Sendable, Hashable, CustomStringConvertible {
    /// Whole months (years are twelve months).
    public var months: Int32
    /// Whole days.
    public var days: Int32
    /// The time part in microseconds.
    public var microseconds: Int64

    /// An interval of `months`, `days` and `microseconds`, each of which may be negative.
    public init(months: Int32 = 0, days: Int32 = 0, microseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }

    /// The interval PostgreSQL 17 and later print as `infinity` (every field at its maximum).
    public static let infinity = PostgresInterval(months: .max, days: .max, microseconds: .max)
    /// The interval PostgreSQL 17 and later print as `-infinity` (every field at its minimum).
    public static let negativeInfinity = PostgresInterval(months: .min, days: .min, microseconds: .min)

    /// Whether this is `infinity` or `-infinity`.
    public var isInfinite: Bool { self == .infinity || self == .negativeInfinity }

    /// The interval as `interval_out` prints it with the default `IntervalStyle = postgres`, e.g.
    /// `1 year 2 mons 3 days 04:05:06.789`, `-1 days +02:00:00`, `00:00:00`.
    public var description: String {
        if self == .infinity { return "infinity" }
        if self == .negativeInfinity { return "-infinity" }
        var text: [UInt8] = []
        var isZero = true
        var previousWasNegative = false
        // A field is printed only when non-zero; after a negative field a positive one carries "+".
        func appendField(_ value: Int64, _ unit: StaticString) {
            guard value != 0 else { return }
            if !isZero { text.append(UInt8(ascii: " ")) }
            if previousWasNegative, value > 0 { text.append(UInt8(ascii: "+")) }
            if value < 0 { text.append(UInt8(ascii: "-")) }
            TemporalText.appendPadded(value, width: 1, to: &text)
            text.append(UInt8(ascii: " "))
            text.append(contentsOf: UnsafeRawBufferPointer(start: unit.utf8Start, count: unit.utf8CodeUnitCount))
            if value != 1 { text.append(UInt8(ascii: "s")) }
            previousWasNegative = value < 0
            isZero = false
        }
        appendField(Int64(months / 12), "year")
        appendField(Int64(months % 12), "mon")
        appendField(Int64(days), "day")
        let hours = microseconds / 3_600_000_000
        let minutes = microseconds / 60_000_000 % 60
        let seconds = microseconds / 1_000_000 % 60
        let fraction = microseconds % 1_000_000
        if isZero || microseconds != 0 {
            if !isZero { text.append(UInt8(ascii: " ")) }
            if microseconds < 0 {
                text.append(UInt8(ascii: "-"))
            } else if previousWasNegative {
                text.append(UInt8(ascii: "+"))
            }
            TemporalText.appendPadded(hours, width: 2, to: &text)
            text.append(UInt8(ascii: ":"))
            TemporalText.appendPadded(minutes, width: 2, to: &text)
            text.append(UInt8(ascii: ":"))
            TemporalText.appendPadded(seconds, width: 2, to: &text)
            TemporalText.appendFraction(fraction, to: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension PostgresInterval: PostgresDecodable, PostgresEncodable {
    /// Decodes `interval`: int64 microseconds, int32 days, int32 months in binary; the `postgres` and
    /// `postgres_verbose` text styles in text.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> PostgresInterval {
        let isNative = type == PostgresTypeOID.interval
        if format == .binary, isNative {
            try DecodingRoute.requireLength(bytes, 16, PostgresInterval.self, type)
            return PostgresInterval(
                months: BigEndian.load(Int32.self, from: bytes, at: 12),
                days: BigEndian.load(Int32.self, from: bytes, at: 8),
                microseconds: BigEndian.load(Int64.self, from: bytes, at: 0))
        }
        guard DecodingRoute.allowsText(format: format, type: type, isNative: isNative) else {
            throw PostgresDecodingError(PostgresInterval.self, type, format, PostgresDecodingError.typeReason(accepted: [PostgresTypeOID.interval]))
        }
        guard let interval = IntervalText.parse(bytes) else {
            throw PostgresDecodingError(PostgresInterval.self, type, format, "\(PostgresDecodingError.preview(bytes)) is not an interval in the postgres style")
        }
        return interval
    }

    /// `interval`
    public static var postgresType: PostgresOID { PostgresTypeOID.interval }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends microseconds (int64), days (int32) and months (int32), big-endian.
    public func encode(into buffer: inout [UInt8]) {
        BigEndian.append(microseconds, to: &buffer)
        BigEndian.append(days, to: &buffer)
        BigEndian.append(months, to: &buffer)
    }
}
