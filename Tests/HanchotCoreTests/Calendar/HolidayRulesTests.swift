@testable import HanchotCore
import Testing

/// One working calendar for the whole suite: building it computes 201 years of holidays.
let defaultWorkingCalendar = WorkingCalendar()

// Helpers that keep the (large) calendar value out of failure messages.
func works(_ d: CivilDate, _ cal: WorkingCalendar = defaultWorkingCalendar) -> Bool { cal.isWorkingDay(d) }
func reason(_ d: CivilDate, _ cal: WorkingCalendar = defaultWorkingCalendar) -> String? { cal.dayOffReason(d) }
func opening(_ t: Instant, _ cal: WorkingCalendar = defaultWorkingCalendar) -> Instant { cal.nextOpening(t, zone: .vietnam) }
func shifted(_ t: Instant, _ cal: WorkingCalendar = defaultWorkingCalendar) -> (due: Instant, movedFrom: CivilDate?) {
    cal.shift(deadline: t, zone: .vietnam)
}

@Suite("HolidayRules")
struct HolidayRulesTests {
    @Test("2022 with the defaults: exactly these public holidays (before the weekend rule)")
    func holidays2022() {
        let days = HolidayRules.vietnam.holidays(in: 2022)
        #expect(days == [
            day(2022, 1, 1): "Tết Dương lịch",
            // Tết Nhâm Dần is 1/2/2022: one day before (30 Tết), four after (mùng 1–4).
            day(2022, 1, 31): "Tết Nguyên Đán (cuối năm)",
            day(2022, 2, 1): "Tết Nguyên Đán (mùng 1)",
            day(2022, 2, 2): "Tết Nguyên Đán (mùng 2)",
            day(2022, 2, 3): "Tết Nguyên Đán (mùng 3)",
            day(2022, 2, 4): "Tết Nguyên Đán (mùng 4)",
            day(2022, 4, 10): "Giỗ Tổ Hùng Vương",
            day(2022, 4, 30): "Ngày Chiến thắng",
            day(2022, 5, 1): "Quốc tế Lao động",
            day(2022, 9, 1): "Quốc khánh (ngày liền kề)",
            day(2022, 9, 2): "Quốc khánh",
        ])
    }

    @Test("2022 working calendar: weekend holidays give the next working days off")
    func compensation2022() {
        // 1/1/2022 is a Saturday → Monday 3/1.
        #expect(reason(day(2022, 1, 3)) == "Nghỉ bù Tết Dương lịch")
        #expect(works(day(2022, 1, 4)))
        // Tết 31/1 – 4/2 (Monday – Friday): no compensation; back on Monday 7/2.
        #expect(!works(day(2022, 1, 31)))
        for d in 1...6 { #expect(!works(day(2022, 2, d)), "\(d)/2") }
        #expect(works(day(2022, 1, 28)))
        #expect(works(day(2022, 2, 7)))
        // Giỗ Tổ 10/4/2022 is a Sunday → Monday 11/4.
        #expect(reason(day(2022, 4, 11)) == "Nghỉ bù Giỗ Tổ Hùng Vương")
        // 30/4 Saturday and 1/5 Sunday → Monday 2/5 and Tuesday 3/5; Wednesday 4/5 works.
        #expect(reason(day(2022, 5, 2)) == "Nghỉ bù Ngày Chiến thắng")
        #expect(reason(day(2022, 5, 3)) == "Nghỉ bù Quốc tế Lao động")
        #expect(works(day(2022, 5, 4)))
        // 1/9 Thursday and 2/9 Friday: no compensation.
        #expect(!works(day(2022, 9, 1)) && !works(day(2022, 9, 2)))
        #expect(works(day(2022, 9, 5)))
    }

    @Test("2022: the full list of weekday days off")
    func weekdaysOff2022() {
        var off: [CivilDate] = []
        var d = day(2022, 1, 1)
        while d.year == 2022 {
            if d.weekday != 0, d.weekday != 6, !works(d) { off.append(d) }
            d = d.adding(days: 1)
        }
        #expect(off == [
            day(2022, 1, 3), day(2022, 1, 31), day(2022, 2, 1), day(2022, 2, 2), day(2022, 2, 3), day(2022, 2, 4),
            day(2022, 4, 11), day(2022, 5, 2), day(2022, 5, 3), day(2022, 9, 1), day(2022, 9, 2),
        ])
    }

    @Test("2023 by the rule: Tết on a Sunday pushes two days of compensation after it")
    func tet2023() {
        // 2023 is a year of the official schedule (Tết 20–26/1/2023), so the computed rule is
        // checked with the schedule turned off; the official days are in OfficialDaysOffTests.
        let rule = WorkingCalendar(rules: HolidayRules(officialSchedule: false))
        // Tết Quý Mão 22/1/2023 (Sunday): 21/1 (Sat) – 25/1 (Wed); Sat 21 and Sun 22 → Thu 26, Fri 27.
        #expect(LunarCalendar.tet(2023) == day(2023, 1, 22))
        #expect(reason(day(2023, 1, 26), rule)?.hasPrefix("Nghỉ bù Tết Nguyên Đán") == true)
        #expect(reason(day(2023, 1, 27), rule)?.hasPrefix("Nghỉ bù Tết Nguyên Đán") == true)
        #expect(works(day(2023, 1, 20), rule))
        #expect(works(day(2023, 1, 30), rule))
        // The government's days instead: off Friday 20/1 (29 tháng Chạp), back on Friday 27/1.
        #expect(!works(day(2023, 1, 20)))
        #expect(reason(day(2023, 1, 26)) == "Nghỉ bù Tết Nguyên Đán (mùng 5)")
        #expect(works(day(2023, 1, 27)))
    }

    @Test("2023: Giỗ Tổ on Saturday 29/4 and 30/4 on Sunday give 2/5 and 3/5 off")
    func mayHolidays2023() {
        #expect(LunarCalendar.solar(from: LunarDate(day: 10, month: 3, year: 2023)) == day(2023, 4, 29))
        #expect(reason(day(2023, 5, 1)) == "Quốc tế Lao động")
        #expect(reason(day(2023, 5, 2)) == "Nghỉ bù Giỗ Tổ Hùng Vương")
        #expect(reason(day(2023, 5, 3)) == "Nghỉ bù Ngày Chiến thắng")
        #expect(works(day(2023, 5, 4)))
    }

    @Test("2024: the government's swap (off Monday 29/4, work Saturday 4/5) overrides the computed days")
    func governmentSwap2024() {
        // The swap is now in the official schedule (OfficialDaysOff, Công văn 2450/VPCP-KGVX), so
        // the default calendar has it; the rule alone does not, and `[calendar]` can add it to the rule.
        #expect(reason(day(2024, 4, 29))?.hasPrefix("Nghỉ hoán đổi") == true)
        #expect(works(day(2024, 5, 4)))
        let ruleOnly = HolidayRules(officialSchedule: false)
        #expect(works(day(2024, 4, 29), WorkingCalendar(rules: ruleOnly)))
        #expect(reason(day(2024, 5, 4), WorkingCalendar(rules: ruleOnly)) == "Thứ bảy")
        let swapped = WorkingCalendar(rules: HolidayRules(extraDaysOff: [day(2024, 4, 29)], extraWorkingDays: [day(2024, 5, 4)],
                                                          officialSchedule: false))
        #expect(reason(day(2024, 4, 29), swapped) == "Ngày nghỉ theo quyết định")
        #expect(works(day(2024, 5, 4), swapped))
        #expect(reason(day(2024, 5, 5), swapped) == "Chủ nhật")
        // Friday 26/4 17:00 → the office reopens Thursday 2/5 07:30.
        #expect(opening(Zone.vietnam.instant(day(2024, 4, 26), hour: 17), swapped) == Zone.vietnam.instant(day(2024, 5, 2), hour: 7, minute: 30))
    }

    @Test("extra working days override holidays, weekends and extra days off")
    func extraWorkingDaysWin() {
        let both = day(2024, 2, 12)  // mùng 3 Tết Giáp Thìn, a Monday
        let cal = WorkingCalendar(rules: HolidayRules(extraDaysOff: [both], extraWorkingDays: [both, day(2024, 1, 1), day(2024, 3, 3)]))
        #expect(works(both, cal))
        #expect(works(day(2024, 1, 1), cal))  // Tết Dương lịch
        #expect(works(day(2024, 3, 3), cal))  // a Sunday
        #expect(!works(day(2024, 2, 13), cal))
        #expect(!works(day(2024, 1, 1)))
    }

    @Test("Tết length and the day beside 2/9 follow the rules' settings")
    func settings() {
        let rules = HolidayRules(tetDaysBefore: 2, tetDaysAfter: 5, nationalDayAdjacentBefore: false)
        let days = rules.holidays(in: 2025)
        // Tết Ất Tỵ 29/1/2025: 27/1 – 2/2.
        let tet = days.filter { $0.value.hasPrefix("Tết Nguyên Đán") }.keys.sorted()
        #expect(tet == (27...31).map { day(2025, 1, $0) } + [day(2025, 2, 1), day(2025, 2, 2)])
        #expect(days[day(2025, 9, 3)] == "Quốc khánh (ngày liền kề)")
        #expect(days[day(2025, 9, 1)] == nil)
        #expect(HolidayRules.vietnam.holidays(in: 2025).filter { $0.value.hasPrefix("Tết Nguyên Đán") }.count == 5)
    }

    @Test("a year outside 1900–2100 is computed on demand")
    func outsideCoveredYears() {
        #expect(reason(day(2101, 9, 2)) == "Quốc khánh")
        #expect(reason(day(1899, 4, 30)) == "Ngày Chiến thắng")
        #expect(reason(day(2101, 1, 28)) == "Tết Nguyên Đán (cuối năm)")
    }
}

@Suite("WorkingCalendar: deadlines and office hours")
struct OfficeHoursTests {
    let zone = Zone.vietnam

    func local(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0, _ s: Int = 0) -> Instant {
        zone.instant(day(y, m, d), hour: h, minute: min, second: s)
    }

    // 2022-03-07 is a Monday; 2022-03-11 a Friday.

    @Test("07:29 waits for 07:30 the same day")
    func beforeOpening() {
        #expect(opening(local(2022, 3, 7, 7, 29)) == local(2022, 3, 7, 7, 30))
        #expect(opening(local(2022, 3, 7, 7, 29, 59)) == local(2022, 3, 7, 7, 30))
        #expect(opening(local(2022, 3, 7)) == local(2022, 3, 7, 7, 30))
    }

    @Test("inside office hours a time is delivered as is: 07:30 and 16:59:59 included")
    func insideHours() {
        for t in [local(2022, 3, 7, 7, 30), local(2022, 3, 7, 12), local(2022, 3, 7, 16, 59, 59)] {
            #expect(opening(t) == t)
        }
    }

    @Test("17:00 is closed: next working day 07:30")
    func atClosing() {
        #expect(opening(local(2022, 3, 7, 17)) == local(2022, 3, 8, 7, 30))
        #expect(opening(local(2022, 3, 7, 23, 59, 59)) == local(2022, 3, 8, 7, 30))
    }

    @Test("Friday 18:00, Saturday, Sunday night → Monday 07:30")
    func weekend() {
        let monday = local(2022, 3, 14, 7, 30)
        #expect(opening(local(2022, 3, 11, 18)) == monday)
        #expect(opening(local(2022, 3, 12, 10)) == monday)
        #expect(opening(local(2022, 3, 13, 21)) == monday)
    }

    @Test("the eve of Tết waits until after Tết: Friday 28/1/2022 17:00 → Monday 7/2/2022 07:30")
    func tetEve() {
        #expect(opening(local(2022, 1, 28, 17)) == local(2022, 2, 7, 7, 30))
        #expect(opening(local(2022, 1, 31, 9)) == local(2022, 2, 7, 7, 30))
        #expect(opening(local(2022, 1, 28, 16, 59)) == local(2022, 1, 28, 16, 59))
    }

    @Test("compensation days are skipped: Saturday 30/4/2022 → Wednesday 4/5/2022 07:30")
    func compensation() {
        #expect(opening(local(2022, 4, 29, 17, 30)) == local(2022, 5, 4, 7, 30))
    }

    @Test("other office hours: 08:00–16:30")
    func otherHours() {
        let c = WorkingCalendar(opensAt: 8 * 60, closesAt: 16 * 60 + 30)
        #expect(opening(local(2022, 3, 7, 7, 45), c) == local(2022, 3, 7, 8))
        #expect(opening(local(2022, 3, 7, 16, 30), c) == local(2022, 3, 8, 8))
        #expect(opening(local(2022, 3, 7, 16, 29), c) == local(2022, 3, 7, 16, 29))
    }

    @Test("a deadline on a working day is not moved")
    func shiftNotNeeded() {
        // "trước ngày 5/3/2022" (Saturday 00:00): its last day is Friday 4/3.
        let due = local(2022, 3, 5)
        let r = shifted(due)
        #expect(r.due == due && r.movedFrom == nil)
        let friday5pm = local(2022, 3, 11, 17)
        #expect(shifted(friday5pm).due == friday5pm)
    }

    @Test("a deadline whose last day is Sunday moves to the end of Monday")
    func shiftFromSunday() {
        // "trước ngày 7/3/2022" (Monday 00:00): last day Sunday 6/3 → end of Monday 7/3.
        let r = shifted(local(2022, 3, 7))
        #expect(r.due == local(2022, 3, 8))
        #expect(r.movedFrom == day(2022, 3, 6))
    }

    @Test("a deadline on 30/4/2022 moves past the holidays and their compensation to the end of 4/5")
    func shiftOverHolidays() {
        let r = shifted(local(2022, 4, 30, 17))
        #expect(r.due == local(2022, 5, 5))
        #expect(r.movedFrom == day(2022, 4, 30))
    }

    @Test("a deadline at the end of 30 Tết moves to the end of the first working day after Tết")
    func shiftOverTet() {
        let r = shifted(local(2022, 2, 1))
        #expect(r.due == local(2022, 2, 8))
        #expect(r.movedFrom == day(2022, 1, 31))
    }
}

@Suite("WorkingCalendar: the quick working-day check agrees with the reasons")
struct WorkingDayCheckTests {
    /// Every day of 1899–2101, for the default rules and for rules with other Tết lengths and
    /// extra days either way: `isWorkingDay` (a bit per holiday) says exactly what
    /// `dayOffReason` (holidays by name) says.
    @Test func everyDayOfTwoCenturies() {
        let special = WorkingCalendar(rules: HolidayRules(
            tetDaysBefore: 2, tetDaysAfter: 6, nationalDayAdjacentBefore: false,
            extraDaysOff: [day(2024, 4, 29), day(2025, 5, 2), day(2022, 1, 8)],
            extraWorkingDays: [day(2024, 5, 4), day(2022, 1, 1), day(2023, 9, 2)]))
        for calendar in [defaultWorkingCalendar, special] {
            var disagreements: [CivilDate] = []
            var daysOff = 0
            for n in day(1899, 1, 1).daysSinceEpoch...day(2101, 12, 31).daysSinceEpoch {
                let d = CivilDate(daysSinceEpoch: n)
                let reason = calendar.dayOffReason(d)
                if reason != nil { daysOff += 1 }
                if calendar.isWorkingDay(d) != (reason == nil) { disagreements.append(d) }
            }
            #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
            // Weekends alone are 2/7 of the days; holidays add more.
            #expect(daysOff > 74_000 * 2 / 7, "days off counted: \(daysOff)")
        }
    }
}
