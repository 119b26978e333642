import HanchotCore
@testable import HanchotLog
import SystemPackage
import Testing

/// What the reader reported, copied out of the callback.
private enum Seen: Equatable {
    case line(LineLocation, [UInt8])
    case oversized(LineLocation)
    case unterminated(LineLocation)
}

private func read(_ path: String, from start: Int64 = 0, to end: Int64? = nil, firstLine: Int = 1, ramped: Bool = false)
    throws -> (items: [Seen], stop: (offset: Int64, line: Int)) {
    let fd = try FileDescriptor.open(FilePath(path), .readOnly)
    return try fd.closeAfter {
        var items: [Seen] = []
        let stop = try LineReader(fd: fd, rampedReads: ramped).forEachLine(from: start, to: end ?? fd.stat().size, firstLine: firstLine) { item in
            switch item {
            case .line(let l, let bytes): items.append(.line(l, Array(bytes)))
            case .oversized(let l): items.append(.oversized(l))
            case .unterminated(let l): items.append(.unterminated(l))
            }
        }
        return (items, stop)
    }
}

/// Writes `lines` (each followed by a newline) and returns what a reader must report for them.
private func write(_ lines: [[UInt8]], to path: String, firstLine: Int = 1) -> [Seen] {
    var file: [UInt8] = []
    var expected: [Seen] = []
    for (i, l) in lines.enumerated() {
        expected.append(.line(LineLocation(line: firstLine == 0 ? 0 : firstLine + i, offset: Int64(file.count), length: l.count), l))
        file += l
        file.append(0x0A)
    }
    writeBytes(path, file)
    return expected
}

private let fillerPattern: [UInt8] = (0..<(4096 + 90)).map { UInt8(0x21 + $0 % 90) }

/// A line of `count` bytes, its content derived from `seed` (no newlines).
private func filler(_ count: Int, seed: Int) -> [UInt8] {
    // A seed-dependent pattern of printable bytes, copied in blocks (fast even in debug builds).
    let start = (seed &* 31) % 90
    let pattern = fillerPattern[start..<(start + 4096)]
    var out: [UInt8] = []
    out.reserveCapacity(count)
    while out.count < count { out.append(contentsOf: pattern.prefix(count - out.count)) }
    return out
}

/// Lines of at most 1,000,000 bytes whose bytes and newlines add up to exactly `total`.
private func linesFilling(_ total: Int, seed: Int = 0) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var left = total
    while left > 0 {
        let n = min(left, 1_000_001) - 1
        out.append(filler(n, seed: seed + out.count))
        left -= n + 1
    }
    return out
}

@Suite struct LineReaderTests {
    private let chunk = LineReader.chunkSize

    @Test func theChunkIsFourMebibytes() {
        #expect(LineReader.chunkSize == 4 << 20)
        #expect(LineReader.chunkSize > EventCodec.maxLineBytes)
    }

    @Test func linesCrossingChunkBoundariesComeBackWhole() throws {
        let dir = TempDir()
        var rng = SplitMix64(seed: 11)
        var lines: [[UInt8]] = []
        var total = 0
        while total < 2 * chunk + chunk / 2 {  // > 10 MiB: several boundaries
            let n = Int.random(in: 0...9000, using: &rng)
            lines.append(filler(n, seed: lines.count))
            total += n + 1
        }
        let expected = write(lines, to: dir.file("log"))
        let (items, stop) = try read(dir.file("log"))
        #expect(items.count == expected.count)
        #expect(items == expected)
        #expect(stop.offset == Int64(total))
        #expect(stop.line == lines.count + 1)
    }

    @Test func aNewlineThatIsTheLastByteOfAChunkEndsItsLine() throws {
        let dir = TempDir()
        let lines = linesFilling(chunk) + [filler(100, seed: 3)]
        let expected = write(lines, to: dir.file("log"))
        guard case .line(let last, _) = expected[expected.count - 2] else { return }
        #expect(last.offset + Int64(last.length) == Int64(chunk - 1))
        #expect(try read(dir.file("log")).items == expected)
    }

    @Test func aNewlineThatIsTheFirstByteOfTheNextChunkEndsItsLine() throws {
        let dir = TempDir()
        let lines = linesFilling(chunk + 1) + [filler(5, seed: 3)]
        let expected = write(lines, to: dir.file("log"))
        guard case .line(let last, _) = expected[expected.count - 2] else { return }
        #expect(last.offset + Int64(last.length) == Int64(chunk))
        #expect(try read(dir.file("log")).items == expected)
    }

    @Test func aMaximumLengthLineStraddlingTheBoundaryIsStillALine() throws {
        let dir = TempDir()
        let lines = linesFilling(chunk - 1000) + [filler(EventCodec.maxLineBytes, seed: 2), filler(10, seed: 3)]
        let expected = write(lines, to: dir.file("log"))
        #expect(try read(dir.file("log")).items == expected)
    }

    @Test func aLineLongerThanTheBufferIsReportedAsOversizedAndSkipped() throws {
        let dir = TempDir()
        let huge = filler(2 * chunk + 17, seed: 9)
        let lines = [filler(10, seed: 1), huge, filler(20, seed: 2)]
        let expected = write(lines, to: dir.file("log"))
        let (items, stop) = try read(dir.file("log"))
        #expect(items.count == 3)
        #expect(items[0] == expected[0])
        #expect(items[1] == .oversized(LineLocation(line: 2, offset: 11, length: huge.count)))
        #expect(items[2] == expected[2])
        #expect(stop.line == 4)
    }

    @Test func anOversizedLineStartingMidChunkIsSkippedFromItsStart() throws {
        let dir = TempDir()
        let head = linesFilling(chunk / 2 + 12_345)
        let lines = head + [filler(EventCodec.maxLineBytes + chunk, seed: 2), filler(3, seed: 3)]
        let expected = write(lines, to: dir.file("log"))
        let items = try read(dir.file("log")).items
        guard case .line(let big, _) = expected[head.count] else { return }
        #expect(items == Array(expected[..<head.count]) + [.oversized(big), expected[head.count + 1]])
    }

    @Test("ramped reads (small at first, as read-ahead does) report exactly what whole-chunk reads do")
    func rampedReadsReportTheSameItems() throws {
        let dir = TempDir()
        // A maximum-length line first (longer than the first reads), lines across every ramp
        // step, an oversized line, more lines, and bytes after the last newline.
        var lines = [filler(EventCodec.maxLineBytes, seed: 1)]
        var rng = SplitMix64(seed: 5)
        var total = 0
        while total < 3 * chunk {
            let n = Int.random(in: 0...70_000, using: &rng)
            lines.append(filler(n, seed: lines.count))
            total += n + 1
        }
        lines.append(filler(EventCodec.maxLineBytes + chunk / 2, seed: 7))
        lines += (0..<50).map { filler(1_000 + $0, seed: $0) }
        var expected = write(lines, to: dir.file("log"))
        // The oversized line is reported as such, not as a line.
        let oversizedAt = lines.count - 51
        guard case .line(let big, _) = expected[oversizedAt] else { return }
        expected[oversizedAt] = .oversized(big)
        let tail = filler(12_345, seed: 99)
        let handle = try FileDescriptor.open(FilePath(dir.file("log")), .writeOnly, options: [.append])
        _ = try handle.closeAfter { try handle.writeAll(tail) }
        let size = Int64(lines.reduce(0) { $0 + $1.count + 1 } + tail.count)
        expected.append(.unterminated(LineLocation(line: lines.count + 1, offset: size - Int64(tail.count), length: tail.count)))

        let plain = try read(dir.file("log"))
        let ramped = try read(dir.file("log"), ramped: true)
        #expect(plain.items == expected)
        #expect(ramped.items == expected)
        #expect(ramped.stop == plain.stop)
        // The ramp: 128 KiB, then twice as much each read, up to 512 KiB or the room in the buffer.
        let reader = LineReader(fd: FileDescriptor(rawValue: -1), rampedReads: true)
        #expect((0..<7).map { reader.readSize($0, remaining: 1 << 40, room: 1 << 30) } == [128, 256, 512, 512, 512, 512, 512].map { $0 << 10 })
        #expect(reader.readSize(5, remaining: 1 << 40, room: 300 << 10) == 300 << 10)
        #expect(reader.readSize(20, remaining: 100, room: 1 << 30) == 100)
        #expect(reader.readSize(20, remaining: 1 << 40, room: 5) == 5)
    }

    @Test func aLineJustOverTheLimitIsHandedOverForTheCodecToRefuse() throws {
        // It fits in the buffer, so it arrives as a line; EventCodec.decode then refuses it by length.
        let dir = TempDir()
        let lines = [filler(EventCodec.maxLineBytes + 1, seed: 1)]
        let expected = write(lines, to: dir.file("log"))
        #expect(try read(dir.file("log")).items == expected)
    }

    @Test func bytesAfterTheLastNewlineAreUnterminated() throws {
        let dir = TempDir()
        writeBytes(dir.file("log"), Array("one\ntwo\nthr".utf8))
        let (items, stop) = try read(dir.file("log"))
        #expect(items == [
            .line(LineLocation(line: 1, offset: 0, length: 3), Array("one".utf8)),
            .line(LineLocation(line: 2, offset: 4, length: 3), Array("two".utf8)),
            .unterminated(LineLocation(line: 3, offset: 8, length: 3)),
        ])
        #expect(stop.offset == 8 && stop.line == 3)
    }

    @Test func anOversizedUnterminatedTailIsReportedFromItsStart() throws {
        let dir = TempDir()
        writeBytes(dir.file("log"), Array("ok\n".utf8) + filler(chunk + 5, seed: 4))
        let (items, stop) = try read(dir.file("log"))
        #expect(items.last == .unterminated(LineLocation(line: 2, offset: 3, length: chunk + 5)))
        #expect(stop.offset == 3)
    }

    @Test func readsOnlyTheGivenRange() throws {
        let dir = TempDir()
        writeBytes(dir.file("log"), Array("aaa\nbbb\nccc\nddd\n".utf8))
        let (items, stop) = try read(dir.file("log"), from: 4, to: 10, firstLine: 2)
        #expect(items == [
            .line(LineLocation(line: 2, offset: 4, length: 3), Array("bbb".utf8)),
            .unterminated(LineLocation(line: 3, offset: 8, length: 2)),
        ])
        #expect(stop.offset == 8)
    }

    @Test func unknownLineNumbersStayUnknown() throws {
        let dir = TempDir()
        let expected = write([Array("a".utf8), Array("b".utf8)], to: dir.file("log"), firstLine: 0)
        let (items, stop) = try read(dir.file("log"), firstLine: 0)
        #expect(items == expected)
        #expect(stop.line == 0)
    }

    @Test func anEmptyRangeReportsNothing() throws {
        let dir = TempDir()
        writeBytes(dir.file("log"), [])
        let (items, stop) = try read(dir.file("log"))
        #expect(items.isEmpty)
        #expect(stop.offset == 0 && stop.line == 1)
    }

    @Test func emptyLinesAreLinesOfLengthZero() throws {
        let dir = TempDir()
        writeBytes(dir.file("log"), Array("\n\nx\n".utf8))
        #expect(try read(dir.file("log")).items == [
            .line(LineLocation(line: 1, offset: 0, length: 0), []),
            .line(LineLocation(line: 2, offset: 1, length: 0), []),
            .line(LineLocation(line: 3, offset: 2, length: 1), Array("x".utf8)),
        ])
    }

    @Test func crlfLineEndingsKeepTheCarriageReturnInTheLine() throws {
        // Documented behaviour: only \n ends a line; a \r before it stays in the line's bytes.
        let dir = TempDir()
        writeBytes(dir.file("log"), Array("a\r\nb\r\n".utf8))
        #expect(try read(dir.file("log")).items == [
            .line(LineLocation(line: 1, offset: 0, length: 2), Array("a\r".utf8)),
            .line(LineLocation(line: 2, offset: 3, length: 2), Array("b\r".utf8)),
        ])
    }
}
