/// What to send next for an assignment, and when. Pure: the time is a parameter.
public struct PlannedReminder: Hashable, Sendable {
    public var key: Assignment.Key
    public var step: ReminderStep
    public var due: Instant
}

public enum ReminderPlanner {
    /// The next reminder of `assignment`: the latest step already due but not sent (catch-up:
    /// after downtime only that one fires, once, like systemd's `Persistent=` timers), or else
    /// the first future step. `nil` when the assignment needs no more reminders.
    ///
    /// A step counts as handled when it or any later step has been sent, so a restart never
    /// goes back to older steps.
    public static func next(for assignment: Assignment, policy: ReminderPolicy, now: Instant) -> PlannedReminder? {
        guard assignment.isOpen, let due = assignment.due?.instant else { return nil }
        let steps = policy.steps(due: due)
        let lastSent = steps.lastIndex { assignment.sentSteps[$0.name] != nil } ?? -1
        let pending = steps[(lastSent + 1)...]
        guard !pending.isEmpty else { return nil }
        let step = pending.last { $0.deliverAt <= now } ?? pending.first!
        return PlannedReminder(key: assignment.key, step: step, due: due)
    }

    /// Whether a reminder sent at `now` is a late catch-up rather than an on-time one.
    public static func isLate(_ reminder: PlannedReminder, now: Instant, policy: ReminderPolicy) -> Bool {
        now.secondsSinceEpoch - reminder.step.deliverAt.secondsSinceEpoch > policy.lateAfter
    }
}
