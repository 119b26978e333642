import Testing
@testable import HanchotCore

/// Two directives, three units:
/// - A: task 1 (HĐND, UBND) due end of 30/12/2021; task 2 (UBND) due 17:00 on 10/01/2022; task 3 (MTTQ) no due.
/// - B: task 1 (MTTQ, UBND) due end of 05/01/2022.
private func makeLedger() -> Ledger {
    let a = makeDirective(id: "A", number: "A-CV", tasks: [
        makeTask(id: "1", text: "Tổng kết", assignees: ["HĐND", "UBND"], due: Due(instant: vnMidnight(2021, 12, 31))),
        makeTask(id: "2", text: "Báo cáo", assignees: ["UBND"], due: Due(instant: Zone.vietnam.instant(day(2022, 1, 10), hour: 17))),
        makeTask(id: "3", text: "Tuyên truyền", assignees: ["MTTQ"]),
    ])
    let b = makeDirective(id: "B", number: "B-TB", tasks: [
        makeTask(id: "1", text: "Giao ban", assignees: ["MTTQ", "UBND"], due: Due(instant: vnMidnight(2022, 1, 6))),
    ])
    return Ledger.fold([issueEvent(a), issueEvent(b)])
}

/// Noon, Vietnam time, on the given day.
private func vnNoon(_ y: Int, _ m: Int, _ d: Int) -> Instant { Zone.vietnam.instant(day(y, m, d), hour: 12) }

private func rowKeys(_ group: StatusReport.Group) -> [String] {
    group.rows.map { "\($0.assignment.key.directive)/\($0.assignment.key.task)" }
}

@Suite struct StatusReportTests {
    @Test func groupsByUnitWithTheMostPressingUnitFirstAndSoonestDueFirstInEach() {
        let report = StatusReport(ledger: makeLedger(), now: vnNoon(2021, 12, 20), zone: .vietnam)
        #expect(report.groups.map(\.unit) == ["HĐND", "UBND", "MTTQ"])
        #expect(rowKeys(report.groups[1]) == ["A/1", "B/1", "A/2"])
        // No deadline sorts last.
        #expect(rowKeys(report.groups[2]) == ["B/1", "A/3"])
        #expect(report.openCount == 6)
        #expect(report.overdueCount == 0)
    }

    @Test func rowsCarryTheDirectiveNumberAndTaskText() {
        let report = StatusReport(ledger: makeLedger(), now: vnNoon(2021, 12, 20), zone: .vietnam)
        let row = report.groups[2].rows[1]
        #expect(row.directiveNumber == "A-CV")
        #expect(row.taskText == "Tuyên truyền")
        #expect(row.daysLeft == nil)
        #expect(!row.isOverdue)
    }

    @Test func unitsWithEqualEarliestDeadlinesAreOrderedByName() {
        let d = makeDirective(id: "D", tasks: [makeTask(id: "1", assignees: ["Zeta", "Alpha", "Mu"], due: Due(instant: vnMidnight(2022, 1, 1)))])
        let report = StatusReport(ledger: Ledger.fold([issueEvent(d)]), now: vnNoon(2021, 12, 1), zone: .vietnam)
        #expect(report.groups.map(\.unit) == ["Alpha", "Mu", "Zeta"])
    }

    @Test func completedAndRevokedAssignmentsAreNotShown() {
        var ledger = makeLedger()
        ledger.apply(completeEvent(directive: "A", task: "1", unit: "HĐND", completedAt: vnNoon(2021, 12, 20), id: "c"))
        ledger.apply(revokeEvent(directive: "B", id: "rv", at: vnNoon(2021, 12, 21)))
        let report = StatusReport(ledger: ledger, now: vnNoon(2021, 12, 22), zone: .vietnam)
        #expect(report.groups.map(\.unit) == ["UBND", "MTTQ"])
        #expect(rowKeys(report.groups[0]) == ["A/1", "A/2"])
        #expect(rowKeys(report.groups[1]) == ["A/3"])
    }

    @Test func midnightDeadlineCountsDaysToTheLastDayBeforeIt() {
        // Due 31/12/2021 00:00 local ("trước ngày 31/12"): the last day is 30/12.
        let due = vnMidnight(2021, 12, 31)
        let cases: [(Instant, Int, Bool)] = [
            (vnNoon(2021, 12, 27), 3, false),
            (Zone.vietnam.instant(day(2021, 12, 29), hour: 23, minute: 59, second: 59), 1, false),
            (vnMidnight(2021, 12, 30), 0, false),
            (due.adding(seconds: -1), 0, false),
            (due, -1, true),
            (vnNoon(2021, 12, 31), -1, true),
            (vnNoon(2022, 1, 2), -3, true),
        ]
        for (now, days, overdue) in cases {
            #expect(StatusReport.daysLeft(until: due, now: now, zone: .vietnam) == days, "\(Zone.vietnam.display(now))")
            let report = StatusReport(ledger: makeLedger(), now: now, zone: .vietnam, unit: "HĐND")
            #expect(report.groups.first?.rows.first?.daysLeft == days)
            #expect(report.groups.first?.rows.first?.isOverdue == overdue)
        }
    }

    @Test func daytimeDeadlineCountsItsOwnDay() {
        // Due 10/01/2022 17:00 local: the same morning is "due today", and 17:00 is overdue today.
        let due = Zone.vietnam.instant(day(2022, 1, 10), hour: 17)
        #expect(StatusReport.daysLeft(until: due, now: Zone.vietnam.instant(day(2022, 1, 10), hour: 8), zone: .vietnam) == 0)
        #expect(StatusReport.daysLeft(until: due, now: due, zone: .vietnam) == 0)
        #expect(StatusReport.daysLeft(until: due, now: vnNoon(2022, 1, 9), zone: .vietnam) == 1)
    }

    @Test func daysLeftDependsOnTheZone() {
        // 2021-12-30T17:00Z is midnight in Vietnam but 17:00 on 30/12 in UTC.
        let due = utc("2021-12-30T17:00:00Z"), now = utc("2021-12-29T18:00:00Z")
        #expect(StatusReport.daysLeft(until: due, now: now, zone: .vietnam) == 0)
        #expect(StatusReport.daysLeft(until: due, now: now, zone: .utc) == 1)
    }

    @Test func overdueOnlyKeepsAssignmentsWhoseDeadlineHasPassedFromTheExactInstant() {
        let ledger = makeLedger()
        let before = StatusReport(ledger: ledger, now: vnMidnight(2021, 12, 31).adding(seconds: -1), zone: .vietnam, overdueOnly: true)
        #expect(before.groups.isEmpty)
        #expect(before.openCount == 0)
        let at = StatusReport(ledger: ledger, now: vnMidnight(2021, 12, 31), zone: .vietnam, overdueOnly: true)
        #expect(at.groups.map(\.unit) == ["HĐND", "UBND"])
        #expect(at.groups.allSatisfy { $0.rows.allSatisfy(\.isOverdue) })
        #expect(at.overdueCount == 2)
        let later = StatusReport(ledger: ledger, now: vnNoon(2022, 1, 7), zone: .vietnam, overdueOnly: true)
        #expect(later.groups.map(\.unit) == ["HĐND", "UBND", "MTTQ"])
        #expect(rowKeys(later.groups[1]) == ["A/1", "B/1"])
        #expect(later.overdueCount == 4)
    }

    @Test func unitFilterShowsOnlyThatUnit() {
        let report = StatusReport(ledger: makeLedger(), now: vnNoon(2021, 12, 20), zone: .vietnam, unit: "UBND")
        #expect(report.groups.map(\.unit) == ["UBND"])
        #expect(report.openCount == 3)
        #expect(StatusReport(ledger: makeLedger(), now: vnNoon(2021, 12, 20), zone: .vietnam, unit: "nobody").groups.isEmpty)
    }

    @Test func unitFilterAndOverdueOnlyCombine() {
        let report = StatusReport(ledger: makeLedger(), now: vnNoon(2022, 1, 7), zone: .vietnam, unit: "MTTQ", overdueOnly: true)
        #expect(report.groups.map(\.unit) == ["MTTQ"])
        #expect(rowKeys(report.groups[0]) == ["B/1"])
    }

    @Test func anEmptyLedgerGivesAnEmptyReport() {
        let report = StatusReport(ledger: Ledger(), now: issueInstant, zone: .vietnam)
        #expect(report.groups.isEmpty && report.openCount == 0 && report.overdueCount == 0)
        #expect(report.now == issueInstant)
    }

    @Test func rowsWithTheSameDeadlineAreOrderedByDirectiveThenTask() {
        let due = Due(instant: vnMidnight(2022, 1, 1))
        let d2 = makeDirective(id: "B", tasks: [makeTask(id: "2", assignees: ["U"], due: due), makeTask(id: "1", assignees: ["U"], due: due)])
        let d1 = makeDirective(id: "A", tasks: [makeTask(id: "9", assignees: ["U"], due: due)])
        let report = StatusReport(ledger: Ledger.fold([issueEvent(d2), issueEvent(d1)]), now: vnNoon(2021, 12, 1), zone: .vietnam)
        #expect(rowKeys(report.groups[0]) == ["A/9", "B/1", "B/2"])
    }
}
