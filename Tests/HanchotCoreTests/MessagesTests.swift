import Testing
@testable import HanchotCore

private let vi = Messages(language: .vi, zone: .vietnam)
private let en = Messages(language: .en, zone: .vietnam)

@Suite struct MessagesTests {
    @Test(arguments: [
        (Int?.none, false, "không có hạn", "no deadline"),
        (3, false, "còn 3 ngày", "3 days left"),
        (1, false, "còn 1 ngày", "1 day left"),
        (0, false, "đến hạn hôm nay", "due today"),
        (0, true, "quá hạn hôm nay", "overdue today"),
        (-1, true, "quá hạn 1 ngày", "overdue by 1 day"),
        (-2, true, "quá hạn 2 ngày", "overdue by 2 days"),
    ])
    func countdownInBothLanguages(_ days: Int?, _ overdue: Bool, _ vietnamese: String, _ english: String) {
        #expect(vi.countdown(daysLeft: days, overdue: overdue) == vietnamese)
        #expect(en.countdown(daysLeft: days, overdue: overdue) == english)
    }

    @Test func midnightDeadlineIsTheEndOfTheDayBefore() {
        #expect(vi.deadline(vnMidnight(2021, 12, 31)) == "hết ngày 30/12/2021")
        #expect(en.deadline(vnMidnight(2021, 12, 31)) == "end of 30/12/2021")
        #expect(vi.deadline(vnMidnight(2022, 1, 1)) == "hết ngày 31/12/2021")
    }

    @Test func otherDeadlinesAreBeforeAClockTimeOnTheDay() {
        let t = Zone.vietnam.instant(day(2021, 12, 31), hour: 17)
        #expect(vi.deadline(t) == "trước 17:00 ngày 31/12/2021")
        #expect(en.deadline(t) == "before 17:00 on 31/12/2021")
        #expect(en.deadline(Zone.vietnam.instant(day(2021, 12, 31), hour: 0, minute: 0, second: 1)) == "before 00:00 on 31/12/2021")
    }

    @Test func deadlinesAreShownInTheMessagesZone() {
        let inUTC = Messages(language: .en, zone: .utc)
        #expect(inUTC.deadline(vnMidnight(2021, 12, 31)) == "before 17:00 on 30/12/2021")
    }

    @Test func dueShowsThePhraseInParentheses() {
        let due = Due(instant: vnMidnight(2021, 12, 31), phrase: "xong trước ngày 31/12/2021")
        #expect(vi.due(due) == "hạn hết ngày 30/12/2021 (xong trước ngày 31/12/2021)")
        #expect(en.due(due) == "due end of 30/12/2021 (xong trước ngày 31/12/2021)")
        #expect(en.due(Due(instant: vnMidnight(2021, 12, 31))) == "due end of 30/12/2021")
        #expect(vi.due(nil) == "không có hạn")
        #expect(en.due(nil) == "no deadline")
    }

    @Test func statusesSummaryAndTaskNames() {
        #expect(vi.status(.open) == "đang mở" && en.status(.open) == "open")
        #expect(vi.status(.doneOnTime) == "xong đúng hạn" && en.status(.doneOnTime) == "done on time")
        #expect(vi.status(.doneLate) == "xong trễ hạn" && en.status(.doneLate) == "done late")
        #expect(vi.status(.revoked) == "đã thu hồi" && en.status(.revoked) == "revoked")
        #expect(vi.summary(open: 3, overdue: 1) == "3 việc đang mở, 1 quá hạn")
        #expect(en.summary(open: 3, overdue: 1) == "3 open, 1 overdue")
        #expect(vi.nothingOpen == "Không có việc nào đang mở." && en.nothingOpen == "Nothing is open.")
        let key = Assignment.Key(directive: "D", task: "2.a", unit: "U")
        #expect(vi.task(key) == "nhiệm vụ 2.a" && en.task(key) == "task 2.a")
    }

    @Test(arguments: [("vi", Language.vi), ("vi_VN.UTF-8", .vi), ("VI", .vi), ("en", .en), ("en_US", .en), ("EN_GB.utf8", .en)])
    func languageCodesAreReadByPrefix(_ code: String, _ language: Language) {
        #expect(Language(code: code) == language)
    }

    @Test(arguments: ["", "fr", "C", "POSIX", "de_DE"])
    func otherLanguageCodesAreNotRead(_ code: String) {
        #expect(Language(code: code) == nil)
    }
}

@Suite struct FoldProblemTextTests {
    private let key = Assignment.Key(directive: "D", task: "1", unit: "UBND")

    @Test func everyProblemHasASentenceInEachLanguage() {
        let problems: [FoldProblem.Kind] = [
            .duplicateDirective("D"), .unknownDirective("X", known: ["D"]),
            .unknownTask(directive: "D", task: "9", known: ["1"]),
            .unknownUnit(directive: "D", task: "1", unit: "Z", known: ["UBND"]),
            .unitRequired(directive: "D", task: "1", assignees: ["A", "B"]),
            .alreadyCompleted(key, at: vnMidnight(2021, 12, 31)), .notCompleted(key),
            .completedBeforeIssuance(key, completedAt: vnMidnight(2021, 12, 1), issuedOn: day(2021, 12, 15)),
            .directiveRevoked("D"),
            .periodAlreadyCompleted(key, period: "2024-05", at: vnMidnight(2021, 12, 31)),
            .unknownPeriod(key, period: "2024-13"), .recurringDeadline(directive: "D", task: "1"),
        ]
        var seen = Set<String>()
        for kind in problems {
            let p = FoldProblem(kind)
            let english = FoldProblemText.render(p, .en, zone: .vietnam)
            let vietnamese = FoldProblemText.render(p, .vi, zone: .vietnam)
            #expect(!english.isEmpty && !vietnamese.isEmpty && english != vietnamese)
            #expect(FoldProblemText.english(p) == english)
            seen.insert(p.code)
        }
        // Distinct, but for an occurrence done twice, which is "already-completed" as any other.
        #expect(seen.count == problems.count - 1, "codes are distinct")
    }

    @Test func unknownNamesListTheValidChoices() {
        let p = FoldProblem(.unknownTask(directive: "D", task: "9", known: ["1", "2"]))
        #expect(FoldProblemText.render(p, .en, zone: .vietnam) == #"directive "D" has no task "9"; valid: "1", "2""#)
        #expect(FoldProblemText.render(p, .vi, zone: .vietnam) == #"văn bản "D" không có nhiệm vụ "9"; có: "1", "2""#)
    }

    @Test func anEmptyLogSaysSoInsteadOfListingNothing() {
        let p = FoldProblem(.unknownDirective("X", known: []))
        #expect(FoldProblemText.english(p) == #"unknown directive "X" (the log has none)"#)
    }

    @Test func longChoiceListsAreCutAtTwenty() {
        let known = (1...25).map { "D\($0)" }
        let text = FoldProblemText.english(FoldProblem(.unknownDirective("X", known: known)))
        #expect(text.hasSuffix(#""D20" and 5 more"#))
        #expect(!text.contains("D21"))
    }

    @Test func timesAreShownInTheZone() {
        let p = FoldProblem(.alreadyCompleted(key, at: utc("2021-12-30T10:00:00Z")))
        #expect(FoldProblemText.render(p, .en, zone: .vietnam).contains("30/12/2021 17:00"))
    }
}
