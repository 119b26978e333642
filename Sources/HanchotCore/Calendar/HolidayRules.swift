/// Vietnam's public holidays (Labour Code 2019, art. 112) and the government's yearly changes.
///
/// The computed days: 1/1; Tết Nguyên Đán (by default the last day of the old lunar year and
/// the first four of the new: five days); Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 and
/// one adjacent day. A holiday that falls on a weekend gives the next working day off
/// (art. 112.3). Each year the government fixes the exact days (extra Tết days, days swapped
/// for a Saturday "làm bù"): `extraDaysOff` and `extraWorkingDays` override everything computed.
public struct HolidayRules: Hashable, Sendable {
    public var tetDaysBefore: Int
    public var tetDaysAfter: Int
    /// Whether the day adjacent to 2/9 is 1/9 (`true`) or 3/9.
    public var nationalDayAdjacentBefore: Bool
    public var extraDaysOff: Set<CivilDate>
    public var extraWorkingDays: Set<CivilDate>

    public init(tetDaysBefore: Int = 1, tetDaysAfter: Int = 4, nationalDayAdjacentBefore: Bool = true,
                extraDaysOff: Set<CivilDate> = [], extraWorkingDays: Set<CivilDate> = []) {
        self.tetDaysBefore = tetDaysBefore
        self.tetDaysAfter = tetDaysAfter
        self.nationalDayAdjacentBefore = nationalDayAdjacentBefore
        self.extraDaysOff = extraDaysOff
        self.extraWorkingDays = extraWorkingDays
    }

    public static let vietnam = HolidayRules()

    /// The public holidays of a Gregorian year, with their names (before the weekend rule).
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
        return days
    }
}
