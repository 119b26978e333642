#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A date in the Vietnamese lunisolar calendar (âm lịch).
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    public var day: Int
    public var month: Int
    public var year: Int
    /// A leap month (tháng nhuận) repeats the number of the month before it.
    public var isLeapMonth: Bool

    public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }

    public var description: String { "\(day)/\(month)\(isLeapMonth ? " nhuận" : "")/\(year) âm lịch" }
}

/// The Vietnamese lunisolar calendar, computed astronomically for UTC+7.
///
/// Months start on the day (in UTC+7) of the astronomical new moon; month 11 holds the winter
/// solstice; a leap year's leap month is the first without a major solar term. This is the
/// method of Hồ Ngọc Đức's published algorithm ("Thuật toán tính âm lịch"), itself after Jean
/// Meeus' *Astronomical Algorithms*. The time zone matters: Foundation's Chinese calendar uses
/// UTC+8 and puts some new moons (hence Tết 1985, 2007 …) on another day.
public enum LunarCalendar {
    /// Vietnam's offset from UTC, in hours, used for new moons and solar terms.
    public static let timeZone = 7.0

    // MARK: conversions

    public static func lunar(from date: CivilDate) -> LunarDate {
        let tz = timeZone
        let dayNumber = julianDay(date)
        // The k-th new moon from the mean lunation, then corrected both ways: the true new moon
        // can be far enough from the mean one that both first guesses are after the day
        // (7/5/2054 and 9/4/2062 came out as "day 0" of the next month, not day 30).
        var k = Int(floor((Double(dayNumber) - 2_415_021.076998695) / 29.530588853))
        var monthStart = newMoonDay(k + 1, tz)
        while monthStart > dayNumber {
            k -= 1
            monthStart = newMoonDay(k + 1, tz)
        }
        while newMoonDay(k + 2, tz) <= dayNumber {
            k += 1
            monthStart = newMoonDay(k + 1, tz)
        }
        var a11 = lunarMonth11(date.year, tz)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = date.year
            a11 = lunarMonth11(date.year - 1, tz)
        } else {
            lunarYear = date.year + 1
            b11 = lunarMonth11(date.year + 1, tz)
        }
        let lunarDay = dayNumber - monthStart + 1
        let diff = Int(floor(Double(monthStart - a11) / 29))
        var isLeap = false
        var lunarMonth = diff + 11
        if b11 - a11 > 365 {
            let leapMonthDiff = leapMonthOffset(a11, tz)
            if diff >= leapMonthDiff {
                lunarMonth = diff + 10
                if diff == leapMonthDiff { isLeap = true }
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        if lunarMonth >= 11 && diff < 4 { lunarYear -= 1 }
        return LunarDate(day: lunarDay, month: lunarMonth, year: lunarYear, isLeapMonth: isLeap)
    }

    /// The solar date of a lunar date; `nil` when it does not exist (a leap month that year
    /// does not have, day 30 of a 29-day month, a day below 1 or a month outside 1…12) or is
    /// outside the years 1…9998.
    public static func solar(from lunar: LunarDate) -> CivilDate? {
        guard (1...12).contains(lunar.month), lunar.day >= 1, (1...9998).contains(lunar.year) else { return nil }
        let tz = timeZone
        let a11: Int, b11: Int
        if lunar.month < 11 {
            a11 = lunarMonth11(lunar.year - 1, tz)
            b11 = lunarMonth11(lunar.year, tz)
        } else {
            a11 = lunarMonth11(lunar.year, tz)
            b11 = lunarMonth11(lunar.year + 1, tz)
        }
        let k = Int(floor(0.5 + (Double(a11) - 2_415_021.076998695) / 29.530588853))
        var off = lunar.month - 11
        if off < 0 { off += 12 }
        if b11 - a11 > 365 {
            let leapOff = leapMonthOffset(a11, tz)
            var leapMonth = leapOff - 2
            if leapMonth < 0 { leapMonth += 12 }
            if lunar.isLeapMonth && lunar.month != leapMonth { return nil }
            if lunar.isLeapMonth || off >= leapOff { off += 1 }
        } else if lunar.isLeapMonth {
            return nil
        }
        let monthStart = newMoonDay(k + off, tz)
        let nextStart = newMoonDay(k + off + 1, tz)
        guard lunar.day <= nextStart - monthStart else { return nil }
        return civilDate(julianDay: monthStart + lunar.day - 1)
    }

    /// Mùng 1 Tết: the first day of the lunar year that begins in `year`.
    public static func tet(_ year: Int) -> CivilDate {
        solar(from: LunarDate(day: 1, month: 1, year: year))!
    }

    // MARK: astronomy (all pure functions of their arguments)

    static func julianDay(_ d: CivilDate) -> Int {
        Int(d.daysSinceEpoch) + 2_440_588
    }

    static func civilDate(julianDay jd: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: Int64(jd - 2_440_588))
    }

    /// The day (Julian day number, local to `tz`) of the k-th new moon after 1900-01-01.
    static func newMoonDay(_ k: Int, _ tz: Double) -> Int {
        let kd = Double(k)
        let t = kd / 1236.85
        let t2 = t * t, t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT: Double
        if t < -11 {
            deltaT = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
        } else {
            deltaT = -0.000278 + 0.000265 * t + 0.000262 * t2
        }
        let jdNew = jd1 + c1 - deltaT
        return Int(floor(jdNew + 0.5 + tz / 24))
    }

    /// The sun's longitude at local midnight starting day `jdn`, in sectors of 30° (0…11).
    static func sunLongitudeSector(_ jdn: Int, _ tz: Double) -> Int {
        let t = (Double(jdn) - 2_451_545.5 - tz / 24) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= Double.pi * 2 * floor(l / (Double.pi * 2))
        return Int(floor(l / Double.pi * 6))
    }

    /// The start of lunar month 11 (the one holding the winter solstice) of `year`.
    static func lunarMonth11(_ year: Int, _ tz: Double) -> Int {
        // 31 December of `year` (any year: no CivilDate, whose range stops at 1…9999).
        let y = year + 4800
        let dec31 = 31 + 275 + 365 * y + Int(floor(Double(y) / 4)) - Int(floor(Double(y) / 100)) + Int(floor(Double(y) / 400)) - 32045
        let off = dec31 - 2_415_021
        let k = Int(floor(Double(off) / 29.530588853))
        var nm = newMoonDay(k, tz)
        if sunLongitudeSector(nm, tz) >= 9 { nm = newMoonDay(k - 1, tz) }
        return nm
    }

    /// Which month after month 11 is the leap month, in a 13-month year starting at `a11`.
    static func leapMonthOffset(_ a11: Int, _ tz: Double) -> Int {
        let k = Int(floor((Double(a11) - 2_415_021.076998695) / 29.530588853 + 0.5))
        var i = 1
        var arc = sunLongitudeSector(newMoonDay(k + i, tz), tz)
        var last = 0
        repeat {
            last = arc
            i += 1
            arc = sunLongitudeSector(newMoonDay(k + i, tz), tz)
        } while arc != last && i < 14
        return i - 1
    }
}
