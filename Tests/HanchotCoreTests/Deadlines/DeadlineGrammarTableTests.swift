import Foundation
import Testing
@testable import HanchotCore

// The deadline grammar, rule by rule: every phrase with its exact exclusive instant, written by
// hand in UTC (Vietnam is UTC+7: local 00:00 on D is D-1 17:00Z). Named and relative phrases are
// read at `dgNow`, Wednesday 12/01/2022 10:00 +07.

enum DeadlineGrammarTables {
    static let timestamp: [DeadlineCase] = [
        .init("2022-01-15T10:00:00Z", "timestamp", "2022-01-15T10:00:00Z"),
        .init("2022-01-15T17:00:00+07:00", "timestamp", "2022-01-15T10:00:00Z"),
        .init("2021-12-31T23:59:59.500Z", "timestamp", "2021-12-31T23:59:59Z"),
        .init("  2022-01-15T10:00:00Z ", "timestamp", "2022-01-15T10:00:00Z"),
    ]

    static let dateTime: [DeadlineCase] = [
        .init("2022-01-15T17:00", "date-time", "2022-01-15T10:00:00Z"),
        .init("2022-01-15 17:00", "date-time", "2022-01-15T10:00:00Z"),
        .init("2022-01-15 17:00:30", "date-time", "2022-01-15T10:00:30Z"),
        .init("2022-01-15T00:00", "date-time", "2022-01-14T17:00:00Z"),
        .init("15/01/2022 17:00", "date-time", "2022-01-15T10:00:00Z"),
        .init("15-1-2022 08:30", "date-time", "2022-01-15T01:30:00Z"),
        // With lead words or Vietnamese clock words (the regex rule of the same name).
        .init("Hạn: 15/01/2022 17:00", "date-time", "2022-01-15T10:00:00Z"),
        .init("hạn chót: 2022-01-15T17:00", "date-time", "2022-01-15T10:00:00Z"),
        .init("ngày 15/01/2022 lúc 17 giờ 30", "date-time", "2022-01-15T10:30:00Z"),
        .init("ngày 15 tháng 1 năm 2022, 8 giờ sáng", "date-time", "2022-01-15T01:00:00Z"),
        .init("Thời hạn: 15.01.2022 14h30", "date-time", "2022-01-15T07:30:00Z"),
    ]

    static let beforeDay: [DeadlineCase] = [
        .init("trước ngày 15/01/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("Trước ngày 15/01/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("TRƯỚC NGÀY 15/01/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("truoc ngay 15/01/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("trước ngày 15/1/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("trước ngày 15-01-2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("trước ngày 15-1-2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("trước ngày 15.01.2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("trước ngày 2022-01-15", "before-day", "2022-01-14T17:00:00Z"),
        .init("trước ngày 15 tháng 01 năm 2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("trước ngày 15 tháng 1 năm 2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("trước 15/01/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("xong trước ngày 15/01/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("hoàn thành trước ngày 15/01/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("Hoàn thành trước ngày 15/01/2022.", "before-day", "2022-01-14T17:00:00Z"),
        .init("ban hành trước ngày 15/01/2022", "before-day", "2022-01-14T17:00:00Z"),
        .init("Thời gian xong trước ngày 15/01/2022.", "before-day", "2022-01-14T17:00:00Z"),
        .init("Thời gian: hoàn thành trước ngày 15/01/2022;", "before-day", "2022-01-14T17:00:00Z"),
        .init("(xong trước ngày 15/01/2022)", "before-day", "2022-01-14T17:00:00Z"),
        .init("  trước   ngày  15 / 01 / 2022  ", "before-day", "2022-01-14T17:00:00Z"),
        .init("trước ngày 5 / 1 / 2022", "before-day", "2022-01-04T17:00:00Z"),
        .init("trước ngày 05/01/2022", "before-day", "2022-01-04T17:00:00Z"),
        .init("trước ngày 01/01/2022", "before-day", "2021-12-31T17:00:00Z"),
        .init("nộp trước ngày 01/03/2024", "before-day", "2024-02-29T17:00:00Z"),
        .init("báo cáo trước ngày 29/02/2024", "before-day", "2024-02-28T17:00:00Z"),
        .init("trước thứ Sáu, ngày 14/01/2022", "before-day", "2022-01-13T17:00:00Z"),
    ]

    static let beforeTime: [DeadlineCase] = [
        .init("trước 17 giờ ngày 15/01/2022", "before-time", "2022-01-15T10:00:00Z"),
        .init("trước 17h00 ngày 15/01/2022", "before-time", "2022-01-15T10:00:00Z"),
        .init("trước 17h ngày 15/01/2022", "before-time", "2022-01-15T10:00:00Z"),
        .init("TRƯỚC 17 GIỜ NGÀY 15/01/2022", "before-time", "2022-01-15T10:00:00Z"),
        .init("truoc 17 gio ngay 15 thang 1 nam 2022", "before-time", "2022-01-15T10:00:00Z"),
        .init("trước 17 giờ 30 phút ngày 15/01/2022", "before-time", "2022-01-15T10:30:00Z"),
        .init("trước 17 giờ 30 ngày 15/01/2022", "before-time", "2022-01-15T10:30:00Z"),
        .init("trước 17h30 ngày 15/01/2022", "before-time", "2022-01-15T10:30:00Z"),
        .init("trước 17:30 ngày 15/01/2022", "before-time", "2022-01-15T10:30:00Z"),
        .init("trước 17 giờ, ngày 15/01/2022", "before-time", "2022-01-15T10:00:00Z"),
        .init("Trước 8 giờ sáng ngày 15/01/2022", "before-time", "2022-01-15T01:00:00Z"),
        .init("trước 2 giờ chiều ngày 15/01/2022", "before-time", "2022-01-15T07:00:00Z"),
        .init("trước 9 giờ tối ngày 15/01/2022", "before-time", "2022-01-15T14:00:00Z"),
        .init("trước 7 giờ 05 phút ngày 1/2/2022", "before-time", "2022-02-01T00:05:00Z"),
        .init("trước 0 giờ ngày 15/01/2022", "before-time", "2022-01-14T17:00:00Z"),
        .init("trước 24 giờ ngày 15/01/2022", "before-time", "2022-01-15T17:00:00Z"),
        .init("chậm nhất 16 giờ ngày 15/01/2022", "before-time", "2022-01-15T09:00:00Z"),
        .init("chậm nhất là 16h00, ngày 15/01/2022", "before-time", "2022-01-15T09:00:00Z"),
        .init("Hoàn thành trước 17 giờ ngày 31/12/2021.", "before-time", "2021-12-31T10:00:00Z"),
        .init("trước 16 giờ thứ Sáu, ngày 14/01/2022", "before-time", "2022-01-14T09:00:00Z"),
    ]

    static let endOfDay: [DeadlineCase] = [
        .init("chậm nhất ngày 15/01/2022", "end-of-day", "2022-01-15T17:00:00Z"),
        .init("chậm nhất là ngày 15/01/2022", "end-of-day", "2022-01-15T17:00:00Z"),
        .init("Chậm nhất là ngày 15/01/2022.", "end-of-day", "2022-01-15T17:00:00Z"),
        .init("cham nhat ngay 28.02.2022", "end-of-day", "2022-02-28T17:00:00Z"),
        .init("đến ngày 15/01/2022", "end-of-day", "2022-01-15T17:00:00Z"),
        .init("ĐẾN NGÀY 15/01/2022", "end-of-day", "2022-01-15T17:00:00Z"),
        .init("đến hết ngày 15/01/2022", "end-of-day", "2022-01-15T17:00:00Z"),
        .init("den het ngay 29/02/2024", "end-of-day", "2024-02-29T17:00:00Z"),
        .init("hạn cuối ngày 15/01/2022", "end-of-day", "2022-01-15T17:00:00Z"),
        .init("hạn cuối là ngày 15-01-2022", "end-of-day", "2022-01-15T17:00:00Z"),
        .init("trong ngày 15/01/2022", "end-of-day", "2022-01-15T17:00:00Z"),
        .init("chậm nhất ngày 31/12/2021", "end-of-day", "2021-12-31T17:00:00Z"),
        .init("chậm nhất thứ Sáu, ngày 14/01/2022", "end-of-day", "2022-01-14T17:00:00Z"),
    ]

    static let date: [DeadlineCase] = [
        .init("15/01/2022", "date", "2022-01-15T17:00:00Z"),
        .init("15/1/2022", "date", "2022-01-15T17:00:00Z"),
        .init("15-1-2022", "date", "2022-01-15T17:00:00Z"),
        .init("15-01-2022", "date", "2022-01-15T17:00:00Z"),
        .init("15.01.2022", "date", "2022-01-15T17:00:00Z"),
        .init("2022-01-15", "date", "2022-01-15T17:00:00Z"),
        .init("2022-1-15", "date", "2022-01-15T17:00:00Z"),
        .init("ngày 15/01/2022", "date", "2022-01-15T17:00:00Z"),
        .init("NGÀY 15/01/2022", "date", "2022-01-15T17:00:00Z"),
        .init("ngày 15 tháng 01 năm 2022", "date", "2022-01-15T17:00:00Z"),
        .init("Ngày 15 tháng 1 năm 2022", "date", "2022-01-15T17:00:00Z"),
        .init("15/01/2022.", "date", "2022-01-15T17:00:00Z"),
        .init("Hạn: 15/01/2022", "date", "2022-01-15T17:00:00Z"),
        .init("hạn chót 15/01/2022", "date", "2022-01-15T17:00:00Z"),
        .init("Thời hạn: ngày 15/01/2022", "date", "2022-01-15T17:00:00Z"),
        .init("31/12/2021", "date", "2021-12-31T17:00:00Z"),
        .init("29/02/2024", "date", "2024-02-29T17:00:00Z"),
        .init("1/1/2023", "date", "2023-01-01T17:00:00Z"),
        .init("thứ 7, 15/01/2022", "date", "2022-01-15T17:00:00Z"),
    ]

    static let endOfMonth: [DeadlineCase] = [
        .init("trong tháng 01/2022", "end-of-month", "2022-01-31T17:00:00Z"),
        .init("trong tháng 1/2022", "end-of-month", "2022-01-31T17:00:00Z"),
        .init("trong tháng 1 năm 2022", "end-of-month", "2022-01-31T17:00:00Z"),
        .init("tháng 01 năm 2022", "end-of-month", "2022-01-31T17:00:00Z"),
        .init("tháng 01/2022", "end-of-month", "2022-01-31T17:00:00Z"),
        .init("hoàn thành trong tháng 5/2022", "end-of-month", "2022-05-31T17:00:00Z"),
        .init("trong tháng 5-2022", "end-of-month", "2022-05-31T17:00:00Z"),
        .init("trong tháng 5.2022", "end-of-month", "2022-05-31T17:00:00Z"),
        .init("trong tháng 02/2022", "end-of-month", "2022-02-28T17:00:00Z"),
        .init("trong tháng 2/2024", "end-of-month", "2024-02-29T17:00:00Z"),
        .init("trong thang 3/2022", "end-of-month", "2022-03-31T17:00:00Z"),
        .init("hết tháng 4/2022", "end-of-month", "2022-04-30T17:00:00Z"),
        .init("cuối tháng 6/2022", "end-of-month", "2022-06-30T17:00:00Z"),
        .init("đến hết tháng 9 năm 2022", "end-of-month", "2022-09-30T17:00:00Z"),
        .init("TRONG THÁNG 11/2022", "end-of-month", "2022-11-30T17:00:00Z"),
        .init("trong tháng 12/2022", "end-of-month", "2022-12-31T17:00:00Z"),
    ]

    static let endOfQuarter: [DeadlineCase] = [
        .init("trong quý 2/2022", "end-of-quarter", "2022-06-30T17:00:00Z"),
        .init("quý II/2022", "end-of-quarter", "2022-06-30T17:00:00Z"),
        .init("Quý II năm 2022", "end-of-quarter", "2022-06-30T17:00:00Z"),
        .init("trong quý II/2022", "end-of-quarter", "2022-06-30T17:00:00Z"),
        .init("quý ii/2022", "end-of-quarter", "2022-06-30T17:00:00Z"),
        .init("quy II/2022", "end-of-quarter", "2022-06-30T17:00:00Z"),
        .init("quý I/2022", "end-of-quarter", "2022-03-31T17:00:00Z"),
        .init("quý 3/2022", "end-of-quarter", "2022-09-30T17:00:00Z"),
        .init("quý III năm 2022", "end-of-quarter", "2022-09-30T17:00:00Z"),
        .init("quý IV/2022", "end-of-quarter", "2022-12-31T17:00:00Z"),
        .init("trong quý 4-2022", "end-of-quarter", "2022-12-31T17:00:00Z"),
        .init("quý IV - 2021", "end-of-quarter", "2021-12-31T17:00:00Z"),
        .init("hết quý 1/2024", "end-of-quarter", "2024-03-31T17:00:00Z"),
        .init("Hoàn thành trong quý I năm 2023", "end-of-quarter", "2023-03-31T17:00:00Z"),
    ]

    static let endOfHalfYear: [DeadlineCase] = [
        .init("6 tháng đầu năm 2022", "end-of-half-year", "2022-06-30T17:00:00Z"),
        .init("trong 6 tháng đầu năm 2022", "end-of-half-year", "2022-06-30T17:00:00Z"),
        .init("sáu tháng đầu năm 2022", "end-of-half-year", "2022-06-30T17:00:00Z"),
        .init("6 tháng cuối năm 2022", "end-of-half-year", "2022-12-31T17:00:00Z"),
        .init("6 THÁNG CUỐI NĂM 2022", "end-of-half-year", "2022-12-31T17:00:00Z"),
    ]

    static let endOfYear: [DeadlineCase] = [
        .init("trong năm 2022", "end-of-year", "2022-12-31T17:00:00Z"),
        .init("Trong năm 2023", "end-of-year", "2023-12-31T17:00:00Z"),
        .init("cuối năm 2022", "end-of-year", "2022-12-31T17:00:00Z"),
        .init("năm 2022", "end-of-year", "2022-12-31T17:00:00Z"),
        .init("hết năm 2022", "end-of-year", "2022-12-31T17:00:00Z"),
        .init("trong suốt năm 2022", "end-of-year", "2022-12-31T17:00:00Z"),
        .init("đến hết năm 2024", "end-of-year", "2024-12-31T17:00:00Z"),
    ]

    /// Read at `dgNow`: Wednesday 12/01/2022 10:00 +07.
    static let named: [DeadlineCase] = [
        .init("today", "named", "2022-01-12T17:00:00Z"),
        .init("hôm nay", "named", "2022-01-12T17:00:00Z"),
        .init("tomorrow", "named", "2022-01-13T17:00:00Z"),
        .init("ngày mai", "named", "2022-01-13T17:00:00Z"),
        .init("mai", "named", "2022-01-13T17:00:00Z"),
        .init("eom", "named", "2022-01-31T17:00:00Z"),
        .init("EOM", "named", "2022-01-31T17:00:00Z"),
        .init("cuối tháng", "named", "2022-01-31T17:00:00Z"),
        .init("Hoàn thành cuối tháng", "named", "2022-01-31T17:00:00Z"),
        .init("eoq", "named", "2022-03-31T17:00:00Z"),
        .init("cuối quý", "named", "2022-03-31T17:00:00Z"),
        .init("eoy", "named", "2022-12-31T17:00:00Z"),
        .init("cuối năm", "named", "2022-12-31T17:00:00Z"),
        .init("eow", "named", "2022-01-16T17:00:00Z"),
        .init("cuối tuần", "named", "2022-01-16T17:00:00Z"),
        .init("monday", "named", "2022-01-17T17:00:00Z"),
        .init("mon", "named", "2022-01-17T17:00:00Z"),
        .init("thứ 2", "named", "2022-01-17T17:00:00Z"),
        .init("thứ hai", "named", "2022-01-17T17:00:00Z"),
        .init("wednesday", "named", "2022-01-19T17:00:00Z"),
        .init("thứ tư", "named", "2022-01-19T17:00:00Z"),
        .init("friday", "named", "2022-01-14T17:00:00Z"),
        .init("thứ Sáu", "named", "2022-01-14T17:00:00Z"),
        .init("sunday", "named", "2022-01-16T17:00:00Z"),
        .init("chủ nhật", "named", "2022-01-16T17:00:00Z"),
    ]

    /// Read at `dgNow`: Wednesday 12/01/2022 10:00 +07.
    static let relative: [DeadlineCase] = [
        .init("+3d", "relative", "2022-01-15T17:00:00Z"),
        .init("+3D", "relative", "2022-01-15T17:00:00Z"),
        .init("+ 3 ngày", "relative", "2022-01-15T17:00:00Z"),
        .init("+0d", "relative", "2022-01-12T17:00:00Z"),
        .init("+30d", "relative", "2022-02-11T17:00:00Z"),
        .init("+2w", "relative", "2022-01-26T17:00:00Z"),
        .init("+1 tuần", "relative", "2022-01-19T17:00:00Z"),
        .init("+4h", "relative", "2022-01-12T07:00:00Z"),
        .init("+2 giờ", "relative", "2022-01-12T05:00:00Z"),
    ]

    /// Read at `dgNow` (Tết Nhâm Dần is 01/02/2022, Tết Quý Mão 22/01/2023, Tết Giáp Thìn
    /// 10/02/2024, Tết Ất Tỵ 29/01/2025).
    static let tet: [DeadlineCase] = [
        .init("trước Tết", "tet", "2022-01-31T17:00:00Z"),
        .init("trước Tết Nguyên đán", "tet", "2022-01-31T17:00:00Z"),
        .init("trước Tết Nguyên Đán 2022", "tet", "2022-01-31T17:00:00Z"),
        .init("trước Tết âm lịch", "tet", "2022-01-31T17:00:00Z"),
        .init("trước Tết Nguyên đán năm 2023", "tet", "2023-01-21T17:00:00Z"),
        .init("trước Tết 2024", "tet", "2024-02-09T17:00:00Z"),
        .init("trước Tết Nguyên đán 2025", "tet", "2025-01-28T17:00:00Z"),
        .init("trước Tết Dương lịch", "tet", "2022-12-31T17:00:00Z"),
        .init("trước Tết Dương lịch 2022", "tet", "2021-12-31T17:00:00Z"),
        .init("tới 30 Tết", "tet", "2022-01-31T17:00:00Z"),
        .init("đến 30 Tết", "tet", "2022-01-31T17:00:00Z"),
        .init("trước 30 Tết", "tet", "2022-01-30T17:00:00Z"),
    ]

    static let instants: [DeadlineCase] =
        timestamp + dateTime + beforeDay + beforeTime + endOfDay + date + endOfMonth + endOfQuarter
        + endOfHalfYear + endOfYear + named + relative + tet
}

@Suite struct DeadlineGrammarTableTests {
    @Test(arguments: DeadlineGrammarTables.instants)
    func readsThePhraseWithItsRuleAndExactInstant(_ row: DeadlineCase) throws {
        let reading = try dgRead(row.phrase)
        #expect(reading.rule == row.rule)
        #expect(reading.meaning == .instant(dgUTC(row.due)), "\(row.phrase): got \(reading.instant(from: dgNow, zone: .vietnam))")
        #expect(reading.instant(from: dgNow, zone: .vietnam) == dgUTC(row.due))
    }

    /// Composed (NFC), decomposed (NFD), upper case and unaccented spellings all read the same.
    @Test(arguments: DeadlineGrammarTables.instants)
    func spellingVariantsReadTheSame(_ row: DeadlineCase) throws {
        let expected = dgUTC(row.due)
        let nfd = row.phrase.decomposedStringWithCanonicalMapping
        for variant in [nfd, row.phrase.uppercased(), dgStripDiacritics(row.phrase), dgStripDiacritics(row.phrase).lowercased()] {
            let reading = try dgRead(variant)
            #expect(reading.rule == row.rule, "\(variant)")
            #expect(reading.meaning == .instant(expected), "\(variant)")
        }
    }

    @Test func theReadingKeepsThePhraseComposedAndTrimmed() throws {
        let typed = "  Thời gian xong trước ngày 15/01/2022.  ".decomposedStringWithCanonicalMapping
        let reading = try dgRead(typed)
        #expect(dgSameScalars(reading.phrase, "Thời gian xong trước ngày 15/01/2022.".precomposedStringWithCanonicalMapping))
        #expect(!dgSameScalars(reading.phrase, typed))
    }

    @Test func decomposedInputReallyIsDecomposed() {
        // Guards the NFD variants above: the decomposed spelling has more scalars.
        let nfc = "trước ngày 15/01/2022"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > nfc.unicodeScalars.count)
        #expect(dgStripDiacritics(nfc) == "truoc ngay 15/01/2022")
        #expect(dgStripDiacritics("Đến hết") == "Den het")
    }

    @Test func namedDaysFollowTheClockInVietnamNotUTC() throws {
        // 2021-12-31T17:30Z is already 01/01/2022 00:30 in Vietnam.
        let now = dgUTC("2021-12-31T17:30:00Z")
        #expect(try dgRead("today", now: now).meaning == .instant(dgUTC("2022-01-01T17:00:00Z")))
        #expect(try dgRead("eoy", now: now).meaning == .instant(dgUTC("2022-12-31T17:00:00Z")))
        #expect(try dgRead("eom", now: now).meaning == .instant(dgUTC("2022-01-31T17:00:00Z")))
        #expect(try dgRead("+1d", now: now).meaning == .instant(dgUTC("2022-01-02T17:00:00Z")))
        // 2021-12-31T16:59:59Z is still 31/12/2021 23:59:59 there.
        let before = dgUTC("2021-12-31T16:59:59Z")
        #expect(try dgRead("today", now: before).meaning == .instant(dgUTC("2021-12-31T17:00:00Z")))
        #expect(try dgRead("eoq", now: before).meaning == .instant(dgUTC("2021-12-31T17:00:00Z")))
        #expect(try dgRead("tomorrow", now: before).meaning == .instant(dgUTC("2022-01-01T17:00:00Z")))
    }

    @Test func namedDaysAtALeapDay() throws {
        // Thursday 29/02/2024 23:59:59 +07.
        let now = dgUTC("2024-02-29T16:59:59Z")
        #expect(try dgRead("eom", now: now).meaning == .instant(dgUTC("2024-02-29T17:00:00Z")))
        #expect(try dgRead("tomorrow", now: now).meaning == .instant(dgUTC("2024-03-01T17:00:00Z")))
        #expect(try dgRead("eoq", now: now).meaning == .instant(dgUTC("2024-03-31T17:00:00Z")))
        #expect(try dgRead("thursday", now: now).meaning == .instant(dgUTC("2024-03-07T17:00:00Z")))
        #expect(try dgRead("eow", now: now).meaning == .instant(dgUTC("2024-03-03T17:00:00Z")))
        #expect(try dgRead("+1w", now: now).meaning == .instant(dgUTC("2024-03-07T17:00:00Z")))
    }

    @Test func onASundayTheWeekEndsTodayAndSundayMeansNextWeek() throws {
        // Sunday 16/01/2022 09:00 +07.
        let now = dgUTC("2022-01-16T02:00:00Z")
        #expect(try dgRead("eow", now: now).meaning == .instant(dgUTC("2022-01-16T17:00:00Z")))
        #expect(try dgRead("chủ nhật", now: now).meaning == .instant(dgUTC("2022-01-23T17:00:00Z")))
        #expect(try dgRead("monday", now: now).meaning == .instant(dgUTC("2022-01-17T17:00:00Z")))
    }

    @Test func tetWithoutAYearIsTheNextOne() throws {
        // 05/02/2022: Tết Nhâm Dần (01/02/2022) has passed; the next is Tết Quý Mão, 22/01/2023.
        let now = dgUTC("2022-02-05T03:00:00Z")
        #expect(try dgRead("trước Tết Nguyên đán", now: now).meaning == .instant(dgUTC("2023-01-21T17:00:00Z")))
        #expect(try dgRead("tới 30 Tết", now: now).meaning == .instant(dgUTC("2023-01-21T17:00:00Z")))
        #expect(try dgRead("trước 30 Tết", now: now).meaning == .instant(dgUTC("2023-01-20T17:00:00Z")))
        #expect(try dgRead("trước Tết Dương lịch", now: now).meaning == .instant(dgUTC("2022-12-31T17:00:00Z")))
        // Exactly at Tết's first moment it is no longer "before Tết".
        let atTet = dgUTC("2022-01-31T17:00:00Z")
        #expect(try dgRead("trước Tết", now: atTet).meaning == .instant(dgUTC("2023-01-21T17:00:00Z")))
        // An explicit year is taken as written, even in the past.
        #expect(try dgRead("trước Tết 2021", now: now).meaning == .instant(dgUTC("2021-02-11T17:00:00Z")))
    }

    @Test func theTablesHoldAtLeastOneHundredFiftyPhrases() {
        let all = DeadlineGrammarTables.instants.map(\.phrase) + DeadlineGrammarRecurrenceTests.phrases
            + DeadlineGrammarErrorTests.phrases + DeadlineGrammarCorpusTests.allPhrases
        #expect(all.count >= 150)
        #expect(Set(DeadlineGrammarTables.instants.map(\.rule)) == [
            "timestamp", "date-time", "before-day", "before-time", "end-of-day", "date", "end-of-month",
            "end-of-quarter", "end-of-half-year", "end-of-year", "named", "relative", "tet",
        ])
    }
}
