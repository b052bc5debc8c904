/// Proleptic Gregorian calendar arithmetic on day counts relative to PostgreSQL's epoch, 2000-01-01.
///
/// Years are astronomical: year 0 is 1 BC, year -1 is 2 BC, as PostgreSQL counts internally.
/// The arithmetic works on 400-year cycles (146 097 days each) starting in March, so leap days fall at the
/// end of a cycle year and need no special case.
enum CivilCalendar {
    /// Days from 0000-03-01 to 2000-01-01.
    private static let marchZeroToEpoch: Int64 = 730_425

    /// Days since 2000-01-01 of `year-month-day`. The date must be valid (see ``isValid(year:month:day:)``).
    static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let marchYear = month <= 2 ? year - 1 : year
        let cycle = floorDivide(marchYear, 400)
        let yearOfCycle = marchYear - cycle * 400
        let monthFromMarch = Int64((month + 9) % 12)
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + Int64(day) - 1
        let dayOfCycle = yearOfCycle * 365 + yearOfCycle / 4 - yearOfCycle / 100 + dayOfYear
        return cycle * 146_097 + dayOfCycle - marchZeroToEpoch
    }

    /// The calendar date `days` after 2000-01-01 (negative: before).
    @inline(__always)
    static func date(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        // Every timestamp PostgreSQL stores (4713 BC to 294276 AD) takes the fast path.
        if days >= fastRange.lowerBound && days <= fastRange.upperBound { return fastDate(fromDays: days) }
        return generalDate(fromDays: days)
    }

    /// The days for which ``fastDate(fromDays:)`` is exact: years -32,000 to 2,900,000 or so.
    static let fastRange: ClosedRange<Int64> = -12_000_000 ... 1_000_000_000

    /// Neri and Schneider's calendar algorithm ("Euclidean affine functions and their application to
    /// calendar algorithms", 2022): 32-bit arithmetic with multiplications by constants, no branches on the
    /// sign. Shifted by 82 cycles of 400 years so that every day of ``fastRange`` is positive.
    @inline(__always)
    static func fastDate(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        // Days since 1970-01-01, then shifted: K = 719,468 + 146,097 × 82, L = 400 × 82.
        let n = UInt32(truncatingIfNeeded: days + 10_957 + 12_699_422)
        let n1 = 4 &* n &+ 3
        let century = n1 / 146_097
        let dayOfCentury = n1 % 146_097 / 4
        let n2 = 4 &* dayOfCentury &+ 3
        let p2 = UInt64(2_939_745) &* UInt64(n2)
        let yearOfCentury = UInt32(truncatingIfNeeded: p2 >> 32)
        let dayOfYear = UInt32(truncatingIfNeeded: p2) / 2_939_745 / 4
        let year = 100 &* century &+ yearOfCentury
        let n3 = 2_141 &* dayOfYear &+ 197_913
        let month = n3 / 65_536
        let day = n3 % 65_536 / 2_141
        let january = dayOfYear >= 306
        return (Int64(year) - 32_800 + (january ? 1 : 0), Int(january ? month - 12 : month), Int(day + 1))
    }

    /// The calendar date `days` after 2000-01-01, for any day count.
    static func generalDate(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + marchZeroToEpoch
        let cycle = floorDivide(shifted, 146_097)
        let dayOfCycle = shifted - cycle * 146_097
        let yearOfCycle = (dayOfCycle - dayOfCycle / 1460 + dayOfCycle / 36_524 - dayOfCycle / 146_096) / 365
        let dayOfYear = dayOfCycle - (365 * yearOfCycle + yearOfCycle / 4 - yearOfCycle / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
        let month = Int(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9)
        let year = yearOfCycle + cycle * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Whether `year-month-day` exists.
    static func isValid(year: Int64, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysInMonth(year: year, month: month)
    }

    /// The number of days of `month` in `year`.
    static func daysInMonth(year: Int64, month: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Division rounding toward negative infinity (Swift's `/` truncates toward zero).
    @inline(__always)
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
