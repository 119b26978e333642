import Foundation
import Testing

@Suite("hanchot history")
struct HistoryTests {
    @Test("history DIRECTIVE lists the directive's events in log order with their line numbers")
    func timeline() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["issue", "--id", "OTHER", "--number", "9", "--title", "Khác", "--task", "x", "--to", "U9"])
        try s.ok(["done", "D1", "1", "--unit", "U1", "--note", "xong sớm"])
        try s.ok(["extend", "D1", "2", "--due", "05/01/2022", "--reason", "thiếu người"])
        try s.ok(["reopen", "D1", "1", "--unit", "U1", "--reason", "thiếu phụ lục"])
        try s.ok(["revoke", "D1", "--reason", "thay bằng văn bản khác"])
        let r = try s.ok(["history", "D1"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 5, "\(r.stdout)")
        #expect(lines[0].contains("issued 1-CV \"Về việc tổng kết năm 2021\""))
        #expect(lines[0].hasPrefix("16/12/2021 08:00"))
        #expect(lines[0].hasSuffix("(\(s.log.path):1)"))
        #expect(lines[1].contains("U1 completed task 1 at 20/12/2021 09:00 — xong sớm"))
        #expect(lines[1].hasSuffix(":3)"))
        #expect(lines[2].contains("moved the deadline of task 2: due end of 05/01/2022 (05/01/2022): thiếu người"))
        #expect(lines[3].contains("reopened task 1 (U1): thiếu phụ lục"))
        #expect(lines[4].contains("revoked: thay bằng văn bản khác"))
        #expect(lines[4].hasSuffix(":6)"))
        #expect(!r.stdout.contains("OTHER"))
    }

    @Test("history of an unknown directive fails and lists the known ones")
    func unknownDirective() throws {
        let s = try Sandbox()
        try s.issueStandard()
        let r = try s.run(["history", "NOPE"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("unknown directive \"NOPE\"; valid: \"D1\""), "\(r)")
    }
}
