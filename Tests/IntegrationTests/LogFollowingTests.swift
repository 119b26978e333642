import Foundation
import Glibc
import HanchotCore
import Testing

@Suite("Following the log")
struct LogFollowingTests {
    @Test("a directive appended from the shell while the daemon runs is reminded within moments")
    func shellAppendIsPickedUp() throws {
        try Journal.require()
        let box = try IntegrationSandbox(reminders: IntegrationSandbox.hourly)
        try box.issue(box.id("later"), due: IntegrationSandbox.nowSecond() + 86_400, units: ["UBND xã"])
        let notify = try NotifySocket()
        defer { notify.close() }
        let daemon = try box.startReadyDaemon(notify: notify)
        defer { daemon.terminate() }

        var journalLatency: [Double] = []
        var appliedLatency: [Double] = []
        for i in 0..<5 {
            let id = box.id("now-\(i)")
            let before = notify.messages.count - 1
            let start = IntegrationSandbox.wallClock()
            // Already due: the at-due step fires as soon as the daemon reads the line.
            try box.issue(id, due: IntegrationSandbox.nowSecond(), units: ["Trạm y tế"])
            let end = IntegrationSandbox.wallClock()
            let status = notify.wait(after: before, timeout: 5) { $0.text.contains("STATUS=\(i + 2) việc đang mở") }
            let entries = try Journal.wait(for: ["HANCHOT_DIRECTIVE=\(id)"], dir: box.dir, timeout: 5) { !$0.isEmpty }
            let entry = try #require(entries.first, "no reminder for the appended directive \(id)\n\(daemon.stderr)")
            #expect(entries.count == 1)
            #expect(entry.step == "due")
            #expect(entry.unit == "Trạm y tế")
            journalLatency.append(entry.receivedAt - end)
            if let status { appliedLatency.append(status.message.receivedAt - end) }
            print("[measure] append #\(i): CLI took \(ms(end - start)); reminder in journald \(ms(entry.receivedAt - end)) "
                + "after the CLI returned; daemon STATUS \(status.map { ms($0.message.receivedAt - end) } ?? "never")")
        }
        #expect(appliedLatency.count == 5, "the daemon reports each append in STATUS")
        let sorted = journalLatency.sorted()
        print("[measure] shell append → reminder in journald: median \(ms(sorted[sorted.count / 2])), max \(ms(sorted.last!)); "
            + "→ applied (STATUS): max \(ms(appliedLatency.max() ?? .nan))")
        #expect(sorted.last! < 1.0, "an appended directive took \(ms(sorted.last!)) to be reminded")
        #expect(daemon.terminate() == 0)
    }

    @Test("a line appended with >> is applied and reminded within moments of the write")
    func rawAppendLatency() throws {
        try Journal.require()
        let box = try IntegrationSandbox(reminders: IntegrationSandbox.hourly)
        try box.issue(box.id("later"), due: IntegrationSandbox.nowSecond() + 86_400, units: ["UBND xã"])
        let notify = try NotifySocket()
        defer { notify.close() }
        let daemon = try box.startReadyDaemon(notify: notify)
        defer { daemon.terminate() }

        var applied: [Double] = []
        var reminded: [Double] = []
        for i in 0..<10 {
            let id = box.id("raw-\(i)")
            let now = Instant(secondsSinceEpoch: IntegrationSandbox.nowSecond())
            let directive = Directive(id: id, number: "9-TB/UBND", title: "Thông báo",
                                      tasks: [Directive.Task(id: "1", text: "Nộp báo cáo", assignees: ["Trạm y tế"], due: Due(instant: now))])
            let line = EventCodec.encode(Event(id: "raw-\(box.tag)-\(i)", recordedAt: now, actor: "vanthu", body: .directiveIssued(directive))) + "\n"
            let before = notify.messages.count - 1
            // What `printf '%s\n' "$line" >> events.jsonl` does: one O_APPEND write.
            let fd = open(box.log, O_WRONLY | O_APPEND)
            try #require(fd >= 0)
            let bytes = Array(line.utf8)
            // Measured from just before the write: an upper bound on the daemon's latency.
            let wroteAt = IntegrationSandbox.wallClock()
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            try #require(written == bytes.count)
            let status = notify.wait(after: before, timeout: 5) { $0.text.contains("STATUS=\(i + 2) việc đang mở") }
            let entries = try Journal.wait(for: ["HANCHOT_DIRECTIVE=\(id)"], dir: box.dir, timeout: 5) { !$0.isEmpty }
            let entry = try #require(entries.first, "no reminder for the appended line \(id)\n\(daemon.stderr)")
            #expect(entry.step == "due")
            if let status { applied.append(status.message.receivedAt - wroteAt) }
            reminded.append(entry.receivedAt - wroteAt)
            IntegrationSandbox.sleep(seconds: 0.05)
        }
        #expect(applied.count == 10, "the daemon reports each append in STATUS")
        let a = applied.sorted(), r = reminded.sorted()
        print("[measure] >> append → applied (STATUS received): median \(ms(a[a.count / 2])), max \(ms(a.last ?? .nan)); "
            + "→ reminder stored by journald: median \(ms(r[r.count / 2])), max \(ms(r.last!))")
        // 50 ms for the daemon plus slack for journald on a loaded machine.
        #expect(r[r.count / 2] < 0.1, "median append → reminder latency \(ms(r[r.count / 2])) is over 100 ms")
        #expect(r.last! < 1.0)
        #expect(daemon.terminate() == 0)
    }

    @Test("a log replaced by mv is replayed from the start, and its directives are reminded")
    func logReplacedByRename() throws {
        try Journal.require()
        let box = try IntegrationSandbox(reminders: IntegrationSandbox.hourly)
        let old = box.id("old")
        let new = box.id("new")
        try box.issue(old, due: IntegrationSandbox.nowSecond() + 86_400, units: ["UBND xã"])
        let notify = try NotifySocket()
        defer { notify.close() }
        // A PID is unique only while its process lives: CI spawns enough processes for PIDs to wrap
        // (pid_max 32768), so an earlier test's daemon may have had this one's PID.
        let started = IntegrationSandbox.wallClock()
        let daemon = try box.startReadyDaemon(notify: notify)
        defer { daemon.terminate() }

        // Another log, built beside it, then renamed over it.
        let other = box.dir.appendingPathComponent("replacement.jsonl").path
        try box.issue(new, due: IntegrationSandbox.nowSecond(), units: ["Trạm y tế", "UBND xã"], log: other)
        let before = notify.messages.count - 1
        let moved = IntegrationSandbox.wallClock()
        let mv = try ChildProcess.run("/bin/mv", [other, box.log], env: box.environment, outputIn: box.dir, name: "mv")
        try #require(mv.status == 0, "mv failed: \(mv.stderr)")

        let problems = try Journal.wait(for: ["MESSAGE_ID=6f1c0a4e2b8d4c7a9e35d1b2c4f6a805", "_PID=\(daemon.pid)"], dir: box.dir,
                                        since: started, timeout: 5) { !$0.isEmpty }
        let problem = try #require(problems.first, "no log-problem entry after the log was replaced\n\(daemon.stderr)")
        #expect(problems.count == 1, "\(problems.map { $0["MESSAGE"] ?? "-" })")
        #expect(problem["MESSAGE"]?.contains(box.log) == true)
        #expect(problem["SYSLOG_IDENTIFIER"] == "hanchotd")
        #expect(problem["PRIORITY"] == "4")
        let reminded = try Journal.wait(for: ["HANCHOT_DIRECTIVE=\(new)"], dir: box.dir, timeout: 5) { $0.count >= 2 }
        #expect(Set(reminded.map(\.unit)) == ["Trạm y tế", "UBND xã"])
        #expect(reminded.count == 2)
        if let first = reminded.first { print("[measure] mv → replayed and reminded in \(ms(first.receivedAt - moved))") }
        // The new state: only the replacement's directive is open (the old one is gone).
        let replayed = notify.wait(after: before, timeout: 3) { $0.text.contains("STATUS=2 việc đang mở, 2 quá hạn") }
        #expect(replayed != nil,
                "STATUS after replay: \(notify.messages.suffix(3))")
        // And the daemon records its reminders in the new file.
        #expect(Set(box.sentInLog().map(\.directive)) == [new])
        #expect(daemon.terminate() == 0)
        #expect(try Journal.entries(["HANCHOT_DIRECTIVE=\(old)"], dir: box.dir).isEmpty)
    }
}
