@testable import HanchotCore
import Testing

/// Obligations that recur (issue 12 §4): the schedule in the log, occurrences named by period,
/// completions per occurrence, and reminders per occurrence without a storm.
@Suite("Recurring tasks")
struct RecurringTaskTests {
    let zone = Zone.vietnam
    func utc(_ s: String) -> Instant { Timestamp.parse(s)! }

    @Test("recurrence codes read back, and anything else is refused",
          arguments: [Recurrence.monthly(day: 20, exclusive: true), .monthly(day: 25, exclusive: false), .quarterly,
                      .weekly(weekday: 5, hour: 16, minute: 0), .weekly(weekday: 1, hour: 24, minute: 0), .yearly(month: 1),
                      .yearlyOn(month: 11, day: 20, exclusive: true), .yearlyOn(month: 2, day: 29, exclusive: false)])
    func codes(_ r: Recurrence) {
        #expect(Recurrence(code: r.code) == r)
        for bad in ["monthly-before:0", "monthly-before:32", "monthly-by:020", "weekly:7@10:00", "weekly:5@24:30", "yearly:13", "yearly-before:4-31", "yearly-by:11-020", "daily", ""] {
            #expect(Recurrence(code: bad) == nil, "\(bad)")
        }
    }

    @Test("an occurrence is named by the period its deadline's last moment falls in")
    func periods() {
        // "trước ngày 20 hằng tháng": 20/05/2024 00:00 +07 belongs to May.
        #expect(Recurrence.monthly(day: 20, exclusive: true).period(ofDeadline: utc("2024-05-19T17:00:00Z"), zone: zone) == "2024-05")
        #expect(Recurrence.quarterly.period(ofDeadline: utc("2024-06-30T17:00:00Z"), zone: zone) == "2024-Q2")
        // Friday 10/05/2024 16:00 is in ISO week 19; 29/12/2025 is in week 1 of 2026.
        #expect(Recurrence.weekly(weekday: 5, hour: 16, minute: 0).period(ofDeadline: utc("2024-05-10T09:00:00Z"), zone: zone) == "2024-W19")
        #expect(CivilDate(year: 2025, month: 12, day: 29)!.isoWeek == (2026, 1))
        #expect(CivilDate(year: 2021, month: 1, day: 3)!.isoWeek == (2020, 53))
        #expect(Recurrence.yearly(month: 1).period(ofDeadline: utc("2025-01-31T17:00:00Z"), zone: zone) == "2025")
    }

    /// "Báo cáo kết quả trước ngày 20 hằng tháng đến hết năm 2024", issued 01/02/2024, for one unit.
    func issued(units: [String] = ["UBND xã"], until: CivilDate? = CivilDate(year: 2024, month: 12, day: 31)) -> Event {
        let task = Directive.Task(id: "1", text: "Báo cáo", assignees: units, due: Due(instant: utc("2024-02-19T17:00:00Z"), phrase: "trước ngày 20 hằng tháng"),
                                  recurrence: .monthly(day: 20, exclusive: true), until: until)
        return Event(id: "i", recordedAt: utc("2024-02-01T02:00:00Z"), actor: "vt",
                     body: .directiveIssued(Directive(id: "BC", number: "12-KH", issuedOn: CivilDate(year: 2024, month: 2, day: 1), title: "T", tasks: [task])))
    }

    func done(_ period: String?, at: String = "2024-04-25T02:00:00Z", id: String? = nil) -> Event {
        Event(id: id ?? "d-\(period ?? "oldest")", recordedAt: utc(at), actor: "vt",
              body: .taskCompleted(Completion(directive: "BC", task: "1", completedAt: utc(at), period: period)))
    }

    @Test("a recurring task's line is schema 2 and reads back; a line without recurrences stays schema 1")
    func schema() throws {
        let line = EventCodec.encode(issued())
        #expect(line.hasPrefix(#"{"v":2,"#))
        #expect(line.contains(#""recurrence":"monthly-before:20","until":"2024-12-31""#))
        #expect(try EventCodec.decode(line) == issued().with(schema: 2))
        let completion = EventCodec.encode(done("2024-03"))
        #expect(completion.hasPrefix(#"{"v":2,"#) && completion.hasSuffix(#","period":"2024-03"}"#))
        #expect(EventCodec.encode(done(nil)).hasPrefix(#"{"v":1,"#))
        // A version 1 line may not carry a version 2 field.
        let forged = line.replacingOccurrences(of: #"{"v":2,"#, with: #"{"v":1,"#)
        #expect(decodeError(forged)?.field == "v")
        #expect(decodeError(completion.replacingOccurrences(of: #""period":"2024-03""#, with: #""period":"2024-3""#))?.field == "period")
    }

    @Test("completions: the oldest open occurrence by default, a named one, never an occurrence the schedule lacks, never twice")
    func completions() throws {
        var ledger = Ledger(zone: zone)
        #expect(ledger.apply(issued()) == .applied)
        var a: Assignment { ledger.assignments[0] }
        #expect(a.due?.instant == utc("2024-02-19T17:00:00Z"))
        #expect(ledger.apply(done(nil)) == .applied)  // February
        #expect(a.periods.keys.sorted() == ["2024-02"])
        #expect(a.due?.instant == utc("2024-03-19T17:00:00Z"), "March is now the oldest open")
        #expect(ledger.apply(done("2024-04")) == .applied)
        #expect(a.due?.instant == utc("2024-03-19T17:00:00Z"), "March still open")
        if case .rejected(let p) = ledger.apply(done("2024-04", id: "again")) { #expect(p.code == "already-completed") } else { Issue.record("twice") }
        for bad in ["2024-01", "2025-01", "2024-Q2", "2024"] {
            guard case .rejected(let p) = ledger.apply(done(bad, id: "x-\(bad)")) else { Issue.record("\(bad) accepted"); continue }
            #expect(p.code == "unknown-period", "\(bad)")
        }
        // Every month to December: the schedule is done, the assignment closed at its last completion.
        for m in 3...12 where m != 4 {
            #expect(ledger.apply(done("2024-\(m < 10 ? "0" : "")\(m)", at: "2024-12-30T02:00:00Z")) == .applied)
        }
        #expect(!a.isOpen)
        #expect(a.completedAt == utc("2024-12-30T02:00:00Z"))
        // Reopening one occurrence opens the assignment on it again.
        let reopen = Event(id: "r", recordedAt: utc("2025-01-02T02:00:00Z"), actor: "vt",
                           body: .taskReopened(Reopening(directive: "BC", task: "1", reason: "thiếu số liệu", period: "2024-06")))
        #expect(ledger.apply(reopen) == .applied)
        #expect(a.isOpen)
        #expect(a.due?.instant == utc("2024-06-19T17:00:00Z"))
        // A recurring task's deadline follows its schedule.
        let move = Event(id: "m", recordedAt: utc("2025-01-02T02:00:00Z"), actor: "vt",
                         body: .deadlineChanged(DeadlineChange(directive: "BC", task: "1", due: Due(instant: utc("2025-01-01T00:00:00Z")), reason: "x")))
        if case .rejected(let p) = ledger.apply(move) { #expect(p.code == "recurring-deadline") } else { Issue.record("moved") }
    }

    @Test("a period-less completion or reopening is made explicit against the state: the oldest open, the latest done")
    func explicitPeriods() {
        var ledger = Ledger(zone: zone)
        ledger.apply(issued())
        ledger.apply(done("2024-02"))
        guard case .taskCompleted(let c) = ledger.withExplicitPeriod(done(nil, id: "n")).body else { Issue.record("body"); return }
        #expect(c.period == "2024-03")
        let reopen = Event(id: "r", recordedAt: utc("2024-04-26T02:00:00Z"), actor: "vt",
                           body: .taskReopened(Reopening(directive: "BC", task: "1")))
        guard case .taskReopened(let r) = ledger.withExplicitPeriod(reopen).body else { Issue.record("body"); return }
        #expect(r.period == "2024-02")
        // Anything else is left as it is.
        let plain = Event(id: "p", recordedAt: utc("2024-04-26T02:00:00Z"), actor: "vt",
                          body: .taskCompleted(Completion(directive: "OTHER", task: "1", completedAt: utc("2024-04-26T02:00:00Z"))))
        #expect(ledger.withExplicitPeriod(plain) == plain)
    }

    @Test("after downtime every missed occurrence gets exactly one catch-up, and the next one is planned too")
    func noStorm() throws {
        var ledger = Ledger(zone: zone)
        ledger.apply(issued(until: nil))
        ledger.apply(done("2024-02", at: "2024-02-15T02:00:00Z"))
        // Down from February to 25/06/2024: March, April, May and June passed undone.
        let now = utc("2024-06-25T02:00:00Z")
        var engine = ReminderEngine(ledger: ledger, policy: .standard)
        engine.replanAll(now: now)
        var sent: [String] = []
        for round in 0..<20 {
            let due = engine.takeDue(now: now)
            if due.isEmpty { break }
            for r in due {
                sent.append(r.step.name)
                _ = engine.sent(r, at: now, eventID: "s-\(round)-\(sent.count)", actor: "hanchot")
            }
        }
        #expect(sent.map { String($0.prefix(7)) } == ["2024-03", "2024-04", "2024-05", "2024-06"], "\(sent)")
        #expect(sent.allSatisfy { $0.contains("/overdue-") }, "each the latest step of its occurrence: \(sent)")
        // The July occurrence is planned ahead (its first step: a week before 20/07 00:00).
        let wake = engine.nextWake()
        let next = try #require(wake)
        #expect(next > now)
        #expect(next <= utc("2024-07-12T17:00:00Z"))
    }
}

extension Event {
    func with(schema: Int) -> Event {
        var e = self
        e.schema = schema
        return e
    }
}
