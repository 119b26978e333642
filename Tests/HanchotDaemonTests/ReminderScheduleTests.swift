import HanchotCore
import Testing

@Suite("ReminderSchedule")
struct ReminderScheduleTests {
    let t0 = Fixtures.due

    func key(_ n: Int) -> Assignment.Key { Fixtures.key("unit-\(n)") }

    @Test("an empty schedule has no wake-up and nothing due")
    func emptySchedule() {
        var s = ReminderSchedule()
        #expect(s.nextWake() == nil)
        #expect(s.popDue(now: .distantFuture).isEmpty)
        #expect(s.count == 0)
    }

    @Test("the earliest entry comes first, and only entries at or before now are popped")
    func earliestFirst() {
        var s = ReminderSchedule()
        s.plan(key(3), at: t0.adding(seconds: 30))
        s.plan(key(1), at: t0.adding(seconds: 10))
        s.plan(key(2), at: t0.adding(seconds: 20))
        #expect(s.nextWake() == t0.adding(seconds: 10))
        #expect(s.popDue(now: t0.adding(seconds: 9)).isEmpty)
        #expect(s.popDue(now: t0.adding(seconds: 20)) == [key(1), key(2)])
        #expect(s.nextWake() == t0.adding(seconds: 30))
        #expect(s.count == 1)
    }

    @Test("re-planning an assignment replaces its entry instead of adding a second one")
    func replanReplaces() {
        var s = ReminderSchedule()
        s.plan(key(1), at: t0.adding(seconds: 10))
        s.plan(key(1), at: t0.adding(seconds: 50))
        #expect(s.count == 1)
        #expect(s.nextWake() == t0.adding(seconds: 50), "the older, earlier entry is stale")
        #expect(s.popDue(now: t0.adding(seconds: 40)).isEmpty)
        #expect(s.popDue(now: t0.adding(seconds: 50)) == [key(1)])
        #expect(s.popDue(now: .distantFuture).isEmpty)
    }

    @Test("re-planning earlier moves the wake-up forward")
    func replanEarlier() {
        var s = ReminderSchedule()
        s.plan(key(1), at: t0.adding(seconds: 50))
        s.plan(key(1), at: t0.adding(seconds: 5))
        #expect(s.nextWake() == t0.adding(seconds: 5))
        #expect(s.popDue(now: .distantFuture) == [key(1)])
    }

    @Test("planning nil removes an assignment; its stale entry is dropped")
    func planNilRemoves() {
        var s = ReminderSchedule()
        s.plan(key(1), at: t0.adding(seconds: 10))
        s.plan(key(2), at: t0.adding(seconds: 20))
        s.plan(key(1), at: nil)
        #expect(s.count == 1)
        #expect(s.nextWake() == t0.adding(seconds: 20))
        #expect(s.popDue(now: .distantFuture) == [key(2)])
    }

    @Test("many entries, re-planned many times, still come out once each in time order")
    func manyEntries() {
        var s = ReminderSchedule()
        let n = 5_000
        var rng = SplitMix64(seed: 42)
        var final: [Assignment.Key: Int64] = [:]
        // Three rounds of re-planning leave far more stale entries than live ones (compaction).
        for _ in 0..<3 {
            for i in 0..<n {
                let offset = Int64(rng.next() % 100_000)
                s.plan(key(i), at: t0.adding(seconds: offset))
                final[key(i)] = offset
            }
        }
        // A tenth are removed.
        for i in stride(from: 0, to: n, by: 10) {
            s.plan(key(i), at: nil)
            final[key(i)] = nil
        }
        #expect(s.count == final.count)
        var popped: [Assignment.Key] = []
        var last = Int64.min
        var ordered = true
        // Pop in slices, as successive wake-ups would.
        for limit in stride(from: Int64(0), through: 100_000, by: 7_919) + [100_000] {
            for k in s.popDue(now: t0.adding(seconds: limit)) {
                let at = final[k] ?? -1
                if at < last || at > limit { ordered = false }
                last = at
                popped.append(k)
            }
        }
        #expect(ordered)
        #expect(popped.count == final.count)
        #expect(Set(popped) == Set(final.keys))
        #expect(s.count == 0)
        #expect(s.nextWake() == nil)
    }
}
