@testable import HanchotCore
import Testing

/// `SentTable` keeps every assignment's sent steps in compact slots, with an overflow for what
/// does not fit. Whatever the mix of operations, each assignment's steps must be exactly what a
/// plain ``SentSteps`` per assignment would hold.
@Suite("Sent table: compact slots agree with one SentSteps per assignment")
struct SentTableTests {
    /// Random operations on both, compared after every one of them.
    @Test("random sets, re-sets and forgets, with overflowing assignments, odd times and 300 step names")
    func agreesWithSentSteps() {
        var rng = SplitMix64(seed: 11)
        // 300 names: more than the 255 a byte can intern. A few are spelled two canonically
        // equal ways ("é" precomposed and decomposed), which must count as one step.
        var names = (0..<300).map { "step-\($0)" }
        names += ["qu\u{E9}", "qu\u{65}\u{301}", "overdue-\u{E9}t\u{E9}", "overdue-\u{65}\u{301}t\u{65}\u{301}"]
        let times: [Int64] = [0, 1_700_000_000, Int64(UInt32.max), Int64(UInt32.max) + 1, -1, -86_400, 4_102_444_800]
        let assignments = 40
        var table = SentTable()
        var reference = [SentSteps](repeating: SentSteps(), count: assignments)
        table.appendEmpty(assignments)
        var copies: [(SentTable, [SentSteps])] = []
        for round in 0..<20_000 {
            let g = Int.random(in: 0..<assignments, using: &rng)
            // Most names come from a few, so that assignments fill up and overflow; some from all.
            let pool = Int.random(in: 0..<10, using: &rng) < 8 ? 20 : names.count
            let name = names[Int.random(in: 0..<pool, using: &rng) % names.count]
            let at = Instant(secondsSinceEpoch: Int.random(in: 0..<10, using: &rng) < 8
                             ? Int64.random(in: 1_500_000_000...1_800_000_000, using: &rng)
                             : times[Int.random(in: 0..<times.count, using: &rng)])
            switch Int.random(in: 0..<20, using: &rng) {
            case 0:
                table.removeAll(for: g)
                reference[g].removeAll()
            case 1...9:
                table.set(step: name, at: at, for: g)
                reference[g][name] = at
            default:
                var bytes = Array(name.utf8)
                bytes.withUnsafeMutableBufferPointer { table.set(stepBytes: UnsafeBufferPointer($0), at: at, for: g) }
                reference[g][name] = at
            }
            #expect(table.steps(for: g) == reference[g], "round \(round), assignment \(g)")
            if round % 5_000 == 0 { copies.append((table, reference)) }
            if round % 7_000 == 0 {
                // More assignments while some are in use (the storage grows and moves).
                table.appendEmpty(3)
                reference += [SentSteps(), SentSteps(), SentSteps()]
            }
        }
        for g in reference.indices {
            #expect(table.steps(for: g) == reference[g], "assignment \(g) at the end")
            #expect(table.steps(for: g).steps.count == reference[g].steps.count)
        }
        // Copies taken along the way were not changed by what came after (copy on write).
        for (copy, expected) in copies {
            #expect(copy.count == expected.count)
            for g in expected.indices { #expect(copy.steps(for: g) == expected[g]) }
        }
        #expect(reference.contains { $0.count > SentTable.inlineSteps }, "some assignments overflowed")
    }

    @Test("steps keep the order they were first sent, and a re-sent step keeps its place")
    func order() {
        var table = SentTable()
        table.appendEmpty(2)
        for (k, name) in ["before-3d", "before-1d", "due", "overdue-1"].enumerated() {
            table.set(step: name, at: Instant(secondsSinceEpoch: Int64(100 + k)), for: 1)
        }
        table.set(step: "before-1d", at: Instant(secondsSinceEpoch: 999), for: 1)
        let steps = table.steps(for: 1)
        #expect(steps.steps == ["before-3d", "before-1d", "due", "overdue-1"])
        #expect(steps["before-1d"] == Instant(secondsSinceEpoch: 999))
        #expect(table.steps(for: 0).isEmpty)
    }

    @Test("a name spelled two canonically equal ways is one step, from bytes or from a string")
    func canonicalSpellings() {
        var table = SentTable()
        table.appendEmpty(1)
        let composed = "qu\u{E9}", decomposed = "qu\u{65}\u{301}"
        table.set(step: composed, at: Instant(secondsSinceEpoch: 1), for: 0)
        var bytes = Array(decomposed.utf8)
        bytes.withUnsafeMutableBufferPointer { table.set(stepBytes: UnsafeBufferPointer($0), at: Instant(secondsSinceEpoch: 2), for: 0) }
        table.set(step: decomposed, at: Instant(secondsSinceEpoch: 3), for: 0)
        #expect(table.steps(for: 0).count == 1)
        #expect(table.steps(for: 0)[composed] == Instant(secondsSinceEpoch: 3))
        #expect(!table.isOverflowing(0))
    }

    @Test("an overflowing assignment is back in its slot once its steps are forgotten")
    func overflowIsLeftOnForget() {
        var table = SentTable()
        table.appendEmpty(2)
        for k in 0...SentTable.inlineSteps {
            table.set(step: "overdue-\(k)", at: Instant(secondsSinceEpoch: Int64(k)), for: 1)
        }
        #expect(table.isOverflowing(1))
        #expect(table.steps(for: 1).count == SentTable.inlineSteps + 1)
        table.removeAll(for: 1)
        #expect(!table.isOverflowing(1))
        #expect(table.steps(for: 1).isEmpty)
        table.set(step: "due", at: Instant(secondsSinceEpoch: -5), for: 0)
        #expect(table.isOverflowing(0), "a time before 1970 does not fit a slot")
        #expect(table.steps(for: 0)["due"] == Instant(secondsSinceEpoch: -5))
    }

    @Test("every operation leaves an earlier copy of the table as it was")
    func copyOnWriteForEachOperation() {
        var table = SentTable()
        table.appendEmpty(2)
        table.set(step: "due", at: Instant(secondsSinceEpoch: 10), for: 0)
        let operations: [(inout SentTable) -> Void] = [
            { t in var b = Array("overdue-1".utf8); b.withUnsafeMutableBufferPointer { t.set(stepBytes: UnsafeBufferPointer($0), at: Instant(secondsSinceEpoch: 20), for: 0) } },
            { t in t.set(step: "overdue-2", at: Instant(secondsSinceEpoch: 30), for: 0) },
            { t in t.removeAll(for: 0) },
            { t in t.appendEmpty(1) },
        ]
        for (k, operation) in operations.enumerated() {
            let copy = table
            let expected = copy.steps(for: 0)
            operation(&table)
            #expect(copy.steps(for: 0) == expected, "operation \(k)")
        }
        #expect(table.count == 3)
    }

    @Test("a ledger copy keeps its sent steps when the original goes on folding")
    func ledgerCopyOnWrite() {
        var ledger = Ledger()
        #expect(ledger.apply(issueEvent(makeDirective(tasks: [makeTask(assignees: ["UBND xã", "Chi bộ thôn 2"])]))) == .applied)
        func reminder(_ id: String, unit: String, step: String) -> Event {
            makeEvent(id: id, .reminderSent(ReminderSent(directive: "22-CV/ĐU-2021", task: "1", unit: unit, step: step,
                                                         plannedAt: issueInstant, sentAt: issueInstant)))
        }
        #expect(ledger.apply(reminder("r1", unit: "UBND xã", step: "due")) == .applied)
        let copy = ledger
        let before = ledger.assignments
        #expect(ledger.apply(reminder("r2", unit: "UBND xã", step: "overdue-1")) == .applied)
        #expect(ledger.apply(reminder("r3", unit: "Chi bộ thôn 2", step: "due")) == .applied)
        #expect(ledger.assignments.map(\.sentSteps.count) == [2, 1])
        #expect(copy.assignments == before)
        #expect(before.map(\.sentSteps.count) == [1, 0])
    }
}
