import Foundation
import Testing

@Suite("hanchot reopen, extend, revoke")
struct CorrectionTests {
    @Test("reopen makes a completed assignment open again")
    func reopenCompleted() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "2"])
        #expect(try !openRows(s).contains("2/U1"))
        let r = try s.ok(["reopen", "D1", "2", "--reason", "báo cáo thiếu số liệu"])
        #expect(r.stdout.contains("Reopened task 2 of D1."))
        let e = try #require(s.events().last)
        #expect(e["type"] as? String == "task.reopened")
        #expect(e["reason"] as? String == "báo cáo thiếu số liệu")
        #expect(try openRows(s).contains("2/U1"))
    }

    @Test("extend --due --reason moves the deadline of every assignee of the task")
    func extendAllUnits() throws {
        let s = try Sandbox()
        try s.issueStandard()
        // 14/01/2022 is a Friday (a working day): no working-day shift.
        let r = try s.ok(["extend", "D1", "1", "--due", "14/01/2022", "--reason", "UBND huyện cho gia hạn"])
        #expect(r.stdout.contains("Moved the deadline of task 1 of D1"))
        let e = try #require(s.events().last)
        #expect(e["type"] as? String == "deadline.changed")
        #expect(e["due"] as? String == "2022-01-14T17:00:00Z")
        #expect(e["duePhrase"] as? String == "14/01/2022")
        #expect(e["reason"] as? String == "UBND huyện cho gia hạn")
        let rows = try statusRows(s)
        for unit in ["U1", "U2"] {
            let row = try #require(rows.first { $0["task"] as? String == "1" && $0["unit"] as? String == unit })
            #expect(row["due"] as? String == "2022-01-14T17:00:00Z")
            #expect(row["daysLeft"] as? Int == 25)
        }
    }

    @Test("extend to a Saturday moves the deadline to the end of the next working day")
    func extendOntoADayOff() throws {
        let s = try Sandbox()
        try s.issueStandard()
        // 15/01/2022 is a Saturday: the deadline moves to the end of Monday 17/01 (Civil Code art. 148).
        _ = try s.ok(["extend", "D1", "1", "--due", "15/01/2022", "--reason", "gia hạn"])
        let e = try #require(s.events().last)
        #expect(e["due"] as? String == "2022-01-17T17:00:00Z")
        #expect(e["duePhrase"] as? String == "15/01/2022")
    }

    @Test("extend accepts a Vietnamese deadline phrase")
    func extendWithAPhrase() throws {
        let s = try Sandbox()
        try s.issueStandard()
        _ = try s.ok(["extend", "D1", "1", "--due", "chậm nhất là ngày 20/01/2022", "--reason", "gia hạn"])
        let e = try #require(s.events().last)
        #expect(e["due"] as? String == "2022-01-20T17:00:00Z")
    }

    @Test("extend --unit moves only that unit's deadline")
    func extendOneUnit() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["extend", "D1", "1", "--unit", "U2", "--due", "2022-01-10", "--reason", "xin lùi"])
        let rows = try statusRows(s)
        let u1 = try #require(rows.first { $0["task"] as? String == "1" && $0["unit"] as? String == "U1" })
        let u2 = try #require(rows.first { $0["task"] as? String == "1" && $0["unit"] as? String == "U2" })
        #expect(u1["due"] as? String == "2021-12-31T17:00:00Z")
        #expect(u2["due"] as? String == "2022-01-10T17:00:00Z")
    }

    @Test("revoke --reason closes every assignment of the directive")
    func revokeDirective() throws {
        let s = try Sandbox()
        try s.issueStandard()
        let r = try s.ok(["revoke", "D1", "--reason", "văn bản ban hành nhầm"])
        #expect(r.stdout.contains("Revoked D1."))
        let e = try #require(s.events().last)
        #expect(e["type"] as? String == "directive.revoked")
        #expect(e["reason"] as? String == "văn bản ban hành nhầm")
        #expect(try openRows(s).isEmpty)
        #expect(try s.ok(["status"]).stdout.contains("Nothing is open."))
    }
}

/// The rows of `status --json`.
func statusRows(_ s: Sandbox, _ extra: [String] = []) throws -> [[String: Any]] {
    let r = try s.ok(["status", "--json"] + extra)
    return try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
}
