/// What to send next for an assignment, and when. Pure: the time is a parameter.
public struct PlannedReminder: Hashable, Sendable {
    public var key: Assignment.Key
    public var step: ReminderStep
    public var due: Instant
    /// Steps that fell due before `step` and were never sent (downtime, a journald outage):
    /// `step` stands for them, and says so.
    public var missed: [ReminderStep]

    public init(key: Assignment.Key, step: ReminderStep, due: Instant, missed: [ReminderStep] = []) {
        self.key = key
        self.step = step
        self.due = due
        self.missed = missed
    }

    /// The most urgent priority of `step` and the steps it stands for: a catch-up that replaces
    /// a warning-level "deadline reached" is never quieter than that warning.
    public var priority: JournalPriority {
        missed.reduce(step.priority) { min($0, $1.priority) }
    }
}

public enum ReminderPlanner {
    /// The next reminder of `assignment`: the latest step already due but not sent (catch-up:
    /// after downtime or a journald outage only that one fires, once, like systemd's
    /// `Persistent=` timers, naming the earlier steps it replaces in `missed`), or else the first
    /// future step. `nil` when the assignment needs no more reminders.
    ///
    /// A step counts as handled when it or any later step has been sent, so a restart never
    /// goes back to older steps.
    public static func next(for assignment: Assignment, policy: ReminderPolicy, now: Instant, zone: Zone = .vietnam) -> PlannedReminder? {
        guard assignment.isOpen, let due = assignment.due?.instant else { return nil }
        if let cycle = assignment.cycle { return nextOccurrence(of: assignment, cycle, policy: policy, now: now, zone: zone) }
        return next(steps: policy.steps(due: due), of: assignment, due: due, now: now)
    }

    /// The rule above for one deadline's `steps` (named as `reminder.sent` records them).
    static func next(steps: [ReminderStep], of assignment: Assignment, due: Instant, now: Instant) -> PlannedReminder? {
        let lastSent = steps.lastIndex { assignment.sentSteps[$0.name] != nil } ?? -1
        let pending = steps[(lastSent + 1)...]
        guard !pending.isEmpty else { return nil }
        let fallenDue = pending.filter { $0.deliverAt <= now }
        _ = due
        guard let step = fallenDue.last else { return PlannedReminder(key: assignment.key, step: pending.first!, due: due) }
        return PlannedReminder(key: assignment.key, step: step, due: due, missed: Array(fallenDue.dropLast()))
    }

    /// Whether a reminder sent at `now` is a late catch-up rather than an on-time one.
    public static func isLate(_ reminder: PlannedReminder, now: Instant, policy: ReminderPolicy) -> Bool {
        now.secondsSinceEpoch - reminder.step.deliverAt.secondsSinceEpoch > policy.lateAfter
    }
}

extension ReminderPlanner {
    /// A recurring assignment: each occurrence not done is reminded as a deadline of its own,
    /// its steps named `PERIOD/STEP` ("2024-05/before-3d"). The next reminder is the earliest
    /// among the open occurrences from the oldest up to the first one still ahead, so an
    /// occurrence that passes undone does not hold back the next one; after downtime each missed
    /// occurrence gets its one catch-up (the rule above), not a flood of every step.
    static func nextOccurrence(of a: Assignment, _ cycle: Cycle, policy: ReminderPolicy, now: Instant, zone: Zone) -> PlannedReminder? {
        guard let oldest = a.due?.instant else { return nil }
        var best: PlannedReminder?
        var t = oldest
        for _ in 0..<Cycle.walkLimit {
            if let until = cycle.until, zone.date(of: t.adding(seconds: -1)) > until { break }
            let period = cycle.period(of: t, zone: zone)
            if a.periods[period] == nil {
                let steps = policy.steps(due: t).map { step -> ReminderStep in
                    var s = step
                    s.name = "\(period)/\(step.name)"
                    return s
                }
                if let r = next(steps: steps, of: a, due: t, now: now), best.map({ r.step.deliverAt < $0.step.deliverAt }) ?? true {
                    best = r
                }
            }
            // The first occurrence still ahead is the last one that matters now.
            if t > now { break }
            t = cycle.recurrence.next(after: t, zone: zone)
        }
        return best
    }
}
