@testable import HanchotCore
import Testing

@Suite("ReminderEngine")
struct ReminderEngineTests {
    let due = Fixtures.due
    func at(_ offset: Int64) -> Instant { due.adding(seconds: offset) }

    /// An engine with one directive (two units) due at `due`, on the seconds-scale policy.
    func engine(now: Instant, units: [String] = ["UBND xã", "Công an xã"]) -> ReminderEngine {
        var e = ReminderEngine(ledger: Ledger(zone: .vietnam), policy: Fixtures.fast)
        e.replanAll(now: now)
        e.apply(Fixtures.issued(units: units, at: now), now: now)
        return e
    }

    @Test("an issued directive plans each assignee for its first step")
    func issuePlansEveryAssignee() {
        var e = engine(now: at(-10))
        #expect(e.pendingCount == 2)
        #expect(e.nextWake() == at(-4))
        #expect(e.takeDue(now: at(-5)).isEmpty)
        let due = e.takeDue(now: at(-4))
        #expect(due.map(\.key.unit).sorted() == ["Công an xã", "UBND xã"])
        #expect(due.allSatisfy { $0.step.name == "before-4s" })
    }

    @Test("sent() records the step and moves the assignment on to the next one")
    func sentMovesToNextStep() throws {
        var e = engine(now: at(-10), units: ["UBND xã"])
        let r = try #require(e.takeDue(now: at(-4)).first)
        let event = e.sent(r, at: at(-4), eventID: "s1", actor: "hanchot")
        guard case .reminderSent(let s) = event.body else {
            Issue.record("sent() must return a reminder.sent event, got \(event.type)")
            return
        }
        #expect(s.step == "before-4s" && s.plannedAt == at(-4) && s.sentAt == at(-4) && s.unit == "UBND xã")
        #expect(event.id == "s1" && event.actor == "hanchot")
        #expect(e.ledger.contains(eventID: "s1"))
        #expect(e.nextWake() == at(-2))
        #expect(e.takeDue(now: at(-3)).isEmpty)
        #expect(e.takeDue(now: at(-2)).map(\.step.name) == ["before-2s"])
    }

    @Test("the daemon reading back its own reminder.sent line is a no-op")
    func ownSentEventReadBackIsNoOp() throws {
        var e = engine(now: at(-10), units: ["UBND xã"])
        let r = try #require(e.takeDue(now: at(-4)).first)
        let event = e.sent(r, at: at(-4), eventID: "s1", actor: "hanchot")
        #expect(e.apply(event, now: at(-4)) == .duplicateID)
        #expect(e.nextWake() == at(-2))
    }

    @Test("takeDue re-checks the state: an assignment completed after planning is not reminded")
    func takeDueRechecksState() {
        var e = engine(now: at(-10))
        e.apply(Fixtures.completed("UBND xã", at: at(-6)), now: at(-6))
        #expect(e.pendingCount == 1)
        #expect(e.takeDue(now: at(-4)).map(\.key.unit) == ["Công an xã"])
    }

    @Test("a revoked directive stops every reminder")
    func revocationStopsEverything() {
        var e = engine(now: at(-10))
        e.apply(Fixtures.revoked(at: at(-6)), now: at(-6))
        #expect(e.pendingCount == 0)
        #expect(e.nextWake() == nil)
        #expect(e.takeDue(now: at(100)).isEmpty)
    }

    @Test("a reminder that could not be sent is retried later, for the same step")
    func retryKeepsTheStep() throws {
        var e = engine(now: at(-10), units: ["UBND xã"])
        let r = try #require(e.takeDue(now: at(-4)).first)
        e.retry(r, at: at(-3))
        #expect(e.nextWake() == at(-3))
        #expect(e.takeDue(now: at(-4)).isEmpty)
        let again = e.takeDue(now: at(-3))
        #expect(again.map(\.step.name) == ["before-4s"])
    }

    @Test("a retry that comes after later steps became due sends only the latest one")
    func lateRetryCatchesUp() throws {
        var e = engine(now: at(-10), units: ["UBND xã"])
        let r = try #require(e.takeDue(now: at(-4)).first)
        e.retry(r, at: at(1))
        let again = try #require(e.takeDue(now: at(1)).first)
        #expect(again.step.name == "due")
        #expect(!ReminderPlanner.isLate(again, now: at(1), policy: e.policy))
        #expect(ReminderPlanner.isLate(again, now: at(2), policy: e.policy))
    }

    @Test("a popped assignment whose step is not yet due is put back, not sent early")
    func notYetDueIsPutBack() {
        var e = engine(now: at(-10), units: ["UBND xã"])
        // Re-planned by a retry for a time before its step: takeDue must not send it.
        e.retry(PlannedReminder(key: Fixtures.key(), step: Fixtures.fast.steps(due: due)[0], due: due), at: at(-8))
        #expect(e.takeDue(now: at(-8)).isEmpty)
        #expect(e.nextWake() == at(-4))
    }

    @Test("replacing the ledger (log replaced) re-plans from the new state")
    func replaceLedgerReplans() {
        var e = engine(now: at(-10))
        var other = Ledger(zone: .vietnam)
        other.apply(Fixtures.issued(id: "99-QĐ/UBND", number: "99-QĐ", units: ["Trường tiểu học"], due: at(100), at: at(-10)))
        e.replace(ledger: other, now: at(-10))
        #expect(e.pendingCount == 1)
        #expect(e.nextWake() == at(96))
        #expect(e.takeDue(now: at(0)).isEmpty)
    }

    @Test("a new policy re-plans every assignment")
    func replacePolicyReplans() {
        var e = engine(now: at(-10))
        e.replace(policy: ReminderPolicy(before: [8], atDue: true, overdueEvery: 0, overdueLimit: 0, lateAfter: 1), now: at(-10))
        #expect(e.nextWake() == at(-8))
        #expect(e.takeDue(now: at(-8)).map(\.step.name) == ["before-8s", "before-8s"])
    }

    @Test("steps run to the end of the policy and then stop")
    func runsToTheEnd() {
        var e = engine(now: at(-10), units: ["UBND xã"])
        var sentSteps: [String] = []
        var clock = at(-10)
        while let wake = e.nextWake(), sentSteps.count < 20 {
            clock = max(clock, wake)
            for r in e.takeDue(now: clock) {
                sentSteps.append(r.step.name)
                _ = e.sent(r, at: clock, eventID: "s-\(sentSteps.count)", actor: "hanchot")
            }
        }
        #expect(sentSteps == ["before-4s", "before-2s", "due", "overdue-1", "overdue-2", "overdue-3"])
        #expect(e.pendingCount == 0)
    }
}
