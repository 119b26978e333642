/// A reminder as people read it, plus the values journald stores beside it.
public struct ReminderNotice: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case upcoming, due, overdue
        /// A step that fired late, after downtime (catch-up).
        case caughtUp = "caught-up"
        /// A problem with the log (bad line, log replaced).
        case logProblem = "log-problem"

        /// The fixed `MESSAGE_ID` of each kind; `systemd/hanchot.catalog` explains each one.
        public var messageID: String {
            switch self {
            case .upcoming: "6f1c0a4e2b8d4c7a9e35d1b2c4f6a801"
            case .due: "6f1c0a4e2b8d4c7a9e35d1b2c4f6a802"
            case .overdue: "6f1c0a4e2b8d4c7a9e35d1b2c4f6a803"
            case .caughtUp: "6f1c0a4e2b8d4c7a9e35d1b2c4f6a804"
            case .logProblem: "6f1c0a4e2b8d4c7a9e35d1b2c4f6a805"
            }
        }
    }

    public var kind: Kind
    public var priority: JournalPriority
    public var message: String
    public var key: Assignment.Key
    public var number: String
    public var due: Instant
    public var step: String
    public var daysLeft: Int
    public var plannedAt: Instant
    /// The names of earlier steps this one stands for (they fell due while nothing could be
    /// sent), oldest first; empty for a reminder on time.
    public var missedSteps: [String]
    /// The occurrence of a recurring task ("2024-05"), or `nil`.
    public var period: String?

    /// "Nhắc việc: [22-CV/ĐU] nhiệm vụ 1 — UBND xã — còn 3 ngày, hạn 31/12/2021".
    public init(reminder r: PlannedReminder, number: String, taskText: String, late: Bool, now: Instant,
                messages m: Messages) {
        let overdue = now >= r.due
        let days = StatusReport.daysLeft(until: r.due, now: now, zone: m.zone)
        kind = late ? .caughtUp : ReminderNotice.kind(of: r.step.kind)
        priority = r.priority
        missedSteps = r.missed.map(\.name)
        key = r.key
        self.number = number
        due = r.due
        step = r.step.name
        daysLeft = days
        plannedAt = r.step.at
        let vi = m.language == .vi
        let head = vi ? "Nhắc việc" : "Reminder"
        var lateNote = late ? (vi ? " (nhắc bù)" : " (late catch-up)") : ""
        if !r.missed.isEmpty {
            // One reminder stands for the steps missed during downtime or a journald outage; it
            // says which, so "deadline reached" is never silently swallowed by a later step.
            let n = r.missed.count
            let deadlineMissed = r.missed.contains { $0.kind == .due }
            lateNote += vi
                ? " (thay cho \(n) lần nhắc bị lỡ\(deadlineMissed ? ", gồm cả lần báo đã đến hạn" : ""))"
                : " (in place of \(n) missed reminder\(n == 1 ? "" : "s")\(deadlineMissed ? ", the deadline's among them" : ""))"
        }
        // At the deadline itself the countdown would say "1 day overdue" for a midnight deadline
        // (its last day has just ended): say plainly that the deadline has come.
        let when = r.step.kind == .due && !late ? (vi ? "đã đến hạn" : "deadline reached")
            : m.countdown(daysLeft: days, overdue: overdue)
        // An occurrence of a recurring task names its period ("2024-05/due" → "kỳ 2024-05").
        let period = r.step.name.contains("/") ? r.step.name.split(separator: "/").first.map(String.init) : nil
        self.period = period
        let which = period.map { vi ? ", kỳ \($0)" : ", period \($0)" } ?? ""
        message = "\(head): [\(number)] \(m.task(r.key))\(which) — \(r.key.unit) — \(when), "
            + "\(m.due(Due(instant: r.due))) — \(taskText.prefix(120))\(lateNote)"
    }

    static func kind(of step: ReminderStep.Kind) -> Kind {
        switch step {
        case .upcoming: .upcoming
        case .due: .due
        case .overdue: .overdue
        }
    }
}
