extension EventCodec {
    /// ``view(_:)`` for a line in exactly the layout ``encode(_:)`` writes (keys in its order, no
    /// whitespace, no escapes), which is how nearly every line of a log looks. It reads the line
    /// front to back against that layout instead of collecting members by name, so it does a
    /// fraction of the generic scan's work; strings are validated by the same scanner.
    ///
    /// Answers `nil` as soon as the line departs from the layout; the caller then asks
    /// ``view(_:)``, which decides. Whenever this answers a view, `view(_:)` would answer the same
    /// one: the layout is one of the spellings `view(_:)` accepts (tests hold the two together).
    @inline(__always)
    static func viewOfEncodedLayout(_ line: UnsafeRawBufferPointer, dates: inout Timestamp.DayMemo) -> EventView? {
        guard line.count <= maxLineBytes else { return nil }
        // A long line is nearly always a directive's, which gets no view: the reader's scan of
        // the whole line (more than a thousand bytes) would be wasted, as full decoding scans it
        // again. Short lines are not asked: the question costs more than their scan.
        if line.count > LineScan.mappedBytes, namesDirectiveTypeEarly(line) { return nil }
        var r = LayoutReader(line, dates: dates)
        defer { dates = r.dates }
        guard r.literal(#"{"v":1,"id":"#), let id = r.string(), id.count > 0,
              r.literal(#","type":"#), let kind = r.string().flatMap(Self.viewKind),
              r.literal(#","at":"#), let at = r.timestamp(),
              r.literal(#","actor":"#), let actor = r.string(), actor.count > 0,
              r.literal(#","directive":"#), let directive = r.string(), directive.count > 0,
              r.literal(#","task":"#), let task = r.string(), task.count > 0
        else { return nil }
        var view = EventView(kind: kind, id: id, recordedAt: at, directive: directive, task: task, unit: nil,
                             step: id, instant: at, text: nil,
                             idHash: EventIDSet.IDHash(high: 0, low: 0), keyHash: EventIDSet.IDHash(high: 0, low: 0))
        switch kind {
        case .reminderSent:
            guard let unit = r.member(#","unit":"#), unit.count > 0,
                  r.literal(#","step":"#), let step = r.string(), step.count > 0,
                  r.literal(#","planned":"#), r.timestamp() != nil,
                  r.literal(#","sent":"#), let sent = r.timestamp()
            else { return nil }
            view.unit = unit
            view.step = step
            view.instant = sent
        case .taskCompleted:
            guard let unit = r.member(#","unit":"#), unit.count > 0,
                  r.literal(#","completed":"#), let completed = r.timestamp()
            else { return nil }
            view.unit = unit
            view.instant = completed
            if r.isAt(#","note":"#) {
                guard let note = r.member(#","note":"#) else { return nil }
                view.text = note
            }
        case .taskReopened:
            guard let unit = r.member(#","unit":"#), unit.count > 0 else { return nil }
            view.unit = unit
            if r.isAt(#","reason":"#) {
                guard r.member(#","reason":"#) != nil else { return nil }
            }
        case .deadlineChanged:
            if r.isAt(#","unit":"#) {
                guard let unit = r.member(#","unit":"#), unit.count > 0 else { return nil }
                view.unit = unit
            }
            guard r.literal(#","due":"#), let due = r.timestamp() else { return nil }
            view.instant = due
            if r.isAt(#","duePhrase":"#) {
                guard let phrase = r.member(#","duePhrase":"#) else { return nil }
                view.text = phrase
            }
            guard let reason = r.member(#","reason":"#), reason.count > 0 else { return nil }
        }
        guard r.literal("}"), r.atEnd else { return nil }
        view.computeHashes()
        return view
    }
}

extension EventCodec {
    /// The view kind a `type` value names, if it is one (`directive.*` events get no view).
    @inline(__always)
    fileprivate static func viewKind(_ type: ByteSpan) -> EventView.Kind? {
        if type.bytesEqual(literal: "reminder.sent") { return .reminderSent }
        if type.bytesEqual(literal: "task.completed") { return .taskCompleted }
        if type.bytesEqual(literal: "task.reopened") { return .taskReopened }
        if type.bytesEqual(literal: "deadline.changed") { return .deadlineChanged }
        return nil
    }
}

/// Reads a line front to back against a fixed layout: literal bytes, then a string, then more
/// literal bytes… Every read answers `nil`/`false` when the line departs from the layout.
private struct LayoutReader {
    var scanner: JSONScanner
    var dates: Timestamp.DayMemo
    /// The whole line, scanned once: when its strings are plain, each one's end is looked up.
    var scan: LineScan

    @inline(__always)
    init(_ line: UnsafeRawBufferPointer, dates: Timestamp.DayMemo) {
        scan = LineScan(line)
        scanner = JSONScanner(line, utf8Checked: scan.utf8Valid)
        self.dates = dates
    }

    var atEnd: Bool { scanner.index == scanner.bytes.count }

    /// Whether the next bytes are `text` (nothing is consumed).
    @inline(__always)
    func isAt(_ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard scanner.index + n <= scanner.bytes.count, let base = scanner.bytes.baseAddress else { return false }
        return memcmpEqual(base.assumingMemoryBound(to: UInt8.self) + scanner.index, text.utf8Start, n)
    }

    /// Consumes `text` if the next bytes are exactly that.
    @inline(__always)
    mutating func literal(_ text: StaticString) -> Bool {
        guard isAt(text) else { return false }
        scanner.index += text.utf8CodeUnitCount
        return true
    }

    /// `literal(key)` then `string()`.
    @inline(__always)
    mutating func member(_ key: StaticString) -> ByteSpan? {
        guard literal(key) else { return nil }
        return string()
    }

    /// A string without escapes (validated as `view(_:)` validates it), as a span of its contents.
    @inline(__always)
    mutating func string() -> ByteSpan? {
        guard scanner.index < scanner.bytes.count, scanner.bytes[scanner.index] == UInt8(ascii: "\""),
              let base = scanner.bytes.baseAddress
        else { return nil }
        if scan.quotesMapped {
            // Valid UTF-8 without escapes or control bytes: the string is all up to the next quote.
            guard let end = scan.closingQuote(after: scanner.index) else { return nil }
            let start = scanner.index + 1
            scanner.index = end + 1
            return ByteSpan(start: base.assumingMemoryBound(to: UInt8.self) + start, count: end - start)
        }
        guard let v = try? scanner.scanString(), !v.escaped else { return nil }
        return ByteSpan(start: base.assumingMemoryBound(to: UInt8.self) + v.start, count: v.end - v.start)
    }

    /// A string holding an RFC 3339 timestamp.
    @inline(__always)
    mutating func timestamp() -> Instant? {
        // The usual 20-byte form between quotes, parsed in place: the parser accepts nothing but
        // digits and separators, so a string scan of those bytes could find no other end.
        let i = scanner.index
        if i + 22 <= scanner.bytes.count, let base = scanner.bytes.baseAddress,
           base.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: "\""),
           base.load(fromByteOffset: i + 21, as: UInt8.self) == UInt8(ascii: "\""),
           let instant = Timestamp.parse(UnsafeRawBufferPointer(start: base + i + 1, count: 20), memo: &dates) {
            scanner.index = i + 22
            return instant
        }
        guard let s = string() else { return nil }
        return Timestamp.parse(UnsafeRawBufferPointer(s.buffer), memo: &dates)
    }
}

extension ByteSpan {
    @inline(__always)
    func bytesEqual(literal: StaticString) -> Bool {
        count == literal.utf8CodeUnitCount && memcmpEqual(start, literal.utf8Start, count)
    }
}
