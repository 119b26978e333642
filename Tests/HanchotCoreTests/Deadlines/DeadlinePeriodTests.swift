@testable import HanchotCore
import Testing

/// Periods counted from the document's date, dates without a year, windows, and deadlines
/// anchored on an event (issue 12 §1–2). Every instant is worked out by hand from Civil Code
/// 2015 art. 147 (a period starts the day after) and 148 (it ends at the end of its last day;
/// a last day off moves to the end of the next working day), in UTC+7.
@Suite("Deadlines counted from the document")
struct DeadlinePeriodTests {
    /// Wednesday 15/11/2023: the document's date.
    static let signed = DeadlineReference(date: CivilDate(year: 2023, month: 11, day: 15)!, source: .document)
    static let calendar = WorkingCalendar()

    struct Row: Sendable, CustomTestStringConvertible {
        var phrase: String
        var rule: String
        /// As written, and after the working-day rule.
        var literal: String
        var due: String
        var reference = DeadlinePeriodTests.signed
        var testDescription: String { phrase }
    }

    static let rows: [Row] = [
        // Working days from Thu 16/11: 16, 17, 20, 21, 22, 23, 24, 27, 28, 29 → end of Wed 29/11.
        Row(phrase: "trong thời hạn 10 ngày làm việc kể từ ngày ký", rule: "period-working-days",
            literal: "2023-11-29T17:00:00Z", due: "2023-11-29T17:00:00Z"),
        // 15/11 + 15 days = Thu 30/11.
        Row(phrase: "trong vòng 15 ngày kể từ ngày ban hành", rule: "period-days",
            literal: "2023-11-30T17:00:00Z", due: "2023-11-30T17:00:00Z"),
        // 15/11 + 7 = Wed 22/11 (counted from the document's date: the received date is unknown).
        Row(phrase: "chậm nhất sau 7 ngày kể từ ngày nhận được văn bản", rule: "period-days",
            literal: "2023-11-22T17:00:00Z", due: "2023-11-22T17:00:00Z"),
        // 15/11 + 3 = Sat 18/11: a day off, so the end of Mon 20/11 (art. 148.2).
        Row(phrase: "trong vòng 3 ngày", rule: "period-days", literal: "2023-11-18T17:00:00Z", due: "2023-11-20T17:00:00Z"),
        // Two weeks: the same weekday, Wed 29/11.
        Row(phrase: "trong vòng 02 tuần", rule: "period-weeks", literal: "2023-11-29T17:00:00Z", due: "2023-11-29T17:00:00Z"),
        // One month: the same day of the next month, Fri 15/12.
        Row(phrase: "trong vòng 01 tháng kể từ ngày ký", rule: "period-months", literal: "2023-12-15T17:00:00Z", due: "2023-12-15T17:00:00Z"),
        // From 31/01/2024, one month: February has no 31st, so its last day, Thu 29/02/2024.
        Row(phrase: "trong 1 tháng kể từ ngày ký", rule: "period-months", literal: "2024-02-29T17:00:00Z", due: "2024-02-29T17:00:00Z",
            reference: DeadlineReference(date: CivilDate(year: 2024, month: 1, day: 31)!, source: .document)),
        // Counted from a date given in the phrase: 01/12/2023 + 10 = Mon 11/12.
        Row(phrase: "trong 10 ngày kể từ ngày 01/12/2023", rule: "period-days", literal: "2023-12-11T17:00:00Z", due: "2023-12-11T17:00:00Z"),
        // Counts in words.
        Row(phrase: "trong vòng mười ngày", rule: "period-days", literal: "2023-11-25T17:00:00Z", due: "2023-11-27T17:00:00Z"),

        // No year: the first such date on or after 15/11/2023.
        Row(phrase: "trước ngày 25/4", rule: "before-day", literal: "2024-04-24T17:00:00Z", due: "2024-04-24T17:00:00Z"),
        Row(phrase: "chậm nhất ngày 10/5", rule: "end-of-day", literal: "2024-05-10T17:00:00Z", due: "2024-05-10T17:00:00Z"),
        Row(phrase: "trước ngày 20/11", rule: "before-day", literal: "2023-11-19T17:00:00Z", due: "2023-11-20T17:00:00Z"),
        Row(phrase: "cuối tháng 5", rule: "end-of-month", literal: "2024-05-31T17:00:00Z", due: "2024-05-31T17:00:00Z"),
        Row(phrase: "trong tháng 11", rule: "end-of-month", literal: "2023-11-30T17:00:00Z", due: "2023-11-30T17:00:00Z"),
        // April 2024 ends on 30/4 (a holiday), then 1/5: the next working day is Thu 2/5.
        Row(phrase: "trong tháng 4", rule: "end-of-month", literal: "2024-04-30T17:00:00Z", due: "2024-05-02T17:00:00Z"),
        Row(phrase: "trong quý I", rule: "end-of-quarter", literal: "2024-03-31T17:00:00Z", due: "2024-04-01T17:00:00Z"),

        // The official schedule counts: from Wed 24/04/2024, 5 working days are 25/4, 26/4, 2/5, 3/5
        // and Saturday 4/5, worked in exchange for Monday 29/4 (Công văn 2450/VPCP-KGVX).
        Row(phrase: "trong thời hạn 05 ngày làm việc kể từ ngày ký", rule: "period-working-days",
            literal: "2024-05-04T17:00:00Z", due: "2024-05-04T17:00:00Z",
            reference: DeadlineReference(date: CivilDate(year: 2024, month: 4, day: 24)!, source: .document)),
        // Other spellings of the same rules.
        Row(phrase: "chậm nhất trước ngày 25/4", rule: "before-day", literal: "2024-04-24T17:00:00Z", due: "2024-04-24T17:00:00Z"),
        // 30/4/2024 00:00: its last day, Mon 29/4, was off in 2024 (swapped), then 30/4 and 1/5: end of Thu 2/5.
        Row(phrase: "trước ngày 30 tháng 4", rule: "before-day", literal: "2024-04-29T17:00:00Z", due: "2024-05-02T17:00:00Z"),
        Row(phrase: "từ nay đến hết ngày 30/11", rule: "end-of-day", literal: "2023-11-30T17:00:00Z", due: "2023-11-30T17:00:00Z"),
        Row(phrase: "trước ngày 17/11/2023 (thứ Sáu)", rule: "before-day", literal: "2023-11-16T17:00:00Z", due: "2023-11-16T17:00:00Z"),
        // Tết 2024 is Sat 10/02; the official break is 08/02–14/02: the end of Wed 07/02.
        Row(phrase: "trước dịp Tết Nguyên đán", rule: "tet", literal: "2024-02-09T17:00:00Z", due: "2024-02-07T17:00:00Z"),
        // Windows: due at the end of their last day.
        Row(phrase: "từ ngày 01/11 đến ngày 15/11/2023", rule: "window", literal: "2023-11-15T17:00:00Z", due: "2023-11-15T17:00:00Z"),
        Row(phrase: "từ 20/12 đến 10/01/2024", rule: "window", literal: "2024-01-10T17:00:00Z", due: "2024-01-10T17:00:00Z"),

        // Tết 2023 is Sun 22/01; the official break is 20/01–26/01: the end of Thu 19/01.
        Row(phrase: "trước Tết Nguyên đán 2023", rule: "tet", literal: "2023-01-21T17:00:00Z", due: "2023-01-19T17:00:00Z"),
        // Events are never extended past their start. Tết 2022 is Tue 01/02: 29/01–06/02 are off
        // (weekends, 30 Tết, mùng 1–4), so the end of Fri 28/01.
        Row(phrase: "trước Tết Nguyên đán 2022", rule: "tet", literal: "2022-01-31T17:00:00Z", due: "2022-01-28T17:00:00Z"),
        // 30/4/2023 is a Sunday; 29/4 (Giỗ Tổ, Sat) is off: the end of Fri 28/4.
        Row(phrase: "trước lễ 30/4/2023", rule: "holiday", literal: "2023-04-29T17:00:00Z", due: "2023-04-28T17:00:00Z"),
        // A meeting on Fri 15/12: before it begins.
        Row(phrase: "trước kỳ họp HĐND xã ngày 15/12/2023", rule: "event", literal: "2023-12-14T17:00:00Z", due: "2023-12-14T17:00:00Z"),
        // A conference on Mon 20/11: the Sunday before is off, so the end of Fri 17/11 …
        Row(phrase: "trước hội nghị ngày 20/11/2023", rule: "event", literal: "2023-11-19T17:00:00Z", due: "2023-11-17T17:00:00Z"),
        // … where a plain date on the same day is a period's end, extended to the end of Mon 20/11.
        Row(phrase: "trước ngày 20/11/2023", rule: "before-day", literal: "2023-11-19T17:00:00Z", due: "2023-11-20T17:00:00Z"),
    ]

    func resolve(_ phrase: String, reference: DeadlineReference = signed) throws -> DeadlineResolution {
        try DeadlineGrammar.resolve(phrase, now: Zone.vietnam.instant(reference.date, hour: 9), zone: .vietnam,
                                    reference: reference, calendar: Self.calendar, shift: true)
    }

    @Test("each phrase reads to its hand-worked instant, before and after the working-day rule", arguments: rows)
    func table(_ row: Row) throws {
        let r = try resolve(row.phrase, reference: row.reference)
        #expect(r.reading.rule == row.rule)
        #expect(r.literal == dgUTC(row.literal), "as written: \(Timestamp.format(r.literal))")
        #expect(r.due == dgUTC(row.due), "applies: \(Timestamp.format(r.due))")
        // An event's deadline is never later than the event.
        if r.reading.isEvent { #expect(r.due <= r.literal) }
    }

    @Test("the reading records the reference it used and says what it assumed")
    func notes() throws {
        let period = try resolve("trong thời hạn 10 ngày làm việc kể từ ngày ký").reading
        #expect(period.reference == Self.signed)
        #expect(period.notes == [.countedFrom(event: "ngày ký", reference: Self.signed)])
        let received = try resolve("chậm nhất sau 7 ngày kể từ ngày nhận được văn bản").reading
        #expect(received.notes.contains(.receivedDateUnknown(reference: Self.signed)))
        let yearless = try resolve("trước ngày 25/4").reading
        #expect(yearless.notes == [.yearFromReference(year: 2024, reference: Self.signed)])
        #expect(yearless.reference == Self.signed)
        let window = try resolve("từ ngày 01/11 đến ngày 15/11/2023").reading
        #expect(window.notes.contains(.windowStart(CivilDate(year: 2023, month: 11, day: 1)!)))
        let dated = try resolve("trước ngày 25/4/2024").reading
        #expect(dated.reference == nil, "a full date does not depend on the reference")
        #expect(dated.notes.isEmpty)
        let tet = try resolve("trước Tết Nguyên đán 2023")
        #expect(tet.reading.isEvent)
        if case .broughtForward? = tet.adjustment {} else { Issue.record("trước Tết 2023: \(String(describing: tet.adjustment))") }
        // Tết 2023 is Sun 22/01: never later than its start, and on a working day.
        #expect(tet.due <= dgUTC("2023-01-21T17:00:00Z"))
        #expect(Self.calendar.isWorkingDay(Zone.vietnam.date(of: tet.due.adding(seconds: -1))))
    }

    @Test("recurring phrases read to a schedule, with an end when one is given",
          arguments: [
              ("trước ngày 20 hằng tháng", "monthly-before:20", nil as String?, "2023-11-19T17:00:00Z"),
              ("định kỳ hằng quý", "quarterly", nil, "2023-12-31T17:00:00Z"),
              ("trước 16 giờ thứ Sáu hằng tuần", "weekly:5@16:00", nil, "2023-11-17T09:00:00Z"),
              ("trước 16 giờ thứ Sáu hằng tuần, đến hết năm 2024", "weekly:5@16:00", "2024-12-31", "2023-11-17T09:00:00Z"),
              ("ngày 25 hằng tháng đến hết tháng 6/2024", "monthly-by:25", "2024-06-30", "2023-11-25T17:00:00Z"),
              ("trước ngày 20/11 hằng năm", "yearly-before:11-20", nil, "2023-11-19T17:00:00Z"),
              ("chậm nhất ngày 10 tháng 1 hằng năm", "yearly-by:1-10", nil, "2024-01-10T17:00:00Z"),
          ])
    func recurring(_ phrase: String, _ code: String, _ until: String?, _ first: String) throws {
        let r = try resolve(phrase)
        #expect(r.recurrence?.code == code)
        #expect(r.reading.until?.description == until)
        // The first occurrence after the document's date (15/11/2023), as written (never shifted).
        #expect(r.due == dgUTC(first), "\(Timestamp.format(r.due))")
        #expect(r.adjustment == nil)
    }

    @Test("an end belongs to a recurrence only")
    func untilNeedsARecurrence() {
        do {
            _ = try resolve("trước ngày 25/12/2023 đến hết năm 2024")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("only a recurring deadline has an end"), "\(error)")
        }
    }

    @Test("without shifting, every phrase keeps the instant it writes")
    func noShift() throws {
        let r = try DeadlineGrammar.resolve("trước Tết Nguyên đán 2022", now: dgUTC("2021-12-01T02:00:00Z"), zone: .vietnam,
                                            calendar: Self.calendar, shift: false)
        #expect(r.due == r.literal)
        #expect(r.adjustment == nil)
    }

    @Test("bad periods and windows are refused, naming the problem",
          arguments: [
              ("trong vòng -3 ngày", "cannot be negative"),
              ("trong vòng 0 ngày", "ends before it starts"),
              ("trong vòng ngày", "count is missing"),
              ("trong thời hạn ngày làm việc kể từ ngày ký", "count is missing"),
              ("trước ngày 31/4", "no day 31 in month 4"),
              ("chậm nhất ngày 30/2", "no day 30 in month 2"),
              ("từ ngày 20/11 đến ngày 15/11/2023", "before it starts"),
              ("từ ngày 10/12/2023 đến ngày 01/12/2023", "before it starts"),
              ("trong vòng 15 ngày kể từ ngày họp", "counts from the document's date"),
              ("trước kỳ họp", "without its date"),
              ("truoc ngya 25/4/2023", "did you mean \"ngày\""),
              ("xong truoc thnag 5/2023", "did you mean \"tháng\""),
              ("nộp về Văn phòng 25/4/2023", "trước ngày 25/4/2023"),
              ("trước ngày 25/4/23", "year in full"),
              ("trước ngày 16/01/2024 (thứ Hai)", "is a thứ 3, not a thứ 2"),
              ("trước ngày 31/4 hằng năm", "no day 31 in month 4"),
          ])
    func refused(_ phrase: String, _ reason: String) {
        do {
            let r = try resolve(phrase)
            Issue.record("read as \(r.reading.rule): \(Timestamp.format(r.due))")
        } catch {
            #expect("\(error)".contains(reason), "\(error)")
            #expect("\(error)".contains(phrase), "the error quotes the phrase")
        }
    }
}

/// Inputs the fuzzer found that crashed the grammar (Fuzz/crashes/deadline/): digits of other
/// scripts, marks and superscripts inside numbers. Each now reads or fails with an error.
@Suite("Deadline grammar: digits and marks of any script")
struct DeadlineForeignDigitTests {
    @Test("digits of other scripts read as their ASCII values")
    func otherDigits() throws {
        let r = try DeadlineGrammar.read("trước ngày ٢٠/١١/٢٠٢٤", now: dgNow, zone: .vietnam)
        #expect(r.meaning == .instant(dgUTC("2024-11-19T17:00:00Z")))
        let w = try DeadlineGrammar.read("trước ngày ２０/１１/２０２４", now: dgNow, zone: .vietnam)
        #expect(w.meaning == r.meaning)
    }

    @Test("marks, joiners and superscripts inside numbers never crash",
          arguments: ["thứ hai 24/01/20\u{064B}22", "+4\u{07FD}w", "*+²73d*", "1011-02-10\u{0610}", "trước ngày 2\u{200D}0/11/2024",
                      "+3\u{1F3FB}d", "trong vòng ½ ngày", "trước ngày 20/11/202⁴"])
    func noCrash(_ phrase: String) {
        // Either outcome is fine; a trap is not.
        _ = try? DeadlineGrammar.read(phrase, now: dgNow, zone: .vietnam)
    }
}
