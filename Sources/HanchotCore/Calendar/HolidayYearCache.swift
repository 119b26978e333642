import Synchronization

/// A process-wide memo of each year's public holidays, shared by every ``WorkingCalendar`` value.
///
/// The calendar stays a pure value: the memo only remembers results of a pure function of
/// (the rules that shape holidays, year), so whether a year was cached never changes an answer.
final class HolidayYearCache: Sendable {
    static let shared = HolidayYearCache()

    /// What `holidaysWithCompensation` depends on: not the extra days, which are applied later.
    private struct Key: Hashable {
        var tetDaysBefore: Int
        var tetDaysAfter: Int
        var nationalDayAdjacentBefore: Bool
        var year: Int
    }

    private let years = Mutex<[Key: [CivilDate: String]]>([:])

    func days(_ rules: HolidayRules, _ year: Int, compute: () -> [CivilDate: String]) -> [CivilDate: String] {
        let key = Key(tetDaysBefore: rules.tetDaysBefore, tetDaysAfter: rules.tetDaysAfter,
                      nationalDayAdjacentBefore: rules.nationalDayAdjacentBefore, year: year)
        if let known = years.withLock({ $0[key] }) { return known }
        let fresh = compute()
        years.withLock { $0[key] = fresh }
        return fresh
    }
}
