/// Writes `date`, `time`, `timestamp` and `timestamptz` values as the server's `date_out`, `time_out`,
/// `timestamp_out` and `timestamptz_out` print them (`EncodeDateOnly`, `EncodeTimeOnly`, `EncodeDateTime`
/// in PostgreSQL's datetime.c), in every `DateStyle`, straight into memory.
///
/// `timestamptz` is written only with an offset known for the whole range (a fixed zone); the ISO style
/// then prints the offset (`+00`, `+05:30`, `-00:19:32`), which is all it needs from the zone.
enum TemporalTextWriter {
    /// The most bytes one value takes (`Sat Jan 01 00:00:00.000001 294276 BC`, a 7-digit year in a date).
    static let maximumLength = 64

    private static let monthNames: StaticString = "JanFebMarAprMayJunJulAugSepOctNovDec"
    private static let dayNames: StaticString = "SunMonTueWedThuFriSat"

    /// `date_out`: days since 2000-01-01, `Int32.max`/`Int32.min` for the infinities.
    static func writeDate(days: Int32, style: ServerTextSettings.DateStyle, order: ServerTextSettings.DateOrder,
                          to start: UnsafeMutablePointer<UInt8>) -> Int {
        if days == .max { return write("infinity", to: start) }
        if days == .min { return write("-infinity", to: start) }
        let (year, month, day) = CivilCalendar.date(fromDays: Int64(days))
        var next = start
        let displayYear = year > 0 ? UInt64(year) : UInt64(1 - year)
        switch style {
        case .iso:
            next += DecimalDigits.writePadded(displayYear, minimumWidth: 4, to: next)
            next = writeSeparated(UInt8(ascii: "-"), month, UInt8(ascii: "-"), day, to: next)
        case .sql:
            next = order == .dmy ? writePair(day, UInt8(ascii: "/"), month, to: next) : writePair(month, UInt8(ascii: "/"), day, to: next)
            next[0] = UInt8(ascii: "/")
            next += 1
            next += DecimalDigits.writePadded(displayYear, minimumWidth: 4, to: next)
        case .german:
            next = writePair(day, UInt8(ascii: "."), month, to: next)
            next[0] = UInt8(ascii: ".")
            next += 1
            next += DecimalDigits.writePadded(displayYear, minimumWidth: 4, to: next)
        case .postgres:
            next = order == .dmy ? writePair(day, UInt8(ascii: "-"), month, to: next) : writePair(month, UInt8(ascii: "-"), day, to: next)
            next[0] = UInt8(ascii: "-")
            next += 1
            next += DecimalDigits.writePadded(displayYear, minimumWidth: 4, to: next)
        }
        if year <= 0 { next += write(" BC", to: next) }
        return next - start
    }

    /// `time_out`: microseconds since midnight (0 … 24:00:00); nil for a value out of that range.
    static func writeTime(microseconds: Int64, to start: UnsafeMutablePointer<UInt8>) -> Int? {
        guard microseconds >= 0, microseconds <= TemporalText.microsecondsPerDay else { return nil }
        return writeClock(microseconds, to: start) - start
    }

    /// `timestamp_out` (no `utcOffset`) or `timestamptz_out` in a zone `utcOffset` seconds east of UTC:
    /// microseconds since 2000-01-01 (in UTC for `timestamptz`), `Int64.max`/`.min` for the infinities.
    /// Nil when the value lies outside PostgreSQL's range.
    static func writeTimestamp(
        microseconds: Int64, utcOffset: Int?, style: ServerTextSettings.DateStyle, order: ServerTextSettings.DateOrder,
        to start: UnsafeMutablePointer<UInt8>
    ) -> Int? {
        if microseconds == .max { return write("infinity", to: start) }
        if microseconds == .min { return write("-infinity", to: start) }
        var local = microseconds
        if let utcOffset {
            let (shifted, overflow) = microseconds.addingReportingOverflow(Int64(utcOffset) * TemporalText.microsecondsPerSecond)
            guard !overflow else { return nil }
            local = shifted
        }
        let days = CivilCalendar.floorDivide(local, TemporalText.microsecondsPerDay)
        let timeOfDay = local - days * TemporalText.microsecondsPerDay
        // Julian day 0 (4714-11-24 BC) is the first day PostgreSQL can break down.
        guard days >= -2_451_545, days <= Int64(Int32.max) else { return nil }
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        let displayYear = year > 0 ? UInt64(year) : UInt64(1 - year)
        var next = start
        switch style {
        case .iso:
            next += DecimalDigits.writePadded(displayYear, minimumWidth: 4, to: next)
            next = writeSeparated(UInt8(ascii: "-"), month, UInt8(ascii: "-"), day, to: next)
            next[0] = UInt8(ascii: " ")
            next = writeClock(timeOfDay, to: next + 1)
            if let utcOffset { next = writeOffset(utcOffset, to: next) }
        case .sql:
            next = order == .dmy ? writePair(day, UInt8(ascii: "/"), month, to: next) : writePair(month, UInt8(ascii: "/"), day, to: next)
            next[0] = UInt8(ascii: "/")
            next += 1
            next += DecimalDigits.writePadded(displayYear, minimumWidth: 4, to: next)
            next[0] = UInt8(ascii: " ")
            next = writeClock(timeOfDay, to: next + 1)
        case .german:
            next = writePair(day, UInt8(ascii: "."), month, to: next)
            next[0] = UInt8(ascii: ".")
            next += 1
            next += DecimalDigits.writePadded(displayYear, minimumWidth: 4, to: next)
            next[0] = UInt8(ascii: " ")
            next = writeClock(timeOfDay, to: next + 1)
        case .postgres:
            // j2day: Julian day + 1 modulo 7, 0 = Sunday; 2000-01-01 (Julian day 2451545) was a Saturday.
            let weekday = Int((days + 2_451_546) % 7)
            next = writeName(dayNames, weekday, to: next)
            next[0] = UInt8(ascii: " ")
            next += 1
            if order == .dmy {
                next += DecimalDigits.writePadded(UInt64(day), minimumWidth: 2, to: next)
                next[0] = UInt8(ascii: " ")
                next = writeName(monthNames, month - 1, to: next + 1)
            } else {
                next = writeName(monthNames, month - 1, to: next)
                next[0] = UInt8(ascii: " ")
                next += 1 + DecimalDigits.writePadded(UInt64(day), minimumWidth: 2, to: next + 1)
            }
            next[0] = UInt8(ascii: " ")
            next = writeClock(timeOfDay, to: next + 1)
            next[0] = UInt8(ascii: " ")
            next += 1 + DecimalDigits.writePadded(displayYear, minimumWidth: 4, to: next + 1)
        }
        if year <= 0 { next += write(" BC", to: next) }
        return next - start
    }

    /// `HH:MM:SS[.ffffff]`, the fraction without trailing zeros (`AppendSeconds` with precision 6).
    @inline(__always)
    static func writeClock(_ microseconds: Int64, to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let totalSeconds = UInt64(microseconds / TemporalText.microsecondsPerSecond)
        var next = start + DecimalDigits.writePadded(totalSeconds / 3600, minimumWidth: 2, to: start)
        next[0] = UInt8(ascii: ":")
        DecimalDigits.write(totalSeconds / 60 % 60, width: 2, to: next + 1)
        next[3] = UInt8(ascii: ":")
        DecimalDigits.write(totalSeconds % 60, width: 2, to: next + 4)
        next += 6
        return writeFraction(UInt64(microseconds % TemporalText.microsecondsPerSecond), to: next)
    }

    /// `.ffffff` without trailing zeros, nothing for zero.
    @inline(__always)
    static func writeFraction(_ microseconds: UInt64, to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard microseconds != 0 else { return start }
        var fraction = microseconds
        var width = 6
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        start[0] = UInt8(ascii: ".")
        DecimalDigits.write(fraction, width: width, to: start + 1)
        return start + 1 + width
    }

    /// `EncodeTimezone`: `+HH`, `+HH:MM` when minutes are not zero, `+HH:MM:SS` when seconds are not.
    @inline(__always)
    private static func writeOffset(_ secondsEast: Int, to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if secondsEast == 0 {
            start[0] = UInt8(ascii: "+")
            start[1] = UInt8(ascii: "0")
            start[2] = UInt8(ascii: "0")
            return start + 3
        }
        start[0] = secondsEast >= 0 ? UInt8(ascii: "+") : UInt8(ascii: "-")
        let magnitude = UInt64(secondsEast.magnitude)
        let hours = magnitude / 3600
        let minutes = magnitude / 60 % 60
        let seconds = magnitude % 60
        var next = start + 1 + DecimalDigits.writePadded(hours, minimumWidth: 2, to: start + 1)
        if minutes != 0 || seconds != 0 {
            next[0] = UInt8(ascii: ":")
            DecimalDigits.write(minutes, width: 2, to: next + 1)
            next += 3
        }
        if seconds != 0 {
            next[0] = UInt8(ascii: ":")
            DecimalDigits.write(seconds, width: 2, to: next + 1)
            next += 3
        }
        return next
    }

    /// `-MM-DD` (or another separator pair) after the year.
    @inline(__always)
    private static func writeSeparated(
        _ first: UInt8, _ month: Int, _ second: UInt8, _ day: Int, to start: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        start[0] = first
        DecimalDigits.write(UInt64(month), width: 2, to: start + 1)
        start[3] = second
        DecimalDigits.write(UInt64(day), width: 2, to: start + 4)
        return start + 6
    }

    /// Two two-digit fields around a separator (`12/31`, `31.12`).
    @inline(__always)
    private static func writePair(_ first: Int, _ separator: UInt8, _ second: Int, to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        DecimalDigits.write(UInt64(first), width: 2, to: start)
        start[2] = separator
        DecimalDigits.write(UInt64(second), width: 2, to: start + 3)
        return start + 5
    }

    /// The three letters of entry `index` of a table of three-letter names.
    private static func writeName(_ table: StaticString, _ index: Int, to start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let source = table.utf8Start + 3 * index
        start[0] = source[0]
        start[1] = source[1]
        start[2] = source[2]
        return start + 3
    }

    private static func write(_ text: StaticString, to start: UnsafeMutablePointer<UInt8>) -> Int {
        start.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return text.utf8CodeUnitCount
    }
}
