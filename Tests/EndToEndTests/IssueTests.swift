import Foundation
import Testing

@Suite("hanchot issue")
struct IssueTests {
    @Test("issue from flags records one directive.issued line with every task for every unit")
    func issueFromFlags() throws {
        let s = try Sandbox()
        let r = try s.ok(["issue", "--id", "22-CV/ĐU-2021", "--number", "22-CV/ĐU", "--title", "Tổng kết năm",
                          "--issuer", "Đảng ủy xã", "--issued", "15/12/2021", "--recipient", "Các chi bộ",
                          "--task", "Báo cáo", "--task", "Kiểm tra", "--to", "UBND xã", "--to", "HĐND xã",
                          "--due", "31/12/2021", "--due", "2022-01-14T17:00", "--event-id", "ev-flags"])
        #expect(r.stdout.contains("Recorded directive 22-CV/ĐU-2021 (22-CV/ĐU): 2 tasks, 4 assignments."))
        let events = s.events()
        try #require(events.count == 1)
        let e = events[0]
        #expect(e["type"] as? String == "directive.issued")
        #expect(e["id"] as? String == "ev-flags")
        #expect(e["directive"] as? String == "22-CV/ĐU-2021")
        #expect(e["issued"] as? String == "2021-12-15")
        #expect(e["issuer"] as? String == "Đảng ủy xã")
        #expect(e["recipients"] as? [String] == ["Các chi bộ"])
        #expect(e["at"] as? String == "2021-12-20T02:00:00Z")  // HANCHOT_NOW 09:00 in UTC+7
        let tasks = try #require(e["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["id"] as? String } == ["1", "2"])
        #expect(tasks.map { $0["assignees"] as? [String] } == [["UBND xã", "HĐND xã"], ["UBND xã", "HĐND xã"]])
        #expect(tasks[0]["due"] as? String == "2021-12-31T17:00:00Z")  // end of 31/12 local
        #expect(tasks[1]["due"] as? String == "2022-01-14T10:00:00Z")  // 17:00 local, a Friday
    }

    @Test("issue from a JSON file, giving the due date as dd/mm/yyyy, stores the deadline and the phrase")
    func issueFromFileWithDayMonthYearDue() throws {
        let s = try Sandbox()
        let doc = try s.write("directive.json", """
            {"directive":"D7","number":"7-KH","title":"Kế hoạch","tasks":[{"id":"1","text":"Làm","assignees":["U1"],"due":"31/12/2021"}]}
            """)
        let r = try s.ok(["issue", doc.path])
        #expect(r.stdout.contains("Recorded directive D7 (7-KH): 1 tasks, 1 assignments."))
        let e = try #require(s.events().first)
        let task = try #require((e["tasks"] as? [[String: Any]])?.first)
        #expect(task["due"] as? String == "2021-12-31T17:00:00Z")
        #expect(task["duePhrase"] as? String == "31/12/2021")
        #expect(e["v"] as? Int == 1)
        #expect((e["id"] as? String)?.isEmpty == false)
    }

    @Test("issue with an RFC 3339 due keeps that exact instant and no phrase")
    func issueWithRFC3339Due() throws {
        let s = try Sandbox()
        let doc = try s.write("d.json", """
            {"directive":"D8","number":"8","title":"T","tasks":[{"id":"1","text":"x","assignees":["U1"],"due":"2021-12-30T17:00:00Z","duePhrase":"xong trước ngày 31/12/2021"},{"id":"2","text":"y","assignees":["U1"],"due":"2022-01-05T08:00:00+07:00"}]}
            """)
        try s.ok(["issue", doc.path])
        let tasks = try #require(s.events().first?["tasks"] as? [[String: Any]])
        #expect(tasks[0]["due"] as? String == "2021-12-30T17:00:00Z")
        #expect(tasks[0]["duePhrase"] as? String == "xong trước ngày 31/12/2021")
        #expect(tasks[1]["due"] as? String == "2022-01-05T01:00:00Z")
        #expect(tasks[1]["duePhrase"] == nil)
    }

    @Test("issue - reads a pretty-printed multi-line document from standard input and writes one line")
    func issueFromStdinPrettyPrinted() throws {
        let s = try Sandbox()
        #expect(Sandbox.standardDirective.contains("\n"))
        let r = try s.ok(["issue", "-"], stdin: Data(Sandbox.standardDirective.utf8))
        #expect(r.stdout.contains("Recorded directive D1 (1-CV): 3 tasks, 4 assignments."))
        let lines = s.logLines()
        try #require(lines.count == 1)
        #expect(s.logData().last == 0x0A)
        let e = try #require(Sandbox.json(lines[0]))
        #expect(e["title"] as? String == "Về việc tổng kết năm 2021")
        #expect(e["actor"] as? String != nil)
        let tasks = try #require(e["tasks"] as? [[String: Any]])
        #expect(tasks.count == 3)
        #expect(tasks[2]["due"] == nil)
    }

    @Test("an issued directive shows up in status for each assignee")
    func issuedDirectiveIsOpen() throws {
        let s = try Sandbox()
        try s.issueStandard()
        let r = try s.ok(["status", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [[String: Any]])
        let keys = Set(rows.map { "\($0["task"] as? String ?? "?")/\($0["unit"] as? String ?? "?")" })
        #expect(keys == ["1/U1", "1/U2", "2/U1", "3/U2"])
    }
}
