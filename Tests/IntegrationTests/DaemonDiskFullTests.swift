import Foundation
import Glibc
import Testing

/// hanchotd when its log cannot grow (a full disk, here a file size limit it runs under): what it
/// sent to journald is recorded as soon as the log can take it, while it keeps running, and the
/// log never holds a fragment.
@Suite("Daemon on a log that cannot grow")
struct DaemonDiskFullTests {
    @Test("reminders sent while the log refuses writes are recorded once it accepts them again, with no fragment and no resend")
    func recordsAfterTheDiskHasRoom() throws {
        try Journal.require()
        let box = try IntegrationSandbox(reminders: IntegrationSandbox.hourly)
        let id = box.id("full")
        try box.issue(id, due: IntegrationSandbox.nowSecond(), units: ["UBND xã", "Trạm y tế"])
        let before = try Data(contentsOf: URL(fileURLWithPath: box.log))
        let started = IntegrationSandbox.wallClock()
        // No byte may be added to the log: every append fails with EFBIG, as on a full disk.
        let daemon = try ChildProcess("/usr/bin/prlimit", ["--fsize=\(before.count):unlimited", "--", try Binaries.hanchotd(),
                                                           "--log", box.log, "--config", box.config, "--sink", "journal"],
                                      env: box.environment, outputIn: box.dir, name: "hanchotd-full")
        defer { daemon.terminate() }

        let reminded = try Journal.wait(for: ["HANCHOT_DIRECTIVE=\(id)"], dir: box.dir, since: started, timeout: 10) { $0.count >= 2 }
        #expect(reminded.count == 2, "\(daemon.stderr)")
        IntegrationSandbox.sleep(seconds: 1.5)  // at least one retry fails too
        #expect(try Data(contentsOf: URL(fileURLWithPath: box.log)) == before, "a failed append left bytes in the log")
        #expect(daemon.poll() == nil, "hanchotd must keep running: \(daemon.stderr)")

        // Room again: lift the limit of the running daemon.
        let lifted = try ChildProcess.run("/usr/bin/prlimit", ["--pid", "\(daemon.pid)", "--fsize=unlimited:unlimited"],
                                          env: box.environment, outputIn: box.dir, name: "prlimit")
        try #require(lifted.status == 0, "\(lifted.stderr)")
        let deadline = IntegrationSandbox.wallClock() + 40
        while box.sentInLog().count < 2, IntegrationSandbox.wallClock() < deadline { IntegrationSandbox.sleep(seconds: 0.2) }
        let sent = box.sentInLog()
        #expect(sent.count == 2, "recorded: \(sent)\n\(daemon.stderr)")
        #expect(Set(sent.map(\.unit)) == ["UBND xã", "Trạm y tế"])
        #expect(sent.allSatisfy { $0.step == "due" })
        // Every line reads back: the failed attempts left nothing for these lines to glue onto.
        let text = try String(contentsOfFile: box.log, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        #expect(box.logEvents().count == text.split(separator: "\n").count)
        #expect(try box.hanchot(["verify"]) == 0)
        // And nothing was sent twice while it waited.
        #expect(try Journal.entries(["HANCHOT_DIRECTIVE=\(id)"], dir: box.dir, since: started).count == 2)
        #expect(daemon.terminate() == 0)
    }
}
