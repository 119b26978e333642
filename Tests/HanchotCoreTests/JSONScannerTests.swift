import Testing
@testable import HanchotCore

/// Scans one value from `text` and hands the scanner and value to `body`.
private func scan<R>(_ text: String, _ body: (JSONScanner, JSONScanner.Value) throws -> R) throws -> R {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBytes { buf in
        var s = JSONScanner(buf)
        let v = try s.scanValue()
        s.skipWhitespace()
        #expect(s.index == buf.count, "trailing bytes after the value")
        return try body(s, v)
    }
}

private func scanError(_ text: String) -> CodecError? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { buf -> CodecError? in
        var s = JSONScanner(buf)
        do { _ = try s.scanValue(); return nil } catch { return error as? CodecError }
    }
}

@Suite struct JSONScannerTests {
    @Test(arguments: [
        ("\"abc\"", JSONScanner.Value.Kind.string), ("0", .number), ("-0.5e+10", .number), ("12E-3", .number),
        ("{}", .object), ("{\"a\":[1,{\"b\":null}]}", .object), ("[]", .array), ("[ 1 , \"x\" ]", .array),
        ("true", .bool), ("false", .bool), ("null", .null),
    ])
    func scansEveryKindOfValue(_ text: String, _ kind: JSONScanner.Value.Kind) throws {
        try scan(text) { _, v in #expect(v.kind == kind) }
    }

    @Test func stringSpanIsTheContentsBetweenTheQuotes() throws {
        try scan("  \"héllo\"") { s, v in
            #expect(v.start == 3)
            #expect(v.end == 3 + "héllo".utf8.count)
            #expect(!v.escaped)
            #expect(s.string(v) == "héllo")
        }
    }

    @Test func escapedStringsAreMarkedAndDecoded() throws {
        try scan(#""a\tb\u0041""#) { s, v in
            #expect(v.escaped)
            #expect(s.string(v) == "a\tbA")
        }
    }

    @Test func surrogatePairEscapeDecodesToOneScalar() throws {
        try scan(#""\ud83d\ude00""#) { s, v in #expect(s.string(v).unicodeScalars.map(\.value) == [0x1F600]) }
    }

    @Test func highSurrogateFollowedByANonLowEscapeIsRefused() {
        // A lone half spells no character: refused where it stands, never read as U+FFFD.
        for text in [#""\ud83d\u0041""#, #""\ud83d""#, #""\ude00""#, #""x\ud83dx""#] {
            let error = scanError(text)
            #expect(error?.message.contains("lone surrogate") == true, "\(text): \(String(describing: error))")
            #expect(error?.column == 2 || error?.column == 3, "\(text): \(String(describing: error))")
        }
    }

    @Test func forEachMemberVisitsMembersInOrder() throws {
        try scan(#"{ "a" : 1 , "b":"x","c":[true] }"#) { s, v in
            var keys: [String] = []
            var kinds: [JSONScanner.Value.Kind] = []
            try s.forEachMember(of: v) { k, value in
                keys.append(s.string(k))
                kinds.append(value.kind)
            }
            #expect(keys == ["a", "b", "c"])
            #expect(kinds == [.number, .string, .array])
        }
    }

    @Test func forEachElementVisitsElementsAndNothingForEmpty() throws {
        try scan(#"[ "x", 2, {} ]"#) { s, v in
            var kinds: [JSONScanner.Value.Kind] = []
            try s.forEachElement(of: v) { kinds.append($0.kind) }
            #expect(kinds == [.string, .number, .object])
        }
        try scan("[ ]") { s, v in
            var count = 0
            try s.forEachElement(of: v) { _ in count += 1 }
            #expect(count == 0)
        }
        try scan("{ }") { s, v in
            var count = 0
            try s.forEachMember(of: v) { _, _ in count += 1 }
            #expect(count == 0)
        }
    }

    @Test func keyComparisonIsExactAndIgnoresEscapedKeys() throws {
        try scan(#""type""#) { s, v in
            #expect(s.key(v, is: "type"))
            #expect(!s.key(v, is: "typ"))
            #expect(!s.key(v, is: "types"))
        }
        try scan(#""\u0074ype""#) { s, v in #expect(!s.key(v, is: "type")) }
    }

    @Test func depthLimitAllowsExactlyMaxDepthLevels() throws {
        let ok = String(repeating: "[", count: JSONScanner.maxDepth) + String(repeating: "]", count: JSONScanner.maxDepth)
        try scan(ok) { _, v in #expect(v.kind == .array) }
        let deep = "[" + ok + "]"
        #expect(scanError(deep)?.message.contains("nested") == true)
    }

    @Test(arguments: [("", 1), ("  ", 3), ("x", 1), ("\"ab", 4), ("[1,", 4), ("{\"a\" 1}", 6), ("-", 2), ("1.e5", 3), ("tRue", 1)])
    func errorsPointAtTheOffendingColumn(_ text: String, _ column: Int) {
        #expect(scanError(text)?.column == column, "\(String(describing: scanError(text)))")
    }

    @Test func describeByteShowsPrintableCharactersAndHexForOthers() {
        #expect(describeByte(UInt8(ascii: "x")) == "'x'")
        #expect(describeByte(0x0A) == "byte 0x0A")
        #expect(describeByte(0xC3) == "byte 0xC3")
        #expect(describeByte(0x20) == "byte 0x20")
    }
}

/// The scanner validates UTF-8 inside strings itself (with a fast path for the 2- and 3-byte
/// letters of Vietnamese): it must accept exactly what the standard library accepts.
@Suite("String scanning agrees with the standard library on UTF-8")
struct JSONScannerUTF8Tests {
    @Test("random byte strings: accepted exactly when they are valid UTF-8")
    func agreesWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 99)
        // Bytes around every boundary the rules care about, and plain letters.
        let pool: [UInt8] = [0x61, 0x20, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF,
                             0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        var accepted = 0
        for _ in 0..<20_000 {
            let n = Int.random(in: 1...12, using: &rng)
            let body = (0..<n).map { _ in pool[Int.random(in: 0..<pool.count, using: &rng)] }
            let line = [UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")]
            let scanned = line.withUnsafeBytes { buf -> Bool in
                var s = JSONScanner(buf)
                return (try? s.scanString()) != nil
            }
            let valid = String(validating: body, as: UTF8.self) != nil
            #expect(scanned == valid, "\(body.map { String($0, radix: 16) })")
            if scanned { accepted += 1 }
        }
        #expect(accepted > 100, "the sample holds valid strings too")
    }

    @Test("Vietnamese text is accepted whole, with the inline path and around it")
    func vietnameseText() throws {
        let text = "Chỉ đạo tăng cường tuyên truyền, vận động nhân dân chấp hành nghiêm — ĐU ư ơ 𝄞"
        let line = Array("\"\(text)\"".utf8)
        let span = try line.withUnsafeBytes { buf -> Range<Int> in
            var s = JSONScanner(buf)
            let v = try s.scanString()
            return v.start..<v.end
        }
        #expect(String(decoding: line[span], as: UTF8.self) == text)
    }
}
