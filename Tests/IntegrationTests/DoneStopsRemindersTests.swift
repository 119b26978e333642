import Foundation
import Testing

@Suite("Completion from the shell")
struct DoneStopsRemindersTests {
    @Test("hanchot done stops that unit's reminders at once while the other unit keeps getting them")
    func doneStopsOneUnitOnly() throws {
        try Journal.require()
        let box = try IntegrationSandbox(reminders: """
            before = ["1s"]
            at_due = true
            overdue_every = "1s"
            overdue_limit = 30
            late_after = "1s"
            """)
        let finished = "Công an xã"
        let other = "UBND xã"
        let id = box.id("done")
        let notify = try NotifySocket()
        defer { notify.close() }
        let daemon = try box.startReadyDaemon(notify: notify)
        defer { daemon.terminate() }
        try box.issue(id, due: IntegrationSandbox.nowSecond() + 3, units: [finished, other])
        let matches = ["HANCHOT_DIRECTIVE=\(id)"]

        // Reminders are flowing for both (one a second).
        let early = try Journal.wait(for: matches, dir: box.dir, timeout: 8) { e in e.filter { $0.unit == finished }.count >= 2 }
        try #require(early.filter { $0.unit == finished }.count >= 2, "no reminders before done: \(early)\n\(daemon.stderr)")

        // `done` 0.3 s into a second, well away from the next tick.
        IntegrationSandbox.sleep(until: IntegrationSandbox.wallClock().rounded(.down) + 1.3)
        let statusBefore = notify.messages.count - 1
        let doneStart = IntegrationSandbox.wallClock()
        try box.done(id, unit: finished)
        let doneEnd = IntegrationSandbox.wallClock()
        // The daemon reports each change of state: the open count drops when it applied the completion.
        let applied = notify.wait(after: statusBefore, timeout: 3) { $0.text.contains("STATUS=1 việc đang mở") }

        IntegrationSandbox.sleep(seconds: 3.2)
        let entries = try Journal.entries(matches, dir: box.dir)
        #expect(daemon.terminate() == 0)

        let finishedEntries = entries.filter { $0.unit == finished }
        let lastFinished = try #require(finishedEntries.last)
        let otherAfter = entries.filter { $0.unit == other && $0.receivedAt > doneEnd }
        let appliedAt = applied?.message.receivedAt
        print("""
            [measure] done CLI took \(ms(doneEnd - doneStart)); daemon applied it (STATUS) \
            \(appliedAt.map { ms($0 - doneEnd) } ?? "never") after the CLI returned \
            (\(appliedAt.map { ms($0 - doneStart) } ?? "-") after it started); \
            last reminder for the finished unit \(ms(lastFinished.receivedAt - doneEnd)) relative to done; \
            \(otherAfter.count) reminders for the other unit in the following 3.2 s
            """)
        #expect(applied != nil, "the daemon never reported the completion in STATUS: \(notify.messages.suffix(5))")
        if let appliedAt { #expect(appliedAt - doneEnd < 1.0, "the completion took \(ms(appliedAt - doneEnd)) to apply") }
        #expect(lastFinished.receivedAt <= doneEnd + 1.0,
                "a reminder for \(finished) came \(ms(lastFinished.receivedAt - doneEnd)) after done: \(finishedEntries)")
        #expect(!finishedEntries.contains { $0.receivedAt > doneEnd }, "no reminder for the finished unit after done returned")
        #expect(otherAfter.count >= 2, "the other unit must keep getting reminders: \(entries)")

        // Causal order in the log: no reminder.sent for the finished unit after its task.completed line.
        let events = box.logEvents()
        let doneLine = try #require(events.firstIndex { $0["type"] as? String == "task.completed" })
        let sentAfter = events[(doneLine + 1)...].filter { $0["type"] as? String == "reminder.sent" && $0["unit"] as? String == finished }
        #expect(sentAfter.isEmpty, "reminder.sent after task.completed for \(finished): \(sentAfter)")
    }
}
