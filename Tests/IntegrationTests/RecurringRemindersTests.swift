import Foundation
import Glibc
import Testing

/// A recurring obligation through the daemon and a real journald (issue 12 §4): after downtime,
/// one catch-up per missed occurrence, named by its period; a completion of one period stops
/// only that one; a restart sends nothing twice.
@Suite("Recurring reminders")
struct RecurringRemindersTests {
    /// Local calendar parts (UTC+7) of an instant.
    static func local(_ t: Int64) -> (year: Int, month: Int, day: Int) {
        var time = time_t(t + 7 * 3600)
        var parts = tm()
        gmtime_r(&time, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    /// 00:00 local (UTC+7) of a day, as seconds since the epoch.
    static func midnight(_ y: Int, _ m: Int, _ d: Int) -> Int64 {
        var parts = tm()
        parts.tm_year = Int32(y - 1900)
        parts.tm_mon = Int32(m - 1)
        parts.tm_mday = Int32(d)
        return Int64(timegm(&parts)) - 7 * 3600
    }

    @Test("missed occurrences get one catch-up each, by period; done --period stops that one; a restart resends nothing")
    func catchUpPerOccurrence() throws {
        try Journal.require()
        let box = try IntegrationSandbox(reminders: IntegrationSandbox.hourly)
        let now = IntegrationSandbox.nowSecond()
        // "trước ngày D hằng tháng", with the next occurrence a few days ahead (none fires now),
        // issued about four months ago.
        let soon = Self.local(now + 4 * 86_400)
        let day = min(soon.day, 28)
        let issued = Self.local(now - 120 * 86_400)
        let id = box.id("monthly")
        try box.hanchot(["issue", "--id", id, "--number", "12-KH/UBND", "--title", "Báo cáo định kỳ",
                         "--issued", "\(issued.year)-\(issued.month < 10 ? "0" : "")\(issued.month)-\(issued.day < 10 ? "0" : "")\(issued.day)",
                         "--task", "Báo cáo kết quả tháng", "--due", "trước ngày \(day) hằng tháng", "--to", "UBND xã"])
        // The occurrences that passed: every "D of the month" 00:00 after the issue day, before now.
        var missed: [String] = []
        var (y, m) = (issued.year, issued.month)
        while true {
            let deadline = Self.midnight(y, m, day)
            if deadline >= now { break }
            if deadline > Self.midnight(issued.year, issued.month, issued.day) {
                // The period is the month of the deadline's last moment (the day before D).
                let last = Self.local(deadline - 1)
                missed.append("\(last.year)-\(last.month < 10 ? "0" : "")\(last.month)")
            }
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        try #require(missed.count >= 3, "\(missed)")

        let started = IntegrationSandbox.wallClock()
        let notify = try NotifySocket()
        defer { notify.close() }
        let daemon = try box.startReadyDaemon(notify: notify)
        defer { daemon.terminate() }
        let entries = try Journal.wait(for: ["HANCHOT_DIRECTIVE=\(id)"], dir: box.dir, since: started, timeout: 10) { $0.count >= missed.count }
        IntegrationSandbox.sleep(seconds: 1)  // anything more would show up now
        let all = try Journal.entries(["HANCHOT_DIRECTIVE=\(id)"], dir: box.dir, since: started)
        let periods = all.compactMap { $0["HANCHOT_PERIOD"] }
        #expect(periods.sorted() == missed.sorted(), "one catch-up per missed occurrence: \(periods) vs \(missed)\n\(daemon.stderr)")
        #expect(all.allSatisfy { $0["HANCHOT_KIND"] == "caught-up" && $0.step.hasSuffix("/overdue-1") }, "\(all.map(\.step))")
        #expect(entries.allSatisfy { $0["MESSAGE"]?.contains("kỳ ") == true })
        // Each recorded once in the log, under its period's step name.
        #expect(box.sentInLog().map(\.step).sorted() == missed.map { "\($0)/overdue-1" }.sorted())

        // The oldest one is done: recorded under its period; nothing is sent for it again.
        try box.hanchot(["done", id, "1", "--period", missed[0]])
        let completion = box.logEvents().last
        #expect(completion?["period"] as? String == missed[0])
        #expect(completion?["v"] as? Int == 2)
        #expect(daemon.terminate() == 0)

        // A restart: every step is recorded, so nothing more is sent.
        let restarted = IntegrationSandbox.wallClock()
        let again = try box.startReadyDaemon(notify: notify)
        defer { again.terminate() }
        IntegrationSandbox.sleep(seconds: 1.5)
        #expect(try Journal.entries(["HANCHOT_DIRECTIVE=\(id)"], dir: box.dir, since: restarted).isEmpty)
        #expect(again.terminate() == 0)
        #expect(try box.hanchot(["verify"]) == 0)
    }
}
