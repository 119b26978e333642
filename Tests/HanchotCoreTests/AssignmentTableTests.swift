@testable import HanchotCore
import Testing

/// The ledger-wide table replay finds assignments by, and the sent steps the ledger keeps apart.
@Suite("Assignments by key bytes, and sent steps kept apart")
struct AssignmentTableTests {
    static func hash(_ d: String, _ t: String, _ u: String) -> AssignmentTable.KeyHash {
        Array(d.utf8).withUnsafeBufferPointer { d in
            Array(t.utf8).withUnsafeBufferPointer { t in
                Array(u.utf8).withUnsafeBufferPointer { u in AssignmentTable.hash(directive: d, task: t, unit: u) }
            }
        }
    }

    @Test("the hash of a key's strings is the hash of the same bytes read from a line")
    func stringsAndBytesAgree() {
        for (d, t, u) in [("22-CV/ĐU", "1", "UBND xã"), ("", "", ""), ("5-KH/UBND-2022", "2.a", "Chi bộ thôn 22"),
                          (String(repeating: "x", count: 41), "10", "Đoàn Thanh niên")] {
            #expect(AssignmentTable.hash(Assignment.Key(directive: d, task: t, unit: u)) == AssignmentTableTests.hash(d, t, u))
        }
    }

    @Test("the parts of a key never run into one another")
    func partsStayApart() {
        let spellings = [("ab", "c", "d"), ("a", "bc", "d"), ("a", "b", "cd"), ("abc", "", "d"), ("", "abc", "d"),
                         ("abcdefgh", "i", "j"), ("abcdefg", "hi", "j"), ("abcdefghij", "", "")]
        let hashes = Set(spellings.map { AssignmentTableTests.hash($0.0, $0.1, $0.2) })
        #expect(hashes.count == spellings.count)
    }

    @Test("100k keys of realistic shape hash apart")
    func noCollisions() {
        var hashes = Set<AssignmentTable.KeyHash>()
        for d in 0..<1_000 {
            for t in 0..<10 {
                for u in 0..<10 { hashes.insert(AssignmentTableTests.hash("\(d)-CV/ĐU-2022", "\(t)", "Chi bộ thôn \(u)")) }
            }
        }
        #expect(hashes.count == 100_000)
    }

    @Test("every key is found after the table grows; the first of a repeated key wins; others are absent")
    func findsWhatWasInserted() {
        var table = AssignmentTable()
        for g in 0..<5_000 { table.insert(AssignmentTableTests.hash("d\(g / 7)", "1", "u\(g)"), directive: g / 7, global: g) }
        table.insert(AssignmentTableTests.hash("d0", "1", "u0"), directive: 99, global: 99)  // a repeat
        for g in 0..<5_000 {
            let found = table.find(AssignmentTableTests.hash("d\(g / 7)", "1", "u\(g)"))
            #expect(found?.directive == g / 7 && found?.global == g)
        }
        #expect(table.find(AssignmentTableTests.hash("d0", "1", "u7")) == nil)  // u7 belongs to d1
        #expect(table.find(AssignmentTableTests.hash("d9999", "1", "u0")) == nil)
    }

    @Test("sent steps read the same through the directives, the assignments, and after corrections")
    func sentStepsComeBackWithTheirAssignments() {
        let t0 = Instant(secondsSinceEpoch: 1_640_000_000)
        var ledger = Ledger()
        func issue(_ id: String) {
            let d = Directive(id: id, number: id, title: "T", tasks: [
                Directive.Task(id: "1", text: "a", assignees: ["UBND", "HĐND"], due: Due(instant: t0.adding(seconds: 86_400 * 9))),
                Directive.Task(id: "2", text: "b", assignees: ["UBND"]),
            ])
            #expect(ledger.apply(Event(id: "i-\(id)", recordedAt: t0, actor: "a", body: .directiveIssued(d))) == .applied)
        }
        func send(_ n: Int, _ d: String, _ task: String, _ unit: String, _ step: String) {
            let body = Event.Body.reminderSent(ReminderSent(directive: d, task: task, unit: unit, step: step,
                                                            plannedAt: t0, sentAt: t0.adding(seconds: Int64(n))))
            #expect(ledger.apply(Event(id: "s-\(n)", recordedAt: t0, actor: "hanchotd", body: body)) == .applied)
        }
        issue("A")
        issue("B")
        send(1, "A", "1", "HĐND", "before-7d")
        send(2, "B", "1", "UBND", "before-7d")
        send(3, "B", "2", "UBND", "due")
        send(4, "B", "1", "UBND", "before-3d")
        let change = DeadlineChange(directive: "B", task: "1", unit: nil, due: Due(instant: t0.adding(seconds: 86_400 * 20)), reason: "r")
        #expect(ledger.apply(Event(id: "c", recordedAt: t0, actor: "a", body: .deadlineChanged(change))) == .applied)
        send(5, "B", "1", "HĐND", "before-7d")

        let b = ledger.directives["B"]!
        #expect(b.assignments.map(\.sentSteps.count) == [0, 1, 1], "task 1 forgot its steps on the new deadline; task 2 kept its own")
        #expect(b.assignments[1].sentSteps["before-7d"] == t0.adding(seconds: 5))
        #expect(b.assignments[2].sentSteps["due"] == t0.adding(seconds: 3))
        #expect(ledger.directives["A"]!.assignments.map(\.sentSteps.steps) == [[], ["before-7d"], []])
        #expect(ledger.assignments == ledger.directives.values.flatMap(\.assignments))
        #expect(Array(ledger.directives.map(\.value)) == ledger.directives.values)
    }
}
