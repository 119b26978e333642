/// Vietnam's official days off, year by year, as the government announced them for the civil
/// service (cán bộ, công chức, viên chức: offices that rest on Saturday and Sunday). One table,
/// one entry per calendar year from 2018 to ``latestYear``: every day off with its reason and the
/// document it comes from, and every weekend day worked in exchange ("làm bù") with the day it
/// pays back.
///
/// For a year in the table the table decides: it replaces the computed rule (``HolidayRules``)
/// for that year. Later years fall back to the rule. `[calendar]` in the config (`days_off`,
/// `working_days`) still overrides both. See docs/deadlines.md, §7a "Official days off".
///
/// How the law works. The Labour Code lists the holidays: Bộ luật Lao động 2012 art. 115 (to
/// 2020: 1/1, five days of Tết, Giỗ Tổ 10/3 lunar, 30/4, 1/5, 2/9) and Bộ luật Lao động 2019
/// art. 112 (from 2021: the same plus one day adjacent to 2/9, before or after). A holiday on the
/// weekly rest day is made up on the next working day (2012 art. 115.3; 2019 art. 111.3). Each
/// year the Prime Minister fixes which five days are Tết and which day is beside 2/9, and may swap
/// a weekday for a Saturday ("hoán đổi ngày làm việc") to join a holiday to a weekend; the
/// Government Office (Văn phòng Chính phủ, VPCP) conveys the decision and the ministry in charge
/// (Bộ Lao động – Thương binh và Xã hội to 2025, Bộ Nội vụ from 2026) announces it. Since
/// 1 July 2026 Nghị quyết 28/2026/QH16 adds Ngày Văn hóa Việt Nam, 24/11, a paid day off.
///
/// How the table was checked (2018–2026): each year's days agree with python-holidays 0.109
/// (`scripts/make-holiday-reference.py`, the reference test) except 2/1/2026 and 10/1/2026, a swap
/// the library lacks. The schedules themselves were read in government pages and the press
/// (cited per year below); the document numbers are as those pages give them. Where a number or
/// date could not be confirmed, the citation says so rather than guess.
///
/// To add a year: copy the last entry, take the days from the year's notice (Tết, 2/9 and any
/// swap; the fixed holidays and their make-up from the Code), cite the documents, move
/// ``latestYear``, and set the year's bit in `workingWeekendYears` if a Saturday is worked.
/// `swift test --filter OfficialDaysOff` checks the table (docs/deadlines.md, §7a).
public enum OfficialDaysOff {
    /// A day off: a holiday (on any weekday, weekends included, so that its make-up day is
    /// explained), a day made up for one, or a weekday swapped for a Saturday.
    public struct DayOff: Hashable, Sendable {
        public let date: CivilDate
        /// Why, in Vietnamese: "Tết Nguyên Đán (mùng 1)", "Nghỉ bù Giỗ Tổ Hùng Vương".
        public let reason: String
        /// The document: "Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Bộ LĐTB&XH)".
        public let source: String
    }

    /// A Saturday worked in exchange for a weekday off ("làm bù").
    public struct WorkingDay: Hashable, Sendable {
        public let date: CivilDate
        /// The weekday off it pays back (in the same year or, for 5/1/2019, the year before).
        public let paysBack: CivilDate
        public let source: String

        /// "Làm bù cho thứ Hai 29/04/2024".
        public var reason: String { "Làm bù cho \(OfficialDaysOff.weekdayName(paysBack)) \(paysBack.dayMonthYear)" }
    }

    /// One calendar year of the official schedule.
    public struct Year: Sendable {
        public let year: Int
        public let daysOff: [DayOff]
        public let workingDays: [WorkingDay]

        /// The documents the year's days come from, in the order first cited.
        public var sources: [String] {
            var seen = Set<String>()
            return (daysOff.map(\.source) + workingDays.map(\.source)).filter { seen.insert($0).inserted }
        }
    }

    /// The first and the last year the table covers.
    public static let firstYear = 2018
    public static let latestYear = 2026

    /// The official schedule of `year`, or `nil` when the year falls back to the rule.
    public static func year(_ year: Int) -> Year? {
        guard year >= firstYear, year <= latestYear else { return nil }
        return table[year - firstYear]
    }

    /// Whether `day`, a Saturday or Sunday, is worked in exchange for a weekday off: for
    /// `isWorkingDay`, which asks it of every weekend day, so a constant answers for the years
    /// without one (almost all) and a scan of a handful of days for the others.
    @inline(__always)
    static func isWorkingWeekend(_ day: CivilDate) -> Bool {
        let i = day.year - firstYear
        guard i >= 0, i < 64, workingWeekendYears & (1 << UInt64(i)) != 0 else { return false }
        return workingWeekendDays.contains(day.daysSinceEpoch)
    }

    /// A bit per year from `firstYear`, set for the years with a weekend day worked (2019, 2024,
    /// 2025, 2026). A constant, not computed from the table, so that the check needs no lazy
    /// global; `OfficialDaysOffTests` checks that it matches the table.
    static var workingWeekendYears: UInt64 { 0b1_1100_0010 }

    /// The weekend days worked, as days since the epoch.
    static let workingWeekendDays: [Int64] = table.flatMap { $0.workingDays.map(\.date.daysSinceEpoch) }

    /// "thứ Hai" … "thứ Bảy", "Chủ nhật".
    public static func weekdayName(_ day: CivilDate) -> String {
        ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"][day.weekday]
    }

    // MARK: - Sources

    /// The statute, for the fixed holidays and their make-up days.
    static let labourCode2012 = "Bộ luật Lao động 2012, Điều 115"
    static let labourCode2019 = "Bộ luật Lao động 2019, Điều 112 và Điều 111 khoản 3"
    static let cultureDay = "Nghị quyết 28/2026/QH16 của Quốc hội (hiệu lực từ 01/07/2026)"

    // 2018. Tết 14–20/02/2018 as the Prime Minister agreed at the standing Government meeting of
    // 5/12/2017 (press of December 2017; the Cà Mau provincial service centre's notice gives the
    // days and says 19 and 20/02 make up mùng 2 and mùng 3 on the weekend). The number of the
    // ministry's notice was not found: it is not cited. 31/12/2018 is in 2019's Công văn.
    static let tet2018 = "Ý kiến Thủ tướng Chính phủ ngày 05/12/2017 về nghỉ Tết Âm lịch 2018, do Bộ LĐTB&XH thông báo (số văn bản chưa đối chiếu)"
    // 2019. Read in full (thuvienphapluat.vn): Tết Dương lịch 31/12/2018–01/01/2019, làm bù
    // 05/01/2019; Tết 04–08/02/2019; 29/04–01/05/2019, làm bù 04/05/2019.
    static let cv6519 = "Công văn 6519/VPCP-KGVX ngày 11/07/2018 (Văn phòng Chính phủ)"
    // 2020. Tết 23–29/01/2020 (29 tháng Chạp to mùng 5), as the Đắk Lắk Department of Industry
    // and Trade relayed it on 07/01/2020; the ministry's notice number was not found.
    static let tet2020 = "Thông báo của Bộ LĐTB&XH về nghỉ Tết Âm lịch 2020 (số văn bản chưa đối chiếu)"
    // 2021. Tết 10–16/02/2021, two days before Tết and three after, 15 and 16/02 making up
    // mùng 2 and mùng 3 on the weekend; Quốc khánh 02–05/09/2021 (2 and 3/9 off).
    static let tb4875 = "Thông báo 4875/TB-LĐTBXH (Bộ LĐTB&XH) về nghỉ Tết Âm lịch và Quốc khánh 2021"
    // 2022. Tết 31/01–04/02/2022 (five days and the four weekend days around them): Công văn 245
    // of 11/01/2022 (press of 12/01/2022), announced by the ministry's Thông báo 119/TB-LĐTBXH
    // (number as secondary sources give it). Quốc khánh 01–04/09/2022: 1 and 2/9 off.
    static let tb119 = "Công văn 245/VPCP-KGVX ngày 11/01/2022; Thông báo 119/TB-LĐTBXH (Bộ LĐTB&XH)"
    // 2023. Công văn 8056 (read in the press, 01/12/2022): Tết 20–26/01/2023, Quốc khánh
    // 01–04/09/2023 (2/9 a Saturday, made up on Monday 4/9).
    static let tb5034 = "Công văn 8056/VPCP-KGVX ngày 01/12/2022; Thông báo 5034/TB-LĐTBXH (Bộ LĐTB&XH)"
    // 2024. Tết 08–14/02/2024, Quốc khánh 31/08–03/09/2024 (2 and 3/9 off).
    static let tb5015 = "Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Bộ LĐTB&XH)"
    // 2024, 30/4: Monday 29/4 off, Saturday 4/5 worked (the swap python-holidays cites).
    static let cv2450 = "Công văn 2450/VPCP-KGVX (04/2024); Thông báo 1570/TB-LĐTBXH (Bộ LĐTB&XH)"
    // 2025. Công văn 8726 (26/11/2024) conveys the Prime Minister's decision for Tết and other
    // holidays of 2025; Thông báo 6150 (ngày chưa đối chiếu) announces it: Tết 25/01–02/02/2025
    // (26 tháng Chạp to mùng 5: five days 27–31/01 and four weekend days), Friday 2/5 off for
    // Saturday 26/4, Quốc khánh 30/08–02/09/2025 (1 and 2/9 off).
    static let tb6150 = "Công văn 8726/VPCP-KGVX ngày 26/11/2024; Thông báo 6150/TB-LĐTBXH (Bộ LĐTB&XH)"
    // 2026. Tết Dương lịch 01–04/01/2026, Friday 2/1 off for Saturday 10/1 (press of 25/12/2025;
    // python-holidays 0.109 does not have this swap).
    static let cv12729 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Văn phòng Chính phủ)"
    // 2026. Tết 16–20/02/2026 (29 tháng Chạp to mùng 4; with the weekends 14–22/02); Quốc khánh
    // 29/08–02/09/2026: 1 and 2/9 off, Monday 31/8 off for Saturday 22/8.
    static let tb9441 = "Thông báo 9441/TB-BNV ngày 16/10/2025 (Bộ Nội vụ)"
    // 2026, Giỗ Tổ (Sunday 26/4, made up on Monday 27/4) and 30/4–1/5 (Thursday, Friday): the
    // Code's days, no swap (a Bộ Nội vụ letter of April 2026, 3383/BNV-CVL, says so per
    // secondary sources; not read).

    // MARK: - The table

    private typealias Off = (month: Int, day: Int, reason: String, source: String)
    private typealias Worked = (month: Int, day: Int, paysBack: CivilDate, source: String)

    private static func date(_ y: Int, _ m: Int, _ d: Int) -> CivilDate {
        guard let date = CivilDate(year: y, month: m, day: d) else { preconditionFailure("no date \(d)/\(m)/\(y)") }
        return date
    }

    private static func entry(_ year: Int, _ off: [Off], worked: [Worked] = []) -> Year {
        Year(year: year,
             daysOff: off.map { DayOff(date: date(year, $0.month, $0.day), reason: $0.reason, source: $0.source) },
             workingDays: worked.map { WorkingDay(date: date(year, $0.month, $0.day), paysBack: $0.paysBack, source: $0.source) })
    }

    /// One entry per year, `firstYear` to `latestYear`, in order.
    static let table: [Year] = [
        entry(2018, [
            (1, 1, "Tết Dương lịch", labourCode2012),
            (2, 14, "Tết Nguyên Đán (29 tháng Chạp)", tet2018),
            (2, 15, "Tết Nguyên Đán (30 tháng Chạp)", tet2018),
            (2, 16, "Tết Nguyên Đán (mùng 1)", tet2018),
            (2, 17, "Tết Nguyên Đán (mùng 2)", tet2018),
            (2, 18, "Tết Nguyên Đán (mùng 3)", tet2018),
            (2, 19, "Nghỉ bù Tết Nguyên Đán (mùng 4)", tet2018),
            (2, 20, "Nghỉ bù Tết Nguyên Đán (mùng 5)", tet2018),
            (4, 25, "Giỗ Tổ Hùng Vương", labourCode2012),
            (4, 30, "Ngày Chiến thắng", labourCode2012),
            (5, 1, "Quốc tế Lao động", labourCode2012),
            (9, 2, "Quốc khánh", labourCode2012),
            (9, 3, "Nghỉ bù Quốc khánh", labourCode2012),
            (12, 31, "Nghỉ hoán đổi dịp Tết Dương lịch 2019 (làm bù thứ Bảy 05/01/2019)", cv6519),
        ]),
        entry(2019, [
            (1, 1, "Tết Dương lịch", labourCode2012),
            (2, 4, "Tết Nguyên Đán (30 tháng Chạp)", cv6519),
            (2, 5, "Tết Nguyên Đán (mùng 1)", cv6519),
            (2, 6, "Tết Nguyên Đán (mùng 2)", cv6519),
            (2, 7, "Tết Nguyên Đán (mùng 3)", cv6519),
            (2, 8, "Tết Nguyên Đán (mùng 4)", cv6519),
            (4, 14, "Giỗ Tổ Hùng Vương", labourCode2012),
            (4, 15, "Nghỉ bù Giỗ Tổ Hùng Vương", labourCode2012),
            (4, 29, "Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/05/2019)", cv6519),
            (4, 30, "Ngày Chiến thắng", labourCode2012),
            (5, 1, "Quốc tế Lao động", labourCode2012),
            (9, 2, "Quốc khánh", labourCode2012),
        ], worked: [
            (1, 5, date(2018, 12, 31), cv6519),
            (5, 4, date(2019, 4, 29), cv6519),
        ]),
        entry(2020, [
            (1, 1, "Tết Dương lịch", labourCode2012),
            (1, 23, "Tết Nguyên Đán (29 tháng Chạp)", tet2020),
            (1, 24, "Tết Nguyên Đán (30 tháng Chạp)", tet2020),
            (1, 25, "Tết Nguyên Đán (mùng 1)", tet2020),
            (1, 26, "Tết Nguyên Đán (mùng 2)", tet2020),
            (1, 27, "Tết Nguyên Đán (mùng 3)", tet2020),
            (1, 28, "Nghỉ bù Tết Nguyên Đán (mùng 4)", tet2020),
            (1, 29, "Nghỉ bù Tết Nguyên Đán (mùng 5)", tet2020),
            (4, 2, "Giỗ Tổ Hùng Vương", labourCode2012),
            (4, 30, "Ngày Chiến thắng", labourCode2012),
            (5, 1, "Quốc tế Lao động", labourCode2012),
            (9, 2, "Quốc khánh", labourCode2012),
        ]),
        entry(2021, [
            (1, 1, "Tết Dương lịch", labourCode2019),
            (2, 10, "Tết Nguyên Đán (29 tháng Chạp)", tb4875),
            (2, 11, "Tết Nguyên Đán (30 tháng Chạp)", tb4875),
            (2, 12, "Tết Nguyên Đán (mùng 1)", tb4875),
            (2, 13, "Tết Nguyên Đán (mùng 2)", tb4875),
            (2, 14, "Tết Nguyên Đán (mùng 3)", tb4875),
            (2, 15, "Nghỉ bù Tết Nguyên Đán (mùng 4)", tb4875),
            (2, 16, "Nghỉ bù Tết Nguyên Đán (mùng 5)", tb4875),
            (4, 21, "Giỗ Tổ Hùng Vương", labourCode2019),
            (4, 30, "Ngày Chiến thắng", labourCode2019),
            (5, 1, "Quốc tế Lao động", labourCode2019),
            (5, 3, "Nghỉ bù Quốc tế Lao động", labourCode2019),
            (9, 2, "Quốc khánh", labourCode2019),
            (9, 3, "Quốc khánh (ngày liền kề)", tb4875),
        ]),
        entry(2022, [
            (1, 1, "Tết Dương lịch", labourCode2019),
            (1, 3, "Nghỉ bù Tết Dương lịch", labourCode2019),
            (1, 31, "Tết Nguyên Đán (29 tháng Chạp)", tb119),
            (2, 1, "Tết Nguyên Đán (mùng 1)", tb119),
            (2, 2, "Tết Nguyên Đán (mùng 2)", tb119),
            (2, 3, "Tết Nguyên Đán (mùng 3)", tb119),
            (2, 4, "Tết Nguyên Đán (mùng 4)", tb119),
            (4, 10, "Giỗ Tổ Hùng Vương", labourCode2019),
            (4, 11, "Nghỉ bù Giỗ Tổ Hùng Vương", labourCode2019),
            (4, 30, "Ngày Chiến thắng", labourCode2019),
            (5, 1, "Quốc tế Lao động", labourCode2019),
            (5, 2, "Nghỉ bù Ngày Chiến thắng", labourCode2019),
            (5, 3, "Nghỉ bù Quốc tế Lao động", labourCode2019),
            (9, 1, "Quốc khánh (ngày liền kề)", tb119),
            (9, 2, "Quốc khánh", labourCode2019),
        ]),
        entry(2023, [
            (1, 1, "Tết Dương lịch", labourCode2019),
            (1, 2, "Nghỉ bù Tết Dương lịch", labourCode2019),
            (1, 20, "Tết Nguyên Đán (29 tháng Chạp)", tb5034),
            (1, 21, "Tết Nguyên Đán (30 tháng Chạp)", tb5034),
            (1, 22, "Tết Nguyên Đán (mùng 1)", tb5034),
            (1, 23, "Tết Nguyên Đán (mùng 2)", tb5034),
            (1, 24, "Tết Nguyên Đán (mùng 3)", tb5034),
            (1, 25, "Nghỉ bù Tết Nguyên Đán (mùng 4)", tb5034),
            (1, 26, "Nghỉ bù Tết Nguyên Đán (mùng 5)", tb5034),
            (4, 29, "Giỗ Tổ Hùng Vương", labourCode2019),
            (4, 30, "Ngày Chiến thắng", labourCode2019),
            (5, 1, "Quốc tế Lao động", labourCode2019),
            (5, 2, "Nghỉ bù Giỗ Tổ Hùng Vương", labourCode2019),
            (5, 3, "Nghỉ bù Ngày Chiến thắng", labourCode2019),
            (9, 1, "Quốc khánh (ngày liền kề)", tb5034),
            (9, 2, "Quốc khánh", labourCode2019),
            (9, 4, "Nghỉ bù Quốc khánh", tb5034),
        ]),
        entry(2024, [
            (1, 1, "Tết Dương lịch", labourCode2019),
            (2, 8, "Tết Nguyên Đán (29 tháng Chạp)", tb5015),
            (2, 9, "Tết Nguyên Đán (30 tháng Chạp)", tb5015),
            (2, 10, "Tết Nguyên Đán (mùng 1)", tb5015),
            (2, 11, "Tết Nguyên Đán (mùng 2)", tb5015),
            (2, 12, "Tết Nguyên Đán (mùng 3)", tb5015),
            (2, 13, "Nghỉ bù Tết Nguyên Đán (mùng 4)", tb5015),
            (2, 14, "Nghỉ bù Tết Nguyên Đán (mùng 5)", tb5015),
            (4, 18, "Giỗ Tổ Hùng Vương", labourCode2019),
            (4, 29, "Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 04/05/2024)", cv2450),
            (4, 30, "Ngày Chiến thắng", labourCode2019),
            (5, 1, "Quốc tế Lao động", labourCode2019),
            (9, 2, "Quốc khánh", labourCode2019),
            (9, 3, "Quốc khánh (ngày liền kề)", tb5015),
        ], worked: [
            (5, 4, date(2024, 4, 29), cv2450),
        ]),
        entry(2025, [
            (1, 1, "Tết Dương lịch", labourCode2019),
            (1, 27, "Tết Nguyên Đán (28 tháng Chạp)", tb6150),
            (1, 28, "Tết Nguyên Đán (29 tháng Chạp)", tb6150),
            (1, 29, "Tết Nguyên Đán (mùng 1)", tb6150),
            (1, 30, "Tết Nguyên Đán (mùng 2)", tb6150),
            (1, 31, "Tết Nguyên Đán (mùng 3)", tb6150),
            (4, 7, "Giỗ Tổ Hùng Vương", labourCode2019),
            (4, 30, "Ngày Chiến thắng", labourCode2019),
            (5, 1, "Quốc tế Lao động", labourCode2019),
            (5, 2, "Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/04/2025)", tb6150),
            (9, 1, "Quốc khánh (ngày liền kề)", tb6150),
            (9, 2, "Quốc khánh", labourCode2019),
        ], worked: [
            (4, 26, date(2025, 5, 2), tb6150),
        ]),
        entry(2026, [
            (1, 1, "Tết Dương lịch", labourCode2019),
            (1, 2, "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026)", cv12729),
            (2, 16, "Tết Nguyên Đán (29 tháng Chạp)", tb9441),
            (2, 17, "Tết Nguyên Đán (mùng 1)", tb9441),
            (2, 18, "Tết Nguyên Đán (mùng 2)", tb9441),
            (2, 19, "Tết Nguyên Đán (mùng 3)", tb9441),
            (2, 20, "Tết Nguyên Đán (mùng 4)", tb9441),
            (4, 26, "Giỗ Tổ Hùng Vương", labourCode2019),
            (4, 27, "Nghỉ bù Giỗ Tổ Hùng Vương", labourCode2019),
            (4, 30, "Ngày Chiến thắng", labourCode2019),
            (5, 1, "Quốc tế Lao động", labourCode2019),
            (8, 31, "Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/08/2026)", tb9441),
            (9, 1, "Quốc khánh (ngày liền kề)", tb9441),
            (9, 2, "Quốc khánh", labourCode2019),
            (11, 24, "Ngày Văn hóa Việt Nam", cultureDay),
        ], worked: [
            (1, 10, date(2026, 1, 2), cv12729),
            (8, 22, date(2026, 8, 31), tb9441),
        ]),
    ]

    /// Holidays in force since the last Labour Code change (2019), which the computed rule adds
    /// for the years after the table: (first year, month, day, name, source).
    static let lawAdditions: [(fromYear: Int, month: Int, day: Int, name: String, source: String)] = [
        (2026, 11, 24, "Ngày Văn hóa Việt Nam", cultureDay),
    ]
}
