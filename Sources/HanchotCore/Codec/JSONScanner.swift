/// A validating, allocation-free JSON scanner over a byte buffer.
///
/// Replay must read millions of lines a second, so lines are not decoded into a tree: the scanner
/// validates a value (RFC 8259, UTF-8 inside strings) and hands back where it lies, and the codec
/// materialises only the fields it needs.
///
/// - Important: the buffer must stay valid while spans from it are used.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var index: Int
    /// Whether all of `bytes` is already known to be valid UTF-8 (``LineScan``): strings then
    /// skip their own UTF-8 check, since no string in the bytes can fail it.
    let utf8Checked: Bool
    /// The bits `specialBytes` keeps of non-ASCII bytes: none once the bytes are known valid
    /// UTF-8, so a string scan only stops at quotes, backslashes and control characters.
    private let nonASCIIStops: UInt64
    /// Where the quotes of `bytes` are, when all of it is valid UTF-8 without a backslash or a
    /// control byte: every string then ends at the next quote, looked up rather than searched
    /// for (a directive line's strings are scanned up to four times: to validate the line, then
    /// its tasks, each task's members, and each list of assignees).
    let quotes: QuoteMap?

    init(_ bytes: UnsafeRawBufferPointer, index: Int = 0, utf8Checked: Bool = false, quotes: QuoteMap? = nil) {
        self.bytes = bytes
        self.index = index
        self.utf8Checked = utf8Checked || quotes != nil
        self.quotes = quotes
        nonASCIIStops = self.utf8Checked ? 0 : 0x8080_8080_8080_8080
    }

    /// Where a scanned value lies, and what kind it is.
    struct Value {
        enum Kind: Equatable { case string, number, object, array, bool, null }
        var kind: Kind
        /// For strings, the contents between the quotes; otherwise the whole value.
        var start: Int
        var end: Int
        /// Strings only: whether the contents hold a backslash escape.
        var escaped: Bool
    }

    static let maxDepth = 32

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func fail(_ message: String) -> CodecError {
        CodecError(message, column: index + 1)
    }

    mutating func expect(_ byte: UInt8) throws(CodecError) {
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of line, expected '\(Character(Unicode.Scalar(byte)))'") }
        guard bytes[index] == byte else {
            throw fail("expected '\(Character(Unicode.Scalar(byte)))', found \(describeByte(bytes[index]))")
        }
        index += 1
    }

    /// Scans one value of any kind, validating it fully.
    mutating func scanValue(depth: Int = 0) throws(CodecError) -> Value {
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of line, expected a value") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return try scanString()
        case UInt8(ascii: "{"):
            guard depth < JSONScanner.maxDepth else { throw fail("nested deeper than \(JSONScanner.maxDepth) levels") }
            return try scanObject(depth: depth) { _, _ in }
        case UInt8(ascii: "["):
            guard depth < JSONScanner.maxDepth else { throw fail("nested deeper than \(JSONScanner.maxDepth) levels") }
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return Value(kind: .array, start: start, end: index, escaped: false)
            }
            var position = 0
            while true {
                position += 1
                do throws(CodecError) { _ = try scanValue(depth: depth + 1) } catch { throw error.inside("[\(position)]") }
                skipWhitespace()
                guard index < bytes.count else { throw fail("unexpected end of line inside an array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; break }
                throw fail("expected ',' or ']', found \(describeByte(bytes[index]))")
            }
            return Value(kind: .array, start: start, end: index, escaped: false)
        case UInt8(ascii: "t"):
            try literal("true")
            return Value(kind: .bool, start: start, end: index, escaped: false)
        case UInt8(ascii: "f"):
            try literal("false")
            return Value(kind: .bool, start: start, end: index, escaped: false)
        case UInt8(ascii: "n"):
            try literal("null")
            return Value(kind: .null, start: start, end: index, escaped: false)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
            return Value(kind: .number, start: start, end: index, escaped: false)
        default:
            throw fail("expected a value, found \(describeByte(bytes[index]))")
        }
    }

    /// `scanValue()` for an object that starts at `index` (the caller has checked the `{`), which
    /// also hands each member to `member` once it is validated: the same checks, the same errors
    /// and the same spans as `scanValue()` followed by `forEachMember(of:)`, in one pass.
    mutating func scanObject(depth: Int = 0, _ member: (_ key: Value, _ value: Value) -> Void) throws(CodecError) -> Value {
        let start = index
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return Value(kind: .object, start: start, end: index, escaped: false)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw fail(index < bytes.count ? "expected a field name in quotes, found \(describeByte(bytes[index]))"
                                               : "unexpected end of line inside an object")
            }
            let key = try scanString()
            let value: Value
            do throws(CodecError) {
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "\"") {
                    // `"key":"…"`, the usual member: what `expect(":")` and `scanValue` would do.
                    index += 1
                    value = try scanString()
                } else {
                    try expect(UInt8(ascii: ":"))
                    value = try scanValue(depth: depth + 1)
                }
            } catch {
                // An error inside a value names the field it is in ("tasks[2].text").
                throw error.inside(string(key))
            }
            member(key, value)
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of line inside an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw fail("expected ',' or '}', found \(describeByte(bytes[index]))")
        }
        return Value(kind: .object, start: start, end: index, escaped: false)
    }

    private mutating func literal(_ word: StaticString) throws(CodecError) {
        let n = word.utf8CodeUnitCount
        guard index + n <= bytes.count else { throw fail("unexpected end of line in a literal") }
        for i in 0..<n where bytes[index + i] != word.utf8Start[i] {
            throw fail("invalid literal, expected \(word)")
        }
        index += n
    }

    private mutating func scanNumber() throws(CodecError) {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ s: inout JSONScanner) -> Int {
            let from = s.index
            while s.index < s.bytes.count, s.bytes[s.index] &- 48 < 10 { s.index += 1 }
            return s.index - from
        }
        guard index < bytes.count else { throw fail("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits(&self) == 0 {
            throw fail("invalid number")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw fail("invalid number: no digits after '.'") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw fail("invalid number: no digits in exponent") }
        }
    }

    /// Scans a string starting at the opening quote; validates escapes and UTF-8.
    @inline(__always)
    mutating func scanString() throws(CodecError) -> Value {
        if let quotes, let end = quotes.next(after: index) {
            let start = index + 1
            index = end + 1
            return Value(kind: .string, start: start, end: end, escaped: false)
        }
        #if _endian(little)
        // Most strings are plain ASCII: find the closing quote 8 bytes at a time, inline. Anything
        // else (an escape, a control character, UTF-8, the last 8 bytes of the buffer) goes on
        // in `scanStringRest` from the first byte that needs a look.
        let start = index + 1
        var i = start
        if let base = bytes.baseAddress {
            let count = bytes.count
            while i + 8 <= count {
                let special = JSONScanner.specialBytes(base.loadUnaligned(fromByteOffset: i, as: UInt64.self), nonASCII: nonASCIIStops)
                if special != 0 {
                    i += special.trailingZeroBitCount >> 3
                    if base.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: "\"") {
                        index = i + 1
                        return Value(kind: .string, start: start, end: i, escaped: false)
                    }
                    break
                }
                i += 8
            }
            // The last few bytes of the line (a value that ends it, such as a timestamp), one at
            // a time while they are plain.
            while i < count {
                let c = base.load(fromByteOffset: i, as: UInt8.self)
                if c == UInt8(ascii: "\"") {
                    index = i + 1
                    return Value(kind: .string, start: start, end: i, escaped: false)
                }
                if c == UInt8(ascii: "\\") || c < 0x20 || (c >= 0x80 && !utf8Checked) { break }
                i += 1
            }
        }
        return try scanStringRest(start: start, from: i)
        #else
        return try scanStringRest(start: index + 1, from: index + 1)
        #endif
    }

    /// `scanString` from `i` on, for a string whose contents start at `start` and hold nothing
    /// but plain ASCII before `i`.
    @inline(never)
    private mutating func scanStringRest(start: Int, from i: Int) throws(CodecError) -> Value {
        index = start
        var escaped = false
        let count = bytes.count
        guard let base = bytes.baseAddress else { throw fail("unterminated string") }
        var i = i
        while true {
            #if _endian(little)
            // Plain ASCII (no quote, backslash or control character) is skipped 8 bytes at a time;
            // the first byte that needs a look is then handled exactly as one at a time would be.
            while i + 8 <= count {
                let special = JSONScanner.specialBytes(base.loadUnaligned(fromByteOffset: i, as: UInt64.self), nonASCII: nonASCIIStops)
                if special != 0 {
                    i += special.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            #endif
            guard i < count else { break }
            let c = base.load(fromByteOffset: i, as: UInt8.self)
            if c == UInt8(ascii: "\"") {
                index = i
                let v = Value(kind: .string, start: start, end: index, escaped: escaped)
                index += 1
                return v
            } else if c == UInt8(ascii: "\\") {
                index = i
                escaped = true
                index += 1
                guard index < count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    guard index + 4 < count, (1...4).allSatisfy({ hexValue(bytes[index + $0]) != nil }) else {
                        throw fail("invalid \\u escape")
                    }
                    // Past `uXXXX`, or past both halves of a surrogate pair.
                    index += try surrogateCheckedLength(at: index - 1)
                default:
                    throw fail("invalid escape '\\\(Character(Unicode.Scalar(bytes[index])))'")
                }
                i = index
            } else if c < 0x20 {
                index = i
                throw fail(c == 0 ? "NUL byte inside a string" : "control character \(describeByte(c)) inside a string (must be escaped)")
            } else if c < 0x80 || utf8Checked {
                i += 1
            } else if c >= 0xC2, c <= 0xDF, i + 1 < count,
                      base.load(fromByteOffset: i + 1, as: UInt8.self) & 0xC0 == 0x80 {
                // A well-formed 2-byte letter (ơ, ư, đ), inline: Vietnamese text has one every
                // few bytes. Anything less plain goes to `scanUTF8Sequence`, which words errors.
                i += 2
            } else if c >= 0xE1, c <= 0xEF, c != 0xED, i + 2 < count,
                      base.load(fromByteOffset: i + 1, as: UInt8.self) & 0xC0 == 0x80,
                      base.load(fromByteOffset: i + 2, as: UInt8.self) & 0xC0 == 0x80 {
                // A well-formed 3-byte letter (ộ, ế: U+1EA0–U+1EF9), inline likewise. E0 and ED
                // restrict their second byte, so they take the full check.
                i += 3
            } else {
                index = i
                try scanUTF8Sequence()
                i = index
            }
        }
        index = count
        throw fail("unterminated string")
    }

    /// A `\\uXXXX` escape at `at` (its backslash) must spell a character: a high surrogate
    /// (D800–DBFF) only as the first half of a pair with a low one (DC00–DFFF), and a low one
    /// only as its second half. A lone half is not text: it is refused, never stored as U+FFFD.
    /// - Returns: how far past the `u` the escape goes: 5, or 11 for a pair.
    private func surrogateCheckedLength(at at: Int) throws(CodecError) -> Int {
        func hex(_ from: Int) -> UInt32? {
            guard from + 6 <= bytes.count, bytes[from] == UInt8(ascii: "\\"), bytes[from + 1] == UInt8(ascii: "u") else { return nil }
            var v: UInt32 = 0
            for k in 2..<6 {
                guard let d = hexValue(bytes[from + k]) else { return nil }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        guard let unit = hex(at), (0xD800...0xDFFF).contains(unit) else { return 5 }
        func lone() -> CodecError {
            let text = String(unit, radix: 16, uppercase: true)
            return CodecError("lone surrogate escape \\u\(text) (half of a UTF-16 pair, not a character)", column: at + 1)
        }
        if unit >= 0xDC00 {
            // A low half is valid only right after a high half, which consumed it already.
            throw lone()
        }
        guard let low = hex(at + 6), (0xDC00...0xDFFF).contains(low) else { throw lone() }
        return 11
    }

    /// A mask with bit 7 of each byte of `w` set where that byte is a quote, a backslash, a
    /// control character or (with `nonASCII` 0x80 in each byte) not ASCII. Only the lowest set
    /// bit is exact (borrows can set bits above it), which is all `scanString` uses.
    @inline(__always)
    static func specialBytes(_ w: UInt64, nonASCII: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = w ^ 0x2222_2222_2222_2222
        let backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let isQuote = (quote &- ones) & ~quote
        let isBackslash = (backslash &- ones) & ~backslash
        let isControl = (w &- 0x2020_2020_2020_2020) & ~w
        return (isQuote | isBackslash | isControl | w & nonASCII) & 0x8080_8080_8080_8080
    }

    /// Validates one multi-byte UTF-8 sequence (no overlongs, no surrogates, ≤ U+10FFFF).
    @inline(__always)
    private mutating func scanUTF8Sequence() throws(CodecError) {
        let c = bytes[index]
        let n: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: n = 1
        case 0xE0: n = 2; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: n = 2
        case 0xED: n = 2; hi = 0x9F
        case 0xF0: n = 3; lo = 0x90
        case 0xF1...0xF3: n = 3
        case 0xF4: n = 3; hi = 0x8F
        default: throw fail("invalid UTF-8: \(describeByte(c))")
        }
        guard index + n < bytes.count else { throw fail("truncated UTF-8 sequence") }
        let b1 = bytes[index + 1]
        guard b1 >= lo, b1 <= hi else { throw fail("invalid UTF-8 sequence starting with \(describeByte(c))") }
        for k in 2...max(2, n) where k <= n {
            guard bytes[index + k] & 0xC0 == 0x80 else { throw fail("invalid UTF-8 sequence starting with \(describeByte(c))") }
        }
        index += n + 1
    }

    /// Calls `body` with each member of the object value `object` (already validated).
    func forEachMember(of object: Value, _ body: (Value, Value) throws(CodecError) -> Void) throws(CodecError) {
        var s = JSONScanner(bytes, index: object.start + 1, utf8Checked: utf8Checked, quotes: quotes)
        s.skipWhitespace()
        if bytes[s.index] == UInt8(ascii: "}") { return }
        while true {
            s.skipWhitespace()
            let key = try s.scanString()
            try s.expect(UInt8(ascii: ":"))
            let value = try s.scanValue(depth: 1)
            try body(key, value)
            s.skipWhitespace()
            if bytes[s.index] == UInt8(ascii: ",") { s.index += 1; continue }
            return
        }
    }

    /// Calls `body` with each element of the array value `array` (already validated).
    func forEachElement(of array: Value, _ body: (Value) throws(CodecError) -> Void) throws(CodecError) {
        var s = JSONScanner(bytes, index: array.start + 1, utf8Checked: utf8Checked, quotes: quotes)
        s.skipWhitespace()
        if bytes[s.index] == UInt8(ascii: "]") { return }
        while true {
            let value = try s.scanValue(depth: 1)
            try body(value)
            s.skipWhitespace()
            if bytes[s.index] == UInt8(ascii: ",") { s.index += 1; continue }
            return
        }
    }

    /// Whether the key's raw bytes equal `name` (keys we know are plain ASCII, never escaped).
    func key(_ key: Value, is name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        guard key.end - key.start == n, !key.escaped else { return false }
        return memcmpBytes(bytes.baseAddress! + key.start, name.utf8Start, n)
    }

    /// The decoded contents of a string value; without escapes, from `names` when given.
    func string(_ v: Value, names: NamePool?) -> String {
        guard let names, !v.escaped else { return string(v) }
        return names.string(UnsafeRawBufferPointer(rebasing: bytes[v.start..<v.end]))
    }

    /// The decoded contents of a string value.
    func string(_ v: Value) -> String {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[v.start..<v.end])
        if !v.escaped {
            return String(decoding: raw, as: UTF8.self)
        }
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let c = raw[i]
            guard c == UInt8(ascii: "\\") else { out.append(c); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, i)
                i += 4
                // A surrogate pair spells one scalar (the scanner refused lone halves).
                if (0xD800...0xDBFF).contains(scalar), i + 6 <= raw.count,
                   raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(raw, i + 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: out.append(e)  // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func hex4(_ raw: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 { v = v << 4 | UInt32(hexValue(raw[at + k])!) }
        return v
    }
}

@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    for i in 0..<n where a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) {
        return false
    }
    return true
}

func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - 48
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - 87
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - 55
    default: return nil
    }
}

func describeByte(_ c: UInt8) -> String {
    if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
    let hex = String(c, radix: 16, uppercase: true)
    return "byte 0x\(c < 16 ? "0" : "")\(hex)"
}
