import Foundation
import Testing

@Suite("hanchot done")
struct DoneTests {
    @Test("done without --unit completes a task that has a single assignee")
    func doneSoleAssignee() throws {
        let s = try Sandbox()
        try s.issueStandard()
        let r = try s.ok(["done", "D1", "2"])
        #expect(r.stdout.contains("Recorded: U1 completed task 2 of D1 at 20/12/2021 09:00 — done on time."))
        let e = try #require(s.events().last)
        #expect(e["type"] as? String == "task.completed")
        #expect(e["task"] as? String == "2")
        #expect(e["unit"] == nil)
        #expect(e["completed"] as? String == "2021-12-20T02:00:00Z")
    }

    @Test("done --unit completes only that unit's assignment")
    func doneWithUnit() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "1", "--unit", "U2"])
        #expect(s.events().last?["unit"] as? String == "U2")
        let rows = try openRows(s)
        #expect(rows.contains("1/U1"))
        #expect(!rows.contains("1/U2"))
    }

    @Test("done --at --note --id records the completion time, the note and the event id")
    func doneWithAtNoteAndID() throws {
        let s = try Sandbox()
        try s.issueStandard()
        let r = try s.ok(["done", "D1", "1", "--unit", "U1", "--at", "18/12/2021 14:30", "--note", "Đã gửi báo cáo số 5",
                          "--id", "my-event-1"])
        #expect(r.stdout.contains("at 18/12/2021 14:30"))
        let e = try #require(s.events().last)
        #expect(e["id"] as? String == "my-event-1")
        #expect(e["completed"] as? String == "2021-12-18T07:30:00Z")
        #expect(e["at"] as? String == "2021-12-20T02:00:00Z")
        #expect(e["note"] as? String == "Đã gửi báo cáo số 5")
    }

    @Test("done after the deadline is recorded as done late")
    func doneLate() throws {
        let s = try Sandbox()
        try s.issueStandard()
        s.now = "2021-12-27T10:00"
        let r = try s.ok(["done", "D1", "2"])
        #expect(r.stdout.contains("done late"))
    }
}

/// "task/unit" of every open assignment, from `status --json`.
func openRows(_ s: Sandbox, _ extra: [String] = []) throws -> [String] {
    let r = try s.ok(["status", "--json"] + extra)
    let rows = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
    return rows.map { "\($0["task"] as? String ?? "?")/\($0["unit"] as? String ?? "?")" }
}
