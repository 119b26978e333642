import Testing
@testable import HanchotCore

private let due31 = Due(instant: vnMidnight(2021, 12, 31), phrase: "xong trước ngày 31/12/2021")

/// A directive with task 1 for three units (due 31/12/2021, exclusive) and task 2 for one unit (no due).
private func twoTaskDirective(id: String = "22-CV/ĐU-2021", issuedOn: CivilDate? = day(2021, 12, 15)) -> Directive {
    makeDirective(id: id, issuedOn: issuedOn, tasks: [
        makeTask(id: "1", assignees: ["HĐND", "UBND", "Chi bộ"], due: due31),
        makeTask(id: "2", assignees: ["UBND"]),
    ])
}

private func ledger(_ events: Event...) -> Ledger {
    var l = Ledger(zone: .vietnam)
    for e in events {
        let outcome = l.apply(e)
        #expect(outcome == .applied, "setup event \(e.id): \(outcome)")
    }
    return l
}

private func problem(_ outcome: Ledger.Outcome) -> FoldProblem? {
    if case .rejected(let p) = outcome { return p }
    return nil
}

private func assignment(_ l: Ledger, _ directive: String = "22-CV/ĐU-2021", task: String, unit: String) -> Assignment? {
    l.directives[directive]?.assignments.first { $0.key.task == task && $0.key.unit == unit }
}

@Suite struct LedgerTests {
    // MARK: issuing

    @Test func issuingCreatesOneOpenAssignmentPerTaskAndUnitInDocumentOrder() {
        let l = ledger(issueEvent(twoTaskDirective()))
        let keys = l.assignments.map { "\($0.key.task)/\($0.key.unit)" }
        #expect(keys == ["1/HĐND", "1/UBND", "1/Chi bộ", "2/UBND"])
        #expect(l.assignments.allSatisfy { $0.status == .open && $0.isOpen })
        #expect(l.assignments[0].due == due31)
        #expect(l.assignments[3].due == nil)
        #expect(l.order == ["22-CV/ĐU-2021"])
        #expect(l.eventCount == 1)
        #expect(l.directives["22-CV/ĐU-2021"]?.issuedEventAt == issueInstant)
    }

    @Test func directivesKeepTheirIssueOrder() {
        let l = ledger(issueEvent(makeDirective(id: "B")), issueEvent(makeDirective(id: "A")), issueEvent(makeDirective(id: "C")))
        #expect(l.order == ["B", "A", "C"])
        #expect(l.assignments.map(\.key.directive) == ["B", "A", "C"])
    }

    @Test func issuingTheSameDirectiveTwiceIsRejected() {
        var l = ledger(issueEvent(twoTaskDirective()))
        let outcome = l.apply(issueEvent(twoTaskDirective(), id: "again"))
        #expect(outcome == .rejected(FoldProblem(.duplicateDirective("22-CV/ĐU-2021"))))
        #expect(problem(outcome)?.code == "duplicate-directive")
    }

    @Test func reissuingARevokedDirectiveIsStillRejected() {
        var l = ledger(issueEvent(twoTaskDirective()), revokeEvent(id: "rv"))
        #expect(problem(l.apply(issueEvent(twoTaskDirective(), id: "again")))?.code == "duplicate-directive")
    }

    // MARK: unknown names

    @Test func eventsForAnUnknownDirectiveAreRejectedListingTheKnownOnes() {
        var l = ledger(issueEvent(makeDirective(id: "B")), issueEvent(makeDirective(id: "A")))
        for event in [completeEvent(directive: "X", id: "c"), reopenEvent(directive: "X", id: "r"),
                      changeEvent(directive: "X", due: due31, id: "d"), revokeEvent(directive: "X", id: "v"),
                      reminderEvent(directive: "X", id: "s")] {
            #expect(l.apply(event) == .rejected(FoldProblem(.unknownDirective("X", known: ["B", "A"]))))
        }
        #expect(l.eventCount == 2)
    }

    @Test func unknownDirectiveInAnEmptyLedgerListsNothing() {
        var l = Ledger()
        #expect(l.apply(completeEvent(id: "c")) == .rejected(FoldProblem(.unknownDirective("22-CV/ĐU-2021", known: []))))
    }

    @Test func eventsForAnUnknownTaskAreRejectedListingTheTasks() {
        var l = ledger(issueEvent(twoTaskDirective()))
        let expected = FoldProblem(.unknownTask(directive: "22-CV/ĐU-2021", task: "9", known: ["1", "2"]))
        #expect(l.apply(completeEvent(task: "9", unit: "UBND", id: "c")) == .rejected(expected))
        #expect(l.apply(reopenEvent(task: "9", unit: "UBND", id: "r")) == .rejected(expected))
        #expect(l.apply(changeEvent(task: "9", due: due31, id: "d")) == .rejected(expected))
        #expect(l.apply(reminderEvent(task: "9", id: "s")) == .rejected(expected))
        #expect(problem(l.apply(completeEvent(task: "9", id: "c2")))?.code == "unknown-task")
    }

    @Test func eventsForAUnitNotAssignedTheTaskAreRejectedListingTheAssignees() {
        var l = ledger(issueEvent(twoTaskDirective()))
        let expected = FoldProblem(.unknownUnit(directive: "22-CV/ĐU-2021", task: "2", unit: "HĐND", known: ["UBND"]))
        #expect(l.apply(completeEvent(task: "2", unit: "HĐND", id: "c")) == .rejected(expected))
        #expect(l.apply(changeEvent(task: "2", unit: "HĐND", due: due31, id: "d")) == .rejected(expected))
        #expect(l.apply(reminderEvent(task: "2", unit: "HĐND", id: "s")) == .rejected(expected))
        #expect(problem(l.apply(reopenEvent(task: "2", unit: "HĐND", id: "r")))?.code == "unknown-unit")
    }

    @Test func unitNamesMustMatchExactlyNotCaseInsensitively() {
        var l = ledger(issueEvent(twoTaskDirective()))
        #expect(problem(l.apply(completeEvent(task: "2", unit: "ubnd", id: "c")))?.code == "unknown-unit")
        #expect(problem(l.apply(completeEvent(task: "2", unit: "UBND ", id: "c2")))?.code == "unknown-unit")
    }

    // MARK: unit required

    @Test func completingOrReopeningATaskWithSeveralAssigneesNeedsAUnit() {
        var l = ledger(issueEvent(twoTaskDirective()))
        let expected = FoldProblem(.unitRequired(directive: "22-CV/ĐU-2021", task: "1", assignees: ["HĐND", "UBND", "Chi bộ"]))
        #expect(l.apply(completeEvent(task: "1", id: "c")) == .rejected(expected))
        #expect(l.apply(reopenEvent(task: "1", id: "r")) == .rejected(expected))
        #expect(problem(l.apply(completeEvent(task: "1", id: "c")))?.code == "unit-required")
    }

    @Test func completingASingleAssigneeTaskMayOmitTheUnit() {
        var l = ledger(issueEvent(twoTaskDirective()))
        #expect(l.apply(completeEvent(task: "2", completedAt: vnMidnight(2021, 12, 20), id: "c")) == .applied)
        #expect(assignment(l, task: "2", unit: "UBND")?.completedAt == vnMidnight(2021, 12, 20))
        #expect(l.apply(reopenEvent(task: "2", id: "r")) == .applied)
        #expect(assignment(l, task: "2", unit: "UBND")?.isOpen == true)
    }

    // MARK: completion rules

    @Test func completingTwiceIsRejectedWithTheFirstCompletionTime() {
        let first = vnMidnight(2021, 12, 20)
        var l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "1", unit: "UBND", completedAt: first, id: "c1"))
        let outcome = l.apply(completeEvent(task: "1", unit: "UBND", completedAt: vnMidnight(2021, 12, 21), id: "c2"))
        #expect(outcome == .rejected(FoldProblem(.alreadyCompleted(.init(directive: "22-CV/ĐU-2021", task: "1", unit: "UBND"), at: first))))
        #expect(problem(outcome)?.code == "already-completed")
        #expect(assignment(l, task: "1", unit: "UBND")?.completedAt == first)
    }

    @Test func completingOneUnitLeavesTheOthersOpen() {
        let l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "1", unit: "UBND", id: "c1"))
        #expect(assignment(l, task: "1", unit: "UBND")?.isOpen == false)
        #expect(assignment(l, task: "1", unit: "HĐND")?.isOpen == true)
        #expect(assignment(l, task: "2", unit: "UBND")?.isOpen == true)
    }

    @Test func reopeningAnOpenAssignmentIsRejected() {
        var l = ledger(issueEvent(twoTaskDirective()))
        let outcome = l.apply(reopenEvent(task: "1", unit: "UBND", id: "r"))
        #expect(outcome == .rejected(FoldProblem(.notCompleted(.init(directive: "22-CV/ĐU-2021", task: "1", unit: "UBND")))))
        #expect(problem(outcome)?.code == "not-completed")
    }

    @Test func completionBeforeTheIssueDayIsRejectedButTheIssueDayItselfIsFine() {
        var l = ledger(issueEvent(twoTaskDirective(issuedOn: day(2021, 12, 15))))
        let startOfIssueDay = vnMidnight(2021, 12, 15)
        let early = l.apply(completeEvent(task: "2", completedAt: startOfIssueDay.adding(seconds: -1), id: "early"))
        #expect(early == .rejected(FoldProblem(.completedBeforeIssuance(
            .init(directive: "22-CV/ĐU-2021", task: "2", unit: "UBND"),
            completedAt: startOfIssueDay.adding(seconds: -1), issuedOn: day(2021, 12, 15)))))
        #expect(problem(early)?.code == "completed-before-issuance")
        #expect(l.apply(completeEvent(task: "2", completedAt: startOfIssueDay, id: "ontime")) == .applied)
    }

    @Test func issueDayIsReadInTheLedgersZone() {
        // 2021-12-14T20:00Z is already 15/12 in Vietnam, but still 14/12 in UTC.
        let t = utc("2021-12-14T20:00:00Z")
        var vn = Ledger(zone: .vietnam)
        vn.apply(issueEvent(twoTaskDirective()))
        #expect(vn.apply(completeEvent(task: "2", completedAt: t, id: "c")) == .applied)
        var u = Ledger(zone: .utc)
        u.apply(issueEvent(twoTaskDirective()))
        #expect(problem(u.apply(completeEvent(task: "2", completedAt: t, id: "c")))?.code == "completed-before-issuance")
    }

    @Test func withoutAnIssueDateAnyCompletionTimeIsAccepted() {
        var l = ledger(issueEvent(twoTaskDirective(issuedOn: nil)))
        #expect(l.apply(completeEvent(task: "2", completedAt: Instant(secondsSinceEpoch: -1_000_000), id: "c")) == .applied)
    }

    // MARK: revocation

    @Test func revokingMarksEveryAssignmentRevokedIncludingCompletedOnes() {
        let l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "2", id: "c"), revokeEvent(reason: "Thay thế", id: "rv"))
        #expect(l.assignments.allSatisfy { $0.revoked && $0.status == .revoked && !$0.isOpen })
        #expect(l.directives["22-CV/ĐU-2021"]?.revocation == Revocation(directive: "22-CV/ĐU-2021", reason: "Thay thế"))
    }

    @Test func aRevokedDirectiveRefusesChangesAndASecondRevocation() {
        var l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "2", id: "c"), revokeEvent(id: "rv"))
        let revoked = Ledger.Outcome.rejected(FoldProblem(.directiveRevoked("22-CV/ĐU-2021")))
        #expect(l.apply(completeEvent(task: "1", unit: "UBND", id: "c2")) == revoked)
        #expect(l.apply(reopenEvent(task: "2", id: "r")) == revoked)
        #expect(l.apply(changeEvent(task: "1", due: due31, id: "d")) == revoked)
        #expect(l.apply(revokeEvent(id: "rv2")) == revoked)
        #expect(problem(l.apply(revokeEvent(id: "rv3")))?.code == "directive-revoked")
    }

    @Test func aReminderSentIsStillRecordedForARevokedDirective() {
        var l = ledger(issueEvent(twoTaskDirective()), revokeEvent(id: "rv"))
        #expect(l.apply(reminderEvent(task: "2", unit: "UBND", step: "due", id: "s")) == .applied)
    }

    @Test func revocationChecksComeBeforeTaskChecks() {
        var l = ledger(issueEvent(twoTaskDirective()), revokeEvent(id: "rv"))
        #expect(problem(l.apply(completeEvent(task: "9", id: "c")))?.code == "directive-revoked")
    }

    // MARK: statuses at the exclusive boundary

    @Test func completedOneSecondBeforeTheDueInstantIsOnTime() {
        let l = ledger(issueEvent(twoTaskDirective()),
                       completeEvent(task: "1", unit: "UBND", completedAt: due31.instant.adding(seconds: -1), id: "c"))
        #expect(assignment(l, task: "1", unit: "UBND")?.status == .doneOnTime)
    }

    @Test func completedExactlyAtTheDueInstantIsLate() {
        let l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "1", unit: "UBND", completedAt: due31.instant, id: "c"))
        #expect(assignment(l, task: "1", unit: "UBND")?.status == .doneLate)
    }

    @Test func completedOnTheNamedDayOfTruocNgayIsLate() {
        // "xong trước ngày 31/12/2021": 31/12 14:00 local is late (docs/events.md §4.2).
        let l = ledger(issueEvent(twoTaskDirective()),
                       completeEvent(task: "1", unit: "Chi bộ", completedAt: utc("2021-12-31T07:00:00Z"), id: "c"))
        #expect(assignment(l, task: "1", unit: "Chi bộ")?.status == .doneLate)
    }

    @Test func completedWithoutADeadlineIsOnTime() {
        let l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "2", completedAt: utc("2030-01-01T00:00:00Z"), id: "c"))
        #expect(assignment(l, task: "2", unit: "UBND")?.status == .doneOnTime)
    }

    @Test func completionKeepsItsNote() {
        let l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "2", note: "Đã gửi báo cáo", id: "c"))
        #expect(assignment(l, task: "2", unit: "UBND")?.note == "Đã gửi báo cáo")
    }

    // MARK: deadline changes

    @Test func deadlineChangeWithoutAUnitMovesEveryAssigneeOfTheTask() {
        let later = Due(instant: vnMidnight(2022, 1, 15), phrase: "lùi đến 14/01/2022")
        let l = ledger(issueEvent(twoTaskDirective()), changeEvent(task: "1", due: later, id: "d"))
        for unit in ["HĐND", "UBND", "Chi bộ"] { #expect(assignment(l, task: "1", unit: unit)?.due == later) }
        #expect(assignment(l, task: "2", unit: "UBND")?.due == nil)
    }

    @Test func deadlineChangeForOneUnitMovesOnlyThatUnit() {
        let later = Due(instant: vnMidnight(2022, 1, 15))
        let l = ledger(issueEvent(twoTaskDirective()), changeEvent(task: "1", unit: "UBND", due: later, id: "d"))
        #expect(assignment(l, task: "1", unit: "UBND")?.due == later)
        #expect(assignment(l, task: "1", unit: "HĐND")?.due == due31)
        #expect(assignment(l, task: "1", unit: "Chi bộ")?.due == due31)
    }

    @Test func deadlineChangeCanGiveADeadlineToATaskThatHadNone() {
        let due = Due(instant: vnMidnight(2022, 1, 1))
        let l = ledger(issueEvent(twoTaskDirective()), changeEvent(task: "2", due: due, id: "d"))
        #expect(assignment(l, task: "2", unit: "UBND")?.due == due)
    }

    @Test func deadlineChangeOnACompletedAssignmentRejudgesItsStatus() {
        let completedAt = utc("2021-12-31T07:00:00Z")
        var l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "1", unit: "UBND", completedAt: completedAt, id: "c"))
        #expect(assignment(l, task: "1", unit: "UBND")?.status == .doneLate)
        #expect(l.apply(changeEvent(task: "1", unit: "UBND", due: Due(instant: vnMidnight(2022, 1, 1)), id: "d")) == .applied)
        #expect(assignment(l, task: "1", unit: "UBND")?.status == .doneOnTime)
        #expect(assignment(l, task: "1", unit: "UBND")?.completedAt == completedAt)
    }

    @Test func deadlineChangeForgetsSentReminderSteps() {
        let l = ledger(issueEvent(twoTaskDirective()),
                       reminderEvent(task: "1", unit: "UBND", step: "before-7d", id: "s1"),
                       reminderEvent(task: "1", unit: "HĐND", step: "before-7d", id: "s2"),
                       changeEvent(task: "1", unit: "UBND", due: Due(instant: vnMidnight(2022, 1, 15)), id: "d"))
        #expect(assignment(l, task: "1", unit: "UBND")?.sentSteps == [:])
        #expect(assignment(l, task: "1", unit: "HĐND")?.sentSteps.steps.sorted() == ["before-7d"])
    }

    // MARK: reopening

    @Test func reopenClearsCompletionNoteAndSentSteps() {
        let l = ledger(issueEvent(twoTaskDirective()),
                       reminderEvent(task: "1", unit: "UBND", step: "before-7d", id: "s"),
                       completeEvent(task: "1", unit: "UBND", note: "xong", id: "c"),
                       reopenEvent(task: "1", unit: "UBND", reason: "thiếu phần phương hướng", id: "r"))
        let a = assignment(l, task: "1", unit: "UBND")
        #expect(a?.completedAt == nil)
        #expect(a?.note == nil)
        #expect(a?.sentSteps == [:])
        #expect(a?.status == .open)
    }

    @Test func aReopenedAssignmentCanBeCompletedAgain() {
        var l = ledger(issueEvent(twoTaskDirective()),
                       completeEvent(task: "1", unit: "UBND", completedAt: vnMidnight(2021, 12, 20), id: "c1"),
                       reopenEvent(task: "1", unit: "UBND", id: "r"))
        #expect(l.apply(completeEvent(task: "1", unit: "UBND", completedAt: vnMidnight(2022, 1, 5), id: "c2")) == .applied)
        #expect(assignment(l, task: "1", unit: "UBND")?.status == .doneLate)
    }

    // MARK: reminders

    @Test func reminderSentIsRecordedPerStepWithItsSentTime() {
        let sent = utc("2021-12-23T01:00:02Z")
        let l = ledger(issueEvent(twoTaskDirective()),
                       reminderEvent(task: "1", unit: "UBND", step: "before-7d", sentAt: sent, id: "s1"),
                       reminderEvent(task: "1", unit: "UBND", step: "due", sentAt: sent.adding(seconds: 60), id: "s2"))
        #expect(assignment(l, task: "1", unit: "UBND")?.sentSteps == ["before-7d": sent, "due": sent.adding(seconds: 60)])
        #expect(assignment(l, task: "1", unit: "HĐND")?.sentSteps == [:])
    }

    @Test func reminderSentAlwaysNeedsAKnownUnit() {
        var l = ledger(issueEvent(twoTaskDirective()))
        #expect(problem(l.apply(reminderEvent(task: "2", unit: "Chi bộ", id: "s")))?.code == "unknown-unit")
    }

    // MARK: ids, check, time travel

    @Test func anEventWhoseIDIsAlreadyAppliedIsADuplicateAndChangesNothing() {
        var l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "2", note: "first", id: "c"))
        let before = l.assignments
        // Same id, different content: still a no-op.
        #expect(l.apply(completeEvent(task: "1", unit: "UBND", note: "second", id: "c")) == .duplicateID)
        #expect(l.apply(issueEvent(twoTaskDirective(id: "other"), id: "c")) == .duplicateID)
        #expect(l.assignments == before)
        #expect(l.eventCount == 2)
        #expect(l.contains(eventID: "c"))
        #expect(!l.contains(eventID: "nope"))
    }

    @Test func aRejectedEventDoesNotReserveItsID() {
        var l = ledger(issueEvent(twoTaskDirective()))
        #expect(problem(l.apply(completeEvent(task: "1", id: "x"))) != nil)
        #expect(!l.contains(eventID: "x"))
        #expect(l.apply(completeEvent(task: "1", unit: "UBND", id: "x")) == .applied)
    }

    @Test func eventIDsAreComparedByteForByte() {
        var l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "1", unit: "UBND", id: "é"))
        #expect(l.apply(completeEvent(task: "1", unit: "HĐND", id: "e\u{301}")) == .applied)
    }

    @Test func checkNeverMutatesTheLedger() {
        let l = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "1", unit: "UBND", id: "c"))
        let snapshot = (l.directives, l.order, l.eventCount)
        let candidates = [
            completeEvent(task: "1", unit: "HĐND", id: "ok"), completeEvent(task: "1", unit: "UBND", id: "dup-completion"),
            reopenEvent(task: "1", unit: "UBND", id: "r"), revokeEvent(id: "rv"), issueEvent(makeDirective(id: "new")),
            changeEvent(task: "1", due: due31, id: "d"), reminderEvent(id: "s"), completeEvent(directive: "X", id: "x"),
        ]
        for event in candidates { _ = l.check(event) }
        #expect(l.directives == snapshot.0)
        #expect(l.order == snapshot.1)
        #expect(l.eventCount == snapshot.2)
        #expect(!l.contains(eventID: "ok"))
        #expect(l.check(completeEvent(task: "1", unit: "HĐND", id: "ok")) == nil)
        #expect(l.check(completeEvent(task: "1", unit: "UBND", id: "dup"))?.code == "already-completed")
    }

    @Test func checkAndApplyAgreeOnEveryEvent() {
        let base = ledger(issueEvent(twoTaskDirective()), completeEvent(task: "1", unit: "UBND", id: "c"))
        for event in [completeEvent(task: "1", unit: "HĐND", id: "a"), completeEvent(task: "1", id: "b"),
                      reopenEvent(task: "2", id: "r"), reopenEvent(task: "1", unit: "UBND", id: "r2"),
                      issueEvent(twoTaskDirective(), id: "again"), revokeEvent(directive: "nope", id: "v")] {
            var copy = base
            let outcome = copy.apply(event)
            #expect(base.check(event).map(Ledger.Outcome.rejected) ?? .applied == outcome)
        }
    }

    @Test func foldAsOfLeavesOutEventsRecordedAfterTheInstant() {
        let t1 = utc("2021-12-20T00:00:00Z"), t2 = utc("2021-12-25T00:00:00Z")
        let events = [
            issueEvent(twoTaskDirective(), at: issueInstant),
            completeEvent(task: "2", completedAt: t1, id: "c", at: t1),
            revokeEvent(id: "rv", at: t2),
        ]
        let before = Ledger.fold(events, asOf: issueInstant)
        #expect(assignment(before, task: "2", unit: "UBND")?.isOpen == true)
        let middle = Ledger.fold(events, asOf: t1)  // inclusive
        #expect(assignment(middle, task: "2", unit: "UBND")?.status == .doneOnTime)
        #expect(middle.directives["22-CV/ĐU-2021"]?.revocation == nil)
        let justBefore = Ledger.fold(events, asOf: t1.adding(seconds: -1))
        #expect(assignment(justBefore, task: "2", unit: "UBND")?.isOpen == true)
        let all = Ledger.fold(events)
        #expect(all.assignments.allSatisfy { $0.status == .revoked })
        #expect(Ledger.fold(events, asOf: issueInstant.adding(seconds: -1)).order.isEmpty)
    }

    @Test func foldAsOfKeepsFileOrderNotTimestampOrder() {
        // A completion recorded (at) before the issue event's at, but later in the file, still applies after it.
        let events = [
            issueEvent(twoTaskDirective(), at: utc("2021-12-16T05:00:00Z")),
            completeEvent(task: "2", completedAt: utc("2021-12-16T01:00:00Z"), id: "c", at: utc("2021-12-16T01:00:00Z")),
        ]
        #expect(assignment(Ledger.fold(events), task: "2", unit: "UBND")?.isOpen == false)
    }

    @Test func foldUsesTheGivenZone() {
        let l = Ledger.fold([issueEvent()], zone: .utc)
        #expect(l.zone == .utc)
    }

    @Test func rejectedAndDuplicateEventsAreSkippedByFold() {
        let events = [issueEvent(twoTaskDirective()), completeEvent(task: "1", id: "bad"),
                      completeEvent(task: "2", id: "ok"), completeEvent(task: "1", unit: "UBND", id: "ok")]
        let l = Ledger.fold(events)
        #expect(l.eventCount == 2)
        #expect(assignment(l, task: "1", unit: "UBND")?.isOpen == true)
    }

    // MARK: pieces

    @Test func directiveStateFindsAssignments() {
        let state = DirectiveState(directive: twoTaskDirective(), issuedEventAt: issueInstant)
        #expect(state.index(task: "1", unit: "Chi bộ") == 2)
        #expect(state.index(task: "2", unit: "HĐND") == nil)
        #expect(state.assignments(ofTask: "1").count == 3)
        #expect(twoTaskDirective().task("2")?.assignees == ["UBND"])
        #expect(twoTaskDirective().task("3") == nil)
    }

    @Test func assignmentKeysDescribeThemselves() {
        #expect(Assignment.Key(directive: "D", task: "1", unit: "U").description == "D / 1 / U")
    }

    @Test func eventIDHashesAreStableAndDistinguishBytes() {
        #expect(EventIDSet.hash("ev-0001") == EventIDSet.hash("ev-0001"))
        #expect(EventIDSet.hash("ev-0001") != EventIDSet.hash("ev-0002"))
        #expect(EventIDSet.hash("é") != EventIDSet.hash("e\u{301}"))
        #expect(EventIDSet.hash("") != EventIDSet.hash("\u{0}"))
        var set = EventIDSet()
        set.insert("a")
        #expect(set.contains("a") && !set.contains("b"))
    }

    @Test func eventIDHashesOfBytesAndStringsAgreeAndDoNotCollide() {
        var rng = SplitMix64(seed: 21)
        var highs = Set<UInt64>(), lows = Set<UInt64>()
        let count = 100_000
        for n in 0..<count {
            // UUID-like ids, and ids that differ from the previous one in a single byte.
            let id = n % 2 == 0 ? String((0..<36).map { i in [8, 13, 18, 23].contains(i) ? "-" : "0123456789abcdef".randomElement(using: &rng)! })
                                : "e-\(n / 2)-x"
            let h = EventIDSet.hash(id)
            var copy = id
            let fromBytes = copy.withUTF8 { EventIDSet.hash(bytes: $0) }
            #expect(h == fromBytes)
            highs.insert(h.high)
            lows.insert(h.low)
        }
        #expect(highs.count == count && lows.count == count)
    }

    @Test func everyEventTypeNamesItsDirective() {
        #expect(issueEvent(makeDirective(id: "A")).directiveID == "A")
        #expect(completeEvent(directive: "B", id: "1").directiveID == "B")
        #expect(reopenEvent(directive: "C", id: "1").directiveID == "C")
        #expect(changeEvent(directive: "D", due: due31, id: "1").directiveID == "D")
        #expect(revokeEvent(directive: "E", id: "1").directiveID == "E")
        #expect(reminderEvent(directive: "F", id: "1").directiveID == "F")
    }
}
