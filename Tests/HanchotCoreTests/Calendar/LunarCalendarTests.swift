@testable import HanchotCore
import Testing

@Suite("LunarCalendar against the astronomical reference (1900–2100)")
struct LunarReferenceTests {
    @Test("the reference table covers every year 1900–2100 once")
    func tableIsComplete() {
        #expect(LunarReference.years.map(\.year) == Array(1900...2100))
        #expect(LunarReference.months.count > 2400)
        #expect(Set(LunarReference.months.map(\.lunarYear)) == Set(1900...2100))
    }

    @Test("Tết (mùng 1 tháng Giêng) equals the reference in every year 1900–2100")
    func tetEveryYear() {
        for row in LunarReference.years {
            #expect(LunarCalendar.tet(row.year) == row.tet, "Tết \(row.year)")
            #expect(LunarCalendar.lunar(from: row.tet) == LunarDate(day: 1, month: 1, year: row.year), "Tết \(row.year)")
        }
    }

    @Test("Giỗ Tổ Hùng Vương (10/3 âm lịch) equals the reference in every year 1900–2100")
    func gioToEveryYear() {
        for row in LunarReference.years {
            #expect(LunarCalendar.solar(from: LunarDate(day: 10, month: 3, year: row.year)) == row.gioTo, "Giỗ Tổ \(row.year)")
            #expect(LunarCalendar.lunar(from: row.gioTo) == LunarDate(day: 10, month: 3, year: row.year), "Giỗ Tổ \(row.year)")
        }
    }

    @Test("HolidayRules puts Giỗ Tổ on the reference date every year")
    func holidayRulesUseTheReferenceDates() {
        for row in LunarReference.years {
            let days = HolidayRules.vietnam.holidays(in: row.year)
            // 1947: Giỗ Tổ is on 30/4, and the day keeps one name (Ngày Chiến thắng).
            #expect(days[row.gioTo] == (row.year == 1947 ? "Ngày Chiến thắng" : "Giỗ Tổ Hùng Vương"), "\(row.year)")
            #expect(days[row.tet] == "Tết Nguyên Đán (mùng 1)", "\(row.year)")
        }
    }

    /// Every month's first and last day, its length and leap status. Months the reference marks
    /// uncertain (an event within two minutes of midnight) are left out: there the simplified
    /// series and astronomy-engine may legitimately disagree (1938 leap 7 vs 8: a solar term
    /// 1.5 s after midnight; 2072, 2085: new moons 37 s and 16 s from midnight).
    @Test("every certain lunar month 1900–2100 starts and ends as in the reference")
    func everyMonth() {
        var checked = 0
        for m in LunarReference.months where m.certain {
            let first = LunarDate(day: 1, month: m.month, year: m.lunarYear, isLeapMonth: m.isLeap)
            let last = LunarDate(day: m.days, month: m.month, year: m.lunarYear, isLeapMonth: m.isLeap)
            #expect(LunarCalendar.solar(from: first) == m.start, "\(m)")
            #expect(LunarCalendar.lunar(from: m.start) == first, "\(m)")
            #expect(LunarCalendar.lunar(from: m.start.adding(days: m.days - 1)) == last, "\(m)")
            #expect(LunarCalendar.solar(from: LunarDate(day: m.days + 1, month: m.month, year: m.lunarYear, isLeapMonth: m.isLeap)) == nil,
                    "\(m) has \(m.days) days")
            checked += 1
        }
        #expect(checked >= LunarReference.months.count - 16)
    }

    @Test("leap months (tháng nhuận) match the reference for every year with a certain structure")
    func leapMonths() {
        let byYear = Dictionary(grouping: LunarReference.months, by: \.lunarYear)
        for (year, months) in byYear where months.allSatisfy(\.certain) {
            let leap = months.first(where: \.isLeap)?.month
            for month in 1...12 {
                let exists = LunarCalendar.solar(from: LunarDate(day: 1, month: month, year: year, isLeapMonth: true)) != nil
                #expect(exists == (month == leap), "\(year): leap \(month)")
            }
        }
    }

    @Test("known dates: Tết 2022–2025; 1985 and 2007 differ from China's UTC+8 calendar",
          arguments: [
              (2022, day(2022, 2, 1)), (2023, day(2023, 1, 22)), (2024, day(2024, 2, 10)), (2025, day(2025, 1, 29)),
              // China: 1985-02-20 (its leap month is 10/1984, Vietnam's 2/1985), 2007-02-18.
              (1985, day(1985, 1, 21)), (2007, day(2007, 2, 17)),
              // Tết Mậu Thân: North Vietnam's new UTC+7 calendar 29/1, the South (UTC+8) 30/1.
              (1968, day(1968, 1, 29)),
          ])
    func knownTet(year: Int, tet: CivilDate) {
        #expect(LunarCalendar.tet(year) == tet)
    }

    @Test("known leap months: 2020 leap 4, 2023 leap 2, 2025 leap 6",
          arguments: [(2020, 4, day(2020, 5, 23)), (2023, 2, day(2023, 3, 22)), (2025, 6, day(2025, 7, 25))])
    func knownLeapMonths(year: Int, month: Int, start: CivilDate) {
        #expect(LunarCalendar.solar(from: LunarDate(day: 1, month: month, year: year, isLeapMonth: true)) == start)
        #expect(LunarCalendar.lunar(from: start) == LunarDate(day: 1, month: month, year: year, isLeapMonth: true))
        #expect(LunarCalendar.lunar(from: start.adding(days: -1)).isLeapMonth == false)
    }
}

@Suite("LunarCalendar conversions")
struct LunarConversionTests {
    /// Solar → lunar → solar for every day of the year, and the lunar days run 1, 2, … without gaps.
    /// 2054 and 2062 hold the days (7/5/2054, 9/4/2062) that once came out as "day 0" of the
    /// next month: the guess of the month from the mean lunation was a month off.
    @Test("every day of a year round-trips, and lunar days run on without gaps",
          arguments: [1900, 1938, 1968, 1985, 2007, 2020, 2023, 2025, 2033, 2054, 2062, 2072, 2085, 2100])
    func everyDayRoundTrips(year: Int) throws {
        var d = day(year, 1, 1)
        var previous = LunarCalendar.lunar(from: d.adding(days: -1))
        while d.year == year {
            let l = LunarCalendar.lunar(from: d)
            #expect(LunarCalendar.solar(from: l) == d, "\(d) → \(l)")
            #expect((1...30).contains(l.day) && (1...12).contains(l.month), "\(d) → \(l)")
            if l.day == 1 {
                #expect((29...30).contains(previous.day), "\(d): month before ends on day \(previous.day)")
                let nextMonth = previous.month % 12 + 1
                #expect(l.month == nextMonth && !l.isLeapMonth || l.month == previous.month && l.isLeapMonth && !previous.isLeapMonth,
                        "\(d): \(previous) → \(l)")
                #expect(l.year == (l.month == 1 && !l.isLeapMonth ? previous.year + 1 : previous.year), "\(d): \(previous) → \(l)")
            } else {
                #expect(l == LunarDate(day: previous.day + 1, month: previous.month, year: previous.year, isLeapMonth: previous.isLeapMonth),
                        "\(d): \(previous) → \(l)")
            }
            previous = l
            d = d.adding(days: 1)
        }
    }

    /// Lunar → solar → lunar for every lunar date of leap-month years, leap months included
    /// (1985 leap 2, 2020 leap 4, 2023 leap 2, 2025 leap 6, 2033 leap 11).
    @Test("every lunar date of a leap year round-trips", arguments: [1985, 2020, 2023, 2025, 2033])
    func everyLunarDateRoundTrips(year: Int) {
        var count = 0
        for month in 1...12 {
            for leap in [false, true] {
                for d in 1...30 {
                    let l = LunarDate(day: d, month: month, year: year, isLeapMonth: leap)
                    guard let s = LunarCalendar.solar(from: l) else { continue }
                    #expect(LunarCalendar.lunar(from: s) == l)
                    count += 1
                }
            }
        }
        // A leap year has 13 months: 383 to 385 days.
        #expect((383...385).contains(count), "\(year): \(count) days")
        #expect(LunarCalendar.tet(year + 1).daysSinceEpoch - LunarCalendar.tet(year).daysSinceEpoch == Int64(count))
    }

    @Test("invalid lunar dates have no solar date",
          arguments: [
              LunarDate(day: 1, month: 4, year: 2022, isLeapMonth: true),   // 2022 has no leap month
              LunarDate(day: 1, month: 5, year: 2020, isLeapMonth: true),   // 2020's leap month is 4
              LunarDate(day: 30, month: 4, year: 2020, isLeapMonth: true),  // leap 4/2020 has 29 days
              LunarDate(day: 30, month: 1, year: 2023),                     // 1/2023 has 29 days
              LunarDate(day: 31, month: 2, year: 2023),
              LunarDate(day: 0, month: 1, year: 2024),
              LunarDate(day: -3, month: 1, year: 2024),
              LunarDate(day: 1, month: 0, year: 2024),
              LunarDate(day: 1, month: 13, year: 2024),
              LunarDate(day: 1, month: -1, year: 2024),
              LunarDate(day: 1, month: 1, year: 0),
              LunarDate(day: 1, month: 1, year: 10_000),
          ])
    func invalidDates(_ date: LunarDate) {
        #expect(LunarCalendar.solar(from: date) == nil)
    }

    @Test("the last day of a 30-day month exists; of a 29-day month, day 30 does not")
    func monthLengths() {
        // 2025: month 1 has 30 days (29/1 – 27/2), month 2 has 29 (28/2 – 28/3).
        #expect(LunarCalendar.solar(from: LunarDate(day: 30, month: 1, year: 2025)) == day(2025, 2, 27))
        #expect(LunarCalendar.solar(from: LunarDate(day: 29, month: 2, year: 2025)) == day(2025, 3, 28))
        #expect(LunarCalendar.solar(from: LunarDate(day: 30, month: 2, year: 2025)) == nil)
    }

    @Test("months 11 and 12 belong to the lunar year that started before them")
    func monthsElevenAndTwelve() {
        // 2024-12-31 is 1/12 âm lịch of Giáp Thìn (2024); Tết Ất Tỵ is 2025-01-29.
        #expect(LunarCalendar.lunar(from: day(2024, 12, 31)) == LunarDate(day: 1, month: 12, year: 2024))
        #expect(LunarCalendar.lunar(from: day(2025, 1, 28)) == LunarDate(day: 29, month: 12, year: 2024))
        #expect(LunarCalendar.solar(from: LunarDate(day: 1, month: 12, year: 2024)) == day(2024, 12, 31))
        // The winter solstice (21/12/2024) is in month 11.
        #expect(LunarCalendar.lunar(from: day(2024, 12, 21)).month == 11)
    }

    @Test("dates at the ends of the civil range do not crash")
    func rangeEnds() {
        _ = LunarCalendar.lunar(from: day(1, 1, 1))
        _ = LunarCalendar.lunar(from: day(9999, 12, 31))
        _ = LunarCalendar.solar(from: LunarDate(day: 1, month: 1, year: 1))
        _ = LunarCalendar.solar(from: LunarDate(day: 1, month: 12, year: 9999))
    }
}
