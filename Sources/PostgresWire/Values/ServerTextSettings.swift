/// The session settings that decide how the server prints values as text: `DateStyle`, `IntervalStyle`,
/// `TimeZone`, `extra_float_digits`, `bytea_output`, and the server's version.
///
/// With them, pgcheck can ask for a column in binary format (cheaper for the server to produce) and
/// print exactly the bytes the server's output function would have sent: ``rendersBinary(_:)`` says for
/// which types that holds under these settings, and ``ResultFormats/serverText(columns:settings:)``
/// chooses each column's format accordingly. Every other type, and every type under a setting the
/// renderer does not reproduce, stays in text format.
///
/// Read them from the session with ``query`` (one row of `current_setting` values, cheap to add to any
/// round trip) and ``init(currentSettings:serverVersionNumber:)``, or use ``assumed``, the settings
/// ``PostgresTextRenderer`` renders with when nothing is known.
public struct ServerTextSettings: Sendable, Equatable {
    /// The output half of `DateStyle`.
    public enum DateStyle: Sendable, Equatable { case iso, sql, postgres, german }
    /// The field-order half of `DateStyle` (it matters to the SQL and Postgres styles).
    public enum DateOrder: Sendable, Equatable { case dmy, mdy, ymd }
    /// `IntervalStyle`.
    public enum IntervalStyle: Sendable, Equatable { case postgres, postgresVerbose, sqlStandard, iso8601 }

    /// `DateStyle`'s output style, nil when the setting was not understood (dates stay text).
    public var dateStyle: DateStyle?
    /// `DateStyle`'s field order.
    public var dateOrder: DateOrder
    /// `IntervalStyle`, nil when not understood (intervals stay text).
    public var intervalStyle: IntervalStyle?
    /// `TimeZone` as the server reports it.
    public var timeZone: String
    /// `extra_float_digits`; floats are rendered only when it is positive (shortest exact digits).
    public var extraFloatDigits: Int
    /// Whether `bytea_output` is `hex` (the escape format stays text).
    public var byteaHex: Bool
    /// The server's version number (150018 for 15.18).
    public var serverVersionNumber: Int

    /// Creates settings from their parts.
    public init(
        dateStyle: DateStyle?, dateOrder: DateOrder, intervalStyle: IntervalStyle?, timeZone: String,
        extraFloatDigits: Int, byteaHex: Bool, serverVersionNumber: Int
    ) {
        self.dateStyle = dateStyle
        self.dateOrder = dateOrder
        self.intervalStyle = intervalStyle
        self.timeZone = timeZone
        self.extraFloatDigits = extraFloatDigits
        self.byteaHex = byteaHex
        self.serverVersionNumber = serverVersionNumber
    }

    /// The settings ``PostgresTextRenderer`` assumes when the session's are not known: `DateStyle = ISO`,
    /// `IntervalStyle = postgres`, `TimeZone = UTC`, `extra_float_digits = 1`, `bytea_output = hex`, and a
    /// current server (interval infinities spelled as PostgreSQL 17 spells them).
    public static let assumed = ServerTextSettings(
        dateStyle: .iso, dateOrder: .mdy, intervalStyle: .postgres, timeZone: "UTC",
        extraFloatDigits: 1, byteaHex: true, serverVersionNumber: .max)

    /// One row with the five settings, in the order ``init(currentSettings:serverVersionNumber:)`` reads them.
    public static let query = "SELECT pg_catalog.current_setting('DateStyle'), pg_catalog.current_setting('IntervalStyle'), "
        + "pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('extra_float_digits'), "
        + "pg_catalog.current_setting('bytea_output')"

    /// Reads the values of ``query`` (DateStyle, IntervalStyle, TimeZone, extra_float_digits, bytea_output).
    /// Values not understood leave the types they govern in text format. Nil when the row has not five values.
    public init?(currentSettings values: [String?], serverVersionNumber: Int) {
        guard values.count == 5 else { return nil }
        let dateParts = (values[0] ?? "").split(separator: ",").map { $0.trimmingSpaces.lowercased() }
        let style: DateStyle? = switch dateParts.first {
        case "iso": .iso
        case "sql": .sql
        case "postgres": .postgres
        case "german": .german
        default: nil
        }
        let order: DateOrder? = switch dateParts.count == 2 ? dateParts[1] : "" {
        case "dmy": .dmy
        case "mdy": .mdy
        case "ymd": .ymd
        default: nil
        }
        let interval: IntervalStyle? = switch (values[1] ?? "").lowercased() {
        case "postgres": .postgres
        case "postgres_verbose": .postgresVerbose
        case "sql_standard": .sqlStandard
        case "iso_8601": .iso8601
        default: nil
        }
        self.init(
            dateStyle: order == nil ? nil : style, dateOrder: order ?? .mdy, intervalStyle: interval,
            timeZone: values[2] ?? "", extraFloatDigits: Int(values[3] ?? "") ?? 0,
            byteaHex: (values[4] ?? "").lowercased() == "hex", serverVersionNumber: serverVersionNumber)
    }

    /// The zone's offset east of UTC in seconds when `TimeZone` names a zone that has had one offset at all
    /// times (UTC and its aliases, `Etc/GMT±N`, and POSIX offsets without daylight-saving rules such as
    /// `<+05:30>-05:30`); nil for zones with a history (`Europe/Amsterdam`), whose offsets only the
    /// server's own time zone database knows.
    public var fixedUTCOffset: Int? { FixedTimeZone.offset(of: timeZone) }

    /// Whether a value of `type`, received in binary format, is printed here byte for byte as the server's
    /// output function prints it under these settings.
    ///
    /// True for `bool`, `int2`, `int4`, `int8`, `oid`, `numeric`, `uuid`, `jsonb`; `bytea` with
    /// `bytea_output = hex`; `float4`/`float8` with `extra_float_digits > 0` on PostgreSQL 12 or later;
    /// `date`, `time` and `timestamp` in every `DateStyle`; `timestamptz` with `DateStyle = ISO` in a zone
    /// with a fixed offset; `interval` in every `IntervalStyle` on PostgreSQL 15 or later; and arrays of
    /// these. False for every other type (text types gain nothing from binary).
    public func rendersBinary(_ type: PostgresOID) -> Bool {
        if let element = PostgresTypeOID.elementOID(forArray: type) { return rendersScalar(element) }
        return rendersScalar(type)
    }

    private func rendersScalar(_ type: PostgresOID) -> Bool {
        switch type {
        case PostgresTypeOID.bool, PostgresTypeOID.int2, PostgresTypeOID.int4, PostgresTypeOID.int8,
             PostgresTypeOID.oid, PostgresTypeOID.numeric, PostgresTypeOID.uuid, PostgresTypeOID.jsonb:
            return true
        case PostgresTypeOID.bytea: return byteaHex
        case PostgresTypeOID.float4, PostgresTypeOID.float8: return extraFloatDigits > 0 && serverVersionNumber >= 120_000
        case PostgresTypeOID.date, PostgresTypeOID.timestamp: return dateStyle != nil
        case PostgresTypeOID.time: return true
        case PostgresTypeOID.timestamptz: return dateStyle == .iso && fixedUTCOffset != nil
        case PostgresTypeOID.interval: return intervalStyle != nil && serverVersionNumber >= 150_000
        default: return false
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces.
    fileprivate var trimmingSpaces: Substring {
        var trimmed = self
        while trimmed.first == " " { trimmed = trimmed.dropFirst() }
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
