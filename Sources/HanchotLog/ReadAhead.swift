import Dispatch
import HanchotCore
import Synchronization
import SystemPackage

/// Replay split over two threads: one reads the log and decodes its lines, the caller folds them
/// in order. Decoding is about half of replay's work and needs no state, so on a machine with
/// two cores it overlaps with the fold instead of preceding it.
///
/// Lines arrive in batches; a batch owns the read buffer its views point into, so a view stays
/// valid until its batch has been folded. At most a few batches are in flight, so memory stays
/// bounded whatever the size of the log.
enum ReadAhead {
    /// Logs smaller than this are replayed on the caller's thread (a thread costs more than it saves).
    static let minimumSize: Int64 = 8 << 20

    /// Which thread decodes in full the lines that get no view (long directive lines, mostly).
    enum FullDecoding: Sendable {
        /// The reader, unless the fold had caught up when the batch began (the default: the
        /// threads balance themselves, whatever the mix of lines and the speed of each core).
        case balanced
        /// Always the reader, or always the fold (tests hold all three to the same result).
        case reader, fold
    }

    /// Decoded lines and the buffer their bytes lie in.
    ///
    /// A batch is one buffer of the ``LineReader`` (read straight into, never copied out of) and
    /// the lines decoded from it. Lines are kept as plain records (no references), so a batch is
    /// filled, read and emptied without a retain, a release or a copy of an enum per line; the
    /// rare line decoded in full keeps its ``ReplayItem`` in a side array. Batches are reused
    /// (see ``Pool``), so their memory is touched once per replay rather than once per batch.
    final class Batch: @unchecked Sendable {
        /// What the reader reads into; views point into it.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: LineReader.capacity, alignment: 16)
        // Not checked for exclusive access at run time: one thread at a time uses a batch (the
        // reader fills it, then hands it over), and the check on every line's append was 1.5%
        // of replay's instructions.
        @exclusivity(unchecked) private(set) var records: [Record] = []
        @exclusivity(unchecked) private var items: [ReplayItem] = []

        /// One line (`location.length` bytes at `start` in `buffer`): a view when `view` is set;
        /// else, with a negative `item`, a line that gets no view (directive lines, mostly),
        /// left for the fold to decode in full (see `forEachBatch`); else a line decoded here,
        /// or not a line (oversized, or the torn tail), in `items` (``item(of:file:)``).
        struct Record {
            var view: EventView.Packed?
            var location: LineLocation
            var start: UInt32
            var item: Int32
        }

        init() { records.reserveCapacity(16_384) }
        deinit { buffer.deallocate() }

        /// Empties the batch for reuse.
        func reset() {
            records.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
        }

        /// Keeps the view of a line that lies in `buffer`.
        func append(_ packed: EventView.Packed, _ location: LineLocation, _ bytes: UnsafeRawBufferPointer) {
            records.append(Record(view: packed, location: location, start: start(of: bytes), item: -1))
        }

        /// Keeps a line that gets no view, for the fold to decode in full.
        func append(undecoded location: LineLocation, _ bytes: UnsafeRawBufferPointer) {
            records.append(Record(view: nil, location: location, start: start(of: bytes), item: -1))
        }

        /// Where a line that lies in `buffer` starts in it.
        @inline(__always)
        private func start(of bytes: UnsafeRawBufferPointer) -> UInt32 {
            UInt32(truncatingIfNeeded: bytes.baseAddress! - UnsafeRawPointer(buffer.baseAddress!))
        }

        func append(_ item: ReplayItem) {
            records.append(Record(view: nil, location: LineLocation(line: 0, offset: 0, length: 0),
                                  start: 0, item: Int32(items.count)))
            items.append(item)
        }

        /// The bytes of a record's line.
        @inline(__always)
        func line(of record: Record) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: UnsafeRawPointer(buffer.baseAddress!) + Int(record.start), count: record.location.length)
        }

        /// The decoded line of a record without a view (decoding it now, with the caller's
        /// `names`, if it was left for the fold), from `file`.
        func item(of record: Record, file: String, names: NamePool) -> ReplayItem {
            if record.item >= 0 { return items[Int(record.item)] }
            return FileEventStore.replayItem(.line(record.location, line(of: record)), file: file, names: names)
        }
    }

    /// Emptied batches on their way back to the reading thread.
    final class Pool: Sendable {
        private let free = Mutex<[Batch]>([])

        func take() -> Batch { free.withLock { $0.popLast() } ?? Batch() }

        func give(_ batch: Batch) {
            batch.reset()
            free.withLock { $0.append(batch) }
        }
    }

    enum Message: @unchecked Sendable {
        case batch(Batch)
        case finished(offset: Int64, line: Int)
        case failed(any Error)
    }

    /// A bounded hand-off from the reading thread to the folding one.
    final class Handoff: Sendable {
        private let messages = Mutex<[Message]>([])
        private let filled = DispatchSemaphore(value: 0)
        private let room: DispatchSemaphore

        init(depth: Int) { room = DispatchSemaphore(value: depth) }

        func put(_ m: Message) {
            room.wait()
            messages.withLock { $0.append(m) }
            filled.signal()
        }

        /// How many messages wait to be taken: none means the fold has caught up with the reader.
        var backlog: Int { messages.withLock { $0.count } }

        func take() -> Message {
            filled.wait()
            let m = messages.withLock { $0.removeFirst() }
            room.signal()
            return m
        }
    }

    /// How many batches the reader may have decoded ahead of the fold. Enough for the reader to
    /// keep going while the fold prepares (``forEachBatch(of:size:file:fullDecoding:prepare:_:)``):
    /// zeroing the id table of a 1M-event log took the fold up to 30 ms, and 32 batches of at
    /// most 512 KiB hold about 15 ms of the reader's work.
    static let depth = 32

    /// Reads and decodes `[0, size)` of `fd` on another thread, calling `fold` with each batch
    /// of lines in order on this one. `prepare` runs on this thread once the reader has started,
    /// so that setting up the fold (allocating its tables) overlaps with decoding the first
    /// lines. Returns where the lines ended, as `LineReader` does.
    static func forEachBatch(of fd: FileDescriptor, size: Int64, file: String, fullDecoding: FullDecoding = .balanced,
                             prepare: () -> Void = {}, _ fold: (Batch) -> Void) throws -> (offset: Int64, line: Int) {
        let handoff = Handoff(depth: depth)
        let pool = Pool()
        DispatchQueue.global(qos: .userInitiated).async {
            var batch: Batch?
            var dates = Timestamp.DayMemo()
            let names = NamePool()
            // Whether lines without a view (decoded in full: long directive lines) are left to
            // the fold in this batch. Balanced, it is decided afresh for each batch: only when
            // the fold has nothing waiting, i.e. when it is the idle thread.
            var leaveToFold = fullDecoding == .fold
            do {
                // Each buffer the reader fills is a batch: when it wants a new one, the lines of
                // the last one are all decoded, and that batch goes to the folding thread.
                let fresh = { (carried: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer in
                    // Asked before handing off the last batch: nothing waiting means the fold is idle.
                    if fullDecoding == .balanced { leaveToFold = handoff.backlog == 0 }
                    if let full = batch { handoff.put(.batch(full)) }
                    let next = pool.take()
                    if carried.count > 0 { next.buffer.copyMemory(from: carried) }
                    batch = next
                    return next.buffer
                }
                let stop = try LineReader(fd: fd, rampedReads: true).forEachLine(from: 0, to: size, firstLine: 1, freshBuffer: fresh) { item in
                    // The batch is held by `batch` until it is handed off (never during this
                    // call), so it is used without a retain and a release per line.
                    Unmanaged.passUnretained(batch!)._withUnsafeGuaranteedRef { batch in
                        if case .line(let location, let bytes) = item {
                            if let packed = EventCodec.packedView(bytes, dates: &dates) {
                                batch.append(packed, location, bytes)
                                return
                            }
                            if leaveToFold {
                                batch.append(undecoded: location, bytes)
                                return
                            }
                        }
                        batch.append(FileEventStore.replayItem(item, file: file, names: names))
                    }
                }
                if let batch { handoff.put(.batch(batch)) }
                handoff.put(.finished(offset: stop.offset, line: stop.line))
            } catch {
                if let batch { handoff.put(.batch(batch)) }
                handoff.put(.failed(error))
            }
        }
        prepare()
        while true {
            switch handoff.take() {
            case .batch(let batch):
                fold(batch)
                pool.give(batch)
            case .finished(let offset, let line):
                return (offset, line)
            case .failed(let error):
                throw error
            }
        }
    }
}
