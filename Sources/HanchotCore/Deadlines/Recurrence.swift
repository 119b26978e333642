/// A deadline that comes back: "trước ngày 20 hằng tháng", "định kỳ hằng quý",
/// "sáng thứ 2 hằng tuần", "tháng 1 hằng năm".
public enum Recurrence: Hashable, Sendable {
    /// Every month; `exclusive`: before day `day` (its 00:00), else by the end of that day. In a
    /// month without day `day` (31 in April, 29–31 in February) the deadline is the end of the
    /// month's last day in both cases.
    case monthly(day: Int, exclusive: Bool)
    /// The end of every quarter.
    case quarterly
    /// Every week on `weekday` (0 = Sunday … 6 = Saturday), before `hour`:`minute` (24:00 = end of day).
    case weekly(weekday: Int, hour: Int, minute: Int)
    /// The end of month `month` every year.
    case yearly(month: Int)
    /// Every year on `day`/`month`; `exclusive`: before it (its 00:00), else by its end. A 29/2
    /// falls on 28/2's end in other years.
    case yearlyOn(month: Int, day: Int, exclusive: Bool)

    /// The first deadline strictly after `after`.
    public func next(after: Instant, zone: Zone) -> Instant {
        let today = zone.date(of: after)
        var candidates: [Instant] = []
        switch self {
        case .monthly(let day, let exclusive):
            for k in 0...2 {
                let (y, m) = CivilDate.addMonths(year: today.year, month: today.month, k)
                let last = CivilDate.daysIn(month: m, year: y)
                if day > last {
                    // No such day this month ("trước ngày 31" in April, "ngày 30" in February):
                    // either way the work is due by the end of the month's last day.
                    candidates.append(zone.instant(CivilDate(year: y, month: m, day: last)!.adding(days: 1)))
                } else {
                    let date = CivilDate(year: y, month: m, day: day)!
                    candidates.append(exclusive ? zone.instant(date) : zone.instant(date.adding(days: 1)))
                }
            }
        case .quarterly:
            for k in 0...4 {
                let (y, m) = CivilDate.addMonths(year: today.year, month: today.month, 3 * k)
                let q = (m - 1) / 3
                candidates.append(DeadlineGrammar.endOfMonth(year: y, month: q * 3 + 3, zone: zone))
            }
        case .weekly(let weekday, let hour, let minute):
            for k in 0...8 {
                let date = today.adding(days: k)
                guard date.weekday == weekday else { continue }
                candidates.append(hour >= 24 ? zone.instant(date.adding(days: 1)) : zone.instant(date, hour: hour, minute: minute))
            }
        case .yearly(let month):
            for k in 0...1 {
                candidates.append(DeadlineGrammar.endOfMonth(year: today.year + k, month: month, zone: zone))
            }
        case .yearlyOn(let month, let day, let exclusive):
            for k in 0...1 {
                let y = today.year + k
                let d = CivilDate(year: y, month: month, day: min(day, CivilDate.daysIn(month: month, year: y)))!
                candidates.append(exclusive ? zone.instant(d) : zone.instant(d.adding(days: 1)))
            }
        }
        return candidates.filter { $0 > after }.min()!
    }
}

extension CivilDate {
    static func addMonths(year: Int, month: Int, _ n: Int) -> (Int, Int) {
        let index = year * 12 + (month - 1) + n
        return (index / 12, index % 12 + 1)
    }
}
