import HanchotCore
@testable import HanchotLog
import Testing

/// `FileEventStore.loadLedger` folds most lines straight from an `EventView`, on a second thread
/// for large logs. These tests hold it to the plain path (`foldReplay`: every line decoded to an
/// `Event`, then `Ledger.apply`) on logs full of the cases where the two could drift apart.
@Suite("Fast replay folds exactly like the plain one")
struct FastFoldTests {
    /// Units spelled with precomposed letters (NFC); the log sometimes spells them decomposed.
    static let units = ["UBND xã", "Chi bộ thôn 2", "Đoàn Thanh niên", "Hội Nông dân xã"]
    static let nfd = ["UBND xa\u{0300}", "Chi bo\u{0323}\u{0302} tho\u{0302}n 2", "Đoa\u{0300}n Thanh nie\u{0302}n", "Ho\u{0323}\u{0302}i No\u{0302}ng da\u{0302}n xa\u{0303}"]

    /// A log of `count` lines drawn at random from everything the fold distinguishes.
    static func randomLog(seed: UInt64, count: Int) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var out: [UInt8] = []
        var directives: [String] = []
        var usedIDs: [String] = []
        func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }
        for n in 0..<count {
            let at = t0.adding(seconds: Int64(n * 60))
            let id = usedIDs.count > 10 && Int.random(in: 0..<40, using: &rng) == 0 ? pick(usedIDs) : "e-\(seed)-\(n)"
            usedIDs.append(id)
            let roll = Int.random(in: 0..<100, using: &rng)
            if directives.isEmpty || roll < 6 {
                let d = roll == 5 && !directives.isEmpty ? pick(directives) : "\(n)-CV/ĐU-2021"  // sometimes a duplicate
                let tasks = [makeTask(id: "1", assignees: Array(units.prefix(3))), makeTask(id: "2.a", assignees: [units[3]]),
                             makeTask(id: "3", assignees: [units[0], units[3]])]
                let issued = Directive(id: d, number: "\(n)-CV/ĐU", issuedOn: Int.random(in: 0..<2, using: &rng) == 0 ? nil : CivilDate(year: 2021, month: 12, day: 16),
                                       title: "Về việc \(n)", tasks: tasks)
                out += line(Event(id: id, recordedAt: at, actor: "vanphong", body: .directiveIssued(issued)))
                directives.append(d)
                continue
            }
            var directive = pick(directives)
            if Int.random(in: 0..<50, using: &rng) == 0 { directive = "unknown-\(n)" }
            let task = pick(["1", "1", "2.a", "3", "9"])
            let i = Int.random(in: 0..<units.count, using: &rng)
            let unitRoll = Int.random(in: 0..<20, using: &rng)
            let unit: String? = unitRoll == 0 ? nil : unitRoll == 1 ? nfd[i] : units[i]
            // Times around the issue date, some before it (a completion then breaks a rule).
            let when = t0.adding(seconds: Int64(Int.random(in: -86_400 * 3...86_400 * 30, using: &rng)))
            let body: Event.Body
            switch roll {
            case 6..<40:
                body = .reminderSent(ReminderSent(directive: directive, task: task, unit: unit ?? units[i],
                                                  step: pick(["before-7d", "before-1d", "due", "overdue-1", "overdue-2"]),
                                                  plannedAt: when, sentAt: when.adding(seconds: 5)))
            case 40..<65:
                body = .taskCompleted(Completion(directive: directive, task: task, unit: unit, completedAt: when,
                                                 note: Int.random(in: 0..<3, using: &rng) == 0 ? "xong \(n)" : nil))
            case 65..<80:
                body = .taskReopened(Reopening(directive: directive, task: task, unit: unit,
                                               reason: Int.random(in: 0..<2, using: &rng) == 0 ? "thiếu" : nil))
            case 80..<97:
                body = .deadlineChanged(DeadlineChange(directive: directive, task: task, unit: unit,
                                                       due: Due(instant: when, phrase: Int.random(in: 0..<2, using: &rng) == 0 ? "trước ngày 5/1/2022" : nil),
                                                       reason: "gia hạn"))
            default:
                body = .directiveRevoked(Revocation(directive: directive, reason: "thay thế"))
            }
            var text = EventCodec.encode(Event(id: id, recordedAt: at, actor: "vanphong", body: body))
            // Spellings the view leaves to the full decoder: escapes, nulls, a malformed line.
            switch Int.random(in: 0..<60, using: &rng) {
            case 0: text = text.replacingOccurrences(of: "\"actor\":\"vanphong\"", with: "\"actor\":\"v\\u0061nphong\"")
            case 1: text = text.replacingOccurrences(of: "\"task\":\"1\"", with: "\"task\":\"\\u0031\"")
            case 2: text = String(text.dropLast())  // malformed
            case 3: text = text.replacingOccurrences(of: "{\"v\":1,", with: "{\"unit\":null,\"v\":1,")
            case 4: text = text.replacingOccurrences(of: "\"v\":1", with: "\"v\":2")
            default: break
            }
            out += Array(text.utf8) + [0x0A]
        }
        return out
    }

    static func compare(_ bytes: [UInt8], asOf: Instant? = nil, readAhead: Bool,
                        fullDecoding: ReadAhead.FullDecoding = .balanced) throws {
        let dir = TempDir()
        writeBytes(dir.file("events.jsonl"), bytes)
        let store = dir.store()
        store.readAheadThreshold = readAhead ? 0 : .max
        store.readAheadFullDecoding = fullDecoding
        let fast = try store.loadLedger(asOf: asOf, zone: .vietnam)
        let plain = try store.foldReplay(asOf: asOf, zone: .vietnam)
        // Compared as Booleans, with the first difference in words: printing both sides of a
        // failed comparison of a whole ledger would print megabytes.
        let sameOrder = fast.ledger.order == plain.ledger.order
        #expect(sameOrder, "directive order differs (\(fast.ledger.order.count) vs \(plain.ledger.order.count) directives)")
        // Compared directive by directive, so a failure names the first one that differs.
        let differing = zip(fast.ledger.directives.values, plain.ledger.directives.values).first { $0 != $1 }
        #expect(differing == nil, "first differing directive: \(differing.map { "\($0.0.directive.id): fast \($0.0.assignments) plain \($0.1.assignments)" } ?? "")")
        let sameDirectives = fast.ledger.directives == plain.ledger.directives
        #expect(sameDirectives)
        #expect(fast.ledger.eventCount == plain.ledger.eventCount)
        let firstProblem = zip(fast.problems, plain.problems).first { $0 != $1 }
        let sameProblems = fast.problems == plain.problems
        #expect(sameProblems, "\(fast.problems.count) vs \(plain.problems.count) problems; first differing: \(firstProblem.map { "fast \($0.0) plain \($0.1)" } ?? "none (one list is longer)")")
        #expect(fast.end == plain.end)
        // The state is not trivially empty: the comparison means something.
        #expect(plain.ledger.eventCount > 0)
    }

    @Test("random logs with duplicates, broken rules, decomposed spellings, escapes and bad lines",
          arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomLogs(seed: UInt64) throws {
        let bytes = FastFoldTests.randomLog(seed: seed, count: 3_000)
        try FastFoldTests.compare(bytes, readAhead: false)
        try FastFoldTests.compare(bytes, readAhead: true, fullDecoding: .reader)
        try FastFoldTests.compare(bytes, readAhead: true, fullDecoding: .fold)
        try FastFoldTests.compare(bytes, asOf: t0.adding(seconds: 1_500 * 60), readAhead: true)
    }

    @Test("a log of several read-ahead buffers: lines cut by a buffer's end are carried whole into the next")
    func logAcrossReadAheadBuffers() throws {
        var bytes = FastFoldTests.randomLog(seed: 21, count: 40_000)
        // Each buffer boundary falls inside some line, which the reader carries to the next
        // buffer; the views of the lines before it still point into the buffer they came from.
        #expect(bytes.count > 2 * LineReader.capacity, "the log spans at least three buffers")
        bytes += Array("{\"v\":1,\"id\":\"torn".utf8)
        try FastFoldTests.compare(bytes, readAhead: false)
        // Lines without a view decoded by either thread, or by whichever is idle, batch by batch.
        for where_ in [ReadAhead.FullDecoding.balanced, .reader, .fold] {
            try FastFoldTests.compare(bytes, readAhead: true, fullDecoding: where_)
        }
    }

    @Test("a torn last line and an oversized line are reported the same way on both paths")
    func tornAndOversized() throws {
        var bytes = FastFoldTests.randomLog(seed: 9, count: 500)
        bytes += Array("{\"v\":1,\"id\":\"big\",\"note\":\"".utf8) + [UInt8](repeating: 0x61, count: EventCodec.maxLineBytes) + Array("\"}\n".utf8)
        bytes += FastFoldTests.randomLog(seed: 10, count: 200)
        bytes += Array("{\"v\":1,\"id\":\"torn".utf8)
        try FastFoldTests.compare(bytes, readAhead: false)
        try FastFoldTests.compare(bytes, readAhead: true)
    }

    @Test("a view line too long for read-ahead to pack is decoded in full, with the same result")
    func longViewLines() throws {
        var bytes = FastFoldTests.randomLog(seed: 12, count: 800)
        // Completions of assignments the random log issued, with notes of 70,000 bytes.
        let lines = bytes.split(separator: 0x0A).map { Array($0) }
        var added = 0
        for line in lines where added < 3 {
            guard let event = try? line.withUnsafeBytes({ try EventCodec.decode($0) }),
                  case .directiveIssued(let d) = event.body, let task = d.tasks.first else { continue }
            let done = Event(id: "long-\(added)", recordedAt: event.recordedAt.adding(seconds: 60), actor: "vanphong",
                             body: .taskCompleted(Completion(directive: d.id, task: task.id, unit: task.assignees[0],
                                                             completedAt: event.recordedAt.adding(seconds: 30),
                                                             note: String(repeating: "ghi chú ", count: 7_000))))
            bytes += Array(EventCodec.encode(done).utf8) + [0x0A]
            added += 1
        }
        #expect(added == 3)
        try FastFoldTests.compare(bytes, readAhead: false)
        try FastFoldTests.compare(bytes, readAhead: true)
    }

    @Test("a line the view reads decodes to the same values in full")
    func viewAgreesWithDecode() throws {
        let bytes = FastFoldTests.randomLog(seed: 11, count: 2_000)
        var viewed = 0
        for lineBytes in bytes.split(separator: 0x0A) {
            let line = Array(lineBytes)
            try line.withUnsafeBytes { buf in
                guard let view = EventCodec.view(buf) else { return }
                viewed += 1
                let event = try EventCodec.decode(buf)
                #expect(view.id.string == event.id)
                #expect(view.recordedAt == event.recordedAt)
                #expect(view.directive.string == event.directiveID)
                switch event.body {
                case .reminderSent(let s):
                    #expect(view.kind == .reminderSent && view.task.string == s.task && view.unit?.string == s.unit)
                    #expect(view.step.string == s.step && view.instant == s.sentAt)
                case .taskCompleted(let c):
                    #expect(view.kind == .taskCompleted && view.task.string == c.task && view.unit?.string == c.unit)
                    #expect(view.instant == c.completedAt && view.text?.string == c.note)
                case .taskReopened(let r):
                    #expect(view.kind == .taskReopened && view.task.string == r.task && view.unit?.string == r.unit)
                case .deadlineChanged(let c):
                    #expect(view.kind == .deadlineChanged && view.task.string == c.task && view.unit?.string == c.unit)
                    #expect(view.instant == c.due.instant && view.text?.string == c.due.phrase)
                case .directiveIssued, .directiveRevoked:
                    Issue.record("a view was made of a \(event.type.rawValue) line")
                }
            }
        }
        #expect(viewed > 1_000, "most lines of a realistic log take the fast path")
    }
}
