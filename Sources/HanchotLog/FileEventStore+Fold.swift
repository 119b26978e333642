import HanchotCore
import SystemPackage

extension FileEventStore {
    /// Replay and fold in one pass over the file's bytes: most lines are applied straight from
    /// an ``EventView`` (no `String`, no ``Event``); any other line is decoded in full and folded
    /// exactly as ``EventStore/foldReplay(asOf:zone:)`` does, so the result is the same.
    /// A large log is decoded on a second thread while this one folds (see ``ReadAhead``).
    public func loadLedger(asOf: Instant?, zone: Zone) throws -> (ledger: Ledger, problems: [LineProblem], end: LogCursor) {
        var fold = Fold(ledger: Ledger(zone: zone), asOf: asOf, file: name)
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch Errno.noSuchFileOrDirectory {
            return (fold.ledger, [], .beginning)
        }
        let file = name
        let stop = try fd.closeAfter {
            let size = try fd.stat().size
            if size >= readAheadThreshold {
                return try ReadAhead.forEachLine(of: fd, size: size, file: file) { line in
                    switch line {
                    case .view(let view, let location, let bytes): fold.apply(view, location, bytes)
                    case .item(let item): fold.apply(item)
                    }
                }
            }
            return try LineReader(fd: fd).forEachLine(from: 0, to: size, firstLine: 1) { item in
                if case .line(let location, let bytes) = item, let view = EventCodec.view(bytes) {
                    fold.apply(view, location, bytes)
                } else {
                    fold.apply(FileEventStore.replayItem(item, file: file))
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

        init(ledger: Ledger, asOf: Instant?, file: String) {
            self.ledger = ledger
            self.asOf = asOf
            self.file = file
        }

        mutating func apply(_ view: EventView, _ location: LineLocation, _ bytes: UnsafeRawBufferPointer) {
            if let asOf, view.recordedAt > asOf { return }
            if ledger.apply(view) { return }
            // The view did not certainly apply: the full event decides, and words any problem.
            apply(FileEventStore.replayItem(.line(location, bytes), file: file))
        }

        mutating func apply(_ item: ReplayItem) {
            switch item {
            case .problem(let p):
                problems.append(p)
            case .event(let event, let location):
                if let asOf, event.recordedAt > asOf { return }
                if let problem = ledger.applyReporting(event, at: location, file: file) { problems.append(problem) }
            }
        }
    }
}
