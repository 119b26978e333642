/// How a recurrence is written in the log, and how its occurrences are named.
///
/// An occurrence is named by its **period**: the month, quarter, ISO week or year its deadline
/// falls in ("2024-05", "2024-Q2", "2024-W19", "2024"), taken from the deadline's last moment
/// (the 20/05 00:00 deadline of "trước ngày 20 hằng tháng" belongs to May). A completion of a
/// recurring task names its period; reminders of an occurrence carry it in their step name.
extension Recurrence {
    /// The canonical text in the log (`recurrence` of a task, docs/events.md §4.1):
    /// `monthly-before:20`, `monthly-by:25`, `quarterly`, `weekly:5@16:00`, `yearly:1`.
    public var code: String {
        switch self {
        case .monthly(let day, let exclusive): return "monthly-\(exclusive ? "before" : "by"):\(day)"
        case .quarterly: return "quarterly"
        case .weekly(let weekday, let hour, let minute):
            return "weekly:\(weekday)@\(Pad.two(hour)):\(Pad.two(minute))"
        case .yearly(let month): return "yearly:\(month)"
        case .yearlyOn(let month, let day, let exclusive): return "yearly-\(exclusive ? "before" : "by"):\(month)-\(day)"
        }
    }

    /// Reads ``code``; `nil` for anything else.
    public init?(code: String) {
        if code == "quarterly" { self = .quarterly; return }
        let parts = code.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "monthly-before", "monthly-by":
            guard let d = Int(parts[1]), (1...31).contains(d), String(d) == parts[1] else { return nil }
            self = .monthly(day: d, exclusive: parts[0] == "monthly-before")
        case "yearly":
            guard let m = Int(parts[1]), (1...12).contains(m), String(m) == parts[1] else { return nil }
            self = .yearly(month: m)
        case "yearly-before", "yearly-by":
            // "11-20": month, then day (20 November).
            let md = parts[1].split(separator: "-").map(String.init)
            guard md.count == 2, let m = Int(md[0]), let d = Int(md[1]), String(m) == md[0], String(d) == md[1],
                  CivilDate(year: 2024, month: m, day: d) != nil else { return nil }
            self = .yearlyOn(month: m, day: d, exclusive: parts[0] == "yearly-before")
        case "weekly":
            // "5@16:00": weekday 0–6 (Sunday = 0), then a time, 24:00 for the end of the day.
            let p = parts[1]
            guard p.count == 7, let w = Int(p.prefix(1)), (0...6).contains(w), p.dropFirst().first == "@",
                  let h = Int(p.dropFirst(2).prefix(2)), p.dropFirst(4).first == ":", let m = Int(p.suffix(2)),
                  (0...24).contains(h), (0...59).contains(m), !(h == 24 && m > 0) else { return nil }
            self = .weekly(weekday: w, hour: h, minute: m)
        default:
            return nil
        }
    }

    /// The period of the occurrence whose deadline is `deadline`.
    public func period(ofDeadline deadline: Instant, zone: Zone) -> String {
        let day = zone.date(of: deadline.adding(seconds: -1))
        switch self {
        case .monthly: return "\(Pad.four(day.year))-\(Pad.two(day.month))"
        case .quarterly: return "\(Pad.four(day.year))-Q\((day.month - 1) / 3 + 1)"
        case .weekly:
            let (year, week) = day.isoWeek
            return "\(Pad.four(year))-W\(Pad.two(week))"
        case .yearly, .yearlyOn: return Pad.four(day.year)
        }
    }

    /// The deadlines of the occurrences from `first` on, while `include` says so (at most `limit`).
    public func occurrences(from first: Instant, until: CivilDate?, zone: Zone, limit: Int = 10_000,
                            while include: (Instant) -> Bool) -> [Instant] {
        var out: [Instant] = []
        var t = first
        while out.count < limit {
            // Past the end first: `include` sees only occurrences the schedule has.
            if let until, zone.date(of: t.adding(seconds: -1)) > until { break }
            guard include(t) else { break }
            out.append(t)
            t = next(after: t, zone: zone)
        }
        return out
    }
}

extension CivilDate {
    /// ISO 8601 week-numbering year and week (weeks start on Monday; week 1 holds the year's
    /// first Thursday).
    public var isoWeek: (year: Int, week: Int) {
        let isoWeekday = weekday == 0 ? 7 : weekday  // Monday 1 … Sunday 7
        let thursday = adding(days: 4 - isoWeekday)
        let jan1 = CivilDate(year: thursday.year, month: 1, day: 1)!
        let ordinal = Int(thursday.daysSinceEpoch - jan1.daysSinceEpoch)
        return (thursday.year, ordinal / 7 + 1)
    }
}

extension Recurrence {
    /// Whether `text` is a period of any recurrence: `2024-05`, `2024-Q2`, `2024-W19`, `2024`.
    public static func isPeriod(_ text: String) -> Bool {
        text.wholeMatch(of: /\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-W(0[1-9]|[1-4]\d|5[0-3]))?/) != nil
    }
}
