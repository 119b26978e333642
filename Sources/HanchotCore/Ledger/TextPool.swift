/// Short texts that many events repeat (deadline phrases, completion notes), made into a
/// `String` once: replay then hands out the same string for the same bytes, instead of
/// allocating and validating a new one for every line (on the benchmark's 1M-event log,
/// 111,000 texts have 2,300 distinct spellings).
///
/// Bounded, so that memory stays proportional to the state and not to the log: texts longer
/// than ``maxBytes`` are never kept, and once ``maxTexts`` are kept the rest are made afresh.
struct TextPool: Sendable {
    static let maxTexts = 1 << 16
    static let maxBytes = 256

    private var lookup = ByteKeyLookup()
    private var texts: [String] = []

    /// The text spelled with these bytes.
    mutating func string(_ span: ByteSpan) -> String {
        let bytes = span.buffer
        guard bytes.count <= TextPool.maxBytes else { return span.string }
        if let i = lookup.find(bytes) { return texts[i] }
        let text = span.string
        if texts.count < TextPool.maxTexts {
            lookup.insert(text, position: texts.count)
            texts.append(text)
        }
        return text
    }

    var count: Int { texts.count }
}
