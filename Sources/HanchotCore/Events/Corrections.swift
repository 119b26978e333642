/// `task.completed`: a unit finished its part of a task.
public struct Completion: Hashable, Sendable {
    public var directive: String
    public var task: String
    /// Required when the task has several assignees; may be omitted when it has one.
    public var unit: String?
    /// When the work was finished (may be earlier than the event's `recordedAt`).
    public var completedAt: Instant
    public var note: String?
    /// For a recurring task, the occurrence done ("2024-05"; schema version 2). `nil`: the
    /// oldest occurrence not yet done.
    public var period: String?

    public init(directive: String, task: String, unit: String? = nil, completedAt: Instant, note: String? = nil,
                period: String? = nil) {
        self.directive = directive
        self.task = task
        self.unit = unit
        self.completedAt = completedAt
        self.note = note
        self.period = period
    }
}

/// `task.reopened`: a completion turned out premature; the assignment is open again.
public struct Reopening: Hashable, Sendable {
    public var directive: String
    public var task: String
    public var unit: String?
    public var reason: String?
    /// For a recurring task, the occurrence reopened (schema version 2). `nil`: the latest done.
    public var period: String?

    public init(directive: String, task: String, unit: String? = nil, reason: String? = nil, period: String? = nil) {
        self.directive = directive
        self.task = task
        self.unit = unit
        self.reason = reason
        self.period = period
    }
}

/// `deadline.changed`: the deadline of a task (all its units, or one) moves.
public struct DeadlineChange: Hashable, Sendable {
    public var directive: String
    public var task: String
    /// `nil`: every assignee of the task.
    public var unit: String?
    public var due: Due
    public var reason: String

    public init(directive: String, task: String, unit: String? = nil, due: Due, reason: String) {
        self.directive = directive
        self.task = task
        self.unit = unit
        self.due = due
        self.reason = reason
    }
}

/// `directive.revoked`: the whole directive no longer applies.
public struct Revocation: Hashable, Sendable {
    public var directive: String
    public var reason: String

    public init(directive: String, reason: String) {
        self.directive = directive
        self.reason = reason
    }
}

/// `reminder.sent`: written by the daemon after a reminder reached the journal, so that a
/// restart does not send the same step again.
public struct ReminderSent: Hashable, Sendable {
    public var directive: String
    public var task: String
    public var unit: String
    /// The policy step, e.g. `before-7d`, `due`, `overdue-3`.
    public var step: String
    public var plannedAt: Instant
    public var sentAt: Instant

    public init(directive: String, task: String, unit: String, step: String, plannedAt: Instant, sentAt: Instant) {
        self.directive = directive
        self.task = task
        self.unit = unit
        self.step = step
        self.plannedAt = plannedAt
        self.sentAt = sentAt
    }
}
