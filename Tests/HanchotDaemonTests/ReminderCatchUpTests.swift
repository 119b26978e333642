@testable import HanchotCore
import HanchotSystemd
import Testing

/// What one reminder says when it stands for steps that were never sent (downtime, or a
/// journald outage across the deadline): the latest step is sent, once, at the most urgent
/// priority of those it replaces, and it names them.
@Suite("Catch-up reminders name the steps they replace")
struct ReminderCatchUpTests {
    let policy = ReminderPolicy.standard
    let due = Fixtures.due

    @Test("an outage across the deadline and the first overdue day: one reminder, at error level, naming the deadline")
    func outageAcrossTheDeadline() throws {
        // before-* went out on time; the deadline (warning) and overdue-1 fell due while journald was down.
        let sentBefore = policy.steps(due: due).filter { $0.kind == .upcoming }.map(\.name)
        let a = Fixtures.assignment(sent: sentBefore)
        let now = due.adding(seconds: 86_400 + 3600)
        let r = try #require(ReminderPlanner.next(for: a, policy: policy, now: now))
        #expect(r.step.name == "overdue-1")
        #expect(r.missed.map(\.name) == ["due"])
        #expect(r.priority == .err)
        let notice = ReminderNotice(reminder: r, number: "22-CV/ĐU", taskText: "Rà soát", late: true, now: now,
                                    messages: Messages(language: .vi, zone: .vietnam))
        #expect(notice.missedSteps == ["due"])
        #expect(notice.message.contains("thay cho 1 lần nhắc bị lỡ, gồm cả lần báo đã đến hạn"), "\(notice.message)")
        #expect(notice.journalFields.filter { $0.name == "HANCHOT_MISSED" }.map(\.value) == ["due"])
        #expect(notice.priority == .err)
    }

    @Test("a catch-up never has a quieter priority than a step it replaces")
    func priorityIsTheMostUrgent() throws {
        // A policy whose overdue steps are quieter than the deadline (an unusual but valid config).
        let steps = policy.steps(due: due)
        let dueStep = try #require(steps.first { $0.kind == .due })
        var overdue = try #require(steps.first { $0.name == "overdue-1" })
        overdue.priority = .notice
        let r = PlannedReminder(key: Fixtures.key(), step: overdue, due: due, missed: [dueStep])
        #expect(r.priority == .warning)
    }

    @Test("a reminder on time replaces nothing and says nothing of missed steps")
    func onTimeHasNoMissed() throws {
        let a = Fixtures.assignment(sent: ["before-7d"])
        let now = due.adding(seconds: -3 * 86_400)
        let r = try #require(ReminderPlanner.next(for: a, policy: policy, now: now))
        #expect(r.step.name == "before-3d")
        #expect(r.missed.isEmpty)
        let notice = ReminderNotice(reminder: r, number: "22-CV/ĐU", taskText: "Rà soát", late: false, now: now,
                                    messages: Messages(language: .en, zone: .vietnam))
        #expect(!notice.message.contains("missed"))
        #expect(!notice.journalFields.contains { $0.name == "HANCHOT_MISSED" })
    }
}
