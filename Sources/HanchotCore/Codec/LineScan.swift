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
        let from = position + 1
        var word = from >> 5
        guard word < words else { return nil }
        return withUnsafeBytes(of: &quotes) { q -> Int? in
            let map = q.baseAddress!.assumingMemoryBound(to: UInt32.self)
            var bits = map[word] & (UInt32.max << UInt32(from & 31))
            while bits == 0 {
                word += 1
                guard word < words else { return nil }
                bits = map[word]
            }
            return word << 5 + bits.trailingZeroBitCount
        }
    }
}
