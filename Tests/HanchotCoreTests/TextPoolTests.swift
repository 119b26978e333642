@testable import HanchotCore
import Testing

/// `TextPool` hands out one `String` per spelling of a repeated text: every answer must spell
/// exactly the bytes asked for, and the pool must stay within its bounds.
@Suite("Text pool: repeated texts made once, within bounds")
struct TextPoolTests {
    static func string(_ pool: inout TextPool, _ text: String) -> String {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buf in
            pool.string(ByteSpan(start: UnsafePointer(buf.baseAddress!), count: buf.count))
        }
    }

    @Test("a text asked again is the same text, kept once; each spelling is kept as spelled")
    func repeatedTexts() {
        var pool = TextPool()
        let phrases = ["xong trước ngày 19/01/2019", "Đã gửi báo cáo số 72-BC kèm theo", "qu\u{E9}", "qu\u{65}\u{301}"]
        for round in 0..<3 {
            for p in phrases {
                let s = TextPoolTests.string(&pool, p)
                #expect(Array(s.utf8) == Array(p.utf8), "round \(round): \(p)")
            }
        }
        #expect(pool.count == phrases.count, "two canonically equal spellings are two texts: bytes are kept as read")
    }

    @Test("long texts are made afresh and not kept")
    func longTexts() {
        var pool = TextPool()
        let long = String(repeating: "báo cáo ", count: 40)
        #expect(long.utf8.count > TextPool.maxBytes)
        #expect(TextPoolTests.string(&pool, long) == long)
        #expect(TextPoolTests.string(&pool, long) == long)
        #expect(pool.count == 0)
    }

    @Test("once full, the pool keeps no more, and still answers every text")
    func bounded() {
        var pool = TextPool()
        for k in 0..<(TextPool.maxTexts + 100) { _ = TextPoolTests.string(&pool, "ghi chú \(k)") }
        #expect(pool.count == TextPool.maxTexts)
        #expect(TextPoolTests.string(&pool, "ghi chú \(TextPool.maxTexts + 50)") == "ghi chú \(TextPool.maxTexts + 50)")
        #expect(TextPoolTests.string(&pool, "ghi chú 7") == "ghi chú 7")
        #expect(pool.count == TextPool.maxTexts)
    }
}
