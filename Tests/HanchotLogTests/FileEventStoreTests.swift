#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HanchotCore
@testable import HanchotLog
import SystemPackage
import Testing

@Suite struct FileEventStoreTests {
    // MARK: append and replay

    @Test func appendedEventsReplayInOrderWithTheirLines() throws {
        let dir = TempDir()
        let store = dir.store()
        let events = [issueEvent(), completeEvent(id: "c1"), completeEvent(task: "2", unit: nil, id: "c2")]
        let receipt = try store.append(events)
        #expect(receipt.outcomes == [.applied, .applied, .applied])
        #expect(receipt.written == 3)
        #expect(receipt.end.offset == fileSize(dir.file("events.jsonl")))

        let r = try replayAll(store)
        #expect(r.problems.isEmpty)
        #expect(r.events.map(\.0) == events)
        #expect(r.events.map(\.1.line) == [1, 2, 3])
        var offset: Int64 = 0
        for (event, location) in r.events {
            #expect(location.offset == offset)
            #expect(location.length == EventCodec.encode(event).utf8.count)
            offset += Int64(location.length + 1)
        }
        #expect(r.end == LogCursor(offset: offset, line: 4))
    }

    @Test func theFileHoldsExactlyTheEncodedLines() throws {
        let dir = TempDir()
        let events = [issueEvent(), completeEvent(id: "c1")]
        try dir.store().add(events)
        #expect(readBytes(dir.file("events.jsonl")) == events.flatMap(line))
    }

    @Test func appendsAccumulateAcrossCallsAndStores() throws {
        let dir = TempDir()
        try dir.store().add([issueEvent()])
        try dir.store().add([completeEvent(id: "c1")])
        let r = try replayAll(dir.store())
        #expect(r.events.map(\.0.id) == ["issue-D1", "c1"])
    }

    @Test func receiptStateHoldsTheTouchedDirectivesAfterTheBatch() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent(), issueEvent(makeDirective(id: "D2"))])
        let receipt = try store.append([completeEvent(id: "c1")])
        #expect(receipt.state.directives["D1"]?.assignments.first?.completedAt == t0.adding(seconds: 3600))
    }

    @Test func replayOfAMissingLogIsEmpty() throws {
        let dir = TempDir()
        let r = try replayAll(dir.store("nothing.jsonl"))
        #expect(r.events.isEmpty && r.problems.isEmpty)
        #expect(r.end == .beginning)
        #expect(dir.entries().isEmpty, "replay never creates the log")
    }

    @Test func anEmptyBatchWritesNothing() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent()])
        let before = readBytes(dir.file("events.jsonl"))
        let receipt = try store.append([])
        #expect(receipt.outcomes.isEmpty)
        #expect(readBytes(dir.file("events.jsonl")) == before)
    }

    @Test func aNewLogIsNotWorldReadable() throws {
        let dir = TempDir()
        try dir.store().add([issueEvent()])
        let mode = try FilePath(dir.file("events.jsonl")).stat().mode
        #expect(mode.permissions.isDisjoint(with: [.otherRead, .otherWrite, .otherExecute]))
        #expect(mode.permissions.contains(.ownerReadWrite))
    }

    // MARK: batches

    @Test func aBatchWithOneRejectedEventWritesNothing() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent(), completeEvent(id: "c1")])
        let before = readBytes(dir.file("events.jsonl"))
        let batch = [completeEvent(unit: "HĐND", id: "ok"), completeEvent(id: "again-UBND"), completeEvent(task: "2", unit: nil, id: "ok2")]
        #expect(outcomeText(append(store, batch)) == "refused[1]:already-completed")
        #expect(readBytes(dir.file("events.jsonl")) == before)
    }

    @Test func aBatchIsCheckedInOrderSoLaterEventsSeeEarlierOnes() throws {
        let dir = TempDir()
        let store = dir.store()
        let receipt = try store.append([issueEvent(), completeEvent(id: "c1"), reopenEvent(id: "r1"), completeEvent(id: "c2")])
        #expect(receipt.written == 4)
        // Completing twice in one batch is refused like completing twice in two.
        #expect(outcomeText(append(store, [completeEvent(unit: "HĐND", id: "a"), completeEvent(unit: "HĐND", id: "b")])) == "refused[1]:already-completed")
    }

    @Test func rejectedUnknownDirectiveListsTheKnownOnes() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent(makeDirective(id: "B")), issueEvent(makeDirective(id: "A"))])
        do {
            try store.add([completeEvent(directive: "X", id: "x")])
            Issue.record("appended")
        } catch AppendError.rejected(let index, let problem) {
            #expect(index == 0)
            #expect(problem == FoldProblem(.unknownDirective("X", known: ["B", "A"])))
        }
    }

    @Test func eventsWhoseIDIsInTheLogAreSkippedAsDuplicates() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent(), completeEvent(id: "c1")])
        let before = readBytes(dir.file("events.jsonl"))
        let receipt = try store.append([issueEvent(), completeEvent(id: "c1")])
        #expect(receipt.outcomes == [.duplicateID, .duplicateID])
        #expect(receipt.written == 0)
        #expect(readBytes(dir.file("events.jsonl")) == before)
    }

    @Test func aDuplicateIDInsideTheBatchIsSkippedAfterItsFirstCopy() throws {
        let dir = TempDir()
        let store = dir.store()
        let receipt = try store.append([issueEvent(), completeEvent(id: "c"), completeEvent(unit: "HĐND", id: "c")])
        #expect(receipt.outcomes == [.applied, .applied, .duplicateID])
        #expect(try replayAll(store).events.count == 2)
    }

    @Test func aDuplicateIsSkippedEvenWhenItWouldBreakARule() throws {
        // A retried batch: its completion is already in the log, so it is a no-op, not "already completed".
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent(), completeEvent(id: "c1")])
        let receipt = try store.append([completeEvent(id: "c1"), completeEvent(unit: "HĐND", id: "c2")])
        #expect(receipt.outcomes == [.duplicateID, .applied])
    }

    @Test func anEventThatCouldNotBeReadBackIsRefusedBeforeAnythingIsWritten() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent()])
        let before = readBytes(dir.file("events.jsonl"))
        let bad = [completeEvent(id: "ok"), completeEvent(unit: "HĐND", id: "")]
        #expect(outcomeText(append(store, bad)) == "unencodable[1]")
        let repeated = issueEvent(makeDirective(id: "D9", tasks: [makeTask(assignees: ["U", "U"])]))
        #expect(outcomeText(append(store, [repeated])) == "unencodable[0]")
        let huge = completeEvent(unit: "HĐND", id: "big", note: String(repeating: "x", count: EventCodec.maxLineBytes))
        #expect(outcomeText(append(store, [huge])) == "unencodable[0]")
        #expect(readBytes(dir.file("events.jsonl")) == before)
    }

    @Test func anInstantOutsideTheYearsTheLogCanWriteIsRefused() throws {
        // Timestamps are written as YYYY-…: an instant past 9999 or before 0001 could not be read back.
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent()])
        for seconds in [Int64(253_402_300_800), -62_135_596_801, Instant.distantFuture.secondsSinceEpoch] {
            let event = completeEvent(id: "far-\(seconds)", at: Instant(secondsSinceEpoch: seconds))
            #expect(outcomeText(append(store, [event])) == "unencodable[0]", "\(seconds)")
        }
        #expect(try replayAll(store).events.count == 1)
    }

    @Test func concurrentAppendersNeitherLoseNorInterleaveLines() async throws {
        let dir = TempDir()
        let path = dir.file("events.jsonl")
        try dir.store().add([issueEvent(makeDirective(id: "D", tasks: (0..<100).map { makeTask(id: "\($0)") }))])
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let store = FileEventStore(path: FilePath(path), zone: .vietnam)
                    for i in 0..<25 {
                        let n = writer * 25 + i
                        _ = try? store.append([completeEvent(directive: "D", task: "\(n)", unit: nil, id: "w\(writer)-\(i)")])
                    }
                }
            }
        }
        let r = try replayAll(dir.store())
        #expect(r.problems.isEmpty)
        #expect(r.events.count == 101)
        let (ledger, problems, _) = try dir.store().loadLedger(zone: .vietnam)
        #expect(problems.isEmpty)
        #expect(ledger.assignments.allSatisfy { !$0.isOpen })
    }

    // MARK: damage

    @Test func aTornTailIsReportedWithItsOffsetAndLine() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent(), completeEvent(id: "c1")])
        let size = fileSize(dir.file("events.jsonl"))
        let torn = Array(EventCodec.encode(completeEvent(unit: "HĐND", id: "c2")).utf8.prefix(40))
        appendBytes(dir.file("events.jsonl"), torn)

        let r = try replayAll(store)
        #expect(r.events.count == 2)
        #expect(r.problems.count == 1)
        let p = try #require(r.problems.first)
        #expect(p.kind == .tornTail)
        #expect(p.location == LineLocation(line: 3, offset: size, length: 40))
        #expect(p.isError)
        #expect(p.description.contains("events.jsonl:3"))
        // The cursor stops before the torn bytes, so a follower reads them again once complete.
        #expect(r.end == LogCursor(offset: size, line: 3))
    }

    @Test func anAppendAfterATornTailStartsOnANewLine() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent()])
        appendText(dir.file("events.jsonl"), #"{"v":1,"id":"torn"#)
        try store.add([completeEvent(id: "c1")])

        let r = try replayAll(store)
        #expect(r.events.map(\.0.id) == ["issue-D1", "c1"])
        #expect(r.events.map(\.1.line) == [1, 3])
        #expect(r.problems.count == 1)
        let p = try #require(r.problems.first)
        #expect(p.location.line == 2)
        guard case .malformed = p.kind else { Issue.record("expected malformed, got \(p.kind)"); return }
        let bytes = readBytes(dir.file("events.jsonl"))
        #expect(bytes.last == 0x0A)
        #expect(bytes.split(separator: 0x0A).count == 3)
    }

    @Test func aTailMissingOnlyItsNewlineStillHoldsItsEventAfterTheNextAppend() throws {
        // docs/events.md §8: if the cut removed only the newline, the line holds a complete event.
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent()])
        appendBytes(dir.file("events.jsonl"), Array(EventCodec.encode(completeEvent(id: "c1")).utf8))
        // The batch must be checked against that event: completing UBND again is refused...
        #expect(outcomeText(append(store, [completeEvent(id: "c-again")])) == "refused[0]:already-completed")
        // ...and its id counts as present.
        #expect(outcomeText(append(store, [completeEvent(id: "c1"), completeEvent(unit: "HĐND", id: "c2")])) == "duplicate,applied")
        let r = try replayAll(store)
        #expect(r.problems.isEmpty)
        #expect(r.events.map(\.0.id) == ["issue-D1", "c1", "c2"])
    }

    @Test func aGarbageLineInTheMiddleIsReportedAndTheRestStillReplays() throws {
        let dir = TempDir()
        let path = dir.file("events.jsonl")
        appendBytes(path, line(issueEvent()))
        appendText(path, "this is not json\n")
        appendBytes(path, line(completeEvent(id: "c1")))
        appendText(path, "\n")
        appendBytes(path, line(completeEvent(unit: "HĐND", id: "c2")))

        let r = try replayAll(dir.store())
        #expect(r.events.map(\.0.id) == ["issue-D1", "c1", "c2"])
        #expect(r.events.map(\.1.line) == [1, 3, 5])
        #expect(r.problems.map(\.location.line) == [2, 4])
        guard case .malformed(let e) = r.problems[0].kind else { Issue.record("expected malformed"); return }
        #expect(e.column == 1)
        #expect(r.problems[0].location.offset == Int64(line(issueEvent()).count))
        #expect(r.problems[0].description.hasPrefix("\(path):2 (byte \(line(issueEvent()).count)):"))
        guard case .malformed(let empty) = r.problems[1].kind else { Issue.record("expected malformed"); return }
        #expect(empty.message == "empty line")
    }

    @Test func appendsStillWorkAfterAGarbageLine() throws {
        let dir = TempDir()
        let path = dir.file("events.jsonl")
        appendBytes(path, line(issueEvent()))
        appendText(path, "{garbage}\n")
        let store = dir.store()
        #expect(outcomeText(append(store, [completeEvent(id: "c1")])) == "applied")
    }

    @Test func anOversizedLineIsSkippedWithAProblemAndTheRestReplays() throws {
        let dir = TempDir()
        let path = dir.file("events.jsonl")
        appendBytes(path, line(issueEvent()))
        let bigStart = fileSize(path)
        // Just over the limit (fits the read buffer) and far over it (bigger than the buffer).
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: EventCodec.maxLineBytes + 1)
        let huge = [UInt8](repeating: UInt8(ascii: "y"), count: LineReader.chunkSize + 123)
        appendBytes(path, big + [0x0A])
        appendBytes(path, line(completeEvent(id: "c1")))
        let hugeStart = fileSize(path)
        appendBytes(path, huge + [0x0A])
        appendBytes(path, line(completeEvent(unit: "HĐND", id: "c2")))

        let r = try replayAll(dir.store())
        #expect(r.events.map(\.0.id) == ["issue-D1", "c1", "c2"])
        #expect(r.events.map(\.1.line) == [1, 3, 5])
        #expect(r.problems.map(\.location) == [
            LineLocation(line: 2, offset: bigStart, length: big.count),
            LineLocation(line: 4, offset: hugeStart, length: huge.count),
        ])
        for p in r.problems {
            guard case .malformed(let e) = p.kind else { Issue.record("expected malformed"); continue }
            #expect(e.message.contains("over the limit"))
        }
        #expect(r.end.offset == fileSize(path))
    }

    @Test func appendsStillWorkAfterAnOversizedLine() throws {
        let dir = TempDir()
        let path = dir.file("events.jsonl")
        appendBytes(path, line(issueEvent()))
        appendBytes(path, [UInt8](repeating: 0x7B, count: EventCodec.maxLineBytes * 5) + [0x0A])
        #expect(outcomeText(append(dir.store(), [completeEvent(id: "c1")])) == "applied")
    }

    @Test func aCRLFLogReplaysBecauseTheCarriageReturnIsTrailingWhitespace() throws {
        // Documented behaviour: a log converted to CRLF (e.g. by an editor) still replays; the \r
        // stays in the line bytes and the codec reads it as whitespace after the object.
        let dir = TempDir()
        let path = dir.file("events.jsonl")
        for event in [issueEvent(), completeEvent(id: "c1")] {
            appendBytes(path, Array(EventCodec.encode(event).utf8) + [0x0D, 0x0A])
        }
        let r = try replayAll(dir.store())
        #expect(r.problems.isEmpty)
        #expect(r.events.map(\.0.id) == ["issue-D1", "c1"])
        #expect(r.events[0].1.length == EventCodec.encode(issueEvent()).utf8.count + 1)
    }

    // MARK: resuming

    @Test func replayFromACursorYieldsOnlyTheNewEvents() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent(), completeEvent(id: "c1")])
        let first = try replayAll(store)
        #expect(first.events.count == 2)

        let nothingNew = try replayAll(store, from: first.end)
        #expect(nothingNew.events.isEmpty && nothingNew.problems.isEmpty)
        #expect(nothingNew.end == first.end)

        try store.add([completeEvent(unit: "HĐND", id: "c2"), reopenEvent(id: "r1")])
        let next = try replayAll(store, from: first.end)
        #expect(next.events.map(\.0.id) == ["c2", "r1"])
        #expect(next.events.map(\.1.line) == [3, 4])
        #expect(next.events[0].1.offset == first.end.offset)
        #expect(next.end == LogCursor(offset: fileSize(dir.file("events.jsonl")), line: 5))
    }

    @Test func aFollowerReadsATornTailOnceItIsCompleted() throws {
        let dir = TempDir()
        let store = dir.store()
        let path = dir.file("events.jsonl")
        try store.add([issueEvent()])
        let full = line(completeEvent(id: "c1"))
        appendBytes(path, Array(full.prefix(30)))
        let partial = try replayAll(store)
        #expect(partial.problems.map(\.kind) == [.tornTail])
        appendBytes(path, Array(full.dropFirst(30)))
        let resumed = try replayAll(store, from: partial.end)
        #expect(resumed.problems.isEmpty)
        #expect(resumed.events.map(\.0.id) == ["c1"])
        #expect(resumed.events.first?.1.line == 2)
    }

    @Test func aCursorPastTheEndOfAShorterLogYieldsNothingAndStaysPut() throws {
        // Documented behaviour: replay does not notice that the log shrank under a cursor (the
        // follower must compare the cursor with the file size, or the inode, itself).
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent(), completeEvent(id: "c1")])
        let end = try replayAll(store).end
        #expect(truncate(dir.file("events.jsonl"), 10) == 0)
        let r = try replayAll(store, from: end)
        #expect(r.events.isEmpty && r.problems.isEmpty)
        #expect(r.end == end)
    }

    @Test func aReceiptCursorResumesWithUnknownLineNumbers() throws {
        let dir = TempDir()
        let store = dir.store()
        let receipt = try store.append([issueEvent()])
        try store.add([completeEvent(id: "c1")])
        let r = try replayAll(store, from: receipt.end)
        #expect(r.events.map(\.0.id) == ["c1"])
        #expect(r.events.first?.1.line == 0)
    }

    // MARK: loading

    @Test func loadLedgerReportsRejectedAndDuplicateLinesAndHonoursAsOf() throws {
        let dir = TempDir()
        let path = dir.file("events.jsonl")
        appendBytes(path, line(issueEvent()))
        appendBytes(path, line(completeEvent(id: "c1", at: t0.adding(seconds: 100))))
        appendBytes(path, line(completeEvent(id: "c1", at: t0.adding(seconds: 200))))          // duplicate id
        appendBytes(path, line(completeEvent(id: "c-again", at: t0.adding(seconds: 300))))     // already completed
        appendBytes(path, line(completeEvent(unit: "HĐND", id: "c2", at: t0.adding(seconds: 400))))
        let store = dir.store()

        let (ledger, problems, end) = try store.loadLedger(zone: .vietnam)
        #expect(end.offset == fileSize(path))
        #expect(ledger.eventCount == 3)
        #expect(problems.map(\.location.line) == [3, 4])
        #expect(problems[0].kind == .duplicateID("c1"))
        #expect(!problems[0].isError)
        guard case .rejected(let p) = problems[1].kind else { Issue.record("expected rejected"); return }
        #expect(p.code == "already-completed")
        #expect(problems[1].isError)

        let past = try store.loadLedger(asOf: t0.adding(seconds: 150), zone: .vietnam)
        #expect(past.ledger.eventCount == 2)
        #expect(past.problems.isEmpty)
    }

    // MARK: repair

    @Test func repairMovesATornTailToASideFileAndTruncates() throws {
        let dir = TempDir()
        let store = dir.store()
        let path = dir.file("events.jsonl")
        try store.add([issueEvent(), completeEvent(id: "c1")])
        let clean = readBytes(path)
        let torn = Array(#"{"v":1,"id":"half"#.utf8)
        appendBytes(path, torn)

        let repair = try #require(try store.repairTornTail())
        #expect(repair.offset == Int64(clean.count))
        #expect(repair.bytes == torn.count)
        #expect(repair.sideFile == "\(path).torn-\(clean.count)")
        #expect(readBytes(repair.sideFile) == torn)
        #expect(readBytes(path) == clean)
        #expect(try replayAll(store).problems.isEmpty)
        #expect(try store.repairTornTail() == nil)
    }

    @Test func aSecondTornTailAtTheSameOffsetIsNotRepairedOverTheFirstSideFile() throws {
        // The side file is created exclusively: an earlier repair's bytes are never overwritten, so
        // the second repair fails and leaves the log as it was (the operator moves the old side file).
        let dir = TempDir()
        let store = dir.store()
        let path = dir.file("events.jsonl")
        try store.add([issueEvent()])
        appendText(path, "torn-1")
        let first = try #require(try store.repairTornTail())
        appendText(path, "torn-2")
        let before = readBytes(path)
        #expect(throws: (any Error).self) { try store.repairTornTail() }
        #expect(readBytes(path) == before)
        #expect(readBytes(first.sideFile) == Array("torn-1".utf8))
    }

    @Test func repairOfACleanLogChangesNothing() throws {
        let dir = TempDir()
        let store = dir.store()
        try store.add([issueEvent()])
        let before = readBytes(dir.file("events.jsonl"))
        #expect(try store.repairTornTail() == nil)
        #expect(readBytes(dir.file("events.jsonl")) == before)
        #expect(dir.entries() == ["events.jsonl"])
    }

    @Test func repairLeavesMalformedLinesThatEndInANewlineAlone() throws {
        let dir = TempDir()
        let path = dir.file("events.jsonl")
        appendBytes(path, line(issueEvent()))
        appendText(path, "garbage\n")
        let before = readBytes(path)
        #expect(try dir.store().repairTornTail() == nil)
        #expect(readBytes(path) == before)
    }

    @Test func repairMovesAnOversizedTornTailToo() throws {
        let dir = TempDir()
        let path = dir.file("events.jsonl")
        appendBytes(path, line(issueEvent()))
        let size = fileSize(path)
        let tail = [UInt8](repeating: 0x41, count: LineReader.chunkSize + 10)
        appendBytes(path, tail)
        let repair = try #require(try dir.store().repairTornTail())
        #expect(repair.offset == size)
        #expect(repair.bytes == tail.count)
        #expect(fileSize(path) == size)
        #expect(readBytes(repair.sideFile) == tail)
    }
}

extension FileEventStore.TailRepair: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.sideFile == b.sideFile && a.offset == b.offset && a.bytes == b.bytes }
}
