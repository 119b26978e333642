import HanchotCore
import SystemPackage

extension FileEventStore {
    /// Replay and fold in one pass over the file's bytes: most lines are applied straight from
    /// an ``EventView`` (no `String`, no ``Event``); any other line is decoded in full and folded
    /// exactly as ``EventStore/foldReplay(asOf:zone:)`` does, so the result is the same.
    /// A large log is decoded on a second thread while this one folds (see ``ReadAhead``).
    public func loadLedger(asOf: Instant?, zone: Zone) throws -> (ledger: Ledger, problems: [LineProblem], end: LogCursor) {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch Errno.noSuchFileOrDirectory {
            return (Ledger(zone: zone), [], .beginning)
        }
        return try fd.closeAfter {
            let folded = try fold(fd, to: try fd.stat().size, zone: zone, asOf: asOf)
            return (folded.ledger, folded.problems, folded.end)
        }
    }

    /// Folds `[0, end)` of `fd`. `applied` is told of each line the fold applied: where it is,
    /// the position of its directive (``Ledger/directivePosition(of:)``) and its id's hash.
    func fold(_ fd: FileDescriptor, to end: Int64, zone: Zone, asOf: Instant? = nil,
              applied: ((LineLocation, Int, EventIDSet.IDHash) -> Void)? = nil) throws -> (ledger: Ledger, problems: [LineProblem], end: LogCursor) {
        try FileEventStore.fold(fd, to: end, zone: zone, file: name, readAhead: end >= readAheadThreshold,
                                fullDecoding: readAheadFullDecoding, asOf: asOf, applied: applied)
    }

    /// `fold` for a log file opened by someone else (the directive index rebuilds this way).
    static func fold(_ fd: FileDescriptor, to end: Int64, zone: Zone, file: String, readAhead: Bool,
                     fullDecoding: ReadAhead.FullDecoding = .balanced, asOf: Instant? = nil,
                     applied: ((LineLocation, Int, EventIDSet.IDHash) -> Void)? = nil) throws -> (ledger: Ledger, problems: [LineProblem], end: LogCursor) {
        var fold = Fold(ledger: Ledger(zone: zone), asOf: asOf, file: file, applied: applied)
        // Lines of a log average 200–300 bytes: room for that many ids saves growing the table.
        // Reserved in the fold's own ledger: reserved in a ledger then copied into the fold, the
        // table was shared by both, and the first id inserted copied all of it (32 MB on a
        // 1M-event log, with a page fault for every 4 KB of the copy). With read-ahead, reserved
        // once the reader has started: zeroing the table then overlaps with decoding.
        let events = Int(end / 256)
        let stop: (offset: Int64, line: Int)
        if readAhead {
            stop = try ReadAhead.forEachBatch(of: fd, size: end, file: file, fullDecoding: fullDecoding,
                                              prepare: { fold.ledger.reserveCapacity(events: events) }) { fold.apply($0) }
        } else {
            fold.ledger.reserveCapacity(events: events)
            var dates = Timestamp.DayMemo()
            stop = try LineReader(fd: fd).forEachLine(from: 0, to: end, firstLine: 1) { item in
                if case .line(let location, let bytes) = item, let view = EventCodec.view(bytes, dates: &dates) {
                    fold.apply(view, location, bytes)
                } else {
                    fold.apply(FileEventStore.replayItem(item, file: file, names: fold.names))
                }
            }
        }
        return (fold.ledger, fold.problems, LogCursor(offset: stop.offset, line: stop.line))
    }

    /// The ledger being built and the problems met so far.
    private struct Fold {
        var ledger: Ledger
        var problems: [LineProblem] = []
        let asOf: Instant?
        let file: String
        let applied: ((LineLocation, Int, EventIDSet.IDHash) -> Void)?
        /// For the lines this thread decodes in full.
        let names = NamePool()

        init(ledger: Ledger, asOf: Instant?, file: String, applied: ((LineLocation, Int, EventIDSet.IDHash) -> Void)?) {
            self.ledger = ledger
            self.asOf = asOf
            self.file = file
            self.applied = applied
        }

        /// Folds a batch of read-ahead lines in order, starting the memory loads of each view 8
        /// lines before it is applied (far enough for a cache miss to complete meanwhile), and
        /// those of its sent steps and step name 4 lines before.
        mutating func apply(_ batch: ReadAhead.Batch) {
            // Indexed directly, not in a closure over the records' buffer: a closure holds `self`
            // in an access checked at run time, and to call the ledger's (opaque) prefetch Swift
            // then copied the whole ledger on every line.
            let records = batch.records
            let n = records.count
            for i in 0..<n {
                if i + 8 < n {
                    let ahead = records[i + 8].view?.prefetchHint, near = records[i + 4].view?.prefetchHint
                    ledger.prefetch(ahead, sentStepsOf: near)
                    records[i + 4].view?.prefetchStep(in: batch.line(of: records[i + 4]))
                }
                if let packed = records[i].view {
                    let line = batch.line(of: records[i])
                    apply(packed.view(line: line), records[i].location, line)
                } else {
                    apply(batch.item(of: records[i], file: file, names: names))
                }
            }
        }

        mutating func apply(_ view: EventView, _ location: LineLocation, _ bytes: UnsafeRawBufferPointer) {
            if let asOf, view.recordedAt > asOf { return }
            if let position = ledger.applyReturningPosition(view) {
                applied?(location, position, view.idHash)
                return
            }
            // The view did not certainly apply: the full event decides, and words any problem.
            apply(FileEventStore.replayItem(.line(location, bytes), file: file, names: names))
        }

        mutating func apply(_ item: ReplayItem) {
            switch item {
            case .problem(let p):
                problems.append(p)
            case .event(let event, let location):
                if let asOf, event.recordedAt > asOf { return }
                if let problem = ledger.applyReporting(event, at: location, file: file) {
                    problems.append(problem)
                } else if let applied, let position = ledger.directivePosition(of: event.directiveID) {
                    applied(location, position, EventIDSet.hash(event.id))
                }
            }
        }
    }
}
