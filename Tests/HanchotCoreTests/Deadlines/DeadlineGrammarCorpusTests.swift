import Foundation
import Testing
@testable import HanchotCore

// Every deadline and date phrase of the directive corpus (/work/shared/corpus), quoted as it
// appears there, with the instant it must mean. Relative phrases ("trước Tết", "tới 30 Tết") are
// read on the day the notice was written: 29/12/2021, 10:00 +07.
//
//   000-cong-van-22-CV-DU.txt            Công văn 22-CV/ĐU, 15/12/2021
//   001-thong-bao-ket-luan-giao-ban.txt  Thông báo kết luận giao ban (12/2021)
//   003-thong-bao-ket-luan-thi-uy.txt    Thông báo kết luận Thị ủy, 08/7/2021
//   004-tin-hoi-nghi-tong-ket-huyen.txt  Tin hội nghị tổng kết huyện, 18/01/2022

@Suite struct DeadlineGrammarCorpusTests {
    static let written = dgUTC("2021-12-29T03:00:00Z")

    /// The deadlines the directives set.
    static let deadlines: [DeadlineCase] = [
        // 000: "(1) Thời gian yêu cầu: HĐND xã tổ chức kì họp thường lệ cuối năm 2021 xong trước
        // ngày 31/12/2021; UBND, MTTQ ... tổ chức tổng kết xong trước ngày 31/12/2021."
        .init("xong trước ngày 31/12/2021", "before-day", "2021-12-30T17:00:00Z"),
        .init("xong trước ngày 31/12/2021;", "before-day", "2021-12-30T17:00:00Z"),
        .init("xong trước ngày 31/12/2021.", "before-day", "2021-12-30T17:00:00Z"),
        // 001, section III.
        .init("**Thời gian xong trước ngày 15/01/2022.**", "before-day", "2022-01-14T17:00:00Z"),
        .init("Thời gian xong trước ngày 15/01/2022.", "before-day", "2022-01-14T17:00:00Z"),
        .init("Thời gian xong trước ngày 15/01/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("**Thời gian ban hành trước ngày 20/01/2022.**", "before-day", "2022-01-19T17:00:00Z"),
        .init("Thời gian ban hành trước ngày 20/01/2022", "before-day", "2022-01-19T17:00:00Z"),
        .init("Thời gian xong trước ngày 10/01/2022", "before-day", "2022-01-09T17:00:00Z"),
        .init("Thời gian trong tháng 01/2022.**", "end-of-month", "2022-01-31T17:00:00Z"),
        .init("Thời gian trong tháng 01/2022", "end-of-month", "2022-01-31T17:00:00Z"),
        // 001, section I.(6) and (7), read on 29/12/2021.
        .init("trước Tết Dương lịch", "tet", "2021-12-31T17:00:00Z"),
        .init("trước Tết nguyên đán", "tet", "2022-01-31T17:00:00Z"),
        .init("tới 30 Tết", "tet", "2022-01-31T17:00:00Z"),
    ]

    /// Periods and dates the directives mention (what `hanchot when` says if one is pasted).
    static let mentions: [DeadlineCase] = [
        .init("cuối năm 2021", "end-of-year", "2021-12-31T17:00:00Z"),
        .init("năm 2021", "end-of-year", "2021-12-31T17:00:00Z"),
        .init("năm 2022", "end-of-year", "2022-12-31T17:00:00Z"),
        .init("trong năm 2022", "end-of-year", "2022-12-31T17:00:00Z"),
        .init("Tháng 12/2021", "end-of-month", "2021-12-31T17:00:00Z"),
        .init("tháng 01/2022", "end-of-month", "2022-01-31T17:00:00Z"),
        .init("tháng 01 năm 2022", "end-of-month", "2022-01-31T17:00:00Z"),
        .init("6 tháng cuối năm 2021", "end-of-half-year", "2021-12-31T17:00:00Z"),
        .init("ngày 15 tháng 12 năm 2021", "date", "2021-12-15T17:00:00Z"),
        .init("ngày 13/12/2021", "date", "2021-12-13T17:00:00Z"),
        .init("ngày 25/12/2020", "date", "2020-12-25T17:00:00Z"),
        .init("Ngày 29 tháng 12 năm 2022", "date", "2022-12-29T17:00:00Z"),
        .init("ngày 15/5/2016", "date", "2016-05-15T17:00:00Z"),
        .init("ngày 26/11/2021", "date", "2021-11-26T17:00:00Z"),
        .init("ngày 15/12/2021", "date", "2021-12-15T17:00:00Z"),
        .init("ngày 25/12/2021", "date", "2021-12-25T17:00:00Z"),
        .init("ngày 27/12/2021", "date", "2021-12-27T17:00:00Z"),
        .init("Ngày 08/7/2021", "date", "2021-07-08T17:00:00Z"),
        .init("Thứ ba, 18/01/2022", "date", "2022-01-18T17:00:00Z"),
        .init("ngày 17/01/2022", "date", "2022-01-17T17:00:00Z"),
    ]

    /// Phrases of the corpus that are not deadlines the grammar can fix to an instant: each is
    /// an error, never a guess.
    static let unreadable: [String] = [
        "Từ 6h00 ngày 27/12/2021",          // 001: a start ("from"), not a deadline
        "Sáng ngày 17/01/2022",             // 004: when a meeting took place
        "6 tháng đầu năm",                  // 003: no year
        "đầu năm 2021",                     // 000: the start of a year
        "Trong năm",                        // 004: no year
        "trong dịp cuối năm",               // 001: vague
        "đợt 03/02",                        // 001: a batch number, not a date
        "15/15",                            // 004: a score
        "cho đến khi có thông báo mới",     // 001: until further notice
        "trước Tết Dương lịch và Tết nguyên đán", // 001: two deadlines in one phrase
        "nhân dịp Tết Nguyên Đán 2022",     // 001: an occasion
    ]

    static let recurrences: [RecurrenceCase] = [
        // 001: "+ Định kỳ tháng 1 hằng năm, cấp uỷ chi bộ rà soát ..."
        .init("Định kỳ tháng 1 hằng năm", "yearly", .yearly(month: 1)),
        .init("+ Định kỳ tháng 1 hằng năm,", "yearly", .yearly(month: 1)),
    ]

    static var allPhrases: [String] {
        (deadlines + mentions).map(\.phrase) + unreadable + recurrences.map(\.phrase)
    }

    @Test(arguments: deadlines + mentions)
    func corpusPhraseReadsAsWritten(_ row: DeadlineCase) throws {
        let reading = try dgRead(row.phrase, now: Self.written)
        #expect(reading.rule == row.rule)
        #expect(reading.meaning == .instant(dgUTC(row.due)))
        // Copied from a PDF or a web page the text may come decomposed or lose its accents.
        #expect(try dgRead(row.phrase.decomposedStringWithCanonicalMapping, now: Self.written).meaning == reading.meaning)
        #expect(try dgRead(dgStripDiacritics(row.phrase), now: Self.written).meaning == reading.meaning)
    }

    @Test(arguments: recurrences)
    func corpusRecurrence(_ row: RecurrenceCase) throws {
        let reading = try dgRead(row.phrase, now: Self.written)
        #expect(reading.rule == row.rule)
        #expect(reading.meaning == .recurrence(row.recurrence))
        // The first review is due by the end of January 2022.
        #expect(reading.instant(from: Self.written, zone: .vietnam) == dgUTC("2022-01-31T17:00:00Z"))
    }

    @Test(arguments: unreadable)
    func corpusPhraseThatIsNotADeadlineIsAnError(_ phrase: String) {
        #expect(throws: DeadlineError.self) { try dgRead(phrase, now: Self.written) }
        do {
            _ = try dgRead(phrase, now: Self.written)
        } catch {
            #expect(error.description.contains("\"\(phrase)\""))
        }
    }
}
