import Foundation

/// Conversions between PostgreSQL's microsecond counts and Foundation dates.
enum TimestampConversion {
    /// Seconds from 2000-01-01 (PostgreSQL's epoch) to 2001-01-01 (Foundation's reference date): 366 days.
    static let epochOffsetSeconds: Int64 = 31_622_400

    /// The `Date` `microseconds` after 2000-01-01 UTC, computed in two parts so no precision is lost to a
    /// single large floating-point product.
    static func date(fromMicroseconds microseconds: Int64) -> Date {
        let seconds = CivilCalendar.floorDivide(microseconds, TemporalText.microsecondsPerSecond)
        let fraction = microseconds - seconds * TemporalText.microsecondsPerSecond
        return Date(timeIntervalSinceReferenceDate: Double(seconds - epochOffsetSeconds) + Double(fraction) / 1e6)
    }

    /// Microseconds since 2000-01-01 UTC of `date`, rounded; the distant dates and out-of-range or
    /// non-finite instants become the infinities.
    static func microseconds(from date: Date) -> Int64 {
        if date == .distantFuture { return .max }
        if date == .distantPast { return .min }
        let interval = date.timeIntervalSinceReferenceDate
        guard interval.isFinite else { return interval < 0 ? .min : .max }
        // ±9.2e12 s is the reach of an Int64 microsecond count; clamp before converting to avoid a trap.
        let limit = 9.0e12
        guard abs(interval) < limit else { return interval < 0 ? .min : .max }
        let whole = interval.rounded(.down)
        let micros = ((interval - whole) * 1e6).rounded()
        return (Int64(whole) + epochOffsetSeconds) * TemporalText.microsecondsPerSecond + Int64(micros)
    }

    /// Reads a `timestamp`/`timestamptz` (or, for convenience, a `date` at midnight) as microseconds since 2000.
    static func decodeMicroseconds<T>(
        _ bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID, as swiftType: T.Type
    ) throws -> Int64 {
        let isNative = type == PostgresTypeOID.timestamptz || type == PostgresTypeOID.timestamp || type == PostgresTypeOID.date
        if format == .binary, isNative {
            if type == PostgresTypeOID.date {
                try DecodingRoute.requireLength(bytes, 4, swiftType, type)
                let days = BigEndian.load(Int32.self, from: bytes)
                if days == .max { return .max }
                if days == .min { return .min }
                let (microseconds, overflow) = Int64(days).multipliedReportingOverflow(by: TemporalText.microsecondsPerDay)
                guard !overflow else {
                    throw PostgresDecodingError(swiftType, type, format, "date \(TemporalText.formatDate(days: days)) is beyond the timestamp range")
                }
                return microseconds
            }
            try DecodingRoute.requireLength(bytes, 8, swiftType, type)
            return BigEndian.load(Int64.self, from: bytes)
        }
        guard DecodingRoute.allowsText(format: format, type: type, isNative: isNative) else {
            let accepted = [PostgresTypeOID.timestamptz, PostgresTypeOID.timestamp, PostgresTypeOID.date]
            throw PostgresDecodingError(swiftType, type, format, PostgresDecodingError.typeReason(accepted: accepted))
        }
        guard let microseconds = TemporalText.parseTimestamp(bytes) else {
            throw PostgresDecodingError(swiftType, type, format, "\(PostgresDecodingError.preview(bytes)) is not a timestamp")
        }
        return microseconds
    }
}

extension Date: PostgresDecodable, PostgresEncodable {
    /// Decodes `timestamptz` and `timestamp` (read as UTC) in both formats, and `date` as midnight UTC;
    /// `infinity` becomes `Date.distantFuture` and `-infinity` `Date.distantPast`.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> Date {
        let microseconds = try TimestampConversion.decodeMicroseconds(bytes, format: format, type: type, as: Date.self)
        if microseconds == .max { return .distantFuture }
        if microseconds == .min { return .distantPast }
        return TimestampConversion.date(fromMicroseconds: microseconds)
    }

    /// `timestamptz`: a `Date` is an instant.
    public static var postgresType: PostgresOID { PostgresTypeOID.timestamptz }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends microseconds since 2000-01-01 UTC as a big-endian int64 (the distant dates as the infinities).
    public func encode(into buffer: inout [UInt8]) {
        BigEndian.append(TimestampConversion.microseconds(from: self), to: &buffer)
    }
}
