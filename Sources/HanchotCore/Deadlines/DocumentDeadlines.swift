/// How the deadlines of a document written by a person are read: the phrase grammar, counted
/// from the directive's date, then the working-day rule (``DeadlineResolution``).
public struct DocumentDeadlines: Sendable {
    /// The recording time: "now" for relative phrases, and the reference day when the document
    /// has no `issued` date.
    public var now: Instant
    public var zone: Zone
    public var calendar: WorkingCalendar
    /// Whether the working-day rule applies (`[calendar] shift_deadlines`).
    public var shift: Bool

    public init(now: Instant, zone: Zone, calendar: WorkingCalendar, shift: Bool) {
        self.now = now
        self.zone = zone
        self.calendar = calendar
        self.shift = shift
    }

    /// The deadline `phrase` names, counted from `reference` (the document's date).
    func resolve(_ phrase: String, reference: DeadlineReference?) throws(DeadlineError) -> DeadlineResolution {
        try DeadlineGrammar.resolve(phrase, now: now, zone: zone, reference: reference, calendar: calendar, shift: shift)
    }

    /// An exact instant, under the same working-day rule as a phrase.
    func resolve(timestamp t: Instant) -> Instant {
        let reading = DeadlineReading(phrase: Timestamp.format(t), rule: "timestamp", meaning: .instant(t))
        return DeadlineGrammar.resolve(reading, from: now, calendar: calendar, zone: zone, shift: shift).due
    }
}
