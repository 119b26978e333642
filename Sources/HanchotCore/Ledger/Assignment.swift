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
    /// For a recurring task: its schedule (shared by its assignees). `due` is then the deadline
    /// of the oldest occurrence not yet done, and `completedAt` is set only once every
    /// occurrence up to the schedule's end is done.
    public var cycle: Cycle?
    /// For a recurring task: the occurrences done, by period ("2024-05"), with when.
    public var periods: [String: Instant] = [:]

    public init(key: Key, due: Due?, cycle: Cycle? = nil) {
        self.key = key
        self.due = due
        self.cycle = cycle
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

/// The schedule of a recurring task: its first occurrence's deadline, how it recurs, and until
/// when. One instance is shared by every assignee of the task (it never changes).
public final class Cycle: Hashable, Sendable {
    public let first: Due
    public let recurrence: Recurrence
    public let until: CivilDate?

    public init(first: Due, recurrence: Recurrence, until: CivilDate?) {
        self.first = first
        self.recurrence = recurrence
        self.until = until
    }

    public static func == (a: Cycle, b: Cycle) -> Bool {
        a.first == b.first && a.recurrence == b.recurrence && a.until == b.until
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(first)
        hasher.combine(recurrence)
        hasher.combine(until)
    }

    /// How many occurrences any walk over the schedule looks at, at most (a weekly obligation
    /// over twenty years).
    public static let walkLimit = 1100

    /// The occurrences' deadlines in order, from the first, while `include` holds.
    public func deadlines(zone: Zone, while include: (Instant) -> Bool) -> [Instant] {
        recurrence.occurrences(from: first.instant, until: until, zone: zone, limit: Cycle.walkLimit, while: include)
    }

    public func period(of deadline: Instant, zone: Zone) -> String { recurrence.period(ofDeadline: deadline, zone: zone) }

    /// The deadline of the occurrence named `period`, if the schedule has one.
    public func deadline(ofPeriod period: String, zone: Zone) -> Instant? {
        var found: Instant?
        _ = deadlines(zone: zone) { t in
            let p = self.period(of: t, zone: zone)
            if p == period { found = t }
            // Periods of one kind sort as text: stop once past the one asked for.
            return found == nil && p < period
        }
        return found
    }

    /// The oldest occurrence not in `done`, or `nil` when every one up to `until` is done.
    public func oldestOpen(done: [String: Instant], zone: Zone) -> Instant? {
        var open: Instant?
        _ = deadlines(zone: zone) { t in
            if done[self.period(of: t, zone: zone)] == nil { open = t }
            return open == nil
        }
        return open
    }
}
