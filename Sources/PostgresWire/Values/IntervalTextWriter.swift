/// Writes an `interval` as the server's `interval_out` prints it (`EncodeInterval` in PostgreSQL's
/// datetime.c) in each `IntervalStyle`: `postgres` (`1 year 2 mons -3 days +04:05:06.5`),
/// `postgres_verbose` (`@ 1 year 2 mons -3 days 4 hours 5 mins 6.5 secs ago`), `sql_standard`
/// (`+1-2 -3 +4:05:06.5`) and `iso_8601` (`P1Y2M-3DT4H5M6.5S`).
enum IntervalTextWriter {
    /// The broken-down fields `interval2itm` makes: years and months from the months, the time part
    /// divided with truncation, so every field has the sign of the part it came from.
    private struct Fields {
        var year: Int64
        var month: Int64
        var day: Int64
        var hour: Int64
        var minute: Int64
        var second: Int64
        var microsecond: Int64

        init(_ interval: PostgresInterval) {
            year = Int64(interval.months / 12)
            month = Int64(interval.months % 12)
            day = Int64(interval.days)
            var time = interval.microseconds
            hour = time / 3_600_000_000
            time -= hour * 3_600_000_000
            minute = time / 60_000_000
            time -= minute * 60_000_000
            second = time / 1_000_000
            microsecond = time - second * 1_000_000
        }

        /// Every field negated (the SQL-standard style prints one leading sign).
        init(negating other: Fields) {
            year = -other.year
            month = -other.month
            day = -other.day
            hour = -other.hour
            minute = -other.minute
            second = -other.second
            microsecond = -other.microsecond
        }
    }

    /// Appends the text of `interval`. `serverVersionNumber` decides whether the all-maximum and
    /// all-minimum values are the infinities (PostgreSQL 17 and later) or ordinary intervals.
    static func append(
        _ interval: PostgresInterval, style: ServerTextSettings.IntervalStyle, serverVersionNumber: Int, to out: inout TextBuffer
    ) {
        if serverVersionNumber >= 170_000 {
            if interval == .infinity { return out.append("infinity") }
            if interval == .negativeInfinity { return out.append("-infinity") }
        }
        let fields = Fields(interval)
        switch style {
        case .postgres: appendPostgres(fields, to: &out)
        case .postgresVerbose: appendVerbose(fields, to: &out)
        case .sqlStandard: appendSQLStandard(fields, to: &out)
        case .iso8601: appendISO8601(fields, to: &out)
        }
    }

    private static func appendPostgres(_ fields: Fields, to out: inout TextBuffer) {
        var isZero = true
        var isBefore = false
        func part(_ value: Int64, _ unit: StaticString) {
            guard value != 0 else { return }
            if !isZero { out.append(UInt8(ascii: " ")) }
            if isBefore && value > 0 { out.append(UInt8(ascii: "+")) }
            appendSigned(value, to: &out)
            out.append(UInt8(ascii: " "))
            out.append(unit)
            if value != 1 { out.append(UInt8(ascii: "s")) }
            isBefore = value < 0
            isZero = false
        }
        part(fields.year, "year")
        part(fields.month, "mon")
        part(fields.day, "day")
        let f = fields
        guard isZero || f.hour != 0 || f.minute != 0 || f.second != 0 || f.microsecond != 0 else { return }
        let minus = f.hour < 0 || f.minute < 0 || f.second < 0 || f.microsecond < 0
        if !isZero { out.append(UInt8(ascii: " ")) }
        if minus { out.append(UInt8(ascii: "-")) } else if isBefore { out.append(UInt8(ascii: "+")) }
        appendPadded(f.hour.magnitude, 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(f.minute.magnitude, 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendSeconds(f.second, f.microsecond, fillZeros: true, to: &out)
    }

    private static func appendVerbose(_ fields: Fields, to out: inout TextBuffer) {
        var isZero = true
        var isBefore = false
        out.append(UInt8(ascii: "@"))
        func part(_ original: Int64, _ unit: StaticString) {
            guard original != 0 else { return }
            var value = original
            if isZero {
                isBefore = value < 0
                value = Int64(value.magnitude)
            } else if isBefore {
                value = -value
            }
            out.append(UInt8(ascii: " "))
            appendSigned(value, to: &out)
            out.append(UInt8(ascii: " "))
            out.append(unit)
            if value != 1 { out.append(UInt8(ascii: "s")) }
            isZero = false
        }
        part(fields.year, "year")
        part(fields.month, "mon")
        part(fields.day, "day")
        part(fields.hour, "hour")
        part(fields.minute, "min")
        let second = fields.second
        let microsecond = fields.microsecond
        if second != 0 || microsecond != 0 {
            out.append(UInt8(ascii: " "))
            if second < 0 || (second == 0 && microsecond < 0) {
                if isZero {
                    isBefore = true
                } else if !isBefore {
                    out.append(UInt8(ascii: "-"))
                }
            } else if isBefore {
                out.append(UInt8(ascii: "-"))
            }
            appendSeconds(second, microsecond, fillZeros: false, to: &out)
            out.append(" sec")
            if second.magnitude != 1 || microsecond != 0 { out.append(UInt8(ascii: "s")) }
            isZero = false
        }
        if isZero { out.append(" 0") }
        if isBefore { out.append(" ago") }
    }

    private static func appendSQLStandard(_ original: Fields, to out: inout TextBuffer) {
        var f = original
        let values = [f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond]
        let hasNegative = values.contains { $0 < 0 }
        let hasPositive = values.contains { $0 > 0 }
        let hasYearMonth = f.year != 0 || f.month != 0
        let hasDayTime = f.day != 0 || f.hour != 0 || f.minute != 0 || f.second != 0 || f.microsecond != 0
        let isStandard = !(hasNegative && hasPositive) && !(hasYearMonth && hasDayTime)
        if hasNegative && isStandard {
            out.append(UInt8(ascii: "-"))
            f = Fields(negating: f)
        }
        if !hasNegative && !hasPositive {
            out.append(UInt8(ascii: "0"))
        } else if !isStandard {
            let yearSign = f.year < 0 || f.month < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            let daySign = f.day < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            let timeSign = f.hour < 0 || f.minute < 0 || f.second < 0 || f.microsecond < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            out.append(yearSign)
            appendPadded(f.year.magnitude, 1, to: &out)
            out.append(UInt8(ascii: "-"))
            appendPadded(f.month.magnitude, 1, to: &out)
            out.append(UInt8(ascii: " "))
            out.append(daySign)
            appendPadded(f.day.magnitude, 1, to: &out)
            out.append(UInt8(ascii: " "))
            out.append(timeSign)
            appendPadded(f.hour.magnitude, 1, to: &out)
            out.append(UInt8(ascii: ":"))
            appendPadded(f.minute.magnitude, 2, to: &out)
            out.append(UInt8(ascii: ":"))
            appendSeconds(f.second, f.microsecond, fillZeros: true, to: &out)
        } else if hasYearMonth {
            appendSigned(f.year, to: &out)
            out.append(UInt8(ascii: "-"))
            appendSigned(f.month, to: &out)
        } else if f.day != 0 {
            appendSigned(f.day, to: &out)
            out.append(UInt8(ascii: " "))
            appendSigned(f.hour, to: &out)
            out.append(UInt8(ascii: ":"))
            appendSignedPadded(f.minute, 2, to: &out)
            out.append(UInt8(ascii: ":"))
            appendSeconds(f.second, f.microsecond, fillZeros: true, to: &out)
        } else {
            appendSigned(f.hour, to: &out)
            out.append(UInt8(ascii: ":"))
            appendSignedPadded(f.minute, 2, to: &out)
            out.append(UInt8(ascii: ":"))
            appendSeconds(f.second, f.microsecond, fillZeros: true, to: &out)
        }
    }

    private static func appendISO8601(_ f: Fields, to out: inout TextBuffer) {
        if f.year == 0 && f.month == 0 && f.day == 0 && f.hour == 0 && f.minute == 0 && f.second == 0 && f.microsecond == 0 {
            return out.append("PT0S")
        }
        func part(_ value: Int64, _ unit: UInt8) {
            guard value != 0 else { return }
            appendSigned(value, to: &out)
            out.append(unit)
        }
        out.append(UInt8(ascii: "P"))
        part(f.year, UInt8(ascii: "Y"))
        part(f.month, UInt8(ascii: "M"))
        part(f.day, UInt8(ascii: "D"))
        if f.hour != 0 || f.minute != 0 || f.second != 0 || f.microsecond != 0 { out.append(UInt8(ascii: "T")) }
        part(f.hour, UInt8(ascii: "H"))
        part(f.minute, UInt8(ascii: "M"))
        if f.second != 0 || f.microsecond != 0 {
            if f.second < 0 || f.microsecond < 0 { out.append(UInt8(ascii: "-")) }
            appendSeconds(f.second, f.microsecond, fillZeros: false, to: &out)
            out.append(UInt8(ascii: "S"))
        }
    }

    /// `AppendSeconds`: the seconds' magnitude (two digits when `fillZeros`), then the fraction's magnitude
    /// without trailing zeros.
    private static func appendSeconds(_ second: Int64, _ microsecond: Int64, fillZeros: Bool, to out: inout TextBuffer) {
        appendPadded(second.magnitude, fillZeros ? 2 : 1, to: &out)
        let start = out.reserve(8)
        out.advance(by: TemporalTextWriter.writeFraction(microsecond.magnitude, to: start) - start)
    }

    /// `%lld`.
    private static func appendSigned(_ value: Int64, to out: inout TextBuffer) {
        let start = out.reserve(DecimalDigits.maximumSignedLength)
        out.advance(by: DecimalDigits.writeSigned(value, to: start))
    }

    /// `%02d` of a possibly negative number: the sign, then the magnitude padded so that sign and digits
    /// fill `width` (C pads the whole field).
    private static func appendSignedPadded(_ value: Int64, _ width: Int, to out: inout TextBuffer) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendPadded(value.magnitude, width - 1, to: &out)
        } else {
            appendPadded(value.magnitude, width, to: &out)
        }
    }

    /// The digits of `value`, zero-padded to `width`.
    private static func appendPadded(_ value: UInt64, _ width: Int, to out: inout TextBuffer) {
        let start = out.reserve(max(width, DecimalDigits.maximumSignedLength))
        out.advance(by: DecimalDigits.writePadded(value, minimumWidth: width, to: start))
    }
}

