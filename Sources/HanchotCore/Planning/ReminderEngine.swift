/// The daemon's functional core: the ledger, the policy and the schedule, driven by events and
/// by the time given to it. The daemon only reads the clock, sends what this returns, and
/// feeds back what it appended.
public struct ReminderEngine: Sendable {
    public private(set) var ledger: Ledger
    public private(set) var policy: ReminderPolicy
    private var schedule = ReminderSchedule()

    public init(ledger: Ledger, policy: ReminderPolicy) {
        self.ledger = ledger
        self.policy = policy
    }

    /// Assignments with a reminder pending.
    public var pendingCount: Int { schedule.count }

    /// Plans every open assignment from scratch (start-up, reload, clock jump, log replaced).
    public mutating func replanAll(now: Instant) {
        schedule = ReminderSchedule()
        for a in ledger.assignments { replan(a, now: now) }
    }

    public mutating func replace(ledger: Ledger, now: Instant) {
        self.ledger = ledger
        replanAll(now: now)
    }

    public mutating func replace(policy: ReminderPolicy, now: Instant) {
        self.policy = policy
        replanAll(now: now)
    }

    /// Applies an event read from the log and re-plans only the assignments it touches.
    @discardableResult
    public mutating func apply(_ event: Event, now: Instant) -> Ledger.Outcome {
        let outcome = ledger.apply(event)
        guard outcome == .applied, let state = ledger.directives[event.directiveID] else { return outcome }
        for a in state.assignments where touches(event, a.key) { replan(a, now: now) }
        return outcome
    }

    /// The earliest time a reminder is pending.
    public mutating func nextWake() -> Instant? { schedule.nextWake() }

    /// Takes every reminder due at `now`, re-checked against the current state.
    /// Each must be sent, then recorded with ``sent(_:at:eventID:actor:)``; one that is not
    /// (journald down) is handed back with ``retry(_:at:)``.
    public mutating func takeDue(now: Instant) -> [PlannedReminder] {
        var out: [PlannedReminder] = []
        for key in schedule.popDue(now: now) {
            guard let a = assignment(key), let next = ReminderPlanner.next(for: a, policy: policy, now: now, zone: ledger.zone) else { continue }
            if next.step.deliverAt <= now {
                out.append(next)
            } else {
                schedule.plan(key, at: next.step.deliverAt)
            }
        }
        return out
    }

    /// The `reminder.sent` event for a reminder that reached the journal; applying it moves the
    /// assignment on to its next step.
    public mutating func sent(_ reminder: PlannedReminder, at sentAt: Instant, eventID: String, actor: String) -> Event {
        let event = Event(id: eventID, recordedAt: sentAt, actor: actor, body: .reminderSent(ReminderSent(
            directive: reminder.key.directive, task: reminder.key.task, unit: reminder.key.unit,
            step: reminder.step.name, plannedAt: reminder.step.at, sentAt: sentAt)))
        apply(event, now: sentAt)
        return event
    }

    /// Puts back a reminder that could not be sent, to try again at `at`.
    public mutating func retry(_ reminder: PlannedReminder, at: Instant) {
        schedule.plan(reminder.key, at: at)
    }

    public func assignment(_ key: Assignment.Key) -> Assignment? {
        guard let state = ledger.directives[key.directive], let i = state.index(task: key.task, unit: key.unit) else { return nil }
        return state.assignments[i]
    }

    private mutating func replan(_ a: Assignment, now: Instant) {
        schedule.plan(a.key, at: ReminderPlanner.next(for: a, policy: policy, now: now, zone: ledger.zone)?.step.deliverAt)
    }

    private func touches(_ event: Event, _ key: Assignment.Key) -> Bool {
        switch event.body {
        case .directiveIssued, .directiveRevoked: return true
        case .taskCompleted(let c): return c.task == key.task && (c.unit == nil || c.unit == key.unit)
        case .taskReopened(let r): return r.task == key.task && (r.unit == nil || r.unit == key.unit)
        case .deadlineChanged(let c): return c.task == key.task && (c.unit == nil || c.unit == key.unit)
        case .reminderSent(let s): return s.task == key.task && s.unit == key.unit
        }
    }
}
