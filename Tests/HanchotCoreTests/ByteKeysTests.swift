@testable import HanchotCore
import Testing

/// `ByteKeys.words` feeds every hash of ids and keys: its words and tail must not depend on how
/// it reads them (event-id hashes are kept in the directive index on disk).
@Suite("Byte keys: words and tails")
struct ByteKeysTests {
    /// Whole words, then the rest packed little-end first, read one byte at a time.
    static func reference(_ bytes: [UInt8]) -> (words: [UInt64], tail: UInt64) {
        var words: [UInt64] = []
        var i = 0
        while i + 8 <= bytes.count {
            var w: UInt64 = 0
            for k in 0..<8 { w |= UInt64(bytes[i + k]) << UInt64(8 * k) }
            words.append(w)
            i += 8
        }
        var tail: UInt64 = 0
        for k in 0..<(bytes.count - i) { tail |= UInt64(bytes[i + k]) << UInt64(8 * k) }
        return (words, tail)
    }

    @Test("every length from 0 to 40, at every offset within a larger buffer, as read byte by byte")
    func wordsAndTailMatchBytes() {
        var rng = SplitMix64(seed: 7)
        var checked = 0
        for length in 0...40 {
            for offset in 0..<8 {
                let buffer = (0..<(length + 16)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let part = Array(buffer[offset..<(offset + length)])
                var words: [UInt64] = []
                let tail = buffer.withUnsafeBufferPointer { all in
                    ByteKeys.words(of: UnsafeBufferPointer(rebasing: all[offset..<(offset + length)])) { words.append($0) }
                }
                let expected = ByteKeysTests.reference(part)
                #expect(words == expected.words, "length \(length), offset \(offset)")
                #expect(tail == expected.tail, "length \(length), offset \(offset)")
                checked += 1
            }
        }
        #expect(checked == 41 * 8)
    }
}
