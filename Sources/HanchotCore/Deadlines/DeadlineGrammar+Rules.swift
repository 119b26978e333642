extension DeadlineGrammar {
    /// Words that may lead a phrase without changing its meaning ("thời gian: xong trước ngày …").
    static let lead = #"(?:(?:thoi gian|thoi han|han chot|han|yeu cau|hoan thanh|xong|ban hanh|nop|gui|bao cao|thuc hien|to chuc|trien khai|tu nay|ke tu nay)\s*:?\s+)*"#
    static let date = #"(\d{1,2})/(\d{1,2})/(\d{4})"#

    /// Rewrites the date spellings to `d/m/yyyy`, `thang m/yyyy` and `quy q/yyyy` before the rules run.
    static func normalise(_ folded: String) -> String {
        var s = folded
        // "15 / 1 / 2022" → "15/1/2022" (a lookahead, so a one-digit month is not consumed).
        s = s.replacing(try! Regex(#"(\d) ?/ ?(?=\d)"#)) { m in "\(m.output[1].substring!)/" }
        s = s.replacing(try! Regex(#"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})"#)) { m in
            "ngay \(m.output[1].substring!)/\(m.output[2].substring!)/\(m.output[3].substring!)"
        }
        // ISO 8601, also when a time follows ("2022-01-15t17:00" once folded).
        s = s.replacing(try! Regex(#"\b(\d{4})-(\d{1,2})-(\d{1,2})(?=t\d|\b)"#)) { m in
            "\(m.output[3].substring!)/\(m.output[2].substring!)/\(m.output[1].substring!)"
        }
        s = s.replacing(try! Regex(#"\b(\d{1,2})[-.](\d{1,2})[-.](\d{4})\b"#)) { m in
            "\(m.output[1].substring!)/\(m.output[2].substring!)/\(m.output[3].substring!)"
        }
        // "ngày 30 tháng 4" without a year: "ngay 30/4" (the year comes from the reference).
        s = s.replacing(try! Regex(#"ngay (\d{1,2}) thang (\d{1,2})\b(?! nam)"#)) { m in
            "ngay \(m.output[1].substring!)/\(m.output[2].substring!)"
        }
        s = s.replacing(try! Regex(#"thang (\d{1,2}) nam (\d{4})"#)) { m in "thang \(m.output[1].substring!)/\(m.output[2].substring!)" }
        s = s.replacing(try! Regex(#"quy ([a-z]+|\d+) nam (\d{4})"#)) { m in "quy \(m.output[1].substring!)/\(m.output[2].substring!)" }
        // "tháng 5-2022", "tháng 5.2022", "quý II - 2022" → "thang 5/2022", "quy ii/2022".
        s = s.replacing(try! Regex(#"\b(thang|quy) ([a-z]+|\d{1,2}) ?[-./] ?(\d{4})\b"#)) { m in
            "\(m.output[1].substring!) \(m.output[2].substring!)/\(m.output[3].substring!)"
        }
        return s
    }

    /// "thứ Sáu, ngày 14/01/2022" → "ngay 14/01/2022", after checking that 14/01/2022 is a Friday:
    /// a weekday that contradicts its date is an error, never a guess at which one was meant.
    static func dropCheckedWeekdays(_ text: String, _ ctx: Context) throws(DeadlineError) -> String {
        // "15/01/2024 (thứ Hai)", "15/01/2024, thứ Hai": the weekday after the date, moved before it.
        let after = try! Regex(#"\b(\d{1,2}/\d{1,2}/\d{4}),? \(?(thu (?:2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|chu nhat)\)?(?=$|[ ,])"#)
        let s = text.replacing(after) { m in "\(m.output[2].substring!), \(m.output[1].substring!)" }
        let regex = try! Regex(#"\b(thu (?:2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|chu nhat),? (?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4})\b"#)
        var out = ""
        var rest = s[...]
        while let m = rest.firstMatch(of: regex) {
            out += rest[..<m.range.lowerBound]
            let named = String(m.output[1].substring!)
            let (d, mo, y) = (String(m.output[2].substring!), String(m.output[3].substring!), String(m.output[4].substring!))
            // An impossible date is left for the rule to report.
            if let date = CivilDate(year: Int(y)!, month: Int(mo)!, day: Int(d)!), date.weekday != weekdays[named]! {
                throw ctx.fail("\(date.dayMonthYear) is a \(weekdayNames[date.weekday]), not a \(weekdayNames[weekdays[named]!])")
            }
            out += "ngay \(d)/\(mo)/\(y)"
            rest = rest[m.range.upperBound...]
        }
        return out + rest
    }

    static let weekdayNames = ["chủ nhật", "thứ 2", "thứ 3", "thứ 4", "thứ 5", "thứ 6", "thứ 7"]

    /// The first instant of day `date` (00:00) strictly after the reference day begins, trying
    /// `date(year)` for the reference's year and the next; with an explicit year, that year's.
    static func nextStart(_ year: String?, _ ctx: Context, _ date: (Int) -> CivilDate) throws(DeadlineError) -> Instant {
        if let year {
            guard let y = Int(year), WorkingCalendar.yearsCovered.contains(y) else {
                throw ctx.fail("the year \(year) is outside \(WorkingCalendar.yearsCovered.lowerBound)–\(WorkingCalendar.yearsCovered.upperBound)")
            }
            return ctx.zone.instant(date(y))
        }
        // The next one after the reference day (the document's date, or today).
        let from = ctx.zone.instant(ctx.reference.date)
        let y = ctx.reference.date.year
        let this = ctx.zone.instant(date(y))
        return this > from ? this : ctx.zone.instant(date(y + 1))
    }

    static func rule(_ name: String, event: Bool = false, _ pattern: String,
                     _ meaning: @escaping ([String?], Context) throws(DeadlineError) -> DeadlineReading.Meaning) -> Rule {
        Rule(name: name, regex: try! Regex("^" + lead + pattern + "$"), meaning: meaning, isEvent: event)
    }

    static let weekdays: [String: Int] = [
        "chu nhat": 0, "thu 2": 1, "thu hai": 1, "thu 3": 2, "thu ba": 2, "thu 4": 3, "thu tu": 3,
        "thu 5": 4, "thu nam": 4, "thu 6": 5, "thu sau": 5, "thu 7": 6, "thu bay": 6,
        "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
        "sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
    ]

    static func quarter(_ text: String?, _ ctx: Context) throws(DeadlineError) -> Int {
        switch text {
        case "1", "i": return 1
        case "2", "ii": return 2
        case "3", "iii": return 3
        case "4", "iv": return 4
        default: throw ctx.fail("there is no quarter \((text ?? "").uppercased()) (quarters are I–IV)")
        }
    }

    /// Hour and minute of "17 giờ 30", "17h00", "8 giờ sáng", "2 giờ chiều".
    static func clock(_ h: String?, _ m: String?, _ part: String?, _ ctx: Context) throws(DeadlineError) -> (Int, Int) {
        guard let h, var hour = Int(h) else { throw ctx.fail("no hour") }
        let minute = m.flatMap { Int($0) } ?? 0
        if (part == "chieu" || part == "toi") && hour < 12 { hour += 12 }
        guard hour <= 24, minute < 60, !(hour == 24 && minute > 0) else {
            throw ctx.fail("there is no time \(hour):\(minute < 10 ? "0" : "")\(minute)")
        }
        return (hour, minute)
    }

    // Built once, never mutated; Regex is not marked Sendable, hence nonisolated(unsafe).
    nonisolated(unsafe) static let rules: [Rule] = [
        // "trước ngày D": before D begins.
        rule("before-day", #"(?:cham nhat(?: la)? )?(?:truoc|truoc ngay) (?:ngay )?"# + date) { (g, ctx) throws(DeadlineError) in
            .instant(ctx.zone.instant(try ctx.date(g[0], g[1], g[2])))
        },
        // "trước 17 giờ 30 phút ngày D", "trước 17h00 ngày D", "chậm nhất 8 giờ sáng ngày D".
        rule("before-time", #"(?:truoc|cham nhat(?: la)?|den|truoc luc|luc|vao luc) (\d{1,2}) ?(?:gio|h|:) ?(?:(\d{1,2}) ?(?:phut)?)? ?(sang|trua|chieu|toi)?,? (?:ngay )?"# + date) { (g, ctx) throws(DeadlineError) in
            let (h, m) = try clock(g[0], g[1], g[2], ctx)
            return .instant(ctx.zone.instant(try ctx.date(g[3], g[4], g[5]), hour: h, minute: m))
        },
        // "chậm nhất (là) ngày D", "đến (hết) ngày D", "hạn cuối ngày D", "trong ngày D": by the end of D.
        rule("end-of-day", #"(?:cham nhat(?: la)?|den(?: het)?|han cuoi(?: la)?|trong|het|trong ngay|vao) (?:ngay )?"# + date) { (g, ctx) throws(DeadlineError) in
            .instant(endOfDay(try ctx.date(g[0], g[1], g[2]), zone: ctx.zone))
        },
        // "15/01/2022 17:00", "ngày 15/01/2022 lúc 17 giờ 30", "2022-01-15T17:00" after lead words
        // ("hạn: 15/01/2022 17:00"): that instant. (The bare forms are read before the rules.)
        rule("date-time", #"(?:ngay )?"# + date + #"(?:,? (?:luc |vao luc )?|t)(\d{1,2}) ?(?:gio|h|:) ?(?:(\d{1,2}) ?(?:phut)?)? ?(sang|trua|chieu|toi)?"#) { (g, ctx) throws(DeadlineError) in
            let (h, m) = try clock(g[3], g[4], g[5], ctx)
            return .instant(ctx.zone.instant(try ctx.date(g[0], g[1], g[2]), hour: h, minute: m))
        },
        // "15/01/2022", "ngày 15 tháng 01 năm 2022", "2022-01-15": by the end of that day.
        rule("date", #"(?:ngay )?"# + date) { (g, ctx) throws(DeadlineError) in
            .instant(endOfDay(try ctx.date(g[0], g[1], g[2]), zone: ctx.zone))
        },
        // "trong tháng 5/2022", "tháng 5 năm 2022": by the end of that month.
        rule("end-of-month", #"(?:trong |trong vong |het |cuoi |den het |den cuoi )?thang (\d{1,2})/(\d{4})"#) { (g, ctx) throws(DeadlineError) in
            let (y, m) = try ctx.month(g[0], g[1])
            return .instant(endOfMonth(year: y, month: m, zone: ctx.zone))
        },
        // "trong quý 2/2022", "quý II/2022", "quý IV năm 2022".
        rule("end-of-quarter", #"(?:trong |het |cuoi |den het )?quy ([a-z]+|\d+)/(\d{4})"#) { (g, ctx) throws(DeadlineError) in
            let q = try quarter(g[0], ctx)
            let (y, _) = try ctx.month("1", g[1])
            return .instant(endOfMonth(year: y, month: q * 3, zone: ctx.zone))
        },
        // "6 tháng đầu năm 2022" → end of 30 June; "6 tháng cuối năm 2022" → end of the year.
        rule("end-of-half-year", #"(?:trong )?(?:6|sau) thang (dau|cuoi) nam (\d{4})"#) { (g, ctx) throws(DeadlineError) in
            let (y, _) = try ctx.month("1", g[1])
            return .instant(endOfMonth(year: y, month: g[0] == "dau" ? 6 : 12, zone: ctx.zone))
        },
        // "trong năm 2022", "cuối năm 2022", "năm 2022".
        rule("end-of-year", #"(?:trong |cuoi |het |trong suot |den het |den cuoi )?nam (\d{4})"#) { (g, ctx) throws(DeadlineError) in
            let (y, _) = try ctx.month("12", g[0])
            return .instant(endOfMonth(year: y, month: 12, zone: ctx.zone))
        },
        // "trước ngày 20 hằng tháng": before the 20th of every month.
        rule("monthly-before-day", #"(?:dinh ky )?(?:truoc|truoc ngay) (?:ngay )?(\d{1,2}) (?:hang|moi) thang"#) { (g, ctx) throws(DeadlineError) in
            guard let d = g[0].flatMap({ Int($0) }), (1...31).contains(d) else { throw ctx.fail("there is no day \(g[0] ?? "") in a month") }
            return .recurrence(.monthly(day: d, exclusive: true))
        },
        // "ngày 25 hằng tháng", "chậm nhất ngày 25 hằng tháng": by the end of the 25th, monthly.
        rule("monthly-by-day", #"(?:dinh ky )?(?:cham nhat(?: la)? |den |truoc het )?ngay (\d{1,2}) (?:hang|moi) thang"#) { (g, ctx) throws(DeadlineError) in
            guard let d = g[0].flatMap({ Int($0) }), (1...31).contains(d) else { throw ctx.fail("there is no day \(g[0] ?? "") in a month") }
            return .recurrence(.monthly(day: d, exclusive: false))
        },
        // "định kỳ hằng quý", "hằng quý": by the end of every quarter.
        rule("quarterly", #"(?:dinh ky )?(?:hang|moi) quy"#) { (_, _) throws(DeadlineError) in .recurrence(.quarterly) },
        // "sáng thứ 2 hằng tuần": before noon every Monday; "thứ 6 hằng tuần": by the end of every Friday.
        rule("weekly", #"(?:dinh ky )?(?:(sang|chieu) )?(thu (?:2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|chu nhat) (?:hang|moi) tuan"#) { (g, ctx) throws(DeadlineError) in
            let day = weekdays[g[1] ?? ""]!
            switch g[0] {
            case "sang": return .recurrence(.weekly(weekday: day, hour: 12, minute: 0))
            case "chieu": return .recurrence(.weekly(weekday: day, hour: 17, minute: 0))
            default: return .recurrence(.weekly(weekday: day, hour: 24, minute: 0))
            }
        },
        // "trước 16 giờ thứ Sáu hằng tuần", "chậm nhất 10 giờ sáng thứ 2 hằng tuần": before that time, weekly.
        rule("weekly-time", #"(?:dinh ky )?(?:truoc|cham nhat(?: la)?|den|truoc luc|luc) (\d{1,2}) ?(?:gio|h|:) ?(?:(\d{1,2}) ?(?:phut)?)? ?(sang|trua|chieu|toi)?,? (?:ngay )?(thu (?:2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|chu nhat) (?:hang|moi) tuan"#) { (g, ctx) throws(DeadlineError) in
            let (h, m) = try clock(g[0], g[1], g[2], ctx)
            return .recurrence(.weekly(weekday: weekdays[g[3] ?? ""]!, hour: h, minute: m))
        },
        // "trước ngày 20/11 hằng năm": before 20 November every year; "ngày 20/11 hằng năm": by its end.
        rule("yearly-day", #"(?:dinh ky )?(truoc|truoc ngay|cham nhat(?: la)?|den|ngay) (?:ngay )?(\d{1,2})/(\d{1,2}) (?:hang|moi) nam"#) { (g, ctx) throws(DeadlineError) in
            guard let d = g[1].flatMap({ Int($0) }), let m = g[2].flatMap({ Int($0) }), (1...12).contains(m),
                  CivilDate(year: 2024, month: m, day: d) != nil else {
                throw ctx.fail("there is no day \(g[1] ?? "") in month \(g[2] ?? "")")
            }
            return .recurrence(.yearlyOn(month: m, day: d, exclusive: g[0]!.hasPrefix("truoc")))
        },
        // "tháng 1 hằng năm", "định kỳ tháng 1 hằng năm": by the end of January, every year.
        rule("yearly", #"(?:dinh ky )?(?:trong )?thang (\d{1,2}) (?:hang|moi) nam"#) { (g, ctx) throws(DeadlineError) in
            guard let m = g[0].flatMap({ Int($0) }), (1...12).contains(m) else { throw ctx.fail("there is no month \(g[0] ?? "")") }
            return .recurrence(.yearly(month: m))
        },
        // Tết: "trước Tết (Nguyên đán) 2022" → 00:00 of mùng 1 Tết (lunar, UTC+7); "trước Tết
        // Dương lịch 2022" → 00:00 of 1 January; "tới 30 Tết" → the end of the lunar year's last
        // day (= 00:00 of mùng 1); "trước 30 Tết" → 00:00 of that last day. Without a year: the
        // next one after now.
        rule("tet", event: true, #"(?:(truoc|den truoc) (?:ngay |dip |ky nghi )?tet ?(duong lich|nguyen dan|am lich|co truyen)?|(truoc|toi|den|den het|cham nhat(?: la)?) (?:ngay )?30 tet)(?: (?:nam )?(\d{4}))?"#) { (g, ctx) throws(DeadlineError) in
            if g[0] != nil {
                if g[1] == "duong lich" { return .instant(try nextStart(g[3], ctx) { CivilDate(year: $0, month: 1, day: 1)! }) }
                return .instant(try nextStart(g[3], ctx) { LunarCalendar.tet($0) })
            }
            guard g[3] == nil else { throw ctx.fail("\"30 Tết\" with a year is ambiguous (which Tết?); write the date") }
            if g[2] == "truoc" { return .instant(try nextStart(nil, ctx) { LunarCalendar.tet($0).adding(days: -1) }) }
            return .instant(try nextStart(nil, ctx) { LunarCalendar.tet($0) })
        },
        // A holiday as an event: "trước (ngày) lễ 30/4", "trước dịp lễ Quốc khánh 2/9/2023",
        // "trước ngày Quốc khánh 2023": before the holiday begins, never extended past it.
        rule("holiday", event: true, #"(?:truoc|den truoc) (?:ngay |dip |ky nghi |dip nghi )?(?:le )?(?:(quoc khanh|gio to hung vuong|gio to|quoc te lao dong|chien thang|giai phong mien nam) ?)?(?:(?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4})|(?:nam )?(\d{4}))"#) { (g, ctx) throws(DeadlineError) in
            if g[1] != nil { return .instant(ctx.zone.instant(try ctx.date(g[1], g[2], g[3]))) }
            guard let name = g[0], let year = g[4] else { throw ctx.fail("which holiday? Give its date (e.g. \"trước lễ 30/4/2023\")") }
            return .instant(try nextStart(year, ctx) { y in
                switch name {
                case "quoc khanh": CivilDate(year: y, month: 9, day: 2)!
                case "quoc te lao dong": CivilDate(year: y, month: 5, day: 1)!
                case "gio to hung vuong", "gio to": LunarCalendar.solar(from: LunarDate(day: 10, month: 3, year: y))!
                default: CivilDate(year: y, month: 4, day: 30)!
                }
            })
        },
        // An event with its date: "trước kỳ họp HĐND ngày 15/12/2023", "trước Đại hội ngày …":
        // before the day it begins, never extended past it.
        rule("event", event: true, #"(?:truoc|den truoc|truoc khi) (?:khai mac |to chuc |dien ra )?(?:ky hop|hoi nghi|dai hoi|phien hop|cuoc hop|buoi lam viec|le|ngay hoi|ky thi|hoi thi|dot kiem tra|doan kiem tra)\b.*?,? (?:dien ra |to chuc |khai mac |vao |du kien )?(?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4})"#) { (g, ctx) throws(DeadlineError) in
            .instant(ctx.zone.instant(try ctx.date(g[0], g[1], g[2])))
        },
        // Named days (Taskwarrior style, and Vietnamese): by the end of the day named.
        rule("named", #"(today|tomorrow|hom nay|ngay mai|mai|eom|eoq|eoy|eow|cuoi thang|cuoi quy|cuoi nam|cuoi tuan|chu nhat|thu (?:2|3|4|5|6|7|hai|ba|tu|nam|sau|bay)|sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tue|wed|thu|fri|sat)"#) { (g, ctx) throws(DeadlineError) in
            let today = ctx.zone.date(of: ctx.now)
            let word = g[0] ?? ""
            switch word {
            case "today", "hom nay": return .instant(endOfDay(today, zone: ctx.zone))
            case "tomorrow", "ngay mai", "mai": return .instant(endOfDay(today.adding(days: 1), zone: ctx.zone))
            case "eom", "cuoi thang": return .instant(endOfMonth(year: today.year, month: today.month, zone: ctx.zone))
            case "eoq", "cuoi quy": return .instant(endOfMonth(year: today.year, month: (today.month - 1) / 3 * 3 + 3, zone: ctx.zone))
            case "eoy", "cuoi nam": return .instant(endOfMonth(year: today.year, month: 12, zone: ctx.zone))
            case "eow", "cuoi tuan":
                // The week ends on Sunday.
                return .instant(endOfDay(today.adding(days: (7 - today.weekday) % 7), zone: ctx.zone))
            default:
                let target = weekdays[word]!
                var ahead = (target - today.weekday + 7) % 7
                if ahead == 0 { ahead = 7 }
                return .instant(endOfDay(today.adding(days: ahead), zone: ctx.zone))
            }
        },
        // "+3d", "+2w" (end of that day), "+4h" (an exact instant), from now.
        rule("relative", #"\+ ?(\d{1,4}) ?(d|w|h|ngay|tuan|gio)"#) { (g, ctx) throws(DeadlineError) in
            let n = Int(g[0]!)!
            let today = ctx.zone.date(of: ctx.now)
            switch g[1] {
            case "h", "gio": return .instant(ctx.now.adding(seconds: Int64(n) * 3600))
            case "w", "tuan": return .instant(endOfDay(today.adding(days: 7 * n), zone: ctx.zone))
            default: return .instant(endOfDay(today.adding(days: n), zone: ctx.zone))
            }
        },
    ]
}
