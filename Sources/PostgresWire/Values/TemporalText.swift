/// Reading and writing the ISO text forms of `date`, `time`, `timestamp` and `timestamptz`
/// (`DateStyle = ISO`), in microseconds or days since 2000-01-01.
enum TemporalText {
    static let microsecondsPerSecond: Int64 = 1_000_000
    static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Parses `YYYY-MM-DD[ HH:MM:SS[.ffffff]][(+|-)HH[:MM[:SS]]|Z][ BC]` (a `T` may separate date and time)
    /// and `infinity`/`-infinity`. Returns microseconds since 2000-01-01 in UTC: the offset, when present,
    /// is subtracted; the infinities are `Int64.max`/`Int64.min`, as PostgreSQL stores them.
    static func parseTimestamp(_ raw: UnsafeRawBufferPointer) -> Int64? {
        let bytes = ASCII.trimmed(raw)
        if ASCII.equalsIgnoringCase(bytes, "infinity") || ASCII.equalsIgnoringCase(bytes, "+infinity") { return .max }
        if ASCII.equalsIgnoringCase(bytes, "-infinity") { return .min }
        var cursor = ASCIICursor(bytes)
        guard let fields = parseDateFields(&cursor) else { return nil }
        var timeOfDay: Int64 = 0
        var offsetSeconds: Int64 = 0
        if cursor.consume(UInt8(ascii: " ")) || cursor.consume(UInt8(ascii: "T")) {
            if let next = cursor.peek, ASCII.isDigit(next) {
                guard let time = parseTimeFields(&cursor) else { return nil }
                timeOfDay = time
                if !cursor.isAtEnd, cursor.peek != UInt8(ascii: " ") {
                    guard let offset = parseOffset(&cursor) else { return nil }
                    offsetSeconds = offset
                }
            } else {
                cursor.index -= 1
            }
        }
        guard let days = finishDate(fields, &cursor), cursor.isAtEnd else { return nil }
        let (local, overflow) = days.multipliedReportingOverflow(by: microsecondsPerDay)
        guard !overflow else { return nil }
        let (utc, overflowTime) = local.addingReportingOverflow(timeOfDay - offsetSeconds * microsecondsPerSecond)
        return overflowTime ? nil : utc
    }

    /// Parses `YYYY-MM-DD[ BC]` and `infinity`/`-infinity` into days since 2000-01-01
    /// (the infinities as `Int32.max`/`Int32.min`).
    static func parseDate(_ raw: UnsafeRawBufferPointer) -> Int32? {
        let bytes = ASCII.trimmed(raw)
        if ASCII.equalsIgnoringCase(bytes, "infinity") || ASCII.equalsIgnoringCase(bytes, "+infinity") { return .max }
        if ASCII.equalsIgnoringCase(bytes, "-infinity") { return .min }
        var cursor = ASCIICursor(bytes)
        guard let fields = parseDateFields(&cursor), let days = finishDate(fields, &cursor), cursor.isAtEnd else {
            return nil
        }
        return Int32(exactly: days)
    }

    /// Reads `YYYY-MM-DD` as written (the year may have more than four digits); validated by ``finishDate``.
    private static func parseDateFields(_ cursor: inout ASCIICursor) -> (year: Int64, month: Int, day: Int)? {
        guard let (year, _) = cursor.digits(minimum: 1, maximum: 9), cursor.consume(UInt8(ascii: "-")),
              let (month, _) = cursor.digits(minimum: 1, maximum: 2), cursor.consume(UInt8(ascii: "-")),
              let (day, _) = cursor.digits(minimum: 1, maximum: 2) else { return nil }
        return (year, Int(month), Int(day))
    }

    /// Reads an optional ` BC` and turns the written date into days since 2000-01-01, or nil if it does not exist.
    private static func finishDate(_ fields: (year: Int64, month: Int, day: Int), _ cursor: inout ASCIICursor) -> Int64? {
        var year = fields.year
        if cursor.consume(UInt8(ascii: " ")) {
            guard ASCII.equalsIgnoringCase(cursor.word(), "bc"), year >= 1 else { return nil }
            year = 1 - year  // 1 BC is astronomical year 0
        }
        guard CivilCalendar.isValid(year: year, month: fields.month, day: fields.day) else { return nil }
        return CivilCalendar.days(year: year, month: fields.month, day: fields.day)
    }

    /// Reads `HH:MM[:SS[.ffffff]]` as microseconds since midnight (24:00:00 allowed, as PostgreSQL allows it).
    static func parseTimeFields(_ cursor: inout ASCIICursor) -> Int64? {
        guard let (hour, _) = cursor.digits(minimum: 1, maximum: 2), cursor.consume(UInt8(ascii: ":")),
              let (minute, _) = cursor.digits(minimum: 2, maximum: 2), minute < 60 else { return nil }
        var second: Int64 = 0
        var fraction: Int64 = 0
        if cursor.consume(UInt8(ascii: ":")) {
            guard let (value, _) = cursor.digits(minimum: 2, maximum: 2), value <= 60 else { return nil }
            second = value
            if cursor.consume(UInt8(ascii: ".")) {
                guard let value = cursor.microsecondFraction() else { return nil }
                fraction = value
            }
        }
        let total = ((hour * 60 + minute) * 60 + second) * microsecondsPerSecond + fraction
        return total <= microsecondsPerDay ? total : nil
    }

    /// Reads a UTC offset `+HH`, `+HH:MM`, `+HH:MM:SS` (or `-`), or `Z`, as seconds east of UTC.
    private static func parseOffset(_ cursor: inout ASCIICursor) -> Int64? {
        if cursor.consume(UInt8(ascii: "Z")) || cursor.consume(UInt8(ascii: "z")) { return 0 }
        let start = cursor.index
        guard let sign = cursor.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        cursor.index += 1
        guard let (hours, _) = cursor.digits(minimum: 1, maximum: 2) else {
            cursor.index = start
            return nil
        }
        var seconds = hours * 3600
        for scale: Int64 in [60, 1] {
            guard cursor.consume(UInt8(ascii: ":")) else { break }
            guard let (value, _) = cursor.digits(minimum: 2, maximum: 2), value < 60 else {
                cursor.index = start
                return nil
            }
            seconds += value * scale
        }
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }

    // MARK: - Formatting

    /// `YYYY-MM-DD` (with ` BC` for years before 1 AD, years wider than four digits printed in full),
    /// `infinity` or `-infinity`, as `date_out` prints with `DateStyle = ISO`.
    static func formatDate(days: Int32) -> String {
        if days == .max { return "infinity" }
        if days == .min { return "-infinity" }
        var text: [UInt8] = []
        let year = appendDate(days: Int64(days), to: &text)
        if year <= 0 { text.append(contentsOf: " BC".utf8) }
        return String(decoding: text, as: UTF8.self)
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]`, plus `+00` when `utcSuffix` (for `timestamptz` in a UTC session) and
    /// ` BC` for early years; `infinity`/`-infinity` for the infinities.
    static func formatTimestamp(microseconds: Int64, utcSuffix: Bool) -> String {
        if microseconds == .max { return "infinity" }
        if microseconds == .min { return "-infinity" }
        let days = CivilCalendar.floorDivide(microseconds, microsecondsPerDay)
        let timeOfDay = microseconds - days * microsecondsPerDay
        var text: [UInt8] = []
        let year = appendDate(days: days, to: &text)
        text.append(UInt8(ascii: " "))
        appendTime(microseconds: timeOfDay, to: &text)
        if utcSuffix { text.append(contentsOf: "+00".utf8) }
        if year <= 0 { text.append(contentsOf: " BC".utf8) }
        return String(decoding: text, as: UTF8.self)
    }

    /// `HH:MM:SS[.ffffff]` as `time_out` prints microseconds since midnight.
    static func formatTime(microseconds: Int64) -> String {
        var text: [UInt8] = []
        appendTime(microseconds: microseconds, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends the calendar date and returns its astronomical year.
    private static func appendDate(days: Int64, to text: inout [UInt8]) -> Int64 {
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        appendPadded(year > 0 ? year : 1 - year, width: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendPadded(Int64(month), width: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        appendPadded(Int64(day), width: 2, to: &text)
        return year
    }

    /// Appends `HH:MM:SS` and, when there is one, the fraction without trailing zeros.
    static func appendTime(microseconds: Int64, to text: inout [UInt8]) {
        let totalSeconds = microseconds / microsecondsPerSecond
        appendPadded(totalSeconds / 3600, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendPadded(totalSeconds / 60 % 60, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendPadded(totalSeconds % 60, width: 2, to: &text)
        appendFraction(microseconds % microsecondsPerSecond, to: &text)
    }

    /// Appends `.ffffff` without trailing zeros for a non-zero count of microseconds (its magnitude).
    static func appendFraction(_ microseconds: Int64, to text: inout [UInt8]) {
        var fraction = microseconds.magnitude
        guard fraction != 0 else { return }
        var width = 6
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        text.append(UInt8(ascii: "."))
        appendPadded(Int64(fraction), width: width, to: &text)
    }

    /// Appends the decimal digits of `value` (non-negative), left-padded with zeros to `width`.
    static func appendPadded(_ value: Int64, width: Int, to text: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[count] = UInt8(truncatingIfNeeded: remaining % 10) + 0x30
                remaining /= 10
                count += 1
            } while remaining > 0
            for _ in count..<max(width, count) { text.append(UInt8(ascii: "0")) }
            for index in stride(from: count - 1, through: 0, by: -1) { text.append(scratch[index]) }
        }
    }
}
