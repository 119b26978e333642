#if canImport(Glibc)
import Glibc
#endif
import HanchotCore
import SystemPackage

/// Streams the lines of a file in large chunks, with memory bounded by the chunk size (not by the
/// file size): replay of a 1M-event log holds only one chunk at a time.
struct LineReader {
    /// What the reader found at one position of the file.
    enum Item {
        /// A complete line (without its newline); the bytes are valid only during the callback.
        case line(LineLocation, UnsafeRawBufferPointer)
        /// A line longer than ``EventCodec/maxLineBytes``; skipped without being buffered.
        case oversized(LineLocation)
        /// Bytes after the last newline at the end of the range: a write in progress or cut short.
        case unterminated(LineLocation)
    }

    static let chunkSize = 4 << 20

    let fd: FileDescriptor
    /// Whether the first reads are small (see ``readSize(_:remaining:room:)``).
    let rampedReads: Bool

    init(fd: FileDescriptor, rampedReads: Bool = false) {
        self.fd = fd
        self.rampedReads = rampedReads
    }

    /// How much to read next: all the room there is, or, ramped, 128 KiB at first, twice as much
    /// each read after, up to ``rampedMaxRead``. Read-ahead hands each read's lines to the
    /// folding thread as one batch, and the fold can start only once the first batch is decoded:
    /// a whole first chunk kept it waiting 8–14 ms of a 1M-event replay.
    func readSize(_ reads: Int, remaining: Int64, room: Int) -> Int {
        let plain = Int(min(Int64(room), remaining))
        // `min(reads, 8)` only keeps the shift from overflowing: the cap is `rampedMaxRead`.
        return rampedReads ? min(plain, (128 << 10) << min(reads, 8), LineReader.rampedMaxRead) : plain
    }

    /// The most a ramped read asks for. Small enough that a read's bytes are still in the
    /// core's cache when its lines are decoded, and that a batch buffer's pages are touched only
    /// this far (the first touch of a page is a page fault): 4 MiB reads cost a 1M-event replay
    /// 4,800 more page faults, and its median time was 5–10% longer.
    static let rampedMaxRead = 512 << 10

    /// The size of the reader's buffers.
    static let capacity = max(LineReader.chunkSize, EventCodec.maxLineBytes + 1)

    /// Calls `body` for each line in `[start, end)`.
    /// - Parameters:
    ///   - firstLine: the 1-based number of the line at `start` (0 when unknown).
    ///   - freshBuffer: when given, the reader never reuses a buffer it has handed lines out of:
    ///     it asks this for a new one of ``capacity`` bytes instead, holding the bytes of the
    ///     partial line to carry over (to copy to its start). Lines then stay valid as long as
    ///     their buffer, which the caller owns (read-ahead hands whole buffers to the folding
    ///     thread, so lines are never copied). Without it, one buffer is reused and a line's
    ///     bytes are valid only during the callback.
    /// - Returns: the offset just past the last complete line, and the next line number.
    @discardableResult
    func forEachLine(from start: Int64, to end: Int64, firstLine: Int,
                     freshBuffer: ((_ carried: UnsafeRawBufferPointer) -> UnsafeMutableRawBufferPointer)? = nil,
                     _ body: (Item) throws -> Void) throws -> (offset: Int64, line: Int) {
        let capacity = LineReader.capacity
        var buffer: UnsafeMutableRawBufferPointer
        if let freshBuffer {
            buffer = freshBuffer(UnsafeRawBufferPointer(start: nil, count: 0))
            precondition(buffer.count == capacity, "a fresh buffer has LineReader.capacity bytes")
        } else {
            buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        }
        defer { if freshBuffer == nil { buffer.deallocate() } }
        var fileOffset = start      // file offset of buffer[0]
        var filled = 0              // bytes valid in the buffer
        var readOffset = start      // next file offset to read
        var lineNumber = firstLine
        var skippingFrom: Int64?    // inside an oversized line that started here
        var reads = 0
        let nextLine = { (n: Int) in n == 0 ? 0 : n + 1 }

        while true {
            let want = readSize(reads, remaining: end - readOffset, room: capacity - filled)
            var got = 0
            if want > 0 {
                let target = UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + want)])
                got = try fd.read(fromAbsoluteOffset: readOffset, into: target)
                readOffset += Int64(got)
                filled += got
                reads += 1
            }
            let atEnd = got == 0
            var consumed = 0
            let base = UnsafeRawPointer(buffer.baseAddress!)
            while consumed < filled {
                guard let found = memchr(base + consumed, 0x0A, filled - consumed) else { break }
                let nl = UnsafeRawPointer(found) - base
                let lineStart = fileOffset + Int64(consumed)
                if let from = skippingFrom {
                    try body(.oversized(LineLocation(line: lineNumber, offset: from, length: Int(lineStart + Int64(nl - consumed) - from))))
                    skippingFrom = nil
                } else {
                    let bytes = UnsafeRawBufferPointer(start: base + consumed, count: nl - consumed)
                    try body(.line(LineLocation(line: lineNumber, offset: lineStart, length: bytes.count), bytes))
                }
                lineNumber = nextLine(lineNumber)
                consumed = nl + 1
            }
            let leftover = filled - consumed
            if atEnd {
                if let from = skippingFrom {
                    try body(.unterminated(LineLocation(line: lineNumber, offset: from, length: Int(readOffset - from))))
                    return (from, lineNumber)
                }
                if leftover > 0 {
                    let at = fileOffset + Int64(consumed)
                    try body(.unterminated(LineLocation(line: lineNumber, offset: at, length: leftover)))
                    return (at, lineNumber)
                }
                return (readOffset, lineNumber)
            }
            if leftover > EventCodec.maxLineBytes || (skippingFrom != nil && consumed == 0) {
                // No newline within the limit: drop what we hold and skip to the next newline.
                if skippingFrom == nil { skippingFrom = fileOffset + Int64(consumed) }
                fileOffset += Int64(filled)
                filled = 0
                if consumed > 0, let freshBuffer { buffer = freshBuffer(UnsafeRawBufferPointer(start: nil, count: 0)) }
                continue
            }
            // Keep the partial line: move it to the front and read more after it (or, when
            // lines were handed out of this buffer and must stay, to the front of a new one).
            if consumed > 0, let freshBuffer {
                buffer = freshBuffer(UnsafeRawBufferPointer(rebasing: buffer[consumed..<filled]))
            } else if consumed > 0, leftover > 0 {
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + consumed, byteCount: leftover)
            }
            fileOffset += Int64(consumed)
            filled = leftover
        }
    }
}
