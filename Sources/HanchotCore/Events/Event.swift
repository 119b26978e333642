/// One line of the log: an immutable fact, recorded once and never edited.
///
/// Corrections are new events (`deadline.changed`, `task.reopened`, `directive.revoked`).
/// The line format is a public interface, documented in `docs/events.md`; ``EventCodec`` is
/// its only reader and writer.
public struct Event: Hashable, Sendable {
    /// The line schema version this build writes.
    public static let currentSchema = 1

    public var schema: Int
    /// Unique in the log: appending an event whose id is already there is a no-op.
    public var id: String
    /// When the event was recorded (not when the fact happened: see `Completion.completedAt`).
    public var recordedAt: Instant
    /// The Unix user who appended it.
    public var actor: String
    public var body: Body

    public init(schema: Int = Event.currentSchema, id: String, recordedAt: Instant, actor: String, body: Body) {
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
