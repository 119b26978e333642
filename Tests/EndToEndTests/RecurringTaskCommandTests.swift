import Foundation
import Testing

/// A recurring obligation from the command line (issue 12 §4): issued from a phrase, each
/// occurrence completed on its own, the log saying which.
@Suite("Recurring tasks from the command line")
struct RecurringTaskCommandTests {
    @Test("issue --due with a recurring phrase; done names the occurrence it completes; status shows the current one")
    func lifecycle() throws {
        let s = try Sandbox()
        s.now = "2024-04-25T09:00"
        try s.ok(["issue", "--id", "BC", "--number", "12-KH", "--title", "Báo cáo tháng", "--issued", "01/02/2024",
                  "--task", "Báo cáo kết quả", "--due", "trước ngày 20 hằng tháng đến hết năm 2024", "--to", "UBND xã"])
        let task = try #require((s.events().first?["tasks"] as? [[String: Any]])?.first)
        #expect(s.events().first?["v"] as? Int == 2)
        #expect(task["recurrence"] as? String == "monthly-before:20")
        #expect(task["until"] as? String == "2024-12-31")
        #expect(task["due"] as? String == "2024-02-19T17:00:00Z", "the first 20th after the document's date")

        let first = try s.ok(["done", "BC", "1"])
        #expect(first.stdout.contains("period 2024-02"), "\(first)")
        try s.ok(["done", "BC", "1", "--period", "2024-04"])
        // The log names each occurrence, the default one too.
        let periods = s.events().compactMap { $0["period"] as? String }
        #expect(periods == ["2024-02", "2024-04"])
        // Twice, or an occurrence the schedule does not have: refused, the log unchanged.
        let before = s.logData()
        let again = try s.run(["done", "BC", "1", "--period", "2024-04"])
        #expect(again.stdout.contains("period 2024-04") && again.stdout.contains("not recorded again"), "\(again)")
        let outside = try s.run(["done", "BC", "1", "--period", "2025-01"])
        #expect(outside.status != 0 && outside.stderr.contains("has no period \"2025-01\""), "\(outside)")
        #expect(s.logData() == before)

        let status = try s.ok(["status", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: status.stdoutData) as? [[String: Any]])
        #expect(rows.first?["period"] as? String == "2024-03", "March is the oldest occurrence not done")
        #expect(rows.first?["overduePeriods"] as? Int == 1)
        #expect(try s.ok(["status"]).stdout.contains("period 2024-03"))
        #expect(try s.ok(["verify"]).stdout.contains("0 problems"))
    }
}
