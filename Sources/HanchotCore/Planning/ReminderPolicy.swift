/// When to remind an open assignment: steps before the deadline, at it, and while overdue.
///
/// A plain value with defaults (like a service's configuration struct); the config file's
/// `[reminders]` table fills it.
public struct ReminderPolicy: Hashable, Sendable {
    /// Seconds before the due instant, e.g. 7 days, 3 days, 1 day, 2 hours.
    public var before: [Int64]
    public var atDue: Bool
    /// Seconds between overdue reminders.
    public var overdueEvery: Int64
    /// How many overdue reminders at most (0: none).
    public var overdueLimit: Int
    /// A step that fires later than this after its planned time is marked as caught up (late).
    public var lateAfter: Int64
    /// When set, reminders are delivered only in its office hours on working days: a step that
    /// falls outside waits for the next opening.
    public var deliveryCalendar: WorkingCalendar?
    /// The zone office hours are read in.
    public var zone: Zone = .vietnam

    public init(before: [Int64] = [7 * 86_400, 3 * 86_400, 86_400, 2 * 3600], atDue: Bool = true,
                overdueEvery: Int64 = 86_400, overdueLimit: Int = 7, lateAfter: Int64 = 60) {
        self.before = before
        self.atDue = atDue
        self.overdueEvery = overdueEvery
        self.overdueLimit = overdueLimit
        self.lateAfter = lateAfter
    }

    public static let standard = ReminderPolicy()

    /// Every step for a deadline, in time order. Names are stable: they go into `reminder.sent`.
    public func steps(due: Instant) -> [ReminderStep] {
        var steps = plannedSteps(due: due)
        if let calendar = deliveryCalendar {
            for i in steps.indices { steps[i].deliverAt = calendar.nextOpening(steps[i].at, zone: zone) }
        }
        return steps
    }

    private func plannedSteps(due: Instant) -> [ReminderStep] {
        var steps: [ReminderStep] = []
        for seconds in before.sorted(by: >) where seconds > 0 {
            // Nearer the deadline, louder: a week out is information, the last day is a notice.
            let priority: JournalPriority = seconds >= 3 * 86_400 ? .info : .notice
            steps.append(ReminderStep(name: "before-\(Duration.format(seconds))", kind: .upcoming,
                                      at: due.adding(seconds: -seconds), priority: priority))
        }
        if atDue {
            steps.append(ReminderStep(name: "due", kind: .due, at: due, priority: .warning))
        }
        if overdueEvery > 0 {
            for n in stride(from: 1, through: overdueLimit, by: 1) {
                steps.append(ReminderStep(name: "overdue-\(n)", kind: .overdue,
                                          at: due.adding(seconds: overdueEvery * Int64(n)), priority: .err))
            }
        }
        return steps
    }
}

/// One reminder of one assignment.
public struct ReminderStep: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case upcoming, due, overdue
    }

    public var name: String
    public var kind: Kind
    /// When the step is planned (relative to the deadline).
    public var at: Instant
    public var priority: JournalPriority
    /// When it may be delivered: `at`, or the next office opening after it.
    public var deliverAt: Instant

    public init(name: String, kind: Kind, at: Instant, priority: JournalPriority, deliverAt: Instant? = nil) {
        self.name = name
        self.kind = kind
        self.at = at
        self.priority = priority
        self.deliverAt = deliverAt ?? at
    }
}

/// syslog priorities, as journald's `PRIORITY=` field takes them.
public enum JournalPriority: Int, Hashable, Sendable, Comparable {
    case emerg = 0, alert, crit, err, warning, notice, info, debug

    public static func < (a: JournalPriority, b: JournalPriority) -> Bool { a.rawValue < b.rawValue }
}

/// Durations as written in config and step names: `7d`, `2h`, `30m`, `5s`, `1d12h`.
public enum Duration {
    public static func parse(_ text: String) -> Int64? {
        var total: Int64 = 0
        var number: Int64 = 0
        var sawDigit = false
        var sawUnit = false
        for c in text {
            if let d = c.wholeNumberValue, c.isASCII {
                number = number * 10 + Int64(d)
                sawDigit = true
                guard number < 1_000_000_000 else { return nil }
                continue
            }
            guard sawDigit else { return nil }
            switch c {
            case "w": total += number * 7 * 86_400
            case "d": total += number * 86_400
            case "h": total += number * 3600
            case "m": total += number * 60
            case "s": total += number
            default: return nil
            }
            number = 0
            sawDigit = false
            sawUnit = true
        }
        return sawDigit || !sawUnit ? nil : total
    }

    public static func format(_ seconds: Int64) -> String {
        if seconds == 0 { return "0s" }
        var rest = seconds
        var out = ""
        for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }
}
