/// One unit's share of one task: the thing that is open, done, or revoked.
public struct Assignment: Hashable, Sendable {
    public struct Key: Hashable, Sendable, CustomStringConvertible {
        public var directive: String
        public var task: String
        public var unit: String

        public init(directive: String, task: String, unit: String) {
            self.directive = directive
            self.task = task
            self.unit = unit
        }

        public var description: String { "\(directive) / \(task) / \(unit)" }
    }

    public enum Status: String, Hashable, Sendable {
        case open
        case doneOnTime = "done-on-time"
        case doneLate = "done-late"
        case revoked
    }

    public var key: Key
    public var due: Due?
    public var completedAt: Instant?
    public var note: String?
    public var revoked = false
    /// Reminder steps already sent, with when (from `reminder.sent`).
    public var sentSteps: SentSteps = [:]

    public init(key: Key, due: Due?) {
        self.key = key
        self.due = due
    }

    public var isOpen: Bool { completedAt == nil && !revoked }

    public var status: Status {
        if revoked { return .revoked }
        guard let completedAt else { return .open }
        guard let due else { return .doneOnTime }
        // The due instant is exclusive: "trước ngày 31/12" means before 31/12 00:00.
        return completedAt < due.instant ? .doneOnTime : .doneLate
    }
}
