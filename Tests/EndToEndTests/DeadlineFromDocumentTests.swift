import Foundation
import Testing

/// Deadlines read as directives write them, through the real binary: periods count from the
/// directive's own date, events are never extended past their start (issue 12 §1–2).
@Suite("Deadlines counted from the directive's date")
struct DeadlineFromDocumentTests {
    func dues(_ s: Sandbox) -> [String] {
        s.events().flatMap { (($0["tasks"] as? [[String: Any]]) ?? []).compactMap { $0["due"] as? String } }
    }

    @Test("a document's periods count from its `issued` date, not from the day it is recorded")
    func documentPeriods() throws {
        let s = try Sandbox()
        s.now = "2023-12-20T09:00"  // recorded weeks later: must not matter
        let doc = """
            {"directive": "45-KH/UBND", "number": "45-KH/UBND", "issued": "2023-11-15", "title": "Kế hoạch rà soát",
             "tasks": [
               {"id": "1", "text": "Rà soát", "assignees": ["UBND xã"], "due": "trong thời hạn 10 ngày làm việc kể từ ngày ký"},
               {"id": "2", "text": "Báo cáo", "assignees": ["UBND xã"], "due": "trước ngày 25/4"},
               {"id": "3", "text": "Tổng hợp", "assignees": ["UBND xã"], "due": "từ ngày 01/12 đến ngày 15/12/2023"}
             ]}
            """
        try s.ok(["issue", "-"], stdin: Data(doc.utf8))
        // 10 working days from Thu 16/11/2023: end of Wed 29/11; 25/4 → 2024 (first on or after
        // 15/11/2023); the window ends at the end of 15/12.
        #expect(dues(s) == ["2023-11-29T17:00:00Z", "2024-04-24T17:00:00Z", "2023-12-15T17:00:00Z"])
        let phrases = s.events().flatMap { (($0["tasks"] as? [[String: Any]]) ?? []).compactMap { $0["duePhrase"] as? String } }
        #expect(phrases.first == "trong thời hạn 10 ngày làm việc kể từ ngày ký")
    }

    @Test("--due counts from --issued; without it, from today")
    func flagPeriods() throws {
        let s = try Sandbox()
        s.now = "2023-12-20T09:00"
        try s.ok(["issue", "--id", "A", "--number", "1", "--title", "T", "--issued", "15/11/2023",
                  "--task", "x", "--due", "trong vòng 15 ngày kể từ ngày ban hành", "--to", "U"])
        try s.ok(["issue", "--id", "B", "--number", "2", "--title", "T",
                  "--task", "x", "--due", "trong vòng 15 ngày", "--to", "U"])
        // 15/11 + 15 = Thu 30/11; 20/12 + 15 = Thu 04/01/2024.
        #expect(dues(s) == ["2023-11-30T17:00:00Z", "2024-01-04T17:00:00Z"])
    }

    @Test("\"trước Tết\" is never pushed past Tết: the last working day before the days off")
    func beforeTetIsNotAfterTet() throws {
        let s = try Sandbox()
        s.now = "2021-12-01T09:00"
        try s.ok(["issue", "--id", "T", "--number", "1", "--title", "T", "--task", "x", "--due", "trước Tết Nguyên đán 2022", "--to", "U"])
        // Tết 2022 is Tue 01/02; 29/01–06/02 are off: due by the end of Fri 28/01.
        #expect(dues(s) == ["2022-01-28T17:00:00Z"])
        let when = try s.ok(["when", "trước Tết Nguyên đán 2022", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: when.stdoutData) as? [String: Any])
        #expect(object["due"] as? String == "2022-01-28T17:00:00Z")
        #expect(object["adjustment"] as? String == "brought-forward")
        #expect(object["literalDue"] as? String == "2022-01-31T17:00:00Z")
        #expect(object["event"] as? Bool == true)
    }

    @Test("when --from names the reference day, and --json says which it used and what it assumed")
    func whenReference() throws {
        let s = try Sandbox()
        let r = try s.ok(["when", "chậm nhất sau 7 ngày kể từ ngày nhận được văn bản", "--from", "2023-11-15", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect(object["due"] as? String == "2023-11-22T17:00:00Z")
        #expect((object["reference"] as? [String: String]) == ["date": "2023-11-15", "source": "given"])
        let notes = object["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("received is not known") }, "\(notes)")
        let bad = try s.run(["when", "trong vòng -3 ngày"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("cannot be negative"), "\(bad)")
    }
}
