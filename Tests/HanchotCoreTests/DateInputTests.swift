import Testing
@testable import HanchotCore

private func parse(_ text: String, zone: Zone = .vietnam) throws(DateInputError) -> DateInput {
    try DateInput.parse(text, zone: zone)
}

@Suite struct DateInputTests {
    @Test(arguments: ["2022-01-15", "15/01/2022", "15-01-2022", "15-1-2022", "15/1/2022", "2022-1-15", "  15/01/2022 ", "\t2022-01-15\n"])
    func dayFormsReadAsAWholeDay(_ text: String) throws {
        #expect(try parse(text) == .day(day(2022, 1, 15)))
    }

    @Test func aDayMeansItsEndAsADeadlineItsStartAsAPointAndItsLastSecondAsAnEnd() {
        let input = DateInput.day(day(2022, 1, 15))
        // Vietnam: 2022-01-15 00:00 +07 = 2022-01-14T17:00:00Z.
        #expect(input.start(in: .vietnam) == utc("2022-01-14T17:00:00Z"))
        #expect(input.deadline(in: .vietnam) == utc("2022-01-15T17:00:00Z"))
        #expect(input.end(in: .vietnam) == utc("2022-01-15T16:59:59Z"))
        #expect(input.deadline(in: .utc) == utc("2022-01-16T00:00:00Z"))
    }

    @Test func deadlineOfTheLastDayOfAYearIsMidnightOfNewYear() {
        #expect(DateInput.day(day(2021, 12, 31)).deadline(in: .vietnam) == vnMidnight(2022, 1, 1))
        #expect(DateInput.day(day(2024, 2, 28)).deadline(in: .vietnam) == vnMidnight(2024, 2, 29))
    }

    @Test(arguments: [
        ("2022-01-15T17:00", "2022-01-15T10:00:00Z"),
        ("2022-01-15 17:00", "2022-01-15T10:00:00Z"),
        ("2022-01-15 17:00:30", "2022-01-15T10:00:30Z"),
        ("2022-01-15T7:5", "2022-01-15T00:05:00Z"),
        ("15/01/2022 17:00", "2022-01-15T10:00:00Z"),
        ("15-1-2022 00:00", "2022-01-14T17:00:00Z"),
        ("15/01/2022 23:59:59", "2022-01-15T16:59:59Z"),
        ("2022-01-15T10:00:00Z", "2022-01-15T10:00:00Z"),
        ("2022-01-15T17:00:00+07:00", "2022-01-15T10:00:00Z"),
        ("2022-01-15 10:00:00Z", "2022-01-15T10:00:00Z"),
    ])
    func timedFormsReadAsExactInstantsInTheZone(_ text: String, _ expected: String) throws {
        #expect(try parse(text) == .instant(utc(expected)))
    }

    @Test func anInstantMeansItselfAsDeadlineStartAndEnd() {
        let t = utc("2022-01-15T10:00:00Z")
        let input = DateInput.instant(t)
        #expect(input.deadline(in: .vietnam) == t)
        #expect(input.start(in: .vietnam) == t)
        #expect(input.end(in: .vietnam) == t)
    }

    @Test func localTimesDependOnTheZone() throws {
        #expect(try parse("2022-01-15 17:00", zone: .utc) == .instant(utc("2022-01-15T17:00:00Z")))
        #expect(try parse("2022-01-15T10:00:00Z", zone: .utc) == parse("2022-01-15T10:00:00Z", zone: .vietnam))
    }

    @Test(arguments: [
        ("31/02/2022", "there is no day 31 in month 2 of 2022"),
        ("29/02/2022", "there is no day 29 in month 2 of 2022"),
        ("2022-13-01", "there is no day 1 in month 13 of 2022"),
        ("2022-02-30", "there is no day 30 in month 2 of 2022"),
        ("00/01/2022", "there is no day 0 in month 1 of 2022"),
        ("15/01/2022 25:00", "there is no time 25:00"),
        ("15/01/2022 12:60", "there is no time 12:60"),
        ("15/01/2022 12:00:60", "there is no time 12:00:60"),
        ("", "it is empty"),
        ("   ", "it is empty"),
    ])
    func impossibleOrEmptyInputIsRejectedQuotingIt(_ text: String, _ reason: String) {
        do {
            let value = try parse(text)
            Issue.record("\"\(text)\" read as \(value)")
        } catch {
            #expect(error.input == text)
            #expect(error.reason == reason)
            #expect(error.description == "cannot read the date \"\(text)\": \(reason)")
        }
    }

    @Test(arguments: [
        "tomorrow", "15/01/22", "15.01.2022", "2022/01/15", "15/01", "2022-01-15T17", "15/01/2022 17h", "15/01/2022 17:00:00:00",
        "15/01/2022 1700", "15/01/2022 :00", "2022-01-15T17:00Z", "2022-01-aa", "١٥/٠١/٢٠٢٢", "15/01/2022 ١٧:00", "x/01/2022",
    ])
    func unreadableInputIsRejected(_ text: String) {
        #expect(throws: DateInputError.self) { try parse(text) }
    }
}
