/// A deadline as it applies: the instant a phrase names, then the working-day rule.
///
/// One rule, written once, for every way a deadline enters hanchot (`--due`, a document's
/// `due`, `when`, the importer):
/// - a date or a period whose last day is a day off ends at the end of the next working day
///   (Civil Code 2015 art. 148.2);
/// - an event ("trước Tết", "trước lễ 30/4", "trước kỳ họp ngày …") is never pushed past its
///   start: when the days before it are off, the practical deadline is the end of the last
///   working day before them.
public struct DeadlineResolution: Hashable, Sendable {
    public enum Adjustment: Hashable, Sendable {
        /// The last day `lastDay` is off: extended to the end of the working day `to`.
        case extended(lastDay: CivilDate, to: CivilDate)
        /// The days before an event are off from `lastDay` back: brought forward to the end of
        /// the last working day `to` before them.
        case broughtForward(lastDay: CivilDate, to: CivilDate)
    }

    public var reading: DeadlineReading
    /// The deadline that applies (exclusive instant).
    public var due: Instant
    /// The deadline as the phrase writes it.
    public var literal: Instant
    public var adjustment: Adjustment?
}

extension DeadlineGrammar {
    /// Applies the working-day rule to `reading` (see ``DeadlineResolution``); `shift: false`
    /// keeps the deadline as written (`[calendar] shift_deadlines = false`).
    public static func resolve(_ reading: DeadlineReading, from: Instant, calendar: WorkingCalendar, zone: Zone,
                               shift: Bool) -> DeadlineResolution {
        let literal = reading.instant(from: from, zone: zone)
        var r = DeadlineResolution(reading: reading, due: literal, literal: literal, adjustment: nil)
        // A recurrence's occurrences stand as its schedule writes them (the planner still keeps
        // reminders to office hours): moving only the first would make it disagree with the rest.
        if case .recurrence = reading.meaning { return r }
        guard shift else { return r }
        let lastDay = zone.date(of: literal.adding(seconds: -1))
        guard !calendar.isWorkingDay(lastDay) else { return r }
        if reading.isEvent {
            let to = calendar.workingDay(onOrBefore: lastDay)
            r.due = min(literal, zone.instant(to.adding(days: 1)))
            r.adjustment = .broughtForward(lastDay: lastDay, to: to)
        } else {
            let moved = calendar.shift(deadline: literal, zone: zone)
            r.due = moved.due
            r.adjustment = .extended(lastDay: lastDay, to: zone.date(of: moved.due.adding(seconds: -1)))
        }
        return r
    }

    /// Reads and resolves `raw` in one go.
    public static func resolve(_ raw: String, now: Instant, zone: Zone, reference: DeadlineReference? = nil,
                               calendar: WorkingCalendar, shift: Bool) throws(DeadlineError) -> DeadlineResolution {
        let reading = try read(raw, now: now, zone: zone, reference: reference, calendar: calendar)
        // A recurrence read from a document starts after the document's date, not after today.
        var from = now
        if case .recurrence = reading.meaning, let reference, reference.source != .today { from = zone.instant(reference.date) }
        return resolve(reading, from: from, calendar: calendar, zone: zone, shift: shift)
    }
}

extension DeadlineResolution {
    /// The `due` a task or a correction records: the instant that applies, and the words given.
    public func dueRecord(phrase: String) -> Due { Due(instant: due, phrase: phrase) }

    /// The recurrence the phrase names, if any (the task's schedule; `due` is its first occurrence).
    public var recurrence: Recurrence? {
        if case .recurrence(let r) = reading.meaning { return r }
        return nil
    }
}

extension WorkingCalendar {
    /// The last working day on or before `day` (a deadline anchored on an event comes forward
    /// to it). Tết plus a weekend is the longest run of days off: a few weeks is a safe bound.
    public func workingDay(onOrBefore day: CivilDate) -> CivilDate {
        var d = day
        var days = 0
        while days < 60, !isWorkingDay(d) {
            d = d.adding(days: -1)
            days += 1
        }
        return d
    }
}
