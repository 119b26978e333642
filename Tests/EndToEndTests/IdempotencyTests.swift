import Foundation
import Testing

@Suite("Idempotent appends")
struct IdempotencyTests {
    @Test("done --id X twice writes one event")
    func doneSameIDTwice() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "1", "--unit", "U1", "--id", "X"])
        let afterFirst = s.logData()
        let r = try s.ok(["done", "D1", "1", "--unit", "U1", "--id", "X"])
        #expect(r.stdout.contains("Event X is already in the log; nothing written."), "\(r)")
        #expect(s.logData() == afterFirst)
        #expect(s.events().filter { $0["id"] as? String == "X" }.count == 1)
        try s.ok(["verify"])
    }

    @Test("done --id X again, even for another task, writes nothing")
    func sameIDOtherTask() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "1", "--unit", "U1", "--id", "X"])
        let afterFirst = s.logData()
        try s.ok(["done", "D1", "2", "--id", "X"])
        #expect(s.logData() == afterFirst)
        #expect(try openRows(s).contains("2/U1"))
    }

    @Test("issuing a document that has an id twice writes one line")
    func issueDocumentWithIDTwice() throws {
        let s = try Sandbox()
        let doc = try s.write("d.json", """
            {"id": "import-22-CV-2021", "directive": "22-CV-2021", "number": "22-CV", "title": "T",
             "tasks": [{"id": "1", "text": "x", "assignees": ["U1"], "due": "31/12/2021"}]}
            """)
        try s.ok(["issue", doc.path])
        let r = try s.ok(["issue", doc.path])
        #expect(r.stdout.contains("Event import-22-CV-2021 is already in the log; nothing written."), "\(r)")
        #expect(s.logLines().count == 1)
        #expect(s.events().first?["id"] as? String == "import-22-CV-2021")
    }

    @Test("completing the same assignment twice is reported and the log keeps one completion")
    func completeTwice() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "1", "--unit", "U2", "--at", "19/12/2021 10:00"])
        let afterFirst = s.logData()
        let r = try s.ok(["done", "D1", "1", "--unit", "U2"])
        #expect(r.stdout.contains("U2 already completed task 1 of \"D1\" at 19/12/2021 10:00; not recorded again"), "\(r)")
        #expect(s.logData() == afterFirst)
        #expect(s.events().filter { $0["type"] as? String == "task.completed" }.count == 1)
    }
}
