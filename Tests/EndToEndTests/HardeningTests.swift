import Foundation
import Glibc
import Testing

/// What a hostile or careless operator can put in the log or do to the disk (issue 11), through
/// the real binary.
@Suite("Hardening: terminals, forged fields, repeated ids, file modes, full disks")
struct HardeningTests {
    /// Control sequences that would clear the screen, retitle the terminal, rewrite a line,
    /// forge a new line or print text backwards.
    static let hostile = "X\u{1B}[2J\u{1B}]0;owned\u{07}\r\u{202E}evil\nforged line"

    @Test("text from the log never reaches the terminal raw: status, history, issue and errors escape it; JSON stays exact")
    func controlSequencesAreEscaped() throws {
        let s = try Sandbox()
        let doc = #"{"directive":"E1","number":"1\u001b[2J","title":"T\u202eevil\nforged","tasks":[{"id":"1","text":"\u001b]0;owned\u0007 x\ry","assignees":["U\u001b[31mred"],"due":"31/12/2021"}]}"#
        let issued = try s.ok(["issue", "-"], stdin: Data(doc.utf8))
        let status = try s.ok(["status"])
        let history = try s.ok(["history", "E1"])
        let unknown = try s.run(["history", "E1\u{1B}[2J"])
        #expect(unknown.status != 0)
        for (name, out) in [("issue", issued.stdout), ("status", status.stdout), ("history", history.stdout), ("error", unknown.stderr)] {
            let bad = out.unicodeScalars.filter { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}") }
            #expect(bad.isEmpty, "\(name) printed raw control characters: \(out.debugDescription)")
            #expect(out.contains("\\x1B"), "\(name) shows ESC visibly: \(out.debugDescription)")
        }
        // One event, one history line: a newline in the title does not forge a second line.
        #expect(history.stdout.split(separator: "\n").count == 1, "\(history.stdout.debugDescription)")
        #expect(history.stdout.contains("T\\u202Eevil\\nforged"))
        #expect(status.stdout.contains("U\\x1B[31mred"))
        // JSON output is exact: decoding it gives the bytes that were recorded.
        let json = try s.ok(["status", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]])
        #expect(rows.first?["number"] as? String == "1\u{1B}[2J")
        #expect(rows.first?["unit"] as? String == "U\u{1B}[31mred")
        #expect(rows.first?["text"] as? String == "\u{1B}]0;owned\u{07} x\ry")
    }

    @Test("the recorded actor is the OS user, whatever $USER says")
    func actorComesFromTheOS() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "2"], env: ["USER": "giamdoc", "LOGNAME": "giamdoc"])
        let expected = String(cString: getpwuid(geteuid())!.pointee.pw_name)
        let actors = s.events().compactMap { $0["actor"] as? String }
        #expect(actors.count == 2)
        #expect(actors.allSatisfy { $0 == expected }, "\(actors)")
    }

    @Test("a repeated event id is listed by verify as harmless and does not fail it, as docs/events.md §5.1 says")
    func repeatedIDIsHarmless() throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "2"])
        var data = s.logData()
        data.append(s.logLines()[1])
        data.append(0x0A)
        try data.write(to: s.log)
        let r = try s.run(["verify"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("already appeared earlier; ignored"), "\(r)")
        #expect(r.stdout.contains("0 problems, 1 repeated event ids (harmless, ignored)"), "\(r)")
        // Damage still fails it.
        data.append(Data("{\"v\":1}\n".utf8))
        try data.write(to: s.log)
        #expect(try s.run(["verify"]).status == 1)
    }

    /// Runs `hanchot ARGS --log LOG` through `sh -c 'umask 022; …'`, as an operator's shell would.
    func withUmask022(_ s: Sandbox, _ args: [String]) throws -> RunResult {
        try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "umask 022; exec \"$0\" \"$@\"", try Binary.path().path] + args + ["--log", s.log.path],
                       env: s.environment(), stdin: nil, workDir: s.dir)
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }

    @Test("files hanchot creates beside a shared log are group-writable whatever the umask: log, index, its lock, torn side file")
    func createdFilesAreGroupWritable() throws {
        let s = try Sandbox()
        // A directive big enough (> 256 KiB) that the next append builds the directive index.
        let tasks = (1...2600).map { #"{"id":"\#($0)","text":"Rà soát, báo cáo kết quả thực hiện nhiệm vụ số \#($0) của kế hoạch","assignees":["U1"]}"# }
        let doc = #"{"directive":"BIG","number":"9-KH","title":"Kế hoạch lớn","tasks":["# + tasks.joined(separator: ",") + "]}"
        try s.write("big.json", doc)
        let r = try withUmask022(s, ["issue", s.dir.appendingPathComponent("big.json").path])
        #expect(r.status == 0, "\(r)")
        #expect(mode(s.log.path) == 0o660, "\(String(mode(s.log.path), radix: 8))")
        let done = try withUmask022(s, ["done", "BIG", "1"])
        #expect(done.status == 0, "\(done)")
        let index = s.log.path + ".idx"
        #expect(FileManager.default.fileExists(atPath: index), "the append should have built the index")
        #expect(mode(index) == 0o660, "\(String(mode(index), radix: 8))")
        #expect(mode(index + ".lock") == 0o660, "\(String(mode(index + ".lock"), radix: 8))")
        // A torn tail moved aside by verify --repair.
        let handle = try FileHandle(forWritingTo: s.log)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"v":1,"id":"torn"#.utf8))
        try handle.close()
        let repaired = try withUmask022(s, ["verify", "--repair"])
        #expect(repaired.status == 0, "\(repaired)")
        let side = try #require(s.fileNames().first { $0.contains(".torn-") })
        #expect(mode(s.dir.appendingPathComponent(side).path) == 0o660)
    }

    @Test("a write that fails part-way (file size limit: a full disk in miniature) leaves the log byte-identical, and the next append is clean")
    func failedWriteLeavesNoFragment() throws {
        let s = try Sandbox()
        try s.issueStandard()
        let before = s.logData()
        // The limit lets the first 10 bytes of the new line in, then refuses the rest (EFBIG).
        let limit = before.count + 10
        let r = try runProcess(URL(fileURLWithPath: "/usr/bin/prlimit"),
                               ["--fsize=\(limit)", "--", try Binary.path().path, "done", "D1", "2", "--log", s.log.path],
                               env: s.environment(), stdin: nil, workDir: s.dir)
        #expect(r.status != 0, "\(r)")
        #expect(r.stderr.contains(s.log.path) && r.stderr.contains("the log is unchanged"), "\(r)")
        #expect(s.logData() == before, "the failed write left \(s.logData().count - before.count) bytes behind")
        // With room again, the same command succeeds and the log reads back whole.
        try s.ok(["done", "D1", "2"])
        let verify = try s.ok(["verify"])
        #expect(verify.stdout.contains("0 problems"), "\(verify)")
        #expect(s.events().count == 2)
    }
}
