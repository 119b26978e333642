/// Where a year's days off come from.
public enum DaysOffSource: Hashable, Sendable {
    /// The government's schedule (``OfficialDaysOff``), from these documents.
    case official([String])
    /// No official schedule for the year (or it is turned off): the computed rule, Labour Code
    /// 2019 art. 112 with the weekend rule of art. 111.3 and the Tết and 2/9 settings.
    case rule
}

/// One line of a year's list of days off (`hanchot calendar --holidays YEAR`).
public struct ListedDay: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A holiday, a day made up for one, a swapped weekday, or a day off from `[calendar]`.
        case dayOff
        /// A Saturday or Sunday worked: in exchange for `paysBack` ("làm bù"), or from `[calendar]`.
        case workingDay(paysBack: CivilDate?)
    }

    public var date: CivilDate
    public var kind: Kind
    /// For a day off, exactly what ``WorkingCalendar/dayOffReason(_:)`` says.
    public var reason: String
    /// The document, the statute, or the config section it comes from.
    public var source: String
}

extension WorkingCalendar {
    /// The last year with an official schedule; later years fall back to the rule.
    public static var latestOfficialYear: Int { OfficialDaysOff.latestYear }

    /// Whether the days off of `year` are the official schedule or the computed rule.
    public func source(forYear year: Int) -> DaysOffSource {
        guard rules.officialSchedule, let official = OfficialDaysOff.year(year) else { return .rule }
        return .official(official.sources)
    }

    /// The source cited for a day the rule computes.
    static let ruleSource = "Bộ luật Lao động 2019, Điều 112 và Điều 111 khoản 3 (tính theo quy tắc: năm ngoài lịch chính thức)"
    static let configDaysOff = "[calendar] days_off"
    static let configWorkingDays = "[calendar] working_days"

    /// Every day off of `year` besides ordinary weekends (holidays on a weekend included) and
    /// every weekend day worked, by date, with reason and source: the official schedule or the
    /// rule, then `[calendar]`'s days off and working days, which win. A weekday listed nowhere
    /// is a working day, a weekend day listed nowhere is off.
    public func listedDays(inYear year: Int) -> [ListedDay] {
        var days: [CivilDate: ListedDay] = [:]
        if rules.officialSchedule, let official = OfficialDaysOff.year(year) {
            for d in official.daysOff {
                days[d.date] = ListedDay(date: d.date, kind: .dayOff, reason: d.reason, source: d.source)
            }
            for w in official.workingDays where days[w.date] == nil {
                days[w.date] = ListedDay(date: w.date, kind: .workingDay(paysBack: w.paysBack), reason: w.reason, source: w.source)
            }
        } else {
            for (date, name) in WorkingCalendar.holidaysWithCompensation(rules, year) {
                let law = OfficialDaysOff.lawAdditions.first { name.hasSuffix($0.name) && year >= $0.fromYear }
                days[date] = ListedDay(date: date, kind: .dayOff, reason: name, source: law?.source ?? WorkingCalendar.ruleSource)
            }
        }
        for date in rules.extraDaysOff where date.year == year {
            days[date] = ListedDay(date: date, kind: .dayOff, reason: dayOffReason(date) ?? "", source: WorkingCalendar.configDaysOff)
        }
        for date in rules.extraWorkingDays where date.year == year {
            let listed = days[date] != nil
            days[date] = nil
            if listed || date.weekday == 0 || date.weekday == 6 {
                days[date] = ListedDay(date: date, kind: .workingDay(paysBack: nil), reason: "Ngày làm việc theo cấu hình",
                                       source: WorkingCalendar.configWorkingDays)
            }
        }
        return days.values.sorted { $0.date < $1.date }
    }
}
