/// Which days an office works, and the two policies built on it: moving a deadline that falls
/// on a day off, and delivering reminders only in office hours. Pure; the zone is a parameter.
public struct WorkingCalendar: Hashable, Sendable {
    public var rules: HolidayRules
    /// Office hours, minutes after midnight: [open, close).
    public var opensAt: Int
    public var closesAt: Int
    public static let yearsCovered = 1900...2100

    public init(rules: HolidayRules = .vietnam, opensAt: Int = 7 * 60 + 30, closesAt: Int = 17 * 60) {
        self.rules = rules
        self.opensAt = opensAt
        self.closesAt = closesAt
    }

    /// One year's days off: the official schedule for its years (``OfficialDaysOff``), else the
    /// public holidays with the weekend rule applied; computed when first asked for: a command
    /// that touches two dates should not pay for two centuries of lunar maths.
    func daysOff(in year: Int) -> YearDaysOff {
        HolidayYearCache.shared.days(rules, year) { WorkingCalendar.schedule(rules, year) }
    }

    /// The days off of `year` with their reasons, and its weekend days worked ("làm bù"): the
    /// official schedule when it covers the year, the computed rule otherwise.
    static func schedule(_ rules: HolidayRules, _ year: Int) -> (names: [CivilDate: String], working: [CivilDate: String]) {
        if rules.officialSchedule, let official = OfficialDaysOff.year(year) {
            return (Dictionary(official.daysOff.map { ($0.date, $0.reason) }, uniquingKeysWith: { a, _ in a }),
                    Dictionary(official.workingDays.map { ($0.date, $0.reason) }, uniquingKeysWith: { a, _ in a }))
        }
        return (holidaysWithCompensation(rules, year), [:])
    }

    /// Holidays plus, for each one that falls on a Saturday or Sunday, the next working day.
    static func holidaysWithCompensation(_ rules: HolidayRules, _ year: Int) -> [CivilDate: String] {
        var days = rules.holidays(in: year)
        for (day, name) in days.sorted(by: { $0.key < $1.key }) where day.weekday == 0 || day.weekday == 6 {
            var next = day.adding(days: 1)
            while next.weekday == 0 || next.weekday == 6 || days[next] != nil { next = next.adding(days: 1) }
            if next.year == year { days[next] = "Nghỉ bù \(name)" }
        }
        return days
    }

    /// Why `day` is a day off, or `nil` for a working day.
    public func dayOffReason(_ day: CivilDate) -> String? {
        if rules.extraWorkingDays.contains(day) { return nil }
        if rules.extraDaysOff.contains(day) { return "Ngày nghỉ theo quyết định" }
        let year = daysOff(in: day.year)
        if let name = year.names[day] {
            return name
        }
        if year.working[day] != nil { return nil }
        if day.weekday == 0 { return "Chủ nhật" }
        if day.weekday == 6 { return "Thứ bảy" }
        return nil
    }

    /// `dayOffReason(day) == nil`, without making the reason: the cheapest checks first, no
    /// hashing for empty sets of extra days, and a holiday found by one bit. A weekend is off
    /// without a look at the year's days, unless it is one of the official Saturdays worked.
    public func isWorkingDay(_ day: CivilDate) -> Bool {
        if !rules.extraWorkingDays.isEmpty, rules.extraWorkingDays.contains(day) { return true }
        if !rules.extraDaysOff.isEmpty, rules.extraDaysOff.contains(day) { return false }
        let weekday = day.weekday
        if weekday == 0 || weekday == 6 { return rules.officialSchedule && OfficialDaysOff.isWorkingWeekend(day) }
        return !daysOff(in: day.year).contains(day)
    }

    /// The first working day on or after `day`.
    public func workingDay(onOrAfter day: CivilDate) -> CivilDate {
        var d = day
        // Tết plus a weekend is the longest run of days off: a few weeks is a safe bound. (A
        // `for … where` loop here asked all 60 times, even once a working day was found: most
        // of a daemon's start went to that.)
        var days = 0
        while days < 60, !isWorkingDay(d) {
            d = d.adding(days: 1)
            days += 1
        }
        return d
    }

    /// A deadline whose day (the day of its last moment) is a day off moves to the end of the
    /// next working day (Civil Code 2015, art. 148). Never earlier, never onto a day off.
    public func shift(deadline: Instant, zone: Zone) -> (due: Instant, movedFrom: CivilDate?) {
        let lastDay = zone.date(of: deadline.adding(seconds: -1))
        guard !isWorkingDay(lastDay) else { return (deadline, nil) }
        let working = workingDay(onOrAfter: lastDay)
        return (zone.instant(working.adding(days: 1)), lastDay)
    }

    /// The first moment at or after `t` inside office hours on a working day.
    public func nextOpening(_ t: Instant, zone: Zone) -> Instant {
        let day = zone.date(of: t)
        let clock = zone.timeOfDay(of: t)
        let minute = clock.hour * 60 + clock.minute
        if isWorkingDay(day) {
            if minute < opensAt { return zone.instant(day, hour: opensAt / 60, minute: opensAt % 60) }
            if minute < closesAt { return t }
        }
        let next = workingDay(onOrAfter: day.adding(days: 1))
        return zone.instant(next, hour: opensAt / 60, minute: opensAt % 60)
    }
}
