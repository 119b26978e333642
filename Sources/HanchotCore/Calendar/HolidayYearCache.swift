import Synchronization

/// A process-wide memo of each year's days off, shared by every ``WorkingCalendar`` value.
///
/// The calendar stays a pure value: the memo only remembers results of a pure function of
/// (the rules that shape holidays, year), so whether a year was cached never changes an answer.
final class HolidayYearCache: Sendable {
    static let shared = HolidayYearCache()

    /// What a year's schedule depends on: not the extra days, which are applied later.
    private struct Key: Hashable {
        var tetDaysBefore: Int
        var tetDaysAfter: Int
        var nationalDayAdjacentBefore: Bool
        var officialSchedule: Bool
        var year: Int
    }

    private let years = Mutex<[Key: YearDaysOff]>([:])

    func days(_ rules: HolidayRules, _ year: Int,
              compute: () -> (names: [CivilDate: String], working: [CivilDate: String])) -> YearDaysOff {
        let key = Key(tetDaysBefore: rules.tetDaysBefore, tetDaysAfter: rules.tetDaysAfter,
                      nationalDayAdjacentBefore: rules.nationalDayAdjacentBefore,
                      officialSchedule: rules.officialSchedule, year: year)
        if let known = years.withLock({ $0[key] }) { return known }
        let schedule = compute()
        let fresh = YearDaysOff(year: year, names: schedule.names, working: schedule.working)
        years.withLock { $0[key] = fresh }
        return fresh
    }
}

/// One year's days off (public holidays with the weekend rule applied, or the official
/// schedule), by name, and as a bit per day of the year: planning asks "is this day off"
/// millions of times when a daemon starts, and a bit answers without hashing the day.
final class YearDaysOff: Sendable {
    let names: [CivilDate: String]
    /// Saturdays and Sundays worked in exchange ("làm bù"), with the reason. `isWorkingDay`
    /// asks ``OfficialDaysOff`` instead, without a lookup of the year.
    let working: [CivilDate: String]
    /// Days since the epoch of 1 January (nil for a year a `CivilDate` cannot hold).
    private let firstDay: Int64?
    private let bits: [UInt64]

    init(year: Int, names: [CivilDate: String], working: [CivilDate: String] = [:]) {
        self.names = names
        self.working = working
        firstDay = CivilDate(year: year, month: 1, day: 1)?.daysSinceEpoch
        var bits = [UInt64](repeating: 0, count: 6)  // 366 days fit in 6 words
        if let firstDay {
            for day in names.keys {
                let i = Int(day.daysSinceEpoch - firstDay)
                if i >= 0, i < 6 * 64 { bits[i >> 6] |= 1 << UInt64(i & 63) }
            }
        }
        self.bits = bits
    }

    /// Whether `day` is one of the year's days off (besides ordinary weekends).
    @inline(__always)
    func contains(_ day: CivilDate) -> Bool {
        guard let firstDay else { return names[day] != nil }
        let i = Int(day.daysSinceEpoch - firstDay)
        guard i >= 0, i < 6 * 64 else { return names[day] != nil }
        return bits[i >> 6] & (1 << UInt64(i & 63)) != 0
    }
}
