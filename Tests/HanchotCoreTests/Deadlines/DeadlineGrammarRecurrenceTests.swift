import Foundation
import Testing
@testable import HanchotCore

// Recurring deadlines: the phrase gives a `Recurrence`; `instant(from:zone:)` is its first
// deadline strictly after `from`. Expected instants are hand-written UTC (UTC+7 in Vietnam).

struct RecurrenceCase: Sendable, CustomTestStringConvertible {
    var phrase: String
    var rule: String
    var recurrence: Recurrence

    init(_ phrase: String, _ rule: String, _ recurrence: Recurrence) {
        self.phrase = phrase
        self.rule = rule
        self.recurrence = recurrence
    }

    var testDescription: String { "\"\(phrase)\" → \(rule)" }
}

/// A recurrence, a `from`, and the next deadline (all UTC).
struct OccurrenceCase: Sendable, CustomTestStringConvertible {
    var phrase: String
    var from: String
    var next: String

    init(_ phrase: String, from: String, _ next: String) {
        self.phrase = phrase
        self.from = from
        self.next = next
    }

    var testDescription: String { "\"\(phrase)\" from \(from) → \(next)" }
}

@Suite struct DeadlineGrammarRecurrenceTests {
    static let table: [RecurrenceCase] = [
        .init("trước ngày 20 hằng tháng", "monthly-before-day", .monthly(day: 20, exclusive: true)),
        .init("trước ngày 20 hàng tháng", "monthly-before-day", .monthly(day: 20, exclusive: true)),
        .init("Trước ngày 20 hằng tháng.", "monthly-before-day", .monthly(day: 20, exclusive: true)),
        .init("TRƯỚC NGÀY 20 HẰNG THÁNG", "monthly-before-day", .monthly(day: 20, exclusive: true)),
        .init("truoc ngay 20 hang thang", "monthly-before-day", .monthly(day: 20, exclusive: true)),
        .init("trước ngày 20 mỗi tháng", "monthly-before-day", .monthly(day: 20, exclusive: true)),
        .init("báo cáo trước ngày 20 hằng tháng", "monthly-before-day", .monthly(day: 20, exclusive: true)),
        .init("định kỳ trước ngày 20 hằng tháng", "monthly-before-day", .monthly(day: 20, exclusive: true)),
        .init("trước ngày 05 hằng tháng", "monthly-before-day", .monthly(day: 5, exclusive: true)),
        .init("trước ngày 1 hằng tháng", "monthly-before-day", .monthly(day: 1, exclusive: true)),
        .init("trước ngày 30 hằng tháng", "monthly-before-day", .monthly(day: 30, exclusive: true)),
        .init("trước ngày 31 hằng tháng", "monthly-before-day", .monthly(day: 31, exclusive: true)),

        .init("ngày 25 hằng tháng", "monthly-by-day", .monthly(day: 25, exclusive: false)),
        .init("chậm nhất ngày 25 hằng tháng", "monthly-by-day", .monthly(day: 25, exclusive: false)),
        .init("chậm nhất là ngày 25 hàng tháng", "monthly-by-day", .monthly(day: 25, exclusive: false)),
        .init("đến ngày 25 mỗi tháng", "monthly-by-day", .monthly(day: 25, exclusive: false)),
        .init("định kỳ ngày 25 hằng tháng", "monthly-by-day", .monthly(day: 25, exclusive: false)),
        .init("ngày 31 hằng tháng", "monthly-by-day", .monthly(day: 31, exclusive: false)),

        .init("định kỳ hằng quý", "quarterly", .quarterly),
        .init("Định kỳ hàng quý.", "quarterly", .quarterly),
        .init("hằng quý", "quarterly", .quarterly),
        .init("hàng quý", "quarterly", .quarterly),
        .init("mỗi quý", "quarterly", .quarterly),
        .init("báo cáo định kỳ hằng quý", "quarterly", .quarterly),

        .init("sáng thứ 2 hằng tuần", "weekly", .weekly(weekday: 1, hour: 12, minute: 0)),
        .init("Sáng thứ 2 hằng tuần", "weekly", .weekly(weekday: 1, hour: 12, minute: 0)),
        .init("sáng thứ hai hàng tuần", "weekly", .weekly(weekday: 1, hour: 12, minute: 0)),
        .init("sang thu 2 hang tuan", "weekly", .weekly(weekday: 1, hour: 12, minute: 0)),
        .init("chiều thứ 6 hằng tuần", "weekly", .weekly(weekday: 5, hour: 17, minute: 0)),
        .init("thứ 6 hằng tuần", "weekly", .weekly(weekday: 5, hour: 24, minute: 0)),
        .init("thứ sáu mỗi tuần", "weekly", .weekly(weekday: 5, hour: 24, minute: 0)),
        .init("định kỳ thứ 5 mỗi tuần", "weekly", .weekly(weekday: 4, hour: 24, minute: 0)),
        .init("chủ nhật hằng tuần", "weekly", .weekly(weekday: 0, hour: 24, minute: 0)),

        .init("Định kỳ tháng 1 hằng năm", "yearly", .yearly(month: 1)),
        .init("tháng 1 hằng năm", "yearly", .yearly(month: 1)),
        .init("tháng 01 hàng năm", "yearly", .yearly(month: 1)),
        .init("trong tháng 1 hằng năm", "yearly", .yearly(month: 1)),
        .init("dinh ky thang 1 hang nam", "yearly", .yearly(month: 1)),
        .init("tháng 2 mỗi năm", "yearly", .yearly(month: 2)),
        .init("tháng 12 hằng năm", "yearly", .yearly(month: 12)),
    ]

    static let occurrences: [OccurrenceCase] = [
        // Before the 20th (its 00:00 +07 = the 19th 17:00Z).
        .init("trước ngày 20 hằng tháng", from: "2022-03-04T17:00:00Z", "2022-03-19T17:00:00Z"),
        .init("trước ngày 20 hằng tháng", from: "2022-03-19T16:59:59Z", "2022-03-19T17:00:00Z"),
        .init("trước ngày 20 hằng tháng", from: "2022-03-19T17:00:00Z", "2022-04-19T17:00:00Z"),
        .init("trước ngày 20 hằng tháng", from: "2022-01-31T03:00:00Z", "2022-02-19T17:00:00Z"),
        .init("trước ngày 20 hằng tháng", from: "2022-12-25T03:00:00Z", "2023-01-19T17:00:00Z"),
        // Before the 31st: in a month without one, by the end of its last day.
        .init("trước ngày 31 hằng tháng", from: "2022-01-05T03:00:00Z", "2022-01-30T17:00:00Z"),
        .init("trước ngày 31 hằng tháng", from: "2022-01-30T17:00:00Z", "2022-02-28T17:00:00Z"),
        .init("trước ngày 31 hằng tháng", from: "2022-04-05T03:00:00Z", "2022-04-30T17:00:00Z"),
        .init("trước ngày 31 hằng tháng", from: "2023-02-10T03:00:00Z", "2023-02-28T17:00:00Z"),
        .init("trước ngày 31 hằng tháng", from: "2024-02-10T03:00:00Z", "2024-02-29T17:00:00Z"),
        .init("trước ngày 30 hằng tháng", from: "2022-02-01T03:00:00Z", "2022-02-28T17:00:00Z"),
        .init("trước ngày 30 hằng tháng", from: "2024-02-01T03:00:00Z", "2024-02-29T17:00:00Z"),
        .init("trước ngày 30 hằng tháng", from: "2022-04-01T03:00:00Z", "2022-04-29T17:00:00Z"),
        .init("trước ngày 1 hằng tháng", from: "2022-01-12T03:00:00Z", "2022-01-31T17:00:00Z"),
        .init("trước ngày 1 hằng tháng", from: "2022-12-15T03:00:00Z", "2022-12-31T17:00:00Z"),
        // By the end of the 25th / the 31st (clamped to the month's last day).
        .init("ngày 25 hằng tháng", from: "2022-01-12T03:00:00Z", "2022-01-25T17:00:00Z"),
        .init("ngày 25 hằng tháng", from: "2022-01-25T16:59:59Z", "2022-01-25T17:00:00Z"),
        .init("ngày 25 hằng tháng", from: "2022-01-25T17:00:00Z", "2022-02-25T17:00:00Z"),
        .init("ngày 25 hằng tháng", from: "2022-12-26T03:00:00Z", "2023-01-25T17:00:00Z"),
        .init("ngày 31 hằng tháng", from: "2022-02-03T03:00:00Z", "2022-02-28T17:00:00Z"),
        .init("ngày 31 hằng tháng", from: "2024-02-03T03:00:00Z", "2024-02-29T17:00:00Z"),
        .init("ngày 31 hằng tháng", from: "2022-04-10T03:00:00Z", "2022-04-30T17:00:00Z"),
        .init("ngày 31 hằng tháng", from: "2022-12-31T10:00:00Z", "2022-12-31T17:00:00Z"),
        .init("ngày 31 hằng tháng", from: "2022-12-31T17:00:00Z", "2023-01-31T17:00:00Z"),
        // The end of every quarter.
        .init("định kỳ hằng quý", from: "2022-01-12T03:00:00Z", "2022-03-31T17:00:00Z"),
        .init("định kỳ hằng quý", from: "2022-03-31T16:59:59Z", "2022-03-31T17:00:00Z"),
        .init("định kỳ hằng quý", from: "2022-03-31T17:00:00Z", "2022-06-30T17:00:00Z"),
        .init("định kỳ hằng quý", from: "2022-11-20T03:00:00Z", "2022-12-31T17:00:00Z"),
        .init("định kỳ hằng quý", from: "2022-12-31T17:00:00Z", "2023-03-31T17:00:00Z"),
        .init("định kỳ hằng quý", from: "2024-02-29T03:00:00Z", "2024-03-31T17:00:00Z"),
        // Monday before noon; Friday before 17:00; the end of Friday / Sunday / Thursday.
        .init("sáng thứ 2 hằng tuần", from: "2022-01-12T03:00:00Z", "2022-01-17T05:00:00Z"),
        .init("sáng thứ 2 hằng tuần", from: "2022-01-17T01:00:00Z", "2022-01-17T05:00:00Z"),
        .init("sáng thứ 2 hằng tuần", from: "2022-01-17T05:00:00Z", "2022-01-24T05:00:00Z"),
        .init("sáng thứ 2 hằng tuần", from: "2021-12-29T03:00:00Z", "2022-01-03T05:00:00Z"),
        .init("chiều thứ 6 hằng tuần", from: "2022-01-12T03:00:00Z", "2022-01-14T10:00:00Z"),
        .init("chiều thứ 6 hằng tuần", from: "2022-01-14T10:00:00Z", "2022-01-21T10:00:00Z"),
        .init("thứ 6 hằng tuần", from: "2022-01-12T03:00:00Z", "2022-01-14T17:00:00Z"),
        .init("thứ 6 hằng tuần", from: "2022-01-14T16:00:00Z", "2022-01-14T17:00:00Z"),
        .init("thứ 6 hằng tuần", from: "2022-01-14T17:00:00Z", "2022-01-21T17:00:00Z"),
        .init("chủ nhật hằng tuần", from: "2021-12-30T03:00:00Z", "2022-01-02T17:00:00Z"),
        .init("định kỳ thứ 5 mỗi tuần", from: "2022-01-12T03:00:00Z", "2022-01-13T17:00:00Z"),
        // The end of January (February, December) every year.
        .init("Định kỳ tháng 1 hằng năm", from: "2021-12-29T03:00:00Z", "2022-01-31T17:00:00Z"),
        .init("Định kỳ tháng 1 hằng năm", from: "2022-01-12T03:00:00Z", "2022-01-31T17:00:00Z"),
        .init("Định kỳ tháng 1 hằng năm", from: "2022-01-31T17:00:00Z", "2023-01-31T17:00:00Z"),
        .init("Định kỳ tháng 1 hằng năm", from: "2022-02-01T03:00:00Z", "2023-01-31T17:00:00Z"),
        .init("tháng 2 mỗi năm", from: "2022-01-12T03:00:00Z", "2022-02-28T17:00:00Z"),
        .init("tháng 2 mỗi năm", from: "2023-03-01T03:00:00Z", "2024-02-29T17:00:00Z"),
        .init("tháng 12 hằng năm", from: "2022-12-31T16:59:59Z", "2022-12-31T17:00:00Z"),
        .init("tháng 12 hằng năm", from: "2022-12-31T17:00:00Z", "2023-12-31T17:00:00Z"),
    ]

    static var phrases: [String] { table.map(\.phrase) }

    @Test(arguments: table)
    func readsTheRecurrence(_ row: RecurrenceCase) throws {
        let reading = try dgRead(row.phrase)
        #expect(reading.rule == row.rule)
        #expect(reading.meaning == .recurrence(row.recurrence))
        for variant in [row.phrase.decomposedStringWithCanonicalMapping, row.phrase.uppercased(), dgStripDiacritics(row.phrase)] {
            let again = try dgRead(variant)
            #expect(again.rule == row.rule, "\(variant)")
            #expect(again.meaning == .recurrence(row.recurrence), "\(variant)")
        }
    }

    @Test(arguments: occurrences)
    func nextOccurrenceAfterFrom(_ row: OccurrenceCase) throws {
        let reading = try dgRead(row.phrase)
        #expect(reading.instant(from: dgUTC(row.from), zone: .vietnam) == dgUTC(row.next))
    }

    @Test func aRecurrenceDoesNotDependOnNowOnlyOnFrom() throws {
        let early = try dgRead("trước ngày 20 hằng tháng", now: dgUTC("2001-01-01T00:00:00Z"))
        let late = try dgRead("trước ngày 20 hằng tháng", now: dgUTC("2030-01-01T00:00:00Z"))
        #expect(early.meaning == late.meaning)
    }

    @Test func successiveOccurrencesWalkTheMonths() throws {
        // Chaining from each deadline gives the next one: every month of 2024, with the 31st clamped.
        let reading = try dgRead("ngày 31 hằng tháng")
        var t = dgUTC("2023-12-31T17:00:00Z")
        var seen: [Instant] = []
        for _ in 0..<12 {
            t = reading.instant(from: t, zone: .vietnam)
            seen.append(t)
        }
        #expect(seen == [
            "2024-01-31T17:00:00Z", "2024-02-29T17:00:00Z", "2024-03-31T17:00:00Z", "2024-04-30T17:00:00Z",
            "2024-05-31T17:00:00Z", "2024-06-30T17:00:00Z", "2024-07-31T17:00:00Z", "2024-08-31T17:00:00Z",
            "2024-09-30T17:00:00Z", "2024-10-31T17:00:00Z", "2024-11-30T17:00:00Z", "2024-12-31T17:00:00Z",
        ].map(dgUTC))
    }

    @Test func aFixedDeadlineIgnoresFrom() throws {
        let reading = try dgRead("xong trước ngày 31/12/2021")
        #expect(reading.instant(from: dgUTC("2030-01-01T00:00:00Z"), zone: .vietnam) == dgUTC("2021-12-30T17:00:00Z"))
    }
}
