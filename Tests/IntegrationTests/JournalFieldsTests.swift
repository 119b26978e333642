import Foundation
import Testing

/// The real daemon writing reminders to a real journald, read back with `journalctl -o json`.
@Suite("Reminders in journald")
struct JournalFieldsTests {
    static let ids: [String: String] = [
        "upcoming": "6f1c0a4e2b8d4c7a9e35d1b2c4f6a801", "due": "6f1c0a4e2b8d4c7a9e35d1b2c4f6a802",
        "overdue": "6f1c0a4e2b8d4c7a9e35d1b2c4f6a803", "caught-up": "6f1c0a4e2b8d4c7a9e35d1b2c4f6a804",
    ]

    @Test("each step arrives once per unit, in order, with structured fields, rising priority and per-kind MESSAGE_ID")
    func stepsArriveWithFieldsAndRisingPriority() throws {
        try Journal.require()
        let box = try IntegrationSandbox(reminders: """
            before = ["4s", "2s"]
            at_due = true
            overdue_every = "2s"
            overdue_limit = 2
            late_after = "1s"
            """)
        let forged = "A\nHANCHOT_STEP=forged"
        let units = ["UBND xã", forged]
        let task = "Báo cáo\nPRIORITY=0"
        let id = box.id("fields")
        let notify = try NotifySocket()
        defer { notify.close() }
        let daemon = try box.startReadyDaemon(notify: notify)
        defer { daemon.terminate() }
        // Issued while the daemon runs, due 6 s ahead: the first step is 2 s away.
        let due = IntegrationSandbox.nowSecond() + 6
        try box.issue(id, due: due, units: units, task: task)

        let expected: [(step: String, offset: Int64, priority: String, kind: String)] = [
            ("before-4s", -4, "5", "upcoming"), ("before-2s", -2, "5", "upcoming"), ("due", 0, "4", "due"),
            ("overdue-1", 2, "3", "overdue"), ("overdue-2", 4, "3", "overdue"),
        ]
        let matches = ["HANCHOT_DIRECTIVE=\(id)"]
        let timeout = Double(due + 4) - IntegrationSandbox.wallClock() + 6
        var entries = try Journal.wait(for: matches, dir: box.dir, timeout: timeout) { $0.count >= expected.count * units.count }
        // Nothing more may follow the last step.
        IntegrationSandbox.sleep(seconds: 1.2)
        entries = try Journal.entries(matches, dir: box.dir)
        #expect(daemon.terminate() == 0, "hanchotd must stop cleanly on SIGTERM; stderr:\n\(daemon.stderr)")

        try #require(entries.count == expected.count * units.count,
                     "expected \(expected.count) reminders per unit, got \(entries.count): \(entries)\nstderr:\n\(daemon.stderr)")
        for unit in units {
            let mine = entries.filter { $0.fields["HANCHOT_UNIT"] == [unit] }
            #expect(mine.map(\.step) == expected.map(\.step), "steps of \(unit.debugDescription) in order, each once")
            for (entry, want) in zip(mine, expected) {
                #expect(entry["PRIORITY"] == want.priority, "\(want.step): priority")
                #expect(entry["HANCHOT_KIND"] == want.kind, "\(want.step): kind")
                #expect(entry["MESSAGE_ID"] == Self.ids[want.kind], "\(want.step): MESSAGE_ID")
                #expect(entry["SYSLOG_IDENTIFIER"] == "hanchotd")
                #expect(entry["HANCHOT_NUMBER"] == "22-CV/ĐU")
                #expect(entry["HANCHOT_TASK"] == "1")
                #expect(entry["HANCHOT_DUE"] == IntegrationSandbox.utcTimestamp(due))
                #expect(entry["HANCHOT_PLANNED"] == IntegrationSandbox.utcTimestamp(due + want.offset))
                #expect(entry["HANCHOT_DAYS_LEFT"].flatMap { Int($0) } != nil)
                #expect(entry["MESSAGE"]?.hasPrefix("Nhắc việc: [22-CV/ĐU] nhiệm vụ 1 — \(unit) — ") == true)
                #expect(entry["MESSAGE"]?.contains(task) == true, "the task text, newline included, is in MESSAGE")
                // Every field the daemon sends holds exactly one value: nothing was split or forged.
                for name in ["MESSAGE", "MESSAGE_ID", "PRIORITY", "SYSLOG_IDENTIFIER", "HANCHOT_KIND", "HANCHOT_DIRECTIVE",
                             "HANCHOT_NUMBER", "HANCHOT_TASK", "HANCHOT_UNIT", "HANCHOT_DUE", "HANCHOT_STEP",
                             "HANCHOT_PLANNED", "HANCHOT_DAYS_LEFT"] {
                    #expect(entry.fields[name]?.count == 1, "\(name) of \(want.step) has \(entry.fields[name] ?? []) ")
                }
            }
            let priorities = mine.compactMap { $0["PRIORITY"].flatMap { Int($0) } }
            #expect(priorities == priorities.sorted(by: >), "priority only rises (notice → warning → err)")
        }
        // The unit with a newline arrives whole, and forges nothing.
        #expect(entries.filter { $0.fields["HANCHOT_UNIT"] == [forged] }.count == expected.count)
        #expect(!entries.contains { $0.fields["HANCHOT_STEP"]?.contains("forged") == true })
        #expect(!entries.contains { $0.fields["PRIORITY"]?.contains("0") == true })
        #expect(!entries.contains { $0.fields.keys.contains { $0.hasPrefix("HANCHOT_") && !Self.known.contains($0) } })
        // Journal and log agree: each delivered step is recorded once as reminder.sent.
        let sent = box.sentInLog()
        #expect(sent.count == expected.count * units.count)
        for unit in units {
            #expect(sent.filter { $0.unit == unit }.map(\.step) == expected.map(\.step))
        }
    }

    static let known: Set<String> = ["HANCHOT_KIND", "HANCHOT_DIRECTIVE", "HANCHOT_NUMBER", "HANCHOT_TASK", "HANCHOT_UNIT",
                                     "HANCHOT_DUE", "HANCHOT_STEP", "HANCHOT_PLANNED", "HANCHOT_DAYS_LEFT"]
}
