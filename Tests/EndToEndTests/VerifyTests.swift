import Foundation
import Testing

@Suite("hanchot verify")
struct VerifyTests {
    @Test("verify exits 0 on a clean log and counts its lines and events")
    func cleanLog() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "2"])
        let r = try s.ok(["verify"])
        #expect(r.stdout.contains("\(s.log.path): 2 lines, 2 valid events, 1 directives, 0 problems."), "\(r)")
    }

    @Test("verify exits non-zero when the log does not exist")
    func missingLog() throws {
        let s = try Sandbox()
        let r = try s.run(["verify"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("no such log file"), "\(r)")
    }

    @Test("a garbage line in the middle is skipped: status shows the other events and verify names the line")
    func garbageLineInTheMiddle() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "2"])
        var data = s.logData()
        let garbageOffset = data.count
        data.append(Data("this is not JSON {\n".utf8))
        try data.write(to: s.log)
        try s.ok(["done", "D1", "1", "--unit", "U2"])
        #expect(s.logLines().count == 4)

        let status = try s.ok(["status", "--json"])
        #expect(status.stderr.contains("warning: \(s.log.path):3 (byte \(garbageOffset))"), "\(status)")
        let rows = try #require(try JSONSerialization.jsonObject(with: status.stdoutData) as? [[String: Any]])
        #expect(rows.map { "\($0["task"]!)/\($0["unit"]!)" } == ["1/U1", "3/U2"])

        let verify = try s.run(["verify"])
        #expect(verify.status != 0)
        let problems = verify.stdout.split(separator: "\n")
        #expect(problems.count == 1, "\(verify)")
        #expect(verify.stdout.contains("\(s.log.path):3 (byte \(garbageOffset)): column 1:"), "\(verify)")
        #expect(verify.stderr.contains("4 lines, 3 valid events, 1 directives, 1 problems."), "\(verify)")
    }

    @Test("a 10 MB line in the middle of the log is skipped without stopping replay, and verify names it")
    func oversizedLine() throws {
        let s = try Sandbox()
        try s.issueStandard()
        var data = s.logData()
        let offset = data.count
        data.append(Data(repeating: UInt8(ascii: "x"), count: 10 << 20))
        data.append(0x0A)
        try data.write(to: s.log)
        try s.ok(["done", "D1", "2"])
        #expect(try openRows(s) == ["1/U1", "1/U2", "3/U2"])
        let verify = try s.run(["verify"])
        #expect(verify.status != 0)
        #expect(verify.stdout.contains("\(s.log.path):2 (byte \(offset)): line is \(10 << 20) bytes, over the limit of 1048576 bytes"),
                "\(verify)")
        #expect(verify.stderr.contains("3 lines, 2 valid events, 1 directives, 1 problems."), "\(verify)")
    }

    @Test("verify reports an event that breaks a fold rule and an id that appears twice")
    func ruleBreakingLines() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "2", "--id", "e-1"])
        var data = s.logData()
        let lines = s.logLines()
        // A hand-written duplicate of line 2 (same id) and a completion of an unknown task.
        data.append(lines[1] + Data("\n".utf8))
        let bad = """
            {"v":1,"id":"e-2","type":"task.completed","at":"2021-12-20T02:00:00Z","actor":"x","directive":"D1","task":"9","completed":"2021-12-20T02:00:00Z"}
            """
        data.append(Data((bad + "\n").utf8))
        try data.write(to: s.log)
        let r = try s.run(["verify"])
        #expect(r.status != 0)
        #expect(r.stdout.contains(":3 (byte "), "\(r)")
        #expect(r.stdout.contains("event id \"e-1\" already appeared earlier"), "\(r)")
        #expect(r.stdout.contains(":4 (byte "), "\(r)")
        #expect(r.stdout.contains("directive \"D1\" has no task \"9\""), "\(r)")
    }

    @Test("verify --repair moves a torn tail to <log>.torn-OFFSET with the same bytes, and the log then verifies clean")
    func repairTornTail() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "2"])
        let clean = s.logData()
        let torn = Data(#"{"v":1,"id":"half-writ"#.utf8)
        try (clean + torn).write(to: s.log)
        let before = try s.run(["verify"])
        #expect(before.status != 0)
        #expect(before.stdout.contains(":3 (byte \(clean.count)): incomplete last line (\(torn.count) bytes, no newline)"),
                "\(before)")

        let r = try s.ok(["verify", "--repair"])
        let side = URL(fileURLWithPath: s.log.path + ".torn-\(clean.count)")
        #expect(r.stdout.contains("Moved the incomplete last line (\(torn.count) bytes from byte \(clean.count)) to \(side.path)."),
                "\(r)")
        #expect(r.stdout.contains("2 lines, 2 valid events, 1 directives, 0 problems."), "\(r)")
        #expect(try Data(contentsOf: side) == torn)
        #expect(s.logData() == clean)
        try s.ok(["verify"])
        // Nothing left to repair: a second --repair changes nothing.
        try s.ok(["verify", "--repair"])
        #expect(s.logData() == clean)
    }
}
