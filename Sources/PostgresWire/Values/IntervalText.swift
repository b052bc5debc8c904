/// Parses the `interval` text PostgreSQL prints with `IntervalStyle = postgres` (the default), such as
/// `1 year 2 mons 3 days 04:05:06.789`, `-1 days +02:00:00` or `-00:00:01`, and with `postgres_verbose`,
/// such as `@ 1 year 2 mons 4 hours 5 mins 6.789 secs ago`.
enum IntervalText {
    /// Where a number with a unit goes.
    private enum Field { case months(Int64), days(Int64), microseconds(Int64) }

    /// The interval, or nil if the text is not in one of the two styles or a field overflows.
    static func parse(_ raw: UnsafeRawBufferPointer) -> PostgresInterval? {
        let bytes = ASCII.trimmed(raw)
        if ASCII.equalsIgnoringCase(bytes, "infinity") || ASCII.equalsIgnoringCase(bytes, "+infinity") { return .infinity }
        if ASCII.equalsIgnoringCase(bytes, "-infinity") { return .negativeInfinity }
        var cursor = ASCIICursor(bytes)
        _ = cursor.consume(UInt8(ascii: "@"))
        var months: Int64 = 0
        var days: Int64 = 0
        var microseconds: Int64 = 0
        var ago = false
        var sawField = false
        while true {
            cursor.skipSpaces()
            guard let next = cursor.peek else { break }
            if !ASCII.isDigit(next), next != UInt8(ascii: "-"), next != UInt8(ascii: "+") {
                // Only "ago", last, is a word that is not a unit.
                guard ASCII.equalsIgnoringCase(cursor.word(), "ago"), sawField, !ago else { return nil }
                ago = true
                continue
            }
            guard !ago, let field = parseField(&cursor) else { return nil }
            sawField = true
            var overflow = false
            switch field {
            case .months(let value): (months, overflow) = months.addingReportingOverflow(value)
            case .days(let value): (days, overflow) = days.addingReportingOverflow(value)
            case .microseconds(let value): (microseconds, overflow) = microseconds.addingReportingOverflow(value)
            }
            guard !overflow, Int32(exactly: months) != nil, Int32(exactly: days) != nil else { return nil }
        }
        guard sawField else { return nil }
        if ago {
            guard microseconds != .min else { return nil }
            (months, days, microseconds) = (-months, -days, -microseconds)
        }
        return PostgresInterval(months: Int32(months), days: Int32(days), microseconds: microseconds)
    }

    /// `value × factor + addend`, or nil on overflow.
    private static func checked(_ value: Int64, times factor: Int64, plus addend: Int64 = 0) -> Int64? {
        let (product, overflowProduct) = value.multipliedReportingOverflow(by: factor)
        let (sum, overflowSum) = product.addingReportingOverflow(addend)
        return overflowProduct || overflowSum ? nil : sum
    }

    /// Reads `[+-]H:MM[:SS[.f]]` or `[+-]N[.f] unit`.
    private static func parseField(_ cursor: inout ASCIICursor) -> Field? {
        var negative = false
        if cursor.consume(UInt8(ascii: "-")) { negative = true } else { _ = cursor.consume(UInt8(ascii: "+")) }
        guard let (number, _) = cursor.digits(minimum: 1, maximum: 12) else { return nil }
        let sign: Int64 = negative ? -1 : 1
        if cursor.consume(UInt8(ascii: ":")) {
            guard let (minutes, _) = cursor.digits(minimum: 2, maximum: 2), minutes < 60 else { return nil }
            var secondsPart: Int64 = 0
            if cursor.consume(UInt8(ascii: ":")) {
                guard let (seconds, _) = cursor.digits(minimum: 2, maximum: 2), seconds < 60 else { return nil }
                secondsPart = seconds * 1_000_000
                if cursor.consume(UInt8(ascii: ".")) {
                    guard let fraction = cursor.microsecondFraction() else { return nil }
                    secondsPart += fraction
                }
            }
            return checked(number, times: 3_600_000_000, plus: minutes * 60_000_000 + secondsPart)
                .map { .microseconds(sign * $0) }
        }
        var fraction: Int64 = 0
        var hasFraction = false
        if cursor.consume(UInt8(ascii: ".")) {
            guard let value = cursor.microsecondFraction() else { return nil }
            fraction = value
            hasFraction = true
        }
        cursor.skipSpaces()
        let unit = cursor.word()
        func matches(_ names: StaticString...) -> Bool { names.contains { ASCII.equalsIgnoringCase(unit, $0) } }
        if matches("sec", "secs", "second", "seconds", "s") {
            return checked(number, times: 1_000_000, plus: fraction).map { .microseconds(sign * $0) }
        }
        guard !hasFraction else { return nil }  // PostgreSQL prints fractions only on seconds
        if matches("year", "years", "y") { return .months(sign * number * 12) }
        if matches("mon", "mons", "month", "months") { return .months(sign * number) }
        if matches("week", "weeks", "w") { return .days(sign * number * 7) }
        if matches("day", "days", "d") { return .days(sign * number) }
        if matches("hour", "hours", "hr", "hrs", "h") {
            return checked(number, times: 3_600_000_000).map { .microseconds(sign * $0) }
        }
        if matches("min", "mins", "minute", "minutes", "m") {
            return checked(number, times: 60_000_000).map { .microseconds(sign * $0) }
        }
        return nil
    }
}
