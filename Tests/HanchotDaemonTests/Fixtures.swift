import HanchotCore

/// Small builders shared by the daemon's unit tests. Times are whole seconds on a fixed base,
/// so every test states its clock explicitly.
enum Fixtures {
    /// 31/12/2021 00:00 in Asia/Ho_Chi_Minh: "xong trước ngày 31/12/2021".
    static let due = Zone.vietnam.instant(CivilDate(year: 2021, month: 12, day: 31)!)
    static let zone = Zone.vietnam

    static func key(_ unit: String = "UBND xã", task: String = "1", directive: String = "22-CV/ĐU-2021") -> Assignment.Key {
        Assignment.Key(directive: directive, task: task, unit: unit)
    }

    static func assignment(due: Instant? = Fixtures.due, sent: [String] = [], unit: String = "UBND xã") -> Assignment {
        var a = Assignment(key: key(unit), due: due.map { Due(instant: $0) })
        for step in sent { a.sentSteps[step] = due ?? .distantPast }
        return a
    }

    /// A test policy on a seconds scale: before 4 s and 2 s, at due, overdue every 2 s (3 times).
    static let fast = ReminderPolicy(before: [4, 2], atDue: true, overdueEvery: 2, overdueLimit: 3, lateAfter: 1)

    static func days(_ n: Int64) -> Int64 { n * 86_400 }

    static func issued(id: String = "22-CV/ĐU-2021", number: String = "22-CV/ĐU", units: [String] = ["UBND xã", "Công an xã"],
                       due: Instant? = Fixtures.due, text: String = "Rà soát hộ nghèo", at: Instant = Fixtures.due.adding(seconds: -30 * 86_400),
                       eventID: String? = nil) -> Event {
        let directive = Directive(id: id, number: number, issuer: "Đảng ủy xã", title: "Về việc rà soát",
                                  tasks: [Directive.Task(id: "1", text: text, assignees: units, due: due.map { Due(instant: $0) })])
        return Event(id: eventID ?? "issue-\(id)", recordedAt: at, actor: "vanthu", body: .directiveIssued(directive))
    }

    static func completed(_ unit: String, directive: String = "22-CV/ĐU-2021", at: Instant, eventID: String? = nil) -> Event {
        Event(id: eventID ?? "done-\(directive)-\(unit)-\(at.secondsSinceEpoch)", recordedAt: at, actor: "vanthu",
              body: .taskCompleted(Completion(directive: directive, task: "1", unit: unit, completedAt: at)))
    }

    static func revoked(directive: String = "22-CV/ĐU-2021", at: Instant) -> Event {
        Event(id: "revoke-\(directive)", recordedAt: at, actor: "vanthu",
              body: .directiveRevoked(Revocation(directive: directive, reason: "thay thế")))
    }

    static func deadlineChanged(to due: Instant, unit: String? = nil, directive: String = "22-CV/ĐU-2021", at: Instant) -> Event {
        Event(id: "move-\(directive)-\(due.secondsSinceEpoch)", recordedAt: at, actor: "vanthu",
              body: .deadlineChanged(DeadlineChange(directive: directive, task: "1", unit: unit, due: Due(instant: due), reason: "gia hạn")))
    }

    static func sent(_ step: String, unit: String = "UBND xã", plannedAt: Instant, at: Instant, directive: String = "22-CV/ĐU-2021") -> Event {
        Event(id: "sent-\(directive)-\(unit)-\(step)", recordedAt: at, actor: "hanchot",
              body: .reminderSent(ReminderSent(directive: directive, task: "1", unit: unit, step: step, plannedAt: plannedAt, sentAt: at)))
    }
}
