import Foundation
import Testing

@Suite("Torn last line")
struct TornTailTests {
    /// Three events: the directive (line 1), U1's completion of task 2 (line 2), U1's completion
    /// of task 1 (line 3, the one that gets torn).
    private func baseLog() throws -> (prefix: Data, last: Data) {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "2", "--id", "e-2"])
        try s.ok(["done", "D1", "1", "--unit", "U1", "--id", "e-3"])
        let lines = s.logLines()
        try #require(lines.count == 3)
        return (lines[0] + Data([0x0A]) + lines[1] + Data([0x0A]), lines[2])
    }

    @Test("a last line cut at every byte offset loses nothing earlier, is named by verify, and the next append starts a fresh line")
    func everyOffset() throws {
        let (prefix, last) = try baseLog()
        let s = try Sandbox()
        let offset = prefix.count
        var failures = 0
        for k in 1...last.count {
            guard failures < 5 else { break }  // one broken invariant shows at every k; stop early
            let torn = last.prefix(k)
            try (prefix + torn).write(to: s.log)

            // Nothing earlier is lost: D1/2/U1 is done, D1/1/U1 (the torn line) is still open.
            let rows = try openRows(s)
            if rows != ["1/U1", "1/U2", "3/U2"] { failures += 1 }
            #expect(rows == ["1/U1", "1/U2", "3/U2"], "k = \(k)")

            let verify = try s.run(["verify"])
            #expect(verify.status != 0, "k = \(k): \(verify)")
            let named = "\(s.log.path):3 (byte \(offset)): incomplete last line (\(k) bytes, no newline)"
            if !verify.stdout.contains(named) { failures += 1 }
            #expect(verify.stdout.contains(named), "k = \(k): \(verify)")

            let done = try s.ok(["done", "D1", "1", "--unit", "U2", "--id", "fresh-\(k)"])
            #expect(done.stdout.hasPrefix("Recorded: U2 completed task 1 of D1"), "k = \(k): \(done)")
            let data = s.logData()
            // The torn bytes stay where they were, now ended by a newline; the new event is a line of its own.
            #expect(data.prefix(offset + k) == prefix + torn, "k = \(k)")
            #expect(data.count > offset + k && data[offset + k] == 0x0A, "k = \(k)")
            let newLine = Data(data.dropFirst(offset + k + 1))
            #expect(newLine.last == 0x0A, "k = \(k)")
            let newLines = Sandbox.lines(of: newLine)
            #expect(newLines.count == 1, "k = \(k)")
            let decoded = newLines.first.flatMap(Sandbox.json)
            #expect(decoded?["id"] as? String == "fresh-\(k)", "k = \(k): \(newLine.text)")
            #expect(decoded?["type"] as? String == "task.completed", "k = \(k)")

            let after = try s.run(["verify"])
            if k < last.count {
                // Exactly one problem: the torn line, now a complete but malformed line 3.
                #expect(after.status != 0, "k = \(k): \(after)")
                let problems = after.stdout.split(separator: "\n")
                #expect(problems.count == 1, "k = \(k): \(after)")
                #expect(problems.first?.hasPrefix("\(s.log.path):3 (byte \(offset)): ") == true, "k = \(k): \(after)")
                #expect(after.stderr.contains("4 lines, 3 valid events, 1 directives, 1 problems."), "k = \(k): \(after)")
            } else {
                // Every byte of the event was there, only its newline was missing: the newline the
                // append wrote first completes it, and it counts.
                #expect(after.status == 0, "k = \(k): \(after)")
                #expect(after.stdout.contains("4 lines, 4 valid events, 1 directives, 0 problems."), "k = \(k): \(after)")
                #expect(try openRows(s) == ["3/U2"], "k = \(k)")
            }
        }
    }

    @Test("an append after a whole event that lacks only its newline is checked against that event")
    func wholeEventWithoutNewline() throws {
        let (prefix, last) = try baseLog()
        let s = try Sandbox()
        try (prefix + last).write(to: s.log)
        // The unterminated line completes D1/1/U1; the append's leading newline will make it count,
        // so completing the same assignment again must be reported, not written.
        let r = try s.ok(["done", "D1", "1", "--unit", "U1", "--id", "again"])
        #expect(r.stdout.contains("U1 already completed task 1 of \"D1\""), "\(r)")
        #expect(!s.logData().contains(Data("\"again\"".utf8)))
        // And a different event appended after it leaves a clean log.
        try s.ok(["done", "D1", "1", "--unit", "U2"])
        let verify = try s.run(["verify"])
        #expect(verify.status == 0, "\(verify)")
    }
}
