import HanchotCore
import SystemPackage

/// The state an append is checked against, built while the log is locked.
///
/// A small log is folded whole. A large one is folded only for the directives the batch touches
/// (every rule of the fold is per directive): their lines come from the directive index, plus
/// the lines past the index's end; event ids are looked up in the index and that tail.
struct AppendCheck {
    var ledger: Ledger
    private var tailIDs = Set<EventIDSet.IDHash>()
    private let index: DirectiveIndex?
    private var tailDirectives: [String] = []
    private(set) var indexedUpTo: Int64 = 0

    init(store: FileEventStore, log: FileDescriptor, size: Int64, directives: Set<String>) throws {
        ledger = Ledger(zone: store.zone)
        var index: DirectiveIndex?
        if size >= store.indexThreshold {
            index = DirectiveIndex.openOrBuild(store.indexPath, for: log, logSize: size, zone: store.zone)
        }
        self.index = index
        guard let index else {
            var folded = Ledger(zone: store.zone)
            _ = try store.replay(log, from: .beginning, to: size) { item in
                if let event = AppendCheck.event(in: item, log: log) { folded.apply(event) }
            }
            ledger = folded
            return
        }
        indexedUpTo = index.coveredOffset
        var folded = Ledger(zone: store.zone)
        for directive in directives.sorted() {
            for location in index.lines(of: directive) {
                var bytes = [UInt8](repeating: 0, count: location.length)
                let got = try bytes.withUnsafeMutableBytes { try log.read(fromAbsoluteOffset: location.offset, into: $0) }
                // The index is a cache: a line that no longer reads back as this directive's is ignored.
                guard got == location.length else { continue }
                let viewed = bytes.withUnsafeBytes { line in
                    // Most lines apply straight from their bytes, as in replay; any other goes
                    // through the full decode, which decides exactly as before.
                    guard let view = EventCodec.view(line), view.directive.bytesEqual(directive) else { return false }
                    return folded.apply(view)
                }
                if !viewed, let event = try? EventCodec.decode(bytes), event.directiveID == directive {
                    folded.apply(event)
                }
            }
        }
        var ids = Set<EventIDSet.IDHash>()
        var seenDirectives: [String] = []
        _ = try LineReader(fd: log).forEachLine(from: index.coveredOffset, to: size, firstLine: 0) { lineItem in
            if case .line(_, let bytes) = lineItem, let view = EventCodec.view(bytes) {
                // The same steps as below, from the line's bytes (the tail may hold ~1,000 lines).
                let h = view.idHash
                if ids.contains(h) || index.contains(eventID: h) { return }
                if directives.contains(view.directive.string), !folded.apply(view) {
                    // Not certainly applied: the full event decides.
                    guard let event = try? EventCodec.decode(bytes), folded.apply(event) == .applied else { return }
                }
                ids.insert(h)
                return
            }
            let item = FileEventStore.replayItem(lineItem, file: store.name)
            guard let event = AppendCheck.event(in: item, log: log) else { return }
            // As in replay, an id already used anywhere earlier makes the line a no-op.
            let h = EventIDSet.hash(event.id)
            if ids.contains(h) || index.contains(eventID: h) { return }
            if directives.contains(event.directiveID) {
                guard folded.apply(event) == .applied else { return }
            }
            ids.insert(h)
            if case .directiveIssued(let d) = event.body { seenDirectives.append(d.id) }
        }
        ledger = folded
        tailIDs = ids
        tailDirectives = seenDirectives
    }

    /// The event a replay item holds. A torn last line that holds a whole event counts too: the
    /// append writes a newline before its own lines, which makes that line a valid event for every
    /// later replay, so the batch must be checked against it.
    private static func event(in item: ReplayItem, log: FileDescriptor) -> Event? {
        switch item {
        case .event(let event, _):
            return event
        case .problem(let p):
            guard case .tornTail = p.kind, p.location.length <= EventCodec.maxLineBytes else { return nil }
            var bytes = [UInt8](repeating: 0, count: p.location.length)
            let got = try? bytes.withUnsafeMutableBytes { try log.read(fromAbsoluteOffset: p.location.offset, into: $0) }
            guard got == bytes.count else { return nil }
            return try? EventCodec.decode(bytes)
        }
    }

    func seen(_ id: String) -> Bool {
        if ledger.contains(eventID: id) { return true }
        let h = EventIDSet.hash(id)
        return tailIDs.contains(h) || (index?.contains(eventID: h) ?? false)
    }

    mutating func remember(_ id: String) {
        tailIDs.insert(EventIDSet.hash(id))
    }

    /// Fills in the list of known directives, which a partial fold cannot know by itself.
    func explained(_ problem: FoldProblem) -> FoldProblem {
        guard case .unknownDirective(let id, _) = problem.kind, let index else { return problem }
        return FoldProblem(.unknownDirective(id, known: index.directiveIDs() + tailDirectives))
    }
}
