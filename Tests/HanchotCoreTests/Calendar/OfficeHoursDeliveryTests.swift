@testable import HanchotCore
import Testing

/// Reminders with office hours on (`ReminderPolicy.deliveryCalendar`): a step that falls on a
/// weekend night waits for Monday 07:30 local, through the planner and the engine.
@Suite("OfficeHours delivery of reminders")
struct OfficeHoursDeliveryTests {
    let zone = Zone.vietnam

    func local(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> Instant {
        zone.instant(day(y, m, d), hour: h, minute: min)
    }

    func policy(before: [Int64], atDue: Bool = false, overdueEvery: Int64 = 0) -> ReminderPolicy {
        var p = ReminderPolicy(before: before, atDue: atDue, overdueEvery: overdueEvery, overdueLimit: 3)
        p.deliveryCalendar = defaultWorkingCalendar
        return p
    }

    func assignment(due: Instant) -> Assignment {
        Assignment(key: Assignment.Key(directive: "22-CV/ĐU-2021", task: "1", unit: "UBND xã"), due: Due(instant: due))
    }

    func engine(policy: ReminderPolicy, due: Instant, now: Instant) -> ReminderEngine {
        var e = ReminderEngine(ledger: Ledger(zone: zone), policy: policy)
        e.replanAll(now: now)
        e.apply(issueEvent(makeDirective(tasks: [makeTask(due: Due(instant: due))]), at: now), now: now)
        return e
    }

    @Test("due Monday 07:00 with a 2h step: planned Monday 05:00, delivered Monday 07:30")
    func twoHoursBeforeMondayMorning() throws {
        let p = policy(before: [2 * 3600])
        let due = local(2022, 3, 7, 7)
        let step = try #require(p.steps(due: due).first)
        #expect(step.name == "before-2h" && step.at == local(2022, 3, 7, 5))
        #expect(step.deliverAt == local(2022, 3, 7, 7, 30))

        #expect(ReminderPlanner.next(for: assignment(due: due), policy: p, now: local(2022, 3, 7, 5, 30))?.step.deliverAt
            == local(2022, 3, 7, 7, 30))

        var e = engine(policy: p, due: due, now: local(2022, 3, 6, 21))
        #expect(e.nextWake() == local(2022, 3, 7, 7, 30))
        #expect(e.takeDue(now: local(2022, 3, 7, 5)).isEmpty)
        #expect(e.takeDue(now: local(2022, 3, 7, 7, 29)).isEmpty)
        let taken = e.takeDue(now: local(2022, 3, 7, 7, 30))
        #expect(taken.map(\.step.name) == ["before-2h"])
    }

    @Test("a 1d step on Sunday 21:00 is not taken Sunday night; it is taken Monday 07:30")
    func sundayNightStep() throws {
        let p = policy(before: [86_400])
        let due = local(2022, 3, 7, 21)
        let a = assignment(due: due)
        let sundayNight = local(2022, 3, 6, 21)

        let planned = try #require(ReminderPlanner.next(for: a, policy: p, now: local(2022, 3, 6, 12)))
        #expect(planned.step.name == "before-1d")
        #expect(planned.step.at == sundayNight)
        #expect(planned.step.deliverAt == local(2022, 3, 7, 7, 30))
        // At 21:00 and 23:59 on Sunday the step is still not deliverable.
        for now in [sundayNight, local(2022, 3, 6, 23, 59)] {
            let next = try #require(ReminderPlanner.next(for: a, policy: p, now: now))
            #expect(next.step.deliverAt > now)
        }

        var e = engine(policy: p, due: due, now: local(2022, 3, 1, 9))
        #expect(e.nextWake() == local(2022, 3, 7, 7, 30))
        for now in [sundayNight, local(2022, 3, 6, 23, 59), local(2022, 3, 7, 7, 29)] {
            #expect(e.takeDue(now: now).isEmpty, "taken at \(zone.display(now))")
        }
        let taken = e.takeDue(now: local(2022, 3, 7, 7, 30))
        #expect(taken.count == 1)
        let r = try #require(taken.first)
        #expect(r.step.name == "before-1d" && r.due == due)
        #expect(r.step.at == sundayNight)
        #expect(!ReminderPlanner.isLate(r, now: local(2022, 3, 7, 7, 30), policy: p))
        _ = e.sent(r, at: local(2022, 3, 7, 7, 30), eventID: "s1", actor: "hanchot")
        #expect(e.nextWake() == nil)
    }

    @Test("a step planned in office hours is delivered at its own time")
    func insideHoursUnchanged() throws {
        let p = policy(before: [86_400])
        let due = local(2022, 3, 9, 10)  // Wednesday 10:00: step Tuesday 10:00
        var e = engine(policy: p, due: due, now: local(2022, 3, 1, 9))
        #expect(e.nextWake() == local(2022, 3, 8, 10))
        #expect(e.takeDue(now: local(2022, 3, 8, 10)).map(\.step.name) == ["before-1d"])
    }

    @Test("standard policy: the Friday-night 3d step and the Sunday-night 1d step both wait for Monday 07:30, which sends the later one")
    func standardPolicyOverAWeekend() throws {
        var p = ReminderPolicy.standard
        p.deliveryCalendar = defaultWorkingCalendar
        let due = local(2022, 3, 7, 21)  // Monday 21:00
        var e = engine(policy: p, due: due, now: local(2022, 2, 20, 9))
        // before-7d: Monday 28/2 21:00 → Tuesday 1/3 07:30.
        #expect(e.nextWake() == local(2022, 3, 1, 7, 30))
        let first = try #require(e.takeDue(now: local(2022, 3, 1, 7, 30)).first)
        #expect(first.step.name == "before-7d")
        _ = e.sent(first, at: local(2022, 3, 1, 7, 30), eventID: "s1", actor: "hanchot")
        // before-3d: Friday 4/3 21:00 → Monday 7/3 07:30; nothing over the weekend.
        #expect(e.nextWake() == local(2022, 3, 7, 7, 30))
        for now in [local(2022, 3, 4, 21), local(2022, 3, 5, 12), local(2022, 3, 6, 21), local(2022, 3, 7, 7, 29)] {
            #expect(e.takeDue(now: now).isEmpty, "taken at \(zone.display(now))")
        }
        let monday = e.takeDue(now: local(2022, 3, 7, 7, 30))
        #expect(monday.map(\.step.name) == ["before-1d"])
        let r = try #require(monday.first)
        _ = e.sent(r, at: local(2022, 3, 7, 7, 30), eventID: "s2", actor: "hanchot")
        // before-2h (Monday 19:00) and due (21:00) are after closing: Tuesday 07:30.
        #expect(e.nextWake() == local(2022, 3, 8, 7, 30))
    }
}
