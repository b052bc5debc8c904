import Foundation

/// A PostgreSQL `timestamp` or `timestamptz`: microseconds since 2000-01-01 00:00:00, exactly as the server
/// stores it (for `timestamptz`, in UTC), including `infinity` and `-infinity`.
public struct PostgresTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 2000-01-01 00:00:00; `Int64.max` is `infinity`, `Int64.min` is `-infinity`.
    public var microsecondsSince2000: Int64

    /// The instant `microsecondsSince2000` microseconds after 2000-01-01 00:00:00.
    public init(microsecondsSince2000: Int64) {
        self.microsecondsSince2000 = microsecondsSince2000
    }

    /// The instant `date`, rounded to the microsecond. `Date.distantFuture`/`distantPast` and instants beyond
    /// the range become `infinity`/`-infinity`, mirroring how those dates are decoded.
    public init(_ date: Date) {
        self.microsecondsSince2000 = TimestampConversion.microseconds(from: date)
    }

    /// The timestamp PostgreSQL prints as `infinity`.
    public static let infinity = PostgresTimestamp(microsecondsSince2000: .max)
    /// The timestamp PostgreSQL prints as `-infinity`.
    public static let negativeInfinity = PostgresTimestamp(microsecondsSince2000: .min)

    /// Whether this is `infinity` or `-infinity`.
    public var isInfinite: Bool { microsecondsSince2000 == .max || microsecondsSince2000 == .min }

    /// The instant as a Foundation `Date` (reading the value as UTC), or nil for the infinities.
    public var date: Date? {
        isInfinite ? nil : TimestampConversion.date(fromMicroseconds: microsecondsSince2000)
    }

    /// `2026-11-25 14:29:48.123456` as `timestamp_out` prints it with `DateStyle = ISO` (UTC wall-clock time).
    public var description: String { TemporalText.formatTimestamp(microseconds: microsecondsSince2000, utcSuffix: false) }

    /// Earlier instants first; `-infinity` before and `infinity` after every other timestamp.
    public static func < (lhs: PostgresTimestamp, rhs: PostgresTimestamp) -> Bool {
        lhs.microsecondsSince2000 < rhs.microsecondsSince2000
    }
}

extension PostgresTimestamp: PostgresDecodable, PostgresEncodable {
    /// Decodes `timestamp` and `timestamptz`: a big-endian int64 in binary; ISO text (with its UTC offset
    /// applied, if any) or the infinities in text.
    public static func decode(from bytes: UnsafeRawBufferPointer, format: PostgresFormat, type: PostgresOID) throws -> PostgresTimestamp {
        PostgresTimestamp(microsecondsSince2000: try TimestampConversion.decodeMicroseconds(bytes, format: format, type: type, as: PostgresTimestamp.self))
    }

    /// 0: the server infers `timestamp` or `timestamptz` from the statement; both read this binary layout,
    /// so a wall-clock `timestamp` is never shifted by the session's time zone on the way in.
    public static var postgresType: PostgresOID { 0 }
    /// `timestamptz`: a binary array must name one; arrays are sent as `timestamptz[]`.
    public static var postgresArrayElementType: PostgresOID { PostgresTypeOID.timestamptz }
    /// Binary.
    public var postgresFormat: PostgresFormat { .binary }
    /// Appends the microsecond count as a big-endian int64.
    public func encode(into buffer: inout [UInt8]) { BigEndian.append(microsecondsSince2000, to: &buffer) }
}
