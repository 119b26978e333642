import Foundation
import Glibc
import Testing

@Suite("Crash and restart")
struct CrashRestartTests {
    @Test("after kill -9 and a restart no step is sent twice, and the step missed while down is caught up once")
    func killNineThenRestart() throws {
        try Journal.require()
        let box = try IntegrationSandbox(reminders: """
            before = ["2s"]
            at_due = true
            overdue_every = "4s"
            overdue_limit = 2
            late_after = "1s"
            """)
        let units = ["UBND xã", "Công an xã"]
        let id = box.id("crash")
        let matches = ["HANCHOT_DIRECTIVE=\(id)"]
        let notify = try NotifySocket()
        defer { notify.close() }
        let first = try box.startReadyDaemon(notify: notify)
        defer { first.terminate() }
        let due = IntegrationSandbox.nowSecond() + 4
        // Steps: before-2s at due-2, due, overdue-1 at due+4 (missed while down), overdue-2 at due+8.
        try box.issue(id, due: due, units: units)
        let beforeCrash = try Journal.wait(for: matches, dir: box.dir, timeout: 10) { e in
            units.allSatisfy { u in e.contains { $0.unit == u && $0.step == "due" } }
        }
        try #require(units.allSatisfy { u in beforeCrash.contains { $0.unit == u && $0.step == "due" } },
                     "the due step never arrived: \(beforeCrash)\n\(first.stderr)")
        // Half a second after the due step: outside the deliver→record window.
        IntegrationSandbox.sleep(until: Double(due) + 0.5)
        let killedAt = IntegrationSandbox.wallClock()
        first.killHard()
        #expect(first.poll() == 128 + SIGKILL)

        // Down across overdue-1 (due+4); back before overdue-2 (due+8), more than late_after after overdue-1.
        IntegrationSandbox.sleep(until: Double(due) + 6.2)
        let restartedAt = IntegrationSandbox.wallClock()
        let second = try box.startDaemon(notify: notify)
        defer { second.terminate() }
        var entries = try Journal.wait(for: matches, dir: box.dir, timeout: Double(due + 8) - IntegrationSandbox.wallClock() + 5) { e in
            units.allSatisfy { u in e.contains { $0.unit == u && $0.step == "overdue-2" } }
        }
        IntegrationSandbox.sleep(seconds: 0.8)
        entries = try Journal.entries(matches, dir: box.dir)
        #expect(second.terminate() == 0, "hanchotd must stop cleanly; stderr:\n\(second.stderr)")

        let steps = ["before-2s", "due", "overdue-1", "overdue-2"]
        for unit in units {
            let mine = entries.filter { $0.unit == unit }
            for step in steps {
                let copies = mine.filter { $0.step == step }
                // The documented crash window: a step delivered just before the kill, not yet recorded,
                // may be sent once more. Nothing was delivered near the kill here, so: exactly once.
                let inWindow = copies.first.map { killedAt - $0.receivedAt < 0.25 && killedAt >= $0.receivedAt } ?? false
                #expect(copies.count == 1 || (copies.count == 2 && inWindow),
                        "\(unit) / \(step) sent \(copies.count) times: \(mine)")
            }
            #expect(mine.map(\.step) == steps, "\(unit): \(mine)")
            let caughtUp = try #require(mine.first { $0.step == "overdue-1" })
            #expect(caughtUp.receivedAt >= restartedAt, "overdue-1 fell while the daemon was down")
            #expect(caughtUp["HANCHOT_KIND"] == "caught-up")
            #expect(caughtUp["MESSAGE_ID"] == "6f1c0a4e2b8d4c7a9e35d1b2c4f6a804")
            #expect(caughtUp["PRIORITY"] == "3")
            #expect(caughtUp["MESSAGE"]?.hasSuffix("(nhắc bù)") == true)
            let onTime = try #require(mine.first { $0.step == "overdue-2" })
            #expect(onTime["HANCHOT_KIND"] == "overdue")
            #expect(onTime["MESSAGE_ID"] == "6f1c0a4e2b8d4c7a9e35d1b2c4f6a803")
            print("[measure] \(unit): caught-up overdue-1 arrived \(ms(caughtUp.receivedAt - restartedAt)) after the restart")
        }
        // The log records each step once per unit too.
        for unit in units {
            #expect(box.sentInLog().filter { $0.unit == unit }.map(\.step) == steps)
        }
    }
}
