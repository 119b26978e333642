@testable import HanchotCore
import HanchotSystemd
import Testing

@Suite("ReminderNotice")
struct ReminderNoticeTests {
    let due = Fixtures.due
    let vi = Messages(language: .vi, zone: .vietnam)
    let en = Messages(language: .en, zone: .vietnam)

    func reminder(_ name: String, unit: String = "UBND xã") -> PlannedReminder {
        let step = ReminderPolicy.standard.steps(due: due).first { $0.name == name }!
        return PlannedReminder(key: Fixtures.key(unit), step: step, due: due)
    }

    /// Local wall-clock time in Asia/Ho_Chi_Minh.
    func local(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0) -> Instant {
        Zone.vietnam.instant(CivilDate(year: y, month: m, day: d)!, hour: h)
    }

    func notice(_ name: String, now: Instant, late: Bool = false, messages: Messages? = nil,
                text: String = "Rà soát hộ nghèo", unit: String = "UBND xã") -> ReminderNotice {
        ReminderNotice(reminder: reminder(name, unit: unit), number: "22-CV/ĐU", taskText: text, late: late, now: now,
                       messages: messages ?? vi)
    }

    @Test("the Vietnamese message names the number, the task, the unit, the days left and the deadline")
    func vietnameseMessage() {
        let n = notice("before-3d", now: local(2021, 12, 27, 9))
        #expect(n.message.hasPrefix("Nhắc việc: [22-CV/ĐU] nhiệm vụ 1 — UBND xã — còn 3 ngày"))
        #expect(n.message == "Nhắc việc: [22-CV/ĐU] nhiệm vụ 1 — UBND xã — còn 3 ngày, hạn hết ngày 30/12/2021 — Rà soát hộ nghèo")
        #expect(n.daysLeft == 3)
        #expect(n.kind == .upcoming)
        #expect(n.priority == .info)
        #expect(n.step == "before-3d")
        #expect(n.plannedAt == due.adding(seconds: -3 * 86_400))
    }

    @Test("the English message says the same")
    func englishMessage() {
        let n = notice("before-3d", now: local(2021, 12, 27, 9), messages: en)
        #expect(n.message == "Reminder: [22-CV/ĐU] task 1 — UBND xã — 3 days left, due end of 30/12/2021 — Rà soát hộ nghèo")
        let one = notice("before-1d", now: local(2021, 12, 29, 9), messages: en)
        #expect(one.message.contains("— 1 day left,"))
    }

    @Test("on the last day it is due today; after the deadline it is overdue by whole days")
    func dueTodayAndOverdue() {
        #expect(notice("before-2h", now: local(2021, 12, 30, 22)).message.contains("— đến hạn hôm nay,"))
        let overdue = notice("overdue-3", now: local(2022, 1, 2, 9))
        #expect(overdue.message.contains("— quá hạn 3 ngày,"))
        #expect(overdue.kind == .overdue)
        #expect(overdue.priority == .err)
        #expect(overdue.daysLeft == -3)
        #expect(notice("overdue-3", now: local(2022, 1, 2, 9), messages: en).message.contains("— overdue by 3 days,"))
        // A 17:00 deadline: at 17:00 it is overdue today.
        let evening = Zone.vietnam.instant(CivilDate(year: 2021, month: 12, day: 31)!, hour: 17)
        let step = ReminderPolicy.standard.steps(due: evening).first { $0.name == "due" }!
        let atDue = ReminderNotice(reminder: PlannedReminder(key: Fixtures.key(), step: step, due: evening), number: "22-CV/ĐU",
                                   taskText: "x", late: false, now: evening, messages: vi)
        #expect(atDue.kind == .due)
        #expect(atDue.priority == .warning)
        #expect(atDue.daysLeft == 0)
        // At the deadline itself the message says so plainly (not "overdue").
        #expect(atDue.message.contains("— đã đến hạn, hạn trước 17:00 ngày 31/12/2021"))
    }

    @Test("a late step is a caught-up reminder, said so in the message")
    func lateIsCaughtUp() {
        let n = notice("before-1d", now: local(2021, 12, 30, 20), late: true)
        #expect(n.kind == .caughtUp)
        #expect(n.kind.messageID == "6f1c0a4e2b8d4c7a9e35d1b2c4f6a804")
        #expect(n.message.hasSuffix("(nhắc bù)"))
        #expect(n.priority == .notice, "a caught-up reminder keeps the priority of its step")
        #expect(notice("before-1d", now: local(2021, 12, 30, 20), late: true, messages: en).message.hasSuffix("(late catch-up)"))
    }

    @Test("each kind has its own fixed MESSAGE_ID")
    func messageIDsPerKind() {
        let ids = ReminderNotice.Kind.allCases.map(\.messageID)
        #expect(Set(ids).count == ReminderNotice.Kind.allCases.count)
        #expect(ReminderNotice.Kind.upcoming.messageID == "6f1c0a4e2b8d4c7a9e35d1b2c4f6a801")
        #expect(ReminderNotice.Kind.due.messageID == "6f1c0a4e2b8d4c7a9e35d1b2c4f6a802")
        #expect(ReminderNotice.Kind.overdue.messageID == "6f1c0a4e2b8d4c7a9e35d1b2c4f6a803")
        #expect(ReminderNotice.Kind.logProblem.messageID == "6f1c0a4e2b8d4c7a9e35d1b2c4f6a805")
        // journald's MESSAGE_ID is a 128-bit id written as 32 lower-case hex digits.
        #expect(ids.allSatisfy { $0.count == 32 && $0.allSatisfy { $0.isHexDigit && !$0.isUppercase } })
    }

    @Test("a long task text is cut to 120 characters in the message")
    func longTaskTextIsCut() {
        let text = String(repeating: "ầ", count: 500)
        let n = notice("before-3d", now: local(2021, 12, 27, 9), text: text)
        #expect(n.message.hasSuffix(" — " + String(repeating: "ầ", count: 120)))
    }

    @Test("the journal entry carries every structured field, with valid names")
    func journalFields() {
        let n = notice("due", now: due)
        let fields = n.journalFields
        #expect(fields.map(\.name) == ["MESSAGE", "MESSAGE_ID", "PRIORITY", "SYSLOG_IDENTIFIER", "HANCHOT_KIND", "HANCHOT_DIRECTIVE",
                                       "HANCHOT_NUMBER", "HANCHOT_TASK", "HANCHOT_UNIT", "HANCHOT_DUE", "HANCHOT_STEP",
                                       "HANCHOT_PLANNED", "HANCHOT_DAYS_LEFT"])
        #expect(fields.allSatisfy { JournalWriter.isValidFieldName($0.name) })
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.value) })
        #expect(values["MESSAGE"] == n.message)
        #expect(values["MESSAGE_ID"] == "6f1c0a4e2b8d4c7a9e35d1b2c4f6a802")
        #expect(values["PRIORITY"] == "4")
        #expect(values["SYSLOG_IDENTIFIER"] == "hanchotd")
        #expect(values["HANCHOT_KIND"] == "due")
        #expect(values["HANCHOT_DIRECTIVE"] == "22-CV/ĐU-2021")
        #expect(values["HANCHOT_NUMBER"] == "22-CV/ĐU")
        #expect(values["HANCHOT_TASK"] == "1")
        #expect(values["HANCHOT_UNIT"] == "UBND xã")
        #expect(values["HANCHOT_DUE"] == "2021-12-30T17:00:00Z")
        #expect(values["HANCHOT_STEP"] == "due")
        #expect(values["HANCHOT_PLANNED"] == "2021-12-30T17:00:00Z")
        #expect(values["HANCHOT_DAYS_LEFT"] == String(n.daysLeft))
    }

    @Test("a unit name with a newline stays one value of HANCHOT_UNIT")
    func newlineInUnitStaysInItsValue() {
        let n = notice("due", now: due, unit: "A\nHANCHOT_STEP=forged")
        let fields = n.journalFields
        #expect(fields.filter { $0.name == "HANCHOT_UNIT" }.map(\.value) == ["A\nHANCHOT_STEP=forged"])
        #expect(fields.filter { $0.name == "HANCHOT_STEP" }.map(\.value) == ["due"])
    }
}
