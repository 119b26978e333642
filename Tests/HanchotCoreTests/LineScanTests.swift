@testable import HanchotCore
import Testing

/// `LineScan` (C, AVX2) decides for the line codec whether strings must still be checked one by
/// one, and where each string ends: its verdicts must be exactly the standard library's on UTF-8,
/// and exactly a byte-by-byte search on quotes, backslashes and control bytes.
@Suite("Line scan: one pass over a line agrees with byte-by-byte answers")
struct LineScanTests {
    /// Whether this CPU takes the fast path (AVX2). Without it nothing is ever known, which is
    /// correct but leaves only the "known implies true" half of each check to test.
    static let fast = [UInt8]("a".utf8).withUnsafeBytes { LineScan.isKnownValidUTF8($0) }

    static func scan(_ bytes: [UInt8]) -> LineScan { bytes.withUnsafeBytes { LineScan($0) } }

    /// Checks one line's UTF-8 verdict against `String(validating:)`.
    static func checkUTF8(_ bytes: [UInt8], _ note: @autoclosure () -> String) {
        let valid = String(validating: bytes, as: UTF8.self) != nil
        let known = bytes.withUnsafeBytes { LineScan.isKnownValidUTF8($0) }
        #expect(known == (valid && fast), "\(note()): \(bytes.map { String($0, radix: 16) })")
        #expect(scan(bytes).utf8Valid == known, "\(note()): the full scan and the check alone disagree")
    }

    @Test("runs on this machine's CPU (x86-64 with AVX2)")
    func fastPathIsTaken() {
        #if arch(x86_64)
        #expect(LineScanTests.fast, "CI and benchmark machines have AVX2; without it replay is slower")
        #endif
    }

    @Test("every 2-byte sequence, and every lead byte with every continuation, at each place in a block")
    func shortSequencesEverywhere() {
        var checked = 0
        // Where a sequence starts: inside a block, across the 32-byte boundary, and at the end
        // of the line (cut off by the end of the bytes).
        for (prefix, suffix) in [(0, 5), (30, 3), (31, 0), (62, 40), (3, 0)] {
            let before = [UInt8](repeating: UInt8(ascii: "a"), count: prefix)
            let after = [UInt8](repeating: UInt8(ascii: "z"), count: suffix)
            for first in 0...255 {
                for second in 0...255 {
                    LineScanTests.checkUTF8(before + [UInt8(first), UInt8(second)] + after, "pair at \(prefix)")
                    checked += 1
                }
            }
        }
        #expect(checked == 5 * 65_536)
    }

    @Test("3- and 4-byte sequences around every boundary the rules care about")
    func longSequences() {
        let leads: [UInt8] = [0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF]
        let others: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE1, 0xF0]
        var valid = 0
        for prefix in [0, 29, 30, 31, 45] {
            let before = [UInt8](repeating: UInt8(ascii: "a"), count: prefix)
            for lead in leads {
                for b1 in others { for b2 in others { for b3 in others {
                    let bytes = before + [lead, b1, b2, b3]
                    LineScanTests.checkUTF8(bytes, "at \(prefix)")
                    LineScanTests.checkUTF8(bytes + [UInt8(ascii: "x")], "at \(prefix), then ASCII")
                    if String(validating: bytes, as: UTF8.self) != nil { valid += 1 }
                }}}
            }
        }
        #expect(valid > 100, "the sample holds valid sequences too")
    }

    @Test("random lines of every length up to 600, Vietnamese letters and broken ones mixed in")
    func randomLines() {
        var rng = SplitMix64(seed: 2026)
        let pieces: [[UInt8]] = ["a", "Z", " ", "\"", "\\", "ộ", "Đ", "ư", "𝄞", "é", ":"].map { Array($0.utf8) }
            + [[0x80], [0xC3], [0xE1, 0xBB], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x09], [0x1F], [0x00], [0xC0, 0xAF]]
        var validCount = 0
        for length in 0...600 {
            for round in 0..<3 {
                var bytes: [UInt8] = []
                // Mostly plain pieces, so that many lines are valid; now and then a broken one.
                while bytes.count < length {
                    let k = Int.random(in: 0..<100, using: &rng)
                    let piece = k < 96 || round == 0 ? pieces[k % 11] : pieces[11 + k % 9]
                    bytes += piece
                }
                bytes = Array(bytes.prefix(length))
                LineScanTests.checkUTF8(bytes, "length \(length), round \(round)")
                if String(validating: bytes, as: UTF8.self) != nil { validCount += 1 }
            }
        }
        #expect(validCount > 300, "the sample holds valid lines of many lengths")
    }

    @Test("quote map and plainness match a byte-by-byte search, for lines up to 600 bytes")
    func quotesAndPlainness() {
        var rng = SplitMix64(seed: 31)
        let plainPieces: [[UInt8]] = ["a", "b", " ", "\"", ":", ",", "{", "}", "ộ", "Đ"].map { Array($0.utf8) }
        let escapes: [[UInt8]] = [[UInt8(ascii: "\\")], [0x0A], [0x1F]]
        var mapped = 0
        for length in 0...600 {
            // Every fourth line may hold a backslash or a control byte; the others are plain.
            let pieces = length % 4 == 0 ? plainPieces + escapes : plainPieces
            var bytes: [UInt8] = []
            while bytes.count < length { bytes += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            // Whole pieces, then cut to length: a letter cut in two makes the line invalid, and
            // a line must be valid UTF-8 to get a map (that case is checked too).
            bytes = Array(bytes.prefix(length))
            var scan = LineScanTests.scan(bytes)
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let plain = !bytes.contains { $0 == UInt8(ascii: "\\") || $0 < 0x20 }
            let expectMapped = LineScanTests.fast && valid && plain && length <= LineScan.mappedBytes
            #expect(scan.quotesMapped == expectMapped, "length \(length)")
            guard scan.quotesMapped else { continue }
            mapped += 1
            let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\"") }
            for p in -1..<length {
                let next = quotes.first { $0 > p }
                #expect(scan.closingQuote(after: p) == next, "length \(length), after \(p)")
            }
        }
        #expect(mapped > 100, "the sample holds mapped lines")
    }

    @Test("a quote map counts the quotes in any range of a line, as a byte-by-byte count does")
    func quoteCounts() {
        var rng = SplitMix64(seed: 32)
        let pieces: [[UInt8]] = ["a", "\"", "ộ", ":", "\"\""].map { Array($0.utf8) }
        var counted = 0
        for length in [0, 1, 5, 31, 32, 33, 63, 64, 65, 100, 255, 256, 257, 1000, 3000] {
            var bytes: [UInt8] = []
            while bytes.count < length { bytes += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            bytes = Array(bytes.prefix(length))
            let answers: [(Range<Int>, Int?)] = bytes.withUnsafeBytes { line in
                LineScan.withQuoteMap(line) { _, quotes in
                    (0..<200).map { _ in
                        let a = Int.random(in: 0...length, using: &rng), b = Int.random(in: 0...length, using: &rng)
                        let range = min(a, b)..<max(a, b)
                        return (range, quotes?.count(in: range))
                    }
                }
            }
            for (range, count) in answers {
                guard let count else { continue }
                counted += 1
                #expect(count == bytes[range].filter { $0 == UInt8(ascii: "\"") }.count, "length \(length), \(range)")
            }
        }
        #expect(counted > 2000 || !LineScanTests.fast, "most lines took a map")
    }
}
