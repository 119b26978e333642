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

    /// Calls `body` for each line in `[start, end)`.
    /// - Parameters:
    ///   - firstLine: the 1-based number of the line at `start` (0 when unknown).
    /// - Returns: the offset just past the last complete line, and the next line number.
    @discardableResult
    func forEachLine(from start: Int64, to end: Int64, firstLine: Int,
                     _ body: (Item) throws -> Void) throws -> (offset: Int64, line: Int) {
        let capacity = max(LineReader.chunkSize, EventCodec.maxLineBytes + 1)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var fileOffset = start      // file offset of buffer[0]
        var filled = 0              // bytes valid in the buffer
        var readOffset = start      // next file offset to read
        var lineNumber = firstLine
        var skippingFrom: Int64?    // inside an oversized line that started here
        let nextLine = { (n: Int) in n == 0 ? 0 : n + 1 }

        while true {
            let want = min(Int64(capacity - filled), end - readOffset)
            var got = 0
            if want > 0 {
                let target = UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + Int(want))])
                got = try fd.read(fromAbsoluteOffset: readOffset, into: target)
                readOffset += Int64(got)
                filled += got
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
                continue
            }
            // Keep the partial line: move it to the front and read more after it.
            if consumed > 0, leftover > 0 {
                buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + consumed, byteCount: leftover)
            }
            fileOffset += Int64(consumed)
            filled = leftover
        }
    }
}
