import Dispatch
import HanchotCore
import Synchronization
import SystemPackage

/// Replay split over two threads: one reads the log and decodes its lines, the caller folds them
/// in order. Decoding is about half of replay's work and needs no state, so on a machine with
/// two cores it overlaps with the fold instead of preceding it.
///
/// Lines arrive in batches; a batch owns a copy of the bytes its views point into, so a view
/// stays valid until its batch has been folded. At most a few batches are in flight, so memory
/// stays bounded whatever the size of the log.
enum ReadAhead {
    /// Logs smaller than this are replayed on the caller's thread (a thread costs more than it saves).
    static let minimumSize: Int64 = 8 << 20

    /// One decoded line.
    enum Line {
        /// Readable as a view; `bytes` is the line (for a full decode if the view does not apply).
        case view(EventView, LineLocation, UnsafeRawBufferPointer)
        /// A line to decode in full. That is left to the folding thread, which otherwise waits
        /// for this one (directive lines are long: decoding them here unbalances the two).
        case line(LineLocation, UnsafeRawBufferPointer)
        /// Not a line (oversized, or the unterminated tail).
        case item(ReplayItem)
    }

    /// Decoded lines and the bytes their views point into.
    final class Batch: @unchecked Sendable {
        static let arenaSize = 4 << 20
        private let arena = UnsafeMutableRawBufferPointer.allocate(byteCount: Batch.arenaSize, alignment: 16)
        private var used = 0
        private(set) var lines: [Line] = []

        init() { lines.reserveCapacity(16_384) }
        deinit { arena.deallocate() }

        var isFull: Bool { lines.count >= 16_384 }

        /// A copy of `bytes` in this batch, or nil when it has no room left.
        func keep(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
            guard bytes.count <= Batch.arenaSize - used else { return nil }
            let slot = UnsafeMutableRawBufferPointer(rebasing: arena[used..<(used + bytes.count)])
            slot.copyMemory(from: bytes)
            used += bytes.count
            return UnsafeRawBufferPointer(slot)
        }

        func append(_ line: Line) { lines.append(line) }
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

        func take() -> Message {
            filled.wait()
            let m = messages.withLock { $0.removeFirst() }
            room.signal()
            return m
        }
    }

    /// Reads and decodes `[0, size)` of `fd` on another thread, calling `fold` for each line in
    /// order on this one. Returns where the lines ended, as `LineReader` does.
    static func forEachLine(of fd: FileDescriptor, size: Int64, file: String,
                            _ fold: (Line) -> Void) throws -> (offset: Int64, line: Int) {
        let handoff = Handoff(depth: 3)
        DispatchQueue.global(qos: .userInitiated).async {
            var batch = Batch()
            do {
                let stop = try LineReader(fd: fd).forEachLine(from: 0, to: size, firstLine: 1) { item in
                    if batch.isFull {
                        handoff.put(.batch(batch))
                        batch = Batch()
                    }
                    if case .line(let location, let bytes) = item {
                        var copy = batch.keep(bytes)
                        if copy == nil {
                            handoff.put(.batch(batch))
                            batch = Batch()
                            copy = batch.keep(bytes)
                        }
                        if let copy {
                            if let view = EventCodec.view(copy) {
                                batch.append(.view(view, location, copy))
                            } else {
                                batch.append(.line(location, copy))
                            }
                            return
                        }
                    }
                    batch.append(.item(FileEventStore.replayItem(item, file: file)))
                }
                handoff.put(.batch(batch))
                handoff.put(.finished(offset: stop.offset, line: stop.line))
            } catch {
                handoff.put(.batch(batch))
                handoff.put(.failed(error))
            }
        }
        while true {
            switch handoff.take() {
            case .batch(let batch):
                for line in batch.lines { fold(line) }
            case .finished(let offset, let line):
                return (offset, line)
            case .failed(let error):
                throw error
            }
        }
    }
}
