/// Vietnam's public holidays (Labour Code 2019, art. 112) and the government's yearly changes.
///
/// The computed days: 1/1; Tết Nguyên Đán (by default the last day of the old lunar year and
/// the first four of the new: five days); Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 and
/// one adjacent day; from 2026, Ngày Văn hóa Việt Nam (24/11, Nghị quyết 28/2026/QH16). A
/// holiday that falls on a weekend gives the next working day off (art. 111.3).
///
/// Each year the government fixes the exact days (which five are Tết, the day beside 2/9, days
/// swapped for a Saturday "làm bù"). For the years of ``OfficialDaysOff`` (2018 to its
/// `latestYear`) those official days replace the computed ones, unless `officialSchedule` is
/// off; the Tết and 2/9 settings below shape only the computed years. `extraDaysOff` and
/// `extraWorkingDays` (`[calendar]` in the config) override both.
public struct HolidayRules: Hashable, Sendable {
    public var tetDaysBefore: Int
    public var tetDaysAfter: Int
    /// Whether the day adjacent to 2/9 is 1/9 (`true`) or 3/9.
    public var nationalDayAdjacentBefore: Bool
    public var extraDaysOff: Set<CivilDate>
    public var extraWorkingDays: Set<CivilDate>
    /// Whether the years of ``OfficialDaysOff`` use the government's schedule (`true`) or the
    /// computed rule like every other year.
    public var officialSchedule: Bool

    public init(tetDaysBefore: Int = 1, tetDaysAfter: Int = 4, nationalDayAdjacentBefore: Bool = true,
                extraDaysOff: Set<CivilDate> = [], extraWorkingDays: Set<CivilDate> = [],
                officialSchedule: Bool = true) {
        self.tetDaysBefore = tetDaysBefore
        self.tetDaysAfter = tetDaysAfter
        self.nationalDayAdjacentBefore = nationalDayAdjacentBefore
        self.extraDaysOff = extraDaysOff
        self.extraWorkingDays = extraWorkingDays
        self.officialSchedule = officialSchedule
    }

    public static let vietnam = HolidayRules()

    /// The public holidays of a Gregorian year by the rule, with their names (before the weekend
    /// rule; whatever the official schedule says).
    public func holidays(in year: Int) -> [CivilDate: String] {
        var days: [CivilDate: String] = [:]
        func add(_ d: CivilDate?, _ name: String) { if let d, d.year == year { days[d] = name } }
        add(CivilDate(year: year, month: 1, day: 1), "Tết Dương lịch")
        // Tết falls between 21 January and 20 February, so all its days are in the same year.
        let tet = LunarCalendar.tet(year)
        for k in -tetDaysBefore..<tetDaysAfter {
            add(tet.adding(days: k), k < 0 ? "Tết Nguyên Đán (cuối năm)" : "Tết Nguyên Đán (mùng \(k + 1))")
        }
        add(LunarCalendar.solar(from: LunarDate(day: 10, month: 3, year: year)), "Giỗ Tổ Hùng Vương")
        add(CivilDate(year: year, month: 4, day: 30), "Ngày Chiến thắng")
        add(CivilDate(year: year, month: 5, day: 1), "Quốc tế Lao động")
        add(CivilDate(year: year, month: 9, day: 2), "Quốc khánh")
        add(CivilDate(year: year, month: 9, day: nationalDayAdjacentBefore ? 1 : 3), "Quốc khánh (ngày liền kề)")
        for law in OfficialDaysOff.lawAdditions where year >= law.fromYear {
            add(CivilDate(year: year, month: law.month, day: law.day), law.name)
        }
        return days
    }
}
