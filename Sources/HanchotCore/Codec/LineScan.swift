import CLineScan

/// What one pass over a whole line learns before its JSON is read (see `CLineScan.h`): whether
/// it is valid UTF-8, whether its strings are plain (no escapes, no control bytes), and where
/// its quotes are.
///
/// Every string in a line must be valid UTF-8, and a string's ends are ASCII quotes, so when the
/// whole line is valid every string in it is: a string scan then skips its letter-by-letter
/// check. When the strings are also plain, each one ends at the next quote, which the quote map
/// gives at once. Whatever is not known is checked string by string as before, which is also
/// what finds and words an error, so answers never depend on this pass; only their cost does.
struct LineScan {
    /// Lines up to this long get a quote map (every line with a view is far shorter).
    static let mappedBytes = 512
    typealias QuoteWords = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                            UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    let utf8Valid: Bool
    /// Valid UTF-8, plain strings and a filled quote map: ``closingQuote(after:)`` may be asked,
    /// and a string is valid whatever bytes lie between its quotes.
    let quotesMapped: Bool
    private var quotes: QuoteWords = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private let words: Int

    @inline(__always)
    init(_ line: UnsafeRawBufferPointer) {
        words = (line.count + 31) >> 5
        guard let base = line.baseAddress else {
            utf8Valid = true
            quotesMapped = false
            return
        }
        let flags = withUnsafeMutableBytes(of: &quotes) { q in
            hanchot_line_scan(base, line.count, q.baseAddress!.assumingMemoryBound(to: UInt32.self), 16)
        }
        utf8Valid = flags & UInt32(HANCHOT_LINE_UTF8) != 0
        let all = UInt32(HANCHOT_LINE_UTF8 | HANCHOT_LINE_PLAIN | HANCHOT_LINE_QUOTES)
        quotesMapped = flags & all == all
    }

    /// Whether `line` is known to be valid UTF-8 (the check alone, for lines read in full).
    @inline(__always)
    static func isKnownValidUTF8(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress else { return true }
        return hanchot_line_scan(base, line.count, nil, 0) & UInt32(HANCHOT_LINE_UTF8) != 0
    }

    /// Where the first quote after byte `position` is, if any (only when `quotesMapped`).
    @inline(__always)
    mutating func closingQuote(after position: Int) -> Int? {
        let words = self.words
        return withUnsafeBytes(of: &quotes) { q -> Int? in
            QuoteMap(words: q.baseAddress!.assumingMemoryBound(to: UInt32.self), count: words).next(after: position)
        }
    }

    /// Lines up to this long get a quote map when decoded in full (see ``withQuoteMap(_:_:)``).
    static let mappedBytesInFull = 16 << 10

    /// Calls `body` with what one pass over a whole line learns: whether it is valid UTF-8,
    /// and, when its strings are also plain, where its quotes are (in memory that lasts for
    /// the call). For decoding a line in full: any length, not only a view's.
    static func withQuoteMap<R>(_ line: UnsafeRawBufferPointer, _ body: (_ utf8Valid: Bool, _ quotes: QuoteMap?) -> R) -> R {
        guard let base = line.baseAddress, line.count <= mappedBytesInFull else { return body(isKnownValidUTF8(line), nil) }
        let count = (line.count + 31) >> 5
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { words in
            let flags = hanchot_line_scan(base, line.count, words.baseAddress!, count)
            let all = UInt32(HANCHOT_LINE_UTF8 | HANCHOT_LINE_PLAIN | HANCHOT_LINE_QUOTES)
            return body(flags & UInt32(HANCHOT_LINE_UTF8) != 0,
                        flags & all == all ? QuoteMap(words: UnsafePointer(words.baseAddress!), count: count) : nil)
        }
    }
}

/// Where the quotes of a line are: bit `i % 32` of word `i / 32` is set when byte `i` is a quote.
struct QuoteMap {
    let words: UnsafePointer<UInt32>
    let count: Int

    /// Where the first quote after byte `position` is, if any.
    @inline(__always)
    func next(after position: Int) -> Int? {
        let from = position + 1
        var word = from >> 5
        guard word < count else { return nil }
        var bits = words[word] & (UInt32.max << UInt32(from & 31))
        while bits == 0 {
            word += 1
            guard word < count else { return nil }
            bits = words[word]
        }
        return word << 5 + bits.trailingZeroBitCount
    }

    /// How many quotes lie in `range` of the line.
    func count(in range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        let first = range.lowerBound >> 5, last = (range.upperBound - 1) >> 5
        guard last < count else { return 0 }
        var n = 0
        for w in first...last {
            var bits = words[w]
            if w == first { bits &= UInt32.max << UInt32(range.lowerBound & 31) }
            if w == last { bits &= UInt32.max >> UInt32(31 - ((range.upperBound - 1) & 31)) }
            n += bits.nonzeroBitCount
        }
        return n
    }
}
