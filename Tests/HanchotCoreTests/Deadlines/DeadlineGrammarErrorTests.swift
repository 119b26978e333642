import Foundation
import Testing
@testable import HanchotCore

// Never a guess: a phrase that is not a deadline, or names a day, month, quarter or time that
// does not exist, is an error that quotes the phrase and says why.

struct ErrorCase: Sendable, CustomTestStringConvertible {
    var phrase: String
    var reason: String

    init(_ phrase: String, _ reason: String) {
        self.phrase = phrase
        self.reason = reason
    }

    var testDescription: String { "\"\(phrase)\"" }
}

@Suite struct DeadlineGrammarErrorTests {
    static let noRule = "no rule of the deadline grammar matches it"

    static let table: [ErrorCase] = [
        // Days that do not exist.
        .init("31/02/2022", "there is no day 31 in month 2 of 2022"),
        .init("29/02/2023", "there is no day 29 in month 2 of 2023"),
        .init("32/01/2022", "there is no day 32 in month 1 of 2022"),
        .init("00/01/2022", "there is no day 0 in month 1 of 2022"),
        .init("2022-02-30", "there is no day 30 in month 2 of 2022"),
        .init("trước ngày 31/02/2022", "there is no day 31 in month 2 of 2022"),
        .init("xong trước ngày 29/02/2023", "there is no day 29 in month 2 of 2023"),
        .init("chậm nhất ngày 31/04/2022", "there is no day 31 in month 4 of 2022"),
        .init("ngày 31 tháng 6 năm 2022", "there is no day 31 in month 6 of 2022"),
        .init("trước 17 giờ ngày 31/02/2022", "there is no day 31 in month 2 of 2022"),
        // Months and quarters that do not exist.
        .init("15/13/2022", "there is no month 13"),
        .init("01/15/2022", "there is no month 15"),
        .init("tháng 13/2022", "there is no month 13"),
        .init("tháng 0/2022", "there is no month 0"),
        .init("trong tháng 13 năm 2022", "there is no month 13"),
        .init("quý V/2022", "there is no quarter V (quarters are I–IV)"),
        .init("quý 0/2022", "there is no quarter 0"),
        .init("quý 5/2022", "there is no quarter 5"),
        .init("trong quý IIII năm 2022", "there is no quarter IIII"),
        // Times that do not exist.
        .init("trước 25 giờ ngày 15/01/2022", "there is no time 25:00"),
        .init("trước 17 giờ 60 ngày 15/01/2022", "there is no time 17:60"),
        .init("trước 17 giờ 60 phút ngày 15/01/2022", "there is no time 17:60"),
        .init("trước 24 giờ 30 ngày 15/01/2022", "there is no time 24:30"),
        .init("hạn: 15/01/2022 25:00", "there is no time 25:00"),
        .init("2022-01-15T25:00", "there is no time 25:00"),
        // Recurrences on days or months that do not exist.
        .init("ngày 32 hằng tháng", "there is no day 32 in a month"),
        .init("trước ngày 32 hằng tháng", "there is no day 32 in a month"),
        .init("ngày 0 hằng tháng", "there is no day 0 in a month"),
        .init("tháng 13 hằng năm", "there is no month 13"),
        .init("tháng 0 hằng năm", "there is no month 0"),
        // A weekday that contradicts its date: which one was meant is not guessed.
        .init("thứ Sáu, ngày 15/01/2022", "15/01/2022 is a thứ 7, not a thứ 6"),
        .init("trước 16 giờ thứ Năm, ngày 14/01/2022", "14/01/2022 is a thứ 6, not a thứ 5"),
        // Tết out of range or ambiguous.
        .init("tới 30 Tết 2022", "ambiguous"),
        .init("trước Tết 2500", "outside 1900–2100"),
        // Empty.
        .init("", "it is empty"),
        .init("   ", "it is empty"),
        // Not a deadline: no rule, no guess. (A date without a year takes it from the reference
        // day: DeadlinePeriodTests.)
        .init("asdfgh", noRule),
        .init("xyz 123", noRule),
        .init("trước ngày", noRule),
        .init("15/01/22", noRule),
        .init("2022/01/15", noRule),
        .init("6 tháng đầu năm", noRule),
        .init("hằng năm", noRule),
        .init("hôm qua", noRule),
        .init("next monday", noRule),
        .init("+3y", noRule),
        .init("-3d", noRule),
        .init("sau ngày 15/01/2022", noRule),
    ]

    static var phrases: [String] { table.map(\.phrase) }

    @Test(arguments: table)
    func throwsAndQuotesThePhrase(_ row: ErrorCase) {
        do {
            let reading = try dgRead(row.phrase)
            Issue.record("\"\(row.phrase)\" was read as \(reading.rule) \(reading.meaning)")
        } catch {
            #expect(error.phrase == row.phrase)
            #expect(error.description.hasPrefix("cannot read the deadline \"\(row.phrase)\": "), "\(error)")
            #expect(error.reason.contains(row.reason), "\(error)")
        }
    }

    /// The decomposed and unaccented spellings fail the same way.
    @Test(arguments: table)
    func spellingVariantsFailTheSameWay(_ row: ErrorCase) {
        for variant in [row.phrase.decomposedStringWithCanonicalMapping, dgStripDiacritics(row.phrase)] {
            #expect(throws: DeadlineError.self, "\(variant)") { try dgRead(variant) }
        }
    }

    @Test func theErrorIsTypedAsDeadlineError() {
        #expect(throws: DeadlineError(phrase: "31/02/2022", reason: "there is no day 31 in month 2 of 2022")) {
            try dgRead("31/02/2022")
        }
    }
}
