import Foundation
import Testing

@Suite("hanchot status")
struct StatusTests {
    /// The lines of `status` output that name a unit (not indented) or a task (indented by two).
    private func outline(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("      ") }
    }

    @Test("status groups open assignments by unit, the most pressing unit and the soonest deadline first")
    func groupsByUnitSoonestFirst() throws {
        let s = try Sandbox()
        try s.issueStandard()
        let r = try s.ok(["status"])
        let lines = outline(r.stdout)
        let expected = [
            "U1",
            "  [1-CV] task 2 — 4 days left, due end of 24/12/2021 (24/12/2021)",
            "  [1-CV] task 1 — 11 days left, due end of 31/12/2021 (31/12/2021)",
            "U2",
            "  [1-CV] task 1 — 11 days left, due end of 31/12/2021 (31/12/2021)",
            "  [1-CV] task 3 — no deadline",
            "4 open, 0 overdue",
        ]
        try #require(lines.count == expected.count, "\(r.stdout)")
        for (line, prefix) in zip(lines, expected) {
            #expect(line.hasPrefix(prefix), "\(r.stdout)")
        }
        #expect(r.stdout.contains("      D1: Kiểm tra phòng dịch"))
    }

    @Test("status in Vietnamese counts days left (còn N ngày) and days overdue (quá hạn N ngày) from HANCHOT_NOW")
    func vietnameseCountdown() throws {
        let s = try Sandbox()
        try s.issueStandard()
        s.lang = "vi"
        let before = try s.ok(["status"])
        #expect(before.stdout.contains("nhiệm vụ 2 — còn 4 ngày, hạn hết ngày 24/12/2021"), "\(before.stdout)")
        #expect(before.stdout.contains("nhiệm vụ 1 — còn 11 ngày"))
        #expect(before.stdout.contains("4 việc đang mở, 0 quá hạn"))
        s.now = "2021-12-27T08:00"
        let after = try s.ok(["status"])
        #expect(after.stdout.contains("nhiệm vụ 2 — quá hạn 3 ngày"), "\(after.stdout)")
        #expect(after.stdout.contains("nhiệm vụ 1 — còn 4 ngày"))
        #expect(after.stdout.contains("4 việc đang mở, 1 quá hạn"))
    }

    @Test("status --unit shows only that unit")
    func unitFilter() throws {
        let s = try Sandbox()
        try s.issueStandard()
        let r = try s.ok(["status", "--unit", "U2"])
        let lines = outline(r.stdout)
        #expect(lines.first == "U2")
        #expect(!lines.contains("U1"))
        #expect(lines.last == "2 open, 0 overdue")
    }

    @Test("status --overdue shows only assignments past their deadline")
    func overdueFilter() throws {
        let s = try Sandbox()
        try s.issueStandard()
        s.now = "2022-01-02T08:00"
        try s.ok(["done", "D1", "1", "--unit", "U2"])
        let r = try s.ok(["status", "--overdue"])
        #expect(outline(r.stdout) == [
            "U1",
            "  [1-CV] task 2 — overdue by 9 days, due end of 24/12/2021 (24/12/2021)",
            "  [1-CV] task 1 — overdue by 2 days, due end of 31/12/2021 (31/12/2021)",
            "2 open, 2 overdue",
        ], "\(r.stdout)")
    }

    @Test("status --json prints rows that JSONSerialization reads, soonest first")
    func jsonOutput() throws {
        let s = try Sandbox()
        try s.issueStandard()
        let rows = try statusRows(s)
        #expect(rows.count == 4)
        let first = try #require(rows.first)
        #expect(first["directive"] as? String == "D1")
        #expect(first["number"] as? String == "1-CV")
        #expect(first["task"] as? String == "2")
        #expect(first["unit"] as? String == "U1")
        #expect(first["text"] as? String == "Kiểm tra phòng dịch")
        #expect(first["due"] as? String == "2021-12-24T17:00:00Z")
        #expect(first["daysLeft"] as? Int == 4)
        #expect(first["overdue"] as? Bool == false)
        let noDeadline = try #require(rows.first { $0["task"] as? String == "3" })
        #expect(noDeadline["due"] == nil)
        let overdueRows = try statusRows(s, ["--overdue", "--unit", "U1"])
        #expect(overdueRows.isEmpty)
    }

    @Test("status --as-of shows the state before later events were recorded")
    func asOfTimeTravel() throws {
        let s = try Sandbox()
        try s.issueStandard()  // recorded 16/12/2021
        s.now = "2021-12-20T09:00"
        try s.ok(["done", "D1", "2"])
        s.now = "2021-12-21T09:00"
        try s.ok(["extend", "D1", "1", "--due", "10/01/2022", "--reason", "gia hạn"])
        #expect(try openRows(s) == ["1/U1", "1/U2", "3/U2"])
        let past = try statusRows(s, ["--as-of", "18/12/2021"])
        #expect(past.map { "\($0["task"]!)/\($0["unit"]!)" } == ["2/U1", "1/U1", "1/U2", "3/U2"])
        // Days are counted from the end of 18/12, and the deadline is the one known then.
        #expect(past.first?["daysLeft"] as? Int == 6)
        #expect(past.first { $0["task"] as? String == "1" }?["due"] as? String == "2021-12-31T17:00:00Z")
        let between = try statusRows(s, ["--as-of", "2021-12-20T12:00"])
        #expect(between.map { "\($0["task"]!)/\($0["unit"]!)" } == ["1/U1", "1/U2", "3/U2"])
        #expect(between.first?["due"] as? String == "2021-12-31T17:00:00Z")
        let beforeIssue = try s.ok(["status", "--as-of", "15/12/2021"])
        #expect(beforeIssue.stdout.contains("Nothing is open."))
    }

    @Test("status on a log that does not exist yet says nothing is open")
    func emptyLog() throws {
        let s = try Sandbox()
        s.lang = "vi"
        let r = try s.ok(["status"])
        #expect(r.stdout.contains("Không có việc nào đang mở."))
        #expect(!FileManager.default.fileExists(atPath: s.log.path))
    }
}
