import HanchotCore
import Testing

@Suite("ReminderPlanner.next")
struct ReminderPlannerTests {
    let policy = ReminderPolicy.standard
    let due = Fixtures.due

    func at(_ offset: Int64) -> Instant { due.adding(seconds: offset) }

    @Test("long before the deadline, the first step is planned for its time")
    func firstFutureStep() throws {
        let next = try #require(ReminderPlanner.next(for: Fixtures.assignment(), policy: policy, now: at(-Fixtures.days(30))))
        #expect(next.step.name == "before-7d")
        #expect(next.step.at == at(-Fixtures.days(7)))
        #expect(next.due == due)
        #expect(next.key == Fixtures.key())
    }

    @Test("after downtime only the latest missed step fires, not every missed one")
    func catchUpFiresOnlyTheLatestMissedStep() throws {
        // Down from before the 7-day step until after the 1-day step: 7d, 3d and 1d were missed.
        let now = at(-3 * 3600)
        let next = try #require(ReminderPlanner.next(for: Fixtures.assignment(), policy: policy, now: now))
        #expect(next.step.name == "before-1d")
        #expect(ReminderPlanner.isLate(next, now: now, policy: policy))
    }

    @Test("after the caught-up step is sent, nothing older comes back; the next future step follows")
    func nothingOlderReturnsAfterCatchUp() throws {
        let now = at(-3 * 3600)
        var a = Fixtures.assignment()
        a.sentSteps["before-1d"] = now
        let next = try #require(ReminderPlanner.next(for: a, policy: policy, now: now))
        #expect(next.step.name == "before-2h")
        #expect(next.step.at > now)
        #expect(!ReminderPlanner.isLate(next, now: next.step.at, policy: policy))
    }

    @Test("long overdue with nothing sent: the latest overdue step fires once, then nothing")
    func longOverdueCatchesUpOnce() throws {
        let now = at(Fixtures.days(30))
        let next = try #require(ReminderPlanner.next(for: Fixtures.assignment(), policy: policy, now: now))
        #expect(next.step.name == "overdue-7")
        let after = Fixtures.assignment(sent: ["overdue-7"])
        #expect(ReminderPlanner.next(for: after, policy: policy, now: now) == nil)
    }

    @Test("a step counts as handled when a later one was sent, even if it was not itself")
    func laterSentStepCoversEarlierOnes() throws {
        let a = Fixtures.assignment(sent: ["due"])
        let next = try #require(ReminderPlanner.next(for: a, policy: policy, now: at(-Fixtures.days(10))))
        #expect(next.step.name == "overdue-1")
    }

    @Test("an on-time step is not late; one later than late_after is")
    func lateness() throws {
        let next = try #require(ReminderPlanner.next(for: Fixtures.assignment(), policy: policy, now: at(-Fixtures.days(8))))
        #expect(!ReminderPlanner.isLate(next, now: next.step.at, policy: policy))
        #expect(!ReminderPlanner.isLate(next, now: next.step.at.adding(seconds: 60), policy: policy))
        #expect(ReminderPlanner.isLate(next, now: next.step.at.adding(seconds: 61), policy: policy))
    }

    @Test("completed, revoked and undated assignments need no reminder")
    func closedOrUndatedAssignmentsGetNothing() {
        var done = Fixtures.assignment()
        done.completedAt = at(-Fixtures.days(2))
        #expect(ReminderPlanner.next(for: done, policy: policy, now: at(0)) == nil)
        var revoked = Fixtures.assignment()
        revoked.revoked = true
        #expect(ReminderPlanner.next(for: revoked, policy: policy, now: at(0)) == nil)
        #expect(ReminderPlanner.next(for: Fixtures.assignment(due: nil), policy: policy, now: at(0)) == nil)
    }

    @Test("every step sent: nothing more")
    func allStepsSent() {
        let a = Fixtures.assignment(sent: policy.steps(due: due).map(\.name))
        #expect(ReminderPlanner.next(for: a, policy: policy, now: at(Fixtures.days(100))) == nil)
    }

    @Test("deadline.changed resets the steps already sent, so the new deadline is reminded afresh")
    func deadlineChangeResetsSentSteps() throws {
        var ledger = Ledger(zone: .vietnam)
        let issuedAt = at(-Fixtures.days(30))
        #expect(ledger.apply(Fixtures.issued(units: ["UBND xã"], at: issuedAt)) == .applied)
        let now = at(Fixtures.days(1))
        #expect(ledger.apply(Fixtures.sent("overdue-1", plannedAt: at(Fixtures.days(1)), at: now)) == .applied)
        let before = try #require(ledger.assignments.first)
        #expect(ReminderPlanner.next(for: before, policy: policy, now: now)?.step.name == "overdue-2")

        let newDue = at(Fixtures.days(10))
        #expect(ledger.apply(Fixtures.deadlineChanged(to: newDue, at: now)) == .applied)
        let after = try #require(ledger.assignments.first)
        #expect(after.sentSteps.isEmpty)
        let next = try #require(ReminderPlanner.next(for: after, policy: policy, now: now))
        #expect(next.due == newDue)
        #expect(next.step.name == "before-7d", "7 days before the new deadline is still 2 days ahead")
        #expect(next.step.at == newDue.adding(seconds: -Fixtures.days(7)))
    }

    @Test("a reopened assignment is reminded again from its latest missed step")
    func reopenedAssignmentIsRemindedAgain() throws {
        var ledger = Ledger(zone: .vietnam)
        ledger.apply(Fixtures.issued(units: ["UBND xã"], at: at(-Fixtures.days(30))))
        ledger.apply(Fixtures.sent("before-2h", plannedAt: at(-7200), at: at(-7200)))
        ledger.apply(Fixtures.completed("UBND xã", at: at(-3600)))
        #expect(ReminderPlanner.next(for: ledger.assignments[0], policy: policy, now: at(-1800)) == nil)
        let reopen = Event(id: "reopen-1", recordedAt: at(60), actor: "vanthu",
                           body: .taskReopened(Reopening(directive: "22-CV/ĐU-2021", task: "1", unit: "UBND xã", reason: "thiếu")))
        #expect(ledger.apply(reopen) == .applied)
        #expect(ReminderPlanner.next(for: ledger.assignments[0], policy: policy, now: at(60))?.step.name == "due")
    }
}
