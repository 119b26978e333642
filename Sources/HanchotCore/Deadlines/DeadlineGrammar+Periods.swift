/// Periods counted from the document ("trong thời hạn 10 ngày làm việc kể từ ngày ký"), windows
/// ("từ ngày 01/11 đến ngày 15/11/2023") and dates without a year ("trước ngày 25/4").
///
/// Civil Code 2015: a period in days, weeks, months or years starts the day after the day it
/// counts from (art. 147.2) and ends at the end of its last day (art. 148.1, 148.3): a week on the
/// same weekday, a month on the same day of the month (or the month's last day when it has no
/// such day), a year on the same day and month. Working days skip weekends and days off. A
/// period whose last day is a day off ends at the end of the next working day (art. 148.2):
/// that is ``DeadlineGrammar/resolve(_:from:calendar:zone:shift:)``'s part, as for any date.
extension DeadlineGrammar {
    struct Found {
        var rule: String
        var meaning: DeadlineReading.Meaning
        var usedReference: Bool
    }

    /// Counts written in words ("trong vòng mười ngày"), as far as directives write them.
    static let countWords = #"(?:mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi lam|muoi|hai muoi|ba muoi|bon muoi lam|sau muoi|chin muoi)"#
    static let periodPrefix = #"(?:(?:trong|trong vong|trong thoi han|trong thoi gian|trong han|trong khoang|cham nhat(?: la)?(?: sau)?(?: trong(?: vong| thoi han)?)?|sau|khong qua|toi da|han|thoi han) )?"#
    nonisolated(unsafe) static let periodRegex = try! Regex(
        "^" + lead + periodPrefix + #"(?:(-?\d+|"# + countWords + #") )?(ngay lam viec|ngay|tuan|thang|nam)(?: (?:ke tu|tinh tu|tu|sau) (?:ngay |thoi diem |khi |luc )?(.+))?$"#)
    nonisolated(unsafe) static let windowRegex = try! Regex(
        "^" + lead + #"(?:trong )?(?:thoi gian )?tu (?:ngay )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))? (?:den|toi|-) (?:het )?(?:ngay )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?$"#)

    /// A period or a window, if the phrase is one; `nil` to let the other rules try.
    static func readPeriodOrWindow(_ folded: String, _ ctx: inout Context) throws(DeadlineError) -> Found? {
        let text = normalise(folded)
        if let m = text.wholeMatch(of: windowRegex) {
            let g = m.output.dropFirst().map { $0.substring.map(String.init) }
            return try window(g, &ctx)
        }
        guard let m = text.wholeMatch(of: periodRegex) else { return nil }
        let g = m.output.dropFirst().map { $0.substring.map(String.init) }
        let unit = g[1]!
        // "trong tháng 5/2022", "trong ngày 15/01/2022": a date, not a period; the rules read it.
        if g[0] == nil, let rest = g[2], rest.first?.isNumber == true { return nil }
        if g[0] == nil, g[2] == nil, unit == "thang" || unit == "nam" || unit == "tuan" { return nil }
        let count = try periodCount(g[0], unit: unit, ctx)
        let (start, event) = try countedFrom(g[2], &ctx)
        let last: CivilDate
        switch unit {
        case "ngay lam viec":
            var d = start
            var left = count
            while left > 0 {
                d = d.adding(days: 1)
                if ctx.calendar.isWorkingDay(d) { left -= 1 }
            }
            last = d
        case "ngay": last = start.adding(days: count)
        case "tuan": last = start.adding(days: 7 * count)
        case "thang": last = sameDay(of: start, months: count)
        default: last = sameDay(of: start, months: 12 * count)
        }
        guard WorkingCalendar.yearsCovered.contains(last.year) else {
            throw ctx.fail("the period ends in \(last.year), outside \(WorkingCalendar.yearsCovered.lowerBound)–\(WorkingCalendar.yearsCovered.upperBound)")
        }
        if let event { ctx.notes.insert(.countedFrom(event: event, reference: ctx.reference), at: 0) }
        let rule = unit == "ngay lam viec" ? "period-working-days" : "period-" + ["ngay": "days", "tuan": "weeks", "thang": "months", "nam": "years"][unit]!
        return Found(rule: rule, meaning: .instant(endOfDay(last, zone: ctx.zone)), usedReference: true)
    }

    /// The day `months` months after `day`: the same day of the month, or the month's last day.
    static func sameDay(of day: CivilDate, months: Int) -> CivilDate {
        let (y, m) = CivilDate.addMonths(year: day.year, month: day.month, months)
        return CivilDate(year: y, month: m, day: min(day.day, CivilDate.daysIn(month: m, year: y)))!
    }

    static let numberWords: [String: Int] = [
        "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
        "muoi lam": 15, "hai muoi": 20, "ba muoi": 30, "bon muoi lam": 45, "sau muoi": 60, "chin muoi": 90,
    ]

    static func periodCount(_ text: String?, unit: String, _ ctx: Context) throws(DeadlineError) -> Int {
        let what = unit == "ngay lam viec" ? "working days" : ["ngay": "days", "tuan": "weeks", "thang": "months", "nam": "years"][unit]!
        guard let text else { throw ctx.fail("how many \(what)? The count is missing (e.g. \"trong vòng 10 ngày\")") }
        guard let n = Int(text) ?? numberWords[text] else {
            throw ctx.fail("\"\(text)\" is not a number of \(what); write it in digits (e.g. \"trong vòng 10 ngày\")")
        }
        guard n > 0 else { throw ctx.fail(n < 0 ? "a period cannot be negative (\(n) \(what))" : "a period of 0 \(what) ends before it starts") }
        guard n <= 3660 else { throw ctx.fail("\(n) \(what) is too long a period for a deadline") }
        return n
    }

    /// The day a period counts from, and the words for it: the reference (the document's date)
    /// for "ngày ký", "ngày ban hành", "ngày có hiệu lực" or nothing said; for the day the
    /// document is received, the reference too, with a note that the real day is not known; a
    /// date when one is given ("kể từ ngày 15/11/2023").
    static func countedFrom(_ words: String?, _ ctx: inout Context) throws(DeadlineError) -> (CivilDate, String?) {
        guard let words else { return (ctx.reference.date, nil) }
        let w = words.hasPrefix("ngay ") ? String(words.dropFirst(5)) : words
        let document = #"(?:van ban|cong van|thong bao|ke hoach|quyet dinh|chi thi|huong dan|cong dien)(?: nay)?"#
        if w.wholeMatch(of: try! Regex(#"(?:ky|ky,? ban hanh|ky "# + document + "|" + document + #" (?:duoc )?ky)"#)) != nil {
            return (ctx.reference.date, "ngày ký")
        }
        if w.wholeMatch(of: try! Regex(#"(?:ban hanh|ban hanh "# + document + "|" + document + #" (?:duoc )?ban hanh)"#)) != nil {
            return (ctx.reference.date, "ngày ban hành")
        }
        if w.wholeMatch(of: try! Regex(#"(?:"# + document + #" )?(?:co hieu luc|hieu luc)(?: thi hanh)?"#)) != nil {
            return (ctx.reference.date, "ngày có hiệu lực")
        }
        if w.wholeMatch(of: try! Regex(#"(?:duoc )?(?:nhan|nhan duoc|tiep nhan)(?: duoc)?(?: "# + document + ")?")) != nil {
            ctx.notes.append(.receivedDateUnknown(reference: ctx.reference))
            return (ctx.reference.date, "ngày nhận văn bản")
        }
        if let m = w.wholeMatch(of: try! Regex(#"(\d{1,2})/(\d{1,2})/(\d{4})"#)) {
            let g = m.output.dropFirst().map { $0.substring.map(String.init) }
            let day = try ctx.date(g[0], g[1], g[2])
            ctx.reference = DeadlineReference(date: day, source: .given)
            return (day, "ngày \(day.dayMonthYear)")
        }
        throw ctx.fail("a period counted from \"\(words)\": hanchot counts from the document's date (ngày ký, ngày ban hành), the day it is received, or a date (kể từ ngày 15/11/2023)")
    }

    /// "từ ngày 01/11 đến ngày 15/11/2023": due by the end of its last day; the start is kept.
    static func window(_ g: [String?], _ ctx: inout Context) throws(DeadlineError) -> Found {
        var usedReference = false
        let end: CivilDate
        if g[5] != nil {
            end = try ctx.date(g[3], g[4], g[5])
        } else {
            end = try yearless(day: g[3], month: g[4], onOrAfter: ctx.reference.date, &ctx)
            usedReference = true
        }
        var start: CivilDate
        if g[2] != nil {
            start = try ctx.date(g[0], g[1], g[2])
        } else {
            // The start takes the end's year, or the year before for a window across the new
            // year ("từ 20/12 đến 10/01/2024"); within one month order, a later start is a mistake.
            start = try ctx.date(g[0], g[1], String(end.year))
            if start > end, start.month > end.month { start = try ctx.date(g[0], g[1], String(end.year - 1)) }
        }
        guard start <= end else {
            throw ctx.fail("the window ends on \(end.dayMonthYear), before it starts on \(start.dayMonthYear)")
        }
        ctx.notes.append(.windowStart(start))
        return Found(rule: "window", meaning: .instant(endOfDay(end, zone: ctx.zone)), usedReference: usedReference)
    }

    /// The first day `day`/`month` on or after `reference` (29/2 waits for a leap year).
    static func yearless(day: String?, month: String?, onOrAfter reference: CivilDate, _ ctx: inout Context) throws(DeadlineError) -> CivilDate {
        guard let day, let month, let d = Int(day), let m = Int(month) else { throw ctx.fail("incomplete date") }
        guard (1...12).contains(m) else { throw ctx.fail("there is no month \(m)") }
        for year in reference.year...(reference.year + 8) {
            if let date = CivilDate(year: year, month: m, day: d), date >= reference {
                ctx.notes.append(.yearFromReference(year: year, reference: ctx.reference))
                return date
            }
        }
        throw ctx.fail("there is no day \(d) in month \(m)")
    }

    /// A day/month with nothing before it but a non-digit non-slash (so not the tail of
    /// `25/4/23`) and no year after it.
    nonisolated(unsafe) static let yearlessDate = try! Regex(#"(^|[^\d/])(\d{1,2})/(\d{1,2})(?![\d/])(?! (?:hang|moi) nam)"#)
    nonisolated(unsafe) static let yearlessMonth = try! Regex(#"\bthang (\d{1,2})\b(?![/\d])(?! (?:hang|moi) nam)(?! nam \d)"#)
    nonisolated(unsafe) static let yearlessQuarter = try! Regex(#"\bquy (iv|iii|ii|i|[1-4])\b(?![/\d])(?! nam \d)"#)

    /// Gives every date, month and quarter written without a year the year of the first such
    /// day, month or quarter on or after the reference ("trước ngày 25/4", "cuối tháng 5",
    /// "trong quý II"), and notes it.
    static func addYears(_ text: String, _ ctx: inout Context) throws(DeadlineError) -> String {
        var s = text
        let ref = ctx.reference.date
        var notes: [DeadlineNote] = []
        s = s.replacing(yearlessDate) { m in
            let before = String(m.output[1].substring!)
            let (d, mo) = (Int(m.output[2].substring!)!, Int(m.output[3].substring!)!)
            var year = ref.year
            if (1...12).contains(mo) {
                for y in ref.year...(ref.year + 8) {
                    if let date = CivilDate(year: y, month: mo, day: d), date >= ref { year = y; break }
                }
            }
            // An impossible day (31/4) keeps the reference's year, for the rule to refuse by name.
            notes.append(.yearFromReference(year: year, reference: ctx.reference))
            return "\(before)\(d)/\(mo)/\(year)"
        }
        s = s.replacing(yearlessMonth) { m in
            let mo = Int(m.output[1].substring!)!
            let year = mo >= ref.month ? ref.year : ref.year + 1
            notes.append(.yearFromReference(year: year, reference: ctx.reference))
            return "thang \(mo)/\(year)"
        }
        s = s.replacing(yearlessQuarter) { m in
            let text = String(m.output[1].substring!)
            let q = ["i": 1, "ii": 2, "iii": 3, "iv": 4][text] ?? Int(text) ?? 1
            let year = q >= (ref.month - 1) / 3 + 1 ? ref.year : ref.year + 1
            notes.append(.yearFromReference(year: year, reference: ctx.reference))
            return "quy \(text)/\(year)"
        }
        ctx.notes += notes
        return s
    }
}
