import Testing
@testable import PostgresWire

/// The fast calendar conversion every rendered timestamp takes agrees with the general one, day for day.
@Suite struct CivilCalendarTests {
    @Test func fastAndGeneralConversionsAgreeAcrossTheFastRange() {
        var days: [Int64] = [
            CivilCalendar.fastRange.lowerBound, CivilCalendar.fastRange.upperBound, 0, -1, 1, 59, 60, 365, 366,
            -2_451_545, 106_741_034, -730_485, -730_119, -10_957,
        ]
        // Every day of the 400 years around the epoch, then a spread across the whole range.
        days += (-73_048...73_048).map { Int64($0) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let span = UInt64(CivilCalendar.fastRange.upperBound - CivilCalendar.fastRange.lowerBound)
            days.append(CivilCalendar.fastRange.lowerBound + Int64(state % span))
        }
        let mismatch = days.first { CivilCalendar.fastDate(fromDays: $0) != CivilCalendar.generalDate(fromDays: $0) }
        #expect(mismatch == nil, "first mismatch at day \(mismatch.map(String.init) ?? "")")
    }

    @Test func knownDates() {
        #expect(CivilCalendar.date(fromDays: 0) == (2000, 1, 1))
        #expect(CivilCalendar.date(fromDays: 59) == (2000, 2, 29))
        #expect(CivilCalendar.date(fromDays: -2_451_545) == (-4713, 11, 24))
        #expect(CivilCalendar.date(fromDays: Int64(Int32.max) - 1) == CivilCalendar.generalDate(fromDays: Int64(Int32.max) - 1))
    }
}
