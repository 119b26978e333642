/// One line of the log: an immutable fact, recorded once and never edited.
///
/// Corrections are new events (`deadline.changed`, `task.reopened`, `directive.revoked`).
/// The line format is a public interface, documented in `docs/events.md`; ``EventCodec`` is
/// its only reader and writer.
public struct Event: Hashable, Sendable {
    /// The newest line schema version this build reads and writes. A line is written with the
    /// lowest version that can hold it (``requiredSchema``): 2 only for recurrences and periods.
    public static let currentSchema = 2

    public var schema: Int
    /// Unique in the log: appending an event whose id is already there is a no-op.
    public var id: String
    /// When the event was recorded (not when the fact happened: see `Completion.completedAt`).
    public var recordedAt: Instant
    /// The Unix user who appended it.
    public var actor: String
    public var body: Body

    public init(schema: Int = 1, id: String, recordedAt: Instant, actor: String, body: Body) {
        self.schema = schema
        self.id = id
        self.recordedAt = recordedAt
        self.actor = actor
        self.body = body
    }

    public enum Body: Hashable, Sendable {
        case directiveIssued(Directive)
        case taskCompleted(Completion)
        case taskReopened(Reopening)
        case deadlineChanged(DeadlineChange)
        case directiveRevoked(Revocation)
        case reminderSent(ReminderSent)
    }

    /// The directive the event concerns; every event type names exactly one.
    public var directiveID: String {
        switch body {
        case .directiveIssued(let d): return d.id
        case .taskCompleted(let c): return c.directive
        case .taskReopened(let r): return r.directive
        case .deadlineChanged(let c): return c.directive
        case .directiveRevoked(let r): return r.directive
        case .reminderSent(let s): return s.directive
        }
    }

    public var type: EventType {
        switch body {
        case .directiveIssued: return .directiveIssued
        case .taskCompleted: return .taskCompleted
        case .taskReopened: return .taskReopened
        case .deadlineChanged: return .deadlineChanged
        case .directiveRevoked: return .directiveRevoked
        case .reminderSent: return .reminderSent
        }
    }
}

/// The `type` field of a line.
public enum EventType: String, CaseIterable, Sendable {
    case directiveIssued = "directive.issued"
    case taskCompleted = "task.completed"
    case taskReopened = "task.reopened"
    case deadlineChanged = "deadline.changed"
    case directiveRevoked = "directive.revoked"
    case reminderSent = "reminder.sent"
}

extension Event {
    /// The lowest schema version that can hold this event: 2 when it uses a field of version 2
    /// (a task's `recurrence` or `until`, a completion's or reopening's `period`), else 1, so
    /// that logs without recurring tasks stay readable by every earlier hanchot.
    public var requiredSchema: Int {
        switch body {
        case .directiveIssued(let d): return d.tasks.contains { $0.recurrence != nil || $0.until != nil } ? 2 : 1
        case .taskCompleted(let c): return c.period != nil ? 2 : 1
        case .taskReopened(let r): return r.period != nil ? 2 : 1
        case .deadlineChanged, .directiveRevoked, .reminderSent: return 1
        }
    }
}
