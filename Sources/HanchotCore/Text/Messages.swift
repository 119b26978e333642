/// Words shown to people, in Vietnamese (default) or English.
public struct Messages: Sendable {
    public var language: Language
    public var zone: Zone

    public init(language: Language, zone: Zone) {
        self.language = language
        self.zone = zone
    }

    private var vi: Bool { language == .vi }

    /// "còn 3 ngày" / "hạn hôm nay" / "quá hạn 2 ngày".
    public func countdown(daysLeft: Int?, overdue: Bool) -> String {
        guard let days = daysLeft else { return vi ? "không có hạn" : "no deadline" }
        if overdue {
            let late = max(0, -days)
            if late == 0 { return vi ? "quá hạn hôm nay" : "overdue today" }
            return vi ? "quá hạn \(late) ngày" : "overdue by \(late) day\(late == 1 ? "" : "s")"
        }
        if days == 0 { return vi ? "đến hạn hôm nay" : "due today" }
        return vi ? "còn \(days) ngày" : "\(days) day\(days == 1 ? "" : "s") left"
    }

    /// "hạn 31/12/2021 00:00 (xong trước ngày 31/12/2021)".
    public func due(_ due: Due?) -> String {
        guard let due else { return vi ? "không có hạn" : "no deadline" }
        let base = (vi ? "hạn " : "due ") + deadline(due.instant)
        return due.phrase.map { "\(base) (\($0))" } ?? base
    }

    /// An exclusive deadline as people say it: midnight is the end of the day before
    /// ("hết ngày 30/12/2021"), any other time is "trước 17:00 ngày 31/12/2021".
    public func deadline(_ instant: Instant) -> String {
        let t = zone.timeOfDay(of: instant)
        if t.hour == 0 && t.minute == 0 && t.second == 0 {
            let day = zone.date(of: instant).adding(days: -1).dayMonthYear
            return vi ? "hết ngày \(day)" : "end of \(day)"
        }
        let clock = "\(Pad.two(t.hour)):\(Pad.two(t.minute))"
        let day = zone.date(of: instant).dayMonthYear
        return vi ? "trước \(clock) ngày \(day)" : "before \(clock) on \(day)"
    }

    public func status(_ s: Assignment.Status) -> String {
        switch s {
        case .open: vi ? "đang mở" : "open"
        case .doneOnTime: vi ? "xong đúng hạn" : "done on time"
        case .doneLate: vi ? "xong trễ hạn" : "done late"
        case .revoked: vi ? "đã thu hồi" : "revoked"
        }
    }

    public func task(_ key: Assignment.Key) -> String {
        vi ? "nhiệm vụ \(key.task)" : "task \(key.task)"
    }

    public var nothingOpen: String { vi ? "Không có việc nào đang mở." : "Nothing is open." }

    public func summary(open: Int, overdue: Int) -> String {
        vi ? "\(open) việc đang mở, \(overdue) quá hạn" : "\(open) open, \(overdue) overdue"
    }
}
