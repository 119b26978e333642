#if canImport(Glibc)
import Glibc
#endif
import HanchotCore
import SystemPackage

/// The embedded default store: one JSON event per line in a local file.
///
/// - Append protocol: `O_APPEND`, exclusive `flock`, check the batch against the state, one
///   `write` of whole lines, unlock, `fsync`, and only then report success. Unlocking before
///   `fsync` lets concurrent appenders share flushes (measured: 4 writers reach thousands of
///   appends a second this way, a few hundred otherwise); the data is already in the page cache
///   in log order, so nothing can interleave.
/// - A torn last line (crash mid-write) is left where it is: replay reports and skips it, and
///   the next append starts with a newline so it never glues onto it.
public final class FileEventStore: EventStore {
    public let path: FilePath
    public let zone: Zone
    /// Logs up to this size are folded whole when an append is checked; bigger ones use the
    /// directive index (`<log>.idx`).
    public var indexThreshold: Int64 = 256 << 10
    /// The index is rebuilt once the log has grown this far past it.
    public var maxIndexLag: Int64 = 256 << 10
    /// Logs this big or bigger are decoded on a second thread while the fold runs (``ReadAhead``).
    public var readAheadThreshold: Int64 = ReadAhead.minimumSize
    /// Where read-ahead decodes the lines that get no view (tests pin it; see ``ReadAhead/FullDecoding``).
    var readAheadFullDecoding = ReadAhead.FullDecoding.balanced

    public var name: String { path.string }
    var indexPath: FilePath { FilePath(path.string + ".idx") }

    public init(path: FilePath, zone: Zone) {
        self.path = path
        self.zone = zone
    }

    // MARK: replay

    @discardableResult
    public func replay(from cursor: LogCursor, _ visit: (ReplayItem) throws -> Void) throws -> LogCursor {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch Errno.noSuchFileOrDirectory {
            return cursor  // no log yet: nothing has happened
        }
        return try fd.closeAfter {
            let size = try fd.stat().size
            return try replay(fd, from: cursor, to: size, visit)
        }
    }

    func replay(_ fd: FileDescriptor, from cursor: LogCursor, to end: Int64,
                _ visit: (ReplayItem) throws -> Void) throws -> LogCursor {
        let file = name
        let stop = try LineReader(fd: fd).forEachLine(from: cursor.offset, to: end, firstLine: cursor.line) { item in
            try visit(FileEventStore.replayItem(item, file: file))
        }
        return LogCursor(offset: stop.offset, line: stop.line)
    }

    /// What replay makes of one item the line reader found.
    static func replayItem(_ item: LineReader.Item, file: String, names: NamePool? = nil) -> ReplayItem {
        switch item {
        case .line(let location, let bytes):
            do throws(CodecError) {
                return .event(try EventCodec.decode(bytes, names: names), location)
            } catch {
                return .problem(LineProblem(file: file, location: location, kind: .malformed(error)))
            }
        case .oversized(let location):
            let error = CodecError("line is \(location.length) bytes, over the limit of \(EventCodec.maxLineBytes) bytes")
            return .problem(LineProblem(file: file, location: location, kind: .malformed(error)))
        case .unterminated(let location):
            return .problem(LineProblem(file: file, location: location, kind: .tornTail))
        }
    }

    // MARK: append

    public func append(_ events: [Event]) throws -> AppendReceipt {
        var lines: [[UInt8]] = []
        for (i, event) in events.enumerated() {
            let line = Array(EventCodec.encode(event).utf8)
            guard line.count <= EventCodec.maxLineBytes else {
                throw AppendError.unencodable(index: i, CodecError("the event's line would be \(line.count) bytes, over the limit of \(EventCodec.maxLineBytes)"))
            }
            // Never write a line that replay could not read back (empty ids, repeated assignees…).
            do { _ = try EventCodec.decode(line) } catch { throw AppendError.unencodable(index: i, error) }
            lines.append(line)
        }
        let existed = (try? path.stat()) != nil
        let fd = try FileDescriptor.open(path, .readWrite, options: [.append, .create, .closeOnExec],
                                         permissions: FileModes.newLog)
        if !existed { FileModes.set(FileModes.newLog, on: fd) }
        return try fd.closeAfter {
            try fd.lockExclusive()
            var locked = true
            defer { if locked { try? fd.unlock() } }

            let size = try fd.stat().size
            var state = try AppendCheck(store: self, log: fd, size: size, directives: Set(events.map(\.directiveID)))
            var outcomes: [Ledger.Outcome] = []
            var written: [Event] = []
            var data: [UInt8] = []
            for (i, given) in events.enumerated() {
                if state.seen(given.id) {
                    outcomes.append(.duplicateID)
                    continue
                }
                // A period-less completion of a recurring task is written with the period it
                // completes, decided here against the state under the lock (docs/events.md §4.1.1).
                let event = state.ledger.withExplicitPeriod(given)
                if event != given { lines[i] = Array(EventCodec.encode(event).utf8) }
                switch state.ledger.apply(event) {
                case .applied, .duplicateID: break
                case .rejected(let problem):
                    throw AppendError.rejected(index: i, state.explained(problem))
                }
                state.remember(event.id)
                outcomes.append(.applied)
                written.append(event)
                data.append(contentsOf: lines[i])
                data.append(0x0A)
            }
            var end = size
            if !data.isEmpty {
                if try endsMidLine(fd, size: size) { data.insert(0x0A, at: 0) }
                end += Int64(try writeWhole(data, to: fd, at: size))
            }
            try fd.unlock()
            locked = false
            // Other appenders may already be past our lines, so a failed flush cannot be cut
            // back: the caller is told the lines may or may not be there (ids make a retry safe).
            do { try fd.sync() } catch { throw AppendError.notDurable(error) }
            if !existed { syncDirectory(of: path) }
            if end >= indexThreshold, end - state.indexedUpTo > maxIndexLag {
                // One process at a time rebuilds; the others go on (their tail is a little longer).
                DirectiveIndex.refresh(indexPath, for: fd, maxLag: maxIndexLag, zone: zone)
            }
            return AppendReceipt(outcomes: outcomes, end: LogCursor(offset: end, line: 0), state: state.ledger, recorded: written)
        }
    }

    /// Writes `data` at the end (`size`) in one go, or not at all: a failed or short write (a full
    /// disk, a file size limit, an I/O error) is cut back to `size` and made durable before the
    /// error is thrown, while the lock is still held. Otherwise its first bytes (`{"v"`) would
    /// stay at the end of the log and the next append would glue them into a malformed line.
    private func writeWhole(_ data: [UInt8], to fd: FileDescriptor, at size: Int64) throws -> Int {
        do {
            return try fd.writeAll(data)
        } catch {
            do {
                try fd.resize(to: size)
                try fd.sync()
            } catch let cleanup {
                throw AppendError.partialWrite(write: error, cleanup: cleanup)
            }
            throw error
        }
    }

    private func endsMidLine(_ fd: FileDescriptor, size: Int64) throws -> Bool {
        guard size > 0 else { return false }
        var last: UInt8 = 0
        _ = try withUnsafeMutableBytes(of: &last) { try fd.read(fromAbsoluteOffset: size - 1, into: $0) }
        return last != 0x0A
    }

    // MARK: index

    /// Rebuilds the directive index now (normally done by appends as the log grows).
    @discardableResult
    public func rebuildIndex() throws -> Int {
        let fd = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        return try fd.closeAfter {
            try IndexRebuildLock.waiting(forIndex: indexPath) {
                try DirectiveIndex.rebuild(indexPath, for: fd, upTo: try fd.stat().size, zone: zone)
            }
        }
    }
}
