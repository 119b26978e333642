import Testing
@testable import HanchotCore

@Suite struct CivilDateTests {
    @Test func everyDayFrom1900To2100RoundTripsThroughDaysSinceEpoch() throws {
        // Walk the calendar by hand (independent of the epoch arithmetic) and compare.
        var (y, m, d) = (1900, 1, 1)
        var n: Int64 = -25_567  // 1900-01-01
        while y <= 2100 {
            let date = try #require(CivilDate(year: y, month: m, day: d))
            if date.daysSinceEpoch != n { Issue.record("\(date).daysSinceEpoch = \(date.daysSinceEpoch), expected \(n)"); return }
            if CivilDate(daysSinceEpoch: n) != date { Issue.record("CivilDate(daysSinceEpoch: \(n)) = \(CivilDate(daysSinceEpoch: n)), expected \(date)"); return }
            d += 1
            if d > CivilDate.daysIn(month: m, year: y) { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
            n += 1
        }
        #expect(n == 47_847)  // 2101-01-01
    }

    @Test(arguments: [
        ((1970, 1, 1), Int64(0)), ((1969, 12, 31), -1), ((2000, 1, 1), 10_957), ((2000, 3, 1), 11_017),
        ((1900, 1, 1), -25_567), ((2100, 12, 31), 47_846), ((1, 1, 1), -719_162), ((9999, 12, 31), 2_932_896),
    ])
    func knownDatesHaveKnownDayNumbers(_ ymd: (Int, Int, Int), _ n: Int64) {
        let date = day(ymd.0, ymd.1, ymd.2)
        #expect(date.daysSinceEpoch == n)
        #expect(CivilDate(daysSinceEpoch: n) == date)
    }

    @Test func wholeSupportedRangeRoundTripsAtEveryThousandthDay() {
        for n in stride(from: Int64(-719_162), through: 2_932_896, by: 997) {
            #expect(CivilDate(daysSinceEpoch: n).daysSinceEpoch == n)
        }
    }

    @Test(arguments: [
        ((1970, 1, 1), 4), ((1969, 12, 31), 3), ((2000, 1, 1), 6), ((1900, 1, 1), 1), ((2021, 12, 31), 5),
        ((2022, 1, 1), 6), ((2024, 2, 29), 4), ((1945, 9, 2), 0), ((1, 1, 1), 1), ((1960, 1, 1), 5),
    ])
    func weekdayOfKnownDates(_ ymd: (Int, Int, Int), _ weekday: Int) {
        #expect(day(ymd.0, ymd.1, ymd.2).weekday == weekday)
    }

    @Test(arguments: [(2000, true), (1900, false), (2100, false), (2400, true), (2024, true), (2023, false), (1996, true)])
    func leapYearsFollowTheGregorianRule(_ year: Int, _ leap: Bool) {
        #expect(CivilDate.isLeap(year) == leap)
        #expect(CivilDate.daysIn(month: 2, year: year) == (leap ? 29 : 28))
        #expect((CivilDate(year: year, month: 2, day: 29) != nil) == leap)
    }

    @Test(arguments: [
        (2022, 2, 29), (2022, 2, 31), (2021, 4, 31), (2021, 6, 31), (2021, 9, 31), (2021, 11, 31), (2022, 13, 1),
        (2022, 0, 1), (2022, 1, 0), (2022, 1, 32), (0, 1, 1), (10_000, 1, 1), (-1, 1, 1), (2022, -1, 1), (1900, 2, 29),
    ])
    func impossibleDatesAreNil(_ y: Int, _ m: Int, _ d: Int) {
        #expect(CivilDate(year: y, month: m, day: d) == nil)
    }

    @Test func monthLengths() {
        #expect((1...12).map { CivilDate.daysIn(month: $0, year: 2021) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    }

    @Test func addingDaysCrossesMonthAndYearBoundaries() {
        #expect(day(2021, 12, 31).adding(days: 1) == day(2022, 1, 1))
        #expect(day(2024, 2, 28).adding(days: 1) == day(2024, 2, 29))
        #expect(day(2022, 1, 1).adding(days: -1) == day(2021, 12, 31))
        #expect(day(2022, 3, 1).adding(days: -1) == day(2022, 2, 28))
        #expect(day(2022, 1, 15).adding(days: 0) == day(2022, 1, 15))
    }

    @Test func ordersByYearThenMonthThenDay() {
        #expect(day(2021, 12, 31) < day(2022, 1, 1))
        #expect(day(2022, 1, 31) < day(2022, 2, 1))
        #expect(day(2022, 2, 1) < day(2022, 2, 2))
        #expect(!(day(2022, 2, 2) < day(2022, 2, 2)))
    }

    @Test func printsISOAndDayMonthYearWithPadding() {
        #expect(day(2022, 1, 5).description == "2022-01-05")
        #expect(day(2022, 1, 5).dayMonthYear == "05/01/2022")
        #expect(day(999, 12, 25).description == "0999-12-25")
        #expect(day(1, 1, 1).dayMonthYear == "01/01/0001")
    }

    @Test(arguments: [("2021-12-15", true), ("0001-01-01", true), ("2021-2-15", false), ("2022-02-30", false),
                      ("15/12/2021", false), ("2021-12-15T00:00:00Z", false), ("", false), ("2021-12", false), ("20211215", false)])
    func isoInitializerReadsOnlyYYYYMMDD(_ text: String, _ ok: Bool) {
        #expect((CivilDate(iso: text) != nil) == ok)
        if ok { #expect(CivilDate(iso: text)?.description == text) }
    }
}
