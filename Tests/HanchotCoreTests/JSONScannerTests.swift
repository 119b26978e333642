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

    @Test func highSurrogateFollowedByANonLowEscapeKeepsBoth() throws {
        try scan(#""\ud83d\u0041""#) { s, v in #expect(s.string(v) == "\u{FFFD}A") }
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
