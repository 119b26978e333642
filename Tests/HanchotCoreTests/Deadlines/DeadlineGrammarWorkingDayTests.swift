import Foundation
import Testing
@testable import HanchotCore

// The examples of docs/deadlines.md about days off and office hours, checked: a deadline read by
// the grammar, then moved by `WorkingCalendar.shift` (Civil Code 2015 art. 148) when its last
// moment falls on a day off; reminders delivered in office hours (`nextOpening`).

@Suite struct DeadlineGrammarWorkingDayTests {
    static let calendar = WorkingCalendar()

    func shifted(_ phrase: String, _ calendar: WorkingCalendar = Self.calendar) throws -> (due: Instant, movedFrom: CivilDate?) {
        let reading = try dgRead(phrase)
        return calendar.shift(deadline: reading.instant(from: dgNow, zone: .vietnam), zone: .vietnam)
    }

    @Test func aDeadlineOnAWorkingDayStays() throws {
        // Last moment Thursday 30/12/2021.
        let r = try shifted("xong trước ngày 31/12/2021")
        #expect(r.due == dgUTC("2021-12-30T17:00:00Z"))
        #expect(r.movedFrom == nil)
        // Last moment Wednesday 19/01/2022.
        #expect(try shifted("Thời gian ban hành trước ngày 20/01/2022").due == dgUTC("2022-01-19T17:00:00Z"))
        // Thursday 30/06/2022.
        #expect(try shifted("trong quý II/2022").movedFrom == nil)
    }

    @Test func aDeadlineOnASundayMovesToTheEndOfMonday() throws {
        // "before 10/01/2022" ends on Sunday 09/01: due by the end of Monday 10/01.
        let r = try shifted("Thời gian xong trước ngày 10/01/2022")
        #expect(r.due == dgUTC("2022-01-10T17:00:00Z"))
        #expect(r.movedFrom == CivilDate(year: 2022, month: 1, day: 9))
    }

    @Test func aTimedDeadlineOnASaturdayMovesToTheEndOfTheNextWorkingDay() throws {
        // 17:00 on Saturday 15/01/2022 → the end of Monday 17/01/2022.
        let r = try shifted("trước 17 giờ ngày 15/01/2022")
        #expect(r.due == dgUTC("2022-01-17T17:00:00Z"))
        #expect(r.movedFrom == CivilDate(year: 2022, month: 1, day: 15))
    }

    @Test func aDeadlineInTetMovesPastTet() throws {
        // The end of January 2022 is 31/01, the last day of the lunar year (Tết off by default:
        // 31/01–04/02, then the weekend): due by the end of Monday 07/02/2022.
        let r = try shifted("Thời gian trong tháng 01/2022")
        #expect(r.due == dgUTC("2022-02-07T17:00:00Z"))
        #expect(r.movedFrom == CivilDate(year: 2022, month: 1, day: 31))
    }

    @Test func aDeadlineOnReunificationDayMovesPastTheCompensatedDays() throws {
        // 30/04/2022 (Saturday) and 01/05 (Sunday) are holidays, each giving the next working day
        // off (02/05, 03/05): due by the end of Wednesday 04/05/2022.
        let r = try shifted("trong tháng 4/2022")
        #expect(r.due == dgUTC("2022-05-04T17:00:00Z"))
        #expect(r.movedFrom == CivilDate(year: 2022, month: 4, day: 30))
    }

    @Test func aDeadlineOnGioToMovesPastItsCompensatedDay() throws {
        // Giỗ Tổ Hùng Vương 2022 (10/3 lunar) is Sunday 10/04/2022, so Monday 11/04 is off too.
        let r = try shifted("trước ngày 11/04/2022")
        #expect(r.due == dgUTC("2022-04-12T17:00:00Z"))
        #expect(r.movedFrom == CivilDate(year: 2022, month: 4, day: 10))
    }

    @Test func configuredDaysOffAndWorkingDaysCount() throws {
        let friday = CivilDate(year: 2022, month: 1, day: 14)!
        let saturday = CivilDate(year: 2022, month: 1, day: 15)!
        let configured = WorkingCalendar(rules: HolidayRules(extraDaysOff: [friday], extraWorkingDays: [saturday]))
        // Friday 14/01 declared off: due by the end of the next working day, Saturday 15/01 (worked).
        #expect(try shifted("chậm nhất ngày 14/01/2022", configured).due == dgUTC("2022-01-15T17:00:00Z"))
        // Saturday 15/01 is worked in exchange: a deadline on it stays.
        #expect(try shifted("chậm nhất ngày 15/01/2022", configured).movedFrom == nil)
        // Without the configuration the Saturday deadline moves to Monday.
        #expect(try shifted("chậm nhất ngày 15/01/2022").due == dgUTC("2022-01-17T17:00:00Z"))
    }

    @Test func remindersAreDeliveredInOfficeHours() {
        let c = Self.calendar
        // Wednesday 12/01/2022 10:00 +07: open, delivered at once.
        #expect(c.nextOpening(dgNow, zone: .vietnam) == dgNow)
        // Wednesday 06:00 +07 → 07:30 that day.
        #expect(c.nextOpening(dgUTC("2022-01-11T23:00:00Z"), zone: .vietnam) == dgUTC("2022-01-12T00:30:00Z"))
        // Friday 14/01 17:00 +07 (closing time) → Monday 17/01 07:30.
        #expect(c.nextOpening(dgUTC("2022-01-14T10:00:00Z"), zone: .vietnam) == dgUTC("2022-01-17T00:30:00Z"))
        // Saturday → Monday 07:30.
        #expect(c.nextOpening(dgUTC("2022-01-15T03:00:00Z"), zone: .vietnam) == dgUTC("2022-01-17T00:30:00Z"))
        // Monday 31/01/2022 09:00 +07, Tết → Monday 07/02 07:30.
        #expect(c.nextOpening(dgUTC("2022-01-31T02:00:00Z"), zone: .vietnam) == dgUTC("2022-02-07T00:30:00Z"))
    }
}
