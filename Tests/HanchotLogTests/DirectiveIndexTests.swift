#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HanchotCore
@testable import HanchotLog
import SystemPackage
import Testing

/// A store that never uses the index.
private func plainStore(_ dir: TempDir, _ name: String = "events.jsonl") -> FileEventStore {
    let store = dir.store(name)
    store.indexThreshold = Int64.max
    return store
}

private func openIndex(_ store: FileEventStore) throws -> DirectiveIndex? {
    let log = try FileDescriptor.open(store.path, .readOnly)
    return try log.closeAfter { DirectiveIndex.open(store.indexPath, for: log, logSize: try log.stat().size) }
}

/// Random batches over a small world of directives, tasks and units, so that every rule, duplicate
/// ids and repeated issues come up often.
private struct RandomBatches {
    var rng: SplitMix64
    /// Directive ids a batch may name; with `variants`, some are canonically equivalent spellings.
    let directiveIDs: [String]
    var issued: [String: Directive] = [:]
    var revoked: Set<String> = []
    var usedIDs: [String] = []
    var serial = 0
    var clock = t0

    init(seed: UInt64, variants: Bool) {
        rng = SplitMix64(seed: seed)
        var ids = ["D1", "D2", "D3", "D4", "D5", "CV-22/ĐU-2021", "TB 01/2022"]
        // "Quyết định" with é precomposed (NFC) and decomposed (NFD): the same string to Swift.
        if variants { ids += ["QĐ-\u{E9}", "QĐ-e\u{301}", "Ph\u{1B0}\u{1A1}ng", "Phu\u{31B}o\u{31B}ng"] }
        directiveIDs = ids
    }

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    /// A new id most of the time, an id already in the log (with other content) sometimes.
    mutating func eventID() -> String {
        if !usedIDs.isEmpty && chance(0.12) { return pick(usedIDs) }
        serial += 1
        return "ev-\(serial)"
    }

    /// Learns what the log now holds, so later events mostly name real directives, tasks and units.
    mutating func written(_ event: Event) {
        usedIDs.append(event.id)
        if case .directiveIssued(let d) = event.body, issued[d.id] == nil { issued[d.id] = d }
        if case .directiveRevoked(let r) = event.body { revoked.insert(r.directive) }
    }

    mutating func directive(_ id: String) -> Directive {
        let tasks = (1...Int.random(in: 1...3, using: &rng)).map { t in
            makeTask(id: "\(t)", assignees: Array(["UBND", "HĐND", "MTTQ"].prefix(Int.random(in: 1...3, using: &rng))),
                     due: chance(0.5) ? Due(instant: clock.adding(seconds: 86_400 * 10)) : nil)
        }
        return Directive(id: id, number: "số \(id)", issuedOn: chance(0.3) ? Zone.vietnam.date(of: clock) : nil,
                         title: "Về việc \(id)", tasks: tasks)
    }

    mutating func event() -> Event {
        clock = clock.adding(seconds: Int64.random(in: 0...20_000, using: &rng))
        let kind = Int.random(in: 0..<40, using: &rng)
        let live = issued.keys.filter { !revoked.contains($0) || chance(0.05) }.sorted()
        var directiveID = !live.isEmpty && chance(0.85) ? pick(live) : pick(directiveIDs)
        if kind < 6 && chance(0.6) {
            serial += 1
            directiveID = "D-\(serial)"  // a new directive most of the time; a repeated issue sometimes
        }
        let id = eventID()
        let known = issued[directiveID]
        let task = known.map { d in chance(0.9) ? pick(d.tasks).id : "9" } ?? pick(["1", "2"])
        let unit: String? = {
            let assignees = known?.task(task)?.assignees ?? ["UBND"]
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: return nil
            case 1: return "Chi bộ"
            default: return pick(assignees)
            }
        }()
        let body: Event.Body
        switch kind {
        case 0..<6:
            body = .directiveIssued(directive(directiveID))
        case 6..<20:
            body = .taskCompleted(Completion(directive: directiveID, task: task, unit: unit,
                                             completedAt: chance(0.1) ? clock.adding(seconds: -86_400 * 30) : clock))
        case 20..<27:
            body = .taskReopened(Reopening(directive: directiveID, task: task, unit: unit))
        case 27..<32:
            body = .deadlineChanged(DeadlineChange(directive: directiveID, task: task, unit: unit,
                                                   due: Due(instant: clock.adding(seconds: 86_400)), reason: "lùi hạn"))
        case 32:
            body = .directiveRevoked(Revocation(directive: directiveID, reason: "thu hồi"))
        default:
            body = .reminderSent(ReminderSent(directive: directiveID, task: task, unit: unit ?? "UBND", step: "before-7d",
                                              plannedAt: clock, sentAt: clock))
        }
        return Event(id: id, recordedAt: clock, actor: "vanphong", body: body)
    }

    mutating func batch() -> [Event] {
        (0..<Int.random(in: 1...3, using: &rng)).map { _ in event() }
    }
}

/// Appends the same random batches through an index-backed store and a plain one, on two files,
/// and requires the same outcome for every batch and byte-identical logs.
private func compareIndexedWithPlain(seed: UInt64, lag: Int64, variants: Bool, batches: Int) throws {
    let dir = TempDir()
    let indexed = indexedStore(dir, "indexed.jsonl", lag: lag)
    let plain = plainStore(dir, "plain.jsonl")
    var gen = RandomBatches(seed: seed, variants: variants)
    var counts: [String: Int] = [:]
    for n in 0..<batches {
        let batch = gen.batch()
        let plainResult = append(plain, batch)
        let a = outcomeText(append(indexed, batch))
        let b = outcomeText(plainResult)
        if a != b {
            let lines: String = batch.map { EventCodec.encode($0) }.joined(separator: "\n")
            Issue.record("seed \(seed) lag \(lag) batch \(n): indexed \(a) but plain \(b)\n\(lines)")
            return
        }
        for part in a.split(separator: ",") {
            let key = part.hasPrefix("refused") ? "refused:" + (part.split(separator: ":").last ?? "") : String(part)
            counts[key, default: 0] += 1
        }
        if case .success(let receipt) = plainResult {
            for (event, outcome) in zip(batch, receipt.outcomes) where outcome == .applied { gen.written(event) }
        }
    }
    #expect(readBytes(indexed.path.string) == readBytes(plain.path.string), "seed \(seed) lag \(lag): logs differ")
    #expect(fileSize(indexed.path.string + ".idx") > 0, "the index path was used")
    #expect(fileSize(plain.path.string + ".idx") == -1, "the plain store never writes an index")
    // The run exercised applied, duplicate and refused outcomes.
    #expect(counts["applied", default: 0] > batches / 4, "\(counts)")
    #expect(counts["duplicate", default: 0] > 5, "\(counts)")
    #expect(counts.keys.filter { $0.hasPrefix("refused") }.count >= 5, "\(counts)")
    // And a fresh full replay agrees with itself: nothing the index let through breaks a rule.
    let (_, problems, _) = try plain.loadLedger(zone: .vietnam)
    #expect(problems.isEmpty, "\(problems.prefix(3))")
}

@Suite struct DirectiveIndexTests {
    @Test(arguments: [(UInt64(1), Int64(0)), (2, 1_500), (3, 20_000), (4, 1 << 20)])
    func indexBackedAndPlainAppendsAgreeOnEveryOutcome(seed: UInt64, lag: Int64) throws {
        try compareIndexedWithPlain(seed: seed, lag: lag, variants: false, batches: 400)
    }

    @Test(arguments: [(UInt64(5), Int64(0)), (6, 3_000)])
    func indexBackedAndPlainAgreeWhenDirectiveIDsAreSpelledInDifferentNormalForms(seed: UInt64, lag: Int64) throws {
        // Swift compares strings by canonical equivalence, so the ledger treats "é" and "e\u{301}" as one
        // directive; the index must find its lines under either spelling.
        try compareIndexedWithPlain(seed: seed, lag: lag, variants: true, batches: 300)
    }

    @Test func indexDescribesEachDirectivesLinesAndEveryID() throws {
        let dir = TempDir()
        let store = plainStore(dir)
        try store.add([issueEvent(makeDirective(id: "B")), issueEvent(makeDirective(id: "A")),
                          completeEvent(directive: "B", id: "b1"), completeEvent(directive: "A", id: "a1"),
                          completeEvent(directive: "B", unit: "HĐND", id: "b2")])
        #expect(try store.rebuildIndex() == 5)
        let index = try #require(try openIndex(store))
        let r = try replayAll(store)
        let locations = r.events.map { LineLocation(line: 0, offset: $0.1.offset, length: $0.1.length) }
        #expect(index.lines(of: "B") == [locations[0], locations[2], locations[4]])
        #expect(index.lines(of: "A") == [locations[1], locations[3]])
        #expect(index.lines(of: "C").isEmpty)
        #expect(index.directiveIDs() == ["A", "B"])
        for id in ["issue-A", "issue-B", "a1", "b1", "b2"] { #expect(index.contains(eventID: EventIDSet.hash(id))) }
        #expect(!index.contains(eventID: EventIDSet.hash("b3")))
        #expect(index.coveredOffset == fileSize(store.path.string))
        #expect(index.coveredLine == 6)
    }

    @Test func everyIDOfALargeIndexIsFoundAndNoOther() throws {
        let dir = TempDir()
        let store = plainStore(dir)
        let directives = (0..<40).map { makeDirective(id: "D\($0)") }
        var events = directives.map { issueEvent($0) }
        for i in 0..<3_000 {
            events.append(Event(id: "r-\(i)", recordedAt: t0, actor: "hanchotd", body: .reminderSent(ReminderSent(
                directive: "D\(i % 40)", task: "1", unit: "UBND", step: "s\(i)", plannedAt: t0, sentAt: t0))))
        }
        try store.add(events)
        #expect(try store.rebuildIndex() == events.count)
        let index = try #require(try openIndex(store))
        let missing = events.filter { !index.contains(eventID: EventIDSet.hash($0.id)) }.count
        #expect(missing == 0, "ids written but not found")
        let strangers = (0..<3_000).map { "x-\($0)" }.filter { index.contains(eventID: EventIDSet.hash($0)) }
        #expect(strangers.isEmpty, "found but never written: \(strangers.prefix(5))")
        // The extremes of the hash space, where the starting guess sits at either end.
        #expect(!index.contains(eventID: EventIDSet.IDHash(high: 0, low: 1)))
        #expect(!index.contains(eventID: EventIDSet.IDHash(high: .max, low: .max)))
    }

    @Test func anIndexOfAnEmptyLogIsValidAndEmpty() throws {
        let dir = TempDir()
        let store = plainStore(dir)
        writeBytes(store.path.string, [])
        #expect(try store.rebuildIndex() == 0)
        let index = try #require(try openIndex(store))
        #expect(index.directiveIDs().isEmpty)
        #expect(index.coveredOffset == 0)
    }

    @Test func manyDirectivesAllFindTheirLines() throws {
        let dir = TempDir()
        let store = plainStore(dir)
        try store.add((0..<300).map { issueEvent(makeDirective(id: "D\($0)")) })
        try store.rebuildIndex()
        let index = try #require(try openIndex(store))
        #expect(index.directiveIDs().count == 300)
        for i in 0..<300 { #expect(index.lines(of: "D\(i)").count == 1) }
    }

    @Test func theIndexCoversCompleteLinesOnlyAndSkipsDamage() throws {
        let dir = TempDir()
        let store = plainStore(dir)
        let path = store.path.string
        appendBytes(path, line(issueEvent()))
        appendText(path, "garbage\n")
        appendBytes(path, line(completeEvent(id: "c1")))
        let clean = fileSize(path)
        appendText(path, #"{"v":1,"torn"#)
        #expect(try store.rebuildIndex() == 2)
        let index = try #require(try openIndex(store))
        #expect(index.coveredOffset == clean)
        #expect(index.lines(of: "D1").count == 2)
    }

    @Test func appendsWriteAndRefreshTheIndexOnceTheLogOutgrowsIt() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 0)
        try store.add([issueEvent()])
        let first = try #require(try openIndex(store))
        #expect(first.coveredOffset == fileSize(store.path.string))
        try store.add([completeEvent(id: "c1")])
        let second = try #require(try openIndex(store))
        #expect(second.coveredOffset == fileSize(store.path.string))

        let lazy = indexedStore(dir, "lazy.jsonl", lag: 1 << 30)
        try lazy.add([issueEvent()])
        let built = try #require(try openIndex(lazy))
        try lazy.add([completeEvent(id: "c1")])
        // Within the lag the index is left as it was; the tail past it is read at each append.
        #expect(try openIndex(lazy)?.coveredOffset == built.coveredOffset)
        #expect(outcomeText(append(lazy, [completeEvent(id: "c1")])) == "duplicate")
        #expect(outcomeText(append(lazy, [completeEvent(id: "c2")])) == "refused[0]:already-completed")
    }

    @Test func smallLogsDoNotUseTheIndexByDefault() throws {
        let dir = TempDir()
        let store = dir.store()
        #expect(store.indexThreshold == 256 << 10)
        #expect(store.maxIndexLag == 256 << 10)
        try store.add([issueEvent(), completeEvent(id: "c1")])
        #expect(dir.entries() == ["events.jsonl"])
    }

    // MARK: a disposable cache

    @Test func deletingTheIndexLosesNothing() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 0)
        try store.add([issueEvent(), completeEvent(id: "c1"), issueEvent(makeDirective(id: "D2"))])
        #expect(fileSize(store.indexPath.string) > 0)
        unlink(store.indexPath.string)

        #expect(outcomeText(append(store, [completeEvent(id: "c1")])) == "duplicate")
        #expect(outcomeText(append(store, [completeEvent(id: "c-again")])) == "refused[0]:already-completed")
        #expect(outcomeText(append(store, [issueEvent(makeDirective(id: "D2"), id: "new")])) == "refused[0]:duplicate-directive")
        #expect(outcomeText(append(store, [completeEvent(directive: "D2", id: "d2")])) == "applied")
        #expect(fileSize(store.indexPath.string) > 0, "rebuilt")
    }

    @Test func aGarbageIndexIsIgnoredAndRebuilt() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        try store.add([issueEvent(), completeEvent(id: "c1")])
        for garbage: [UInt8] in [[], [1, 2, 3], [UInt8](repeating: 0xAB, count: 4096)] {
            writeBytes(store.indexPath.string, garbage)
            #expect(try openIndex(store) == nil)
            #expect(outcomeText(append(store, [completeEvent(id: "c1")])) == "duplicate")
            #expect(outcomeText(append(store, [completeEvent(id: "c-again")])) == "refused[0]:already-completed")
            #expect(try openIndex(store) != nil, "rebuilt")
        }
    }

    @Test func anIndexInThePreviousFormatIsIgnoredAndRebuilt() throws {
        // Version 1 kept id hashes of another function: trusting it would miss every duplicate.
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        try store.add([issueEvent(), completeEvent(id: "c1")])
        try store.rebuildIndex()
        var bytes = readBytes(store.indexPath.string)
        #expect(try openIndex(store) != nil)
        bytes.replaceSubrange(0..<8, with: Array("HNCHIDX1".utf8))
        writeBytes(store.indexPath.string, bytes)
        #expect(try openIndex(store) == nil)
        #expect(outcomeText(append(store, [completeEvent(id: "c1")])) == "duplicate")
        #expect(try openIndex(store) != nil, "rebuilt")
    }

    @Test func anIndexWithDamagedRecordsDoesNotCrashTheAppend() throws {
        // The header still matches the log (same file, same bytes), but the body is garbage.
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        try store.add([issueEvent(), completeEvent(id: "c1"), issueEvent(makeDirective(id: "D2"))])
        try store.rebuildIndex()
        var bytes = readBytes(store.indexPath.string)
        #expect(try openIndex(store)?.directiveIDs() == ["D1", "D2"])
        let slotCount = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 48, as: UInt64.self)) }
        let idCount = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: 56, as: UInt64.self)) }
        let records = DirectiveIndex.headerSize + slotCount * 16 + idCount * 16
        for i in records..<bytes.count { bytes[i] = 0xFF }
        writeBytes(store.indexPath.string, bytes)
        // Whatever the damaged index says, the append does not crash, and the log stays consistent.
        _ = append(store, [completeEvent(directive: "D2", id: "d2")])
        _ = append(store, [completeEvent(id: "c1")])
        let (_, problems, _) = try store.loadLedger(zone: .vietnam)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func anIndexForALogReplacedByAnotherFileIsIgnored() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        try store.add([issueEvent(makeDirective(id: "OLD")), completeEvent(directive: "OLD", id: "old-c1")])
        try store.rebuildIndex()
        #expect(try openIndex(store)?.directiveIDs() == ["OLD"])

        // Another log is renamed over this one (a restore from backup, say).
        let other = plainStore(dir, "other.jsonl")
        try other.add([issueEvent(makeDirective(id: "NEW"))])
        #expect(rename(other.path.string, store.path.string) == 0)
        #expect(try openIndex(store) == nil, "different inode")

        #expect(outcomeText(append(store, [completeEvent(directive: "NEW", id: "new-c1")])) == "applied")
        #expect(outcomeText(append(store, [completeEvent(directive: "OLD", id: "x")])) == "refused[0]:unknown-directive")
        // An id that only the old log held is free again.
        #expect(outcomeText(append(store, [completeEvent(directive: "NEW", unit: "HĐND", id: "old-c1")])) == "applied")
        #expect(try openIndex(store) != nil)
    }

    @Test func anIndexForALogRewrittenInPlaceIsIgnored() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        try store.add([issueEvent(makeDirective(id: "OLD")), completeEvent(directive: "OLD", id: "old-c1")])
        try store.rebuildIndex()
        #expect(try openIndex(store)?.directiveIDs() == ["OLD"])
        let oldSize = fileSize(store.path.string)

        // Same inode, different (and longer) bytes.
        let longID = "NEW-LONGER-ID-" + String(repeating: "x", count: 50)
        let rewritten: [UInt8] = line(issueEvent(makeDirective(id: longID))) + line(issueEvent(makeDirective(id: "N2")))
        #expect(Int64(rewritten.count) > oldSize)
        let fd = try FileDescriptor.open(store.path, .writeOnly, options: [.truncate])
        _ = try fd.closeAfter { try fd.writeAll(rewritten) }
        #expect(try openIndex(store) == nil, "fingerprint mismatch")

        #expect(outcomeText(append(store, [completeEvent(directive: "OLD", id: "x")])) == "refused[0]:unknown-directive")
        #expect(outcomeText(append(store, [completeEvent(directive: "N2", unit: "HĐND", id: "old-c1")])) == "applied")
    }

    @Test func anIndexCoveringMoreThanATruncatedLogIsIgnored() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        try store.add([issueEvent(), completeEvent(id: "c1")])
        let keep = fileSize(store.path.string)
        try store.add([issueEvent(makeDirective(id: "D2")), completeEvent(directive: "D2", id: "d2-c1")])
        try store.rebuildIndex()
        #expect(try openIndex(store)?.coveredOffset == fileSize(store.path.string))

        #expect(truncate(store.path.string, off_t(keep)) == 0)
        #expect(try openIndex(store) == nil)
        #expect(outcomeText(append(store, [completeEvent(directive: "D2", id: "y")])) == "refused[0]:unknown-directive")
        #expect(outcomeText(append(store, [issueEvent(makeDirective(id: "D2"), id: "d2-c1")])) == "applied")
        #expect(outcomeText(append(store, [completeEvent(id: "c1")])) == "duplicate")
    }

    @Test func unknownDirectiveThroughTheIndexStillListsTheKnownOnes() throws {
        let dir = TempDir()
        let store = indexedStore(dir, lag: 1 << 30)
        try store.add([issueEvent(makeDirective(id: "B"))])
        try store.rebuildIndex()
        try store.add([issueEvent(makeDirective(id: "A"))])  // in the tail, past the index
        do {
            try store.add([completeEvent(directive: "X", id: "x")])
            Issue.record("appended")
        } catch AppendError.rejected(_, let problem) {
            guard case .unknownDirective(let id, let known) = problem.kind else { Issue.record("\(problem)"); return }
            #expect(id == "X")
            #expect(Set(known) == ["A", "B"])
        }
    }
}

/// Lines another writer (or a hand edit) left in the log that replay reports and skips. The plain
/// append path folds them exactly as replay does, and so does the index path (it indexes only
/// applied lines, and skips tail lines whose id was used before).
@Suite struct DirectiveIndexDamagedLogTests {
    /// The same bytes in two logs; returns the outcome of `batch` through a plain and an indexed store.
    private func outcomes(log: [Event], batch: [Event]) throws -> (plain: String, indexed: String) {
        let dir = TempDir()
        let plain = plainStore(dir, "plain.jsonl")
        let indexed = indexedStore(dir, "indexed.jsonl", lag: 1 << 30)
        for store in [plain, indexed] {
            for event in log { appendBytes(store.path.string, line(event)) }
        }
        try indexed.rebuildIndex()
        return (outcomeText(append(plain, batch)), outcomeText(append(indexed, batch)))
    }

    @Test func theIDOfARejectedLineIsFreeForTheAppendAsForReplay() throws {
        // Line 2 completes an unknown task: replay skips it, so its id "X" was never applied.
        let log = [issueEvent(), completeEvent(task: "9", id: "X")]
        let batch = [completeEvent(id: "X")]
        let (plain, indexed) = try outcomes(log: log, batch: batch)
        #expect(plain == "applied")
        #expect(indexed == plain)
    }

    @Test func aLineIgnoredAsADuplicateIDDoesNotChangeItsDirective() throws {
        // Line 4 reuses id "Z" (applied on line 3 for D1): replay ignores it, so D2's UBND stays open.
        let log = [issueEvent(), issueEvent(makeDirective(id: "D2")), completeEvent(id: "Z"),
                   completeEvent(directive: "D2", id: "Z")]
        let batch = [completeEvent(directive: "D2", id: "new")]
        let (plain, indexed) = try outcomes(log: log, batch: batch)
        #expect(plain == "applied")
        #expect(indexed == plain)
    }
}
