/// A line decoded only as far as the fold needs, for the events that make up nearly all of a
/// long log (reminders sent, completions, reopenings, deadline changes, each naming its unit).
///
/// Its strings are spans of the line's bytes, not `String`s: replay makes no allocation for
/// them. A view exists only for a line that the full decoder would accept with exactly these
/// values; for anything else (another type, an escape, a `null`, any error) ``EventCodec/view(_:)``
/// returns `nil` and the caller decodes the line in full, which also words the error.
///
/// Valid only while the bytes it was read from are.
public struct EventView {
    public enum Kind: Sendable { case reminderSent, taskCompleted, taskReopened, deadlineChanged }

    public var kind: Kind
    public var id: ByteSpan
    public var recordedAt: Instant
    public var directive: ByteSpan
    public var task: ByteSpan
    /// Absent only in a `deadline.changed` for every assignee of the task.
    public var unit: ByteSpan?
    /// `reminder.sent`: the step.
    public var step: ByteSpan
    /// `reminder.sent`: when sent; `task.completed`: when completed; `deadline.changed`: the new due.
    public var instant: Instant
    /// `task.completed`: the note; `deadline.changed`: the due phrase (both optional).
    public var text: ByteSpan?

    /// Hashes the fold looks things up by, computed with the decoding (which may run on another
    /// thread than the fold).
    public var idHash: EventIDSet.IDHash
    /// With a unit: the hash of (directive, task, unit) the fold finds the assignment by
    /// (``AssignmentTable``). Without one: the directive's hash (`ByteKeys.hash`) in `low`.
    var keyHash: EventIDSet.IDHash

    /// Fills in the hashes from the spans (the decoder calls it once the line is read).
    @inline(__always)
    mutating func computeHashes() {
        idHash = EventIDSet.hash(bytes: id.buffer)
        if let unit {
            keyHash = AssignmentTable.hash(directive: directive.buffer, task: task.buffer, unit: unit.buffer)
        } else {
            keyHash = EventIDSet.IDHash(high: 0, low: ByteKeys.hash(directive.buffer))
        }
    }

    /// What the fold can start loading for this line before it gets to it (``Ledger/prefetch(_:)``).
    public struct PrefetchHint {
        var idHash: EventIDSet.IDHash
        var keyHash: EventIDSet.IDHash
        var hasUnit: Bool
    }

    public var prefetchHint: PrefetchHint { PrefetchHint(idHash: idHash, keyHash: keyHash, hasUnit: unit != nil) }
}

/// Bytes of a line, by address: what an ``EventView`` holds instead of a `String`.
public struct ByteSpan {
    public var start: UnsafePointer<UInt8>
    public var count: Int

    @inline(__always)
    public var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    /// Only for values that need to outlive the line (a note, a due phrase).
    public var string: String { String(decoding: buffer, as: UTF8.self) }

    /// Whether `s` is spelled with exactly these bytes (canonically equal spellings are not:
    /// the caller falls back to `String` comparison when it needs them).
    @inline(__always)
    public func bytesEqual(_ s: String) -> Bool {
        ByteKeys.withBytes(s) { $0.count == count && (count == 0 || memcmpEqual($0.baseAddress!, start, count)) }
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

extension EventCodec {
    /// The fold's view of a line, or `nil` when the line must go through ``decode(_:)-(UnsafeRawBufferPointer)``
    /// (it is of another kind, spelled unusually, or invalid).
    public static func view(_ line: UnsafeRawBufferPointer) -> EventView? {
        var dates = Timestamp.DayMemo()
        return view(line, dates: &dates)
    }

    /// ``view(_:)`` for one line of many, read in order: `dates` carries the last date read
    /// from one line to the next.
    @inline(__always)
    public static func view(_ line: UnsafeRawBufferPointer, dates: inout Timestamp.DayMemo) -> EventView? {
        if let view = viewOfEncodedLayout(line, dates: &dates) { return view }
        return viewOfAnyLayout(line)
    }

    /// ``view(_:)`` for a line spelled any way JSON allows.
    static func viewOfAnyLayout(_ line: UnsafeRawBufferPointer) -> EventView? {
        guard line.count <= maxLineBytes, line.count > 1 else { return nil }
        guard line[0] == UInt8(ascii: "{"), !namesDirectiveTypeEarly(line) else { return nil }
        var scanner = JSONScanner(line, utf8Checked: LineScan.isKnownValidUTF8(line))
        let fields = try? Fields.with(scanner: scanner) { (fields) throws(CodecError) -> EventView? in
            var clean = true
            _ = try scanner.scanObject { key, value in
                guard clean else { return }
                do throws(CodecError) { try fields.set(key, value) } catch { clean = false }
            }
            scanner.skipWhitespace()
            guard clean, scanner.index == line.count else { return nil }
            return fields.view()
        }
        return fields ?? nil
    }
}

extension EventCodec {
    /// Whether the line says early on that it is a `directive.*` event, as lines this codec
    /// writes do: such a line gets no view, and scanning it (the longest lines of a log) once
    /// for a view and again in full would be wasted. Only a shortcut: a line that says it later
    /// is scanned, found to be of that type, and given no view either.
    @inline(__always)
    static func namesDirectiveTypeEarly(_ line: UnsafeRawBufferPointer) -> Bool {
        let needle: StaticString = "\"type\":\"directive."
        let n = needle.utf8CodeUnitCount
        let window = min(line.count, 96)
        guard window >= n, let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        var i = 0
        while i + n <= window {
            if base[i] == UInt8(ascii: "\""), memcmpEqual(base + i, needle.utf8Start, n) { return true }
            i += 1
        }
        return false
    }
}

extension Fields {
    /// See ``EventView``: the same checks as `event()`, answering `nil` instead of throwing.
    func view() -> EventView? {
        guard let v = values[Key.v.rawValue], v.kind == .number, v.end - v.start == 1,
              scanner.bytes[v.start] == UInt8(ascii: "1"),
              let typeValue = values[Key.type.rawValue], let type = knownType(typeValue),
              let id = plain(.id), plain(.actor) != nil, let directive = plain(.directive),
              let at = timestamp(.at), let task = plain(.task)
        else { return nil }
        let unit = plain(.unit)
        // A unit may be left out only of a deadline change (it then applies to the whole task).
        guard unit != nil || (type == .deadlineChanged && values[Key.unit.rawValue] == nil) else { return nil }
        var view = EventView(kind: .reminderSent, id: id, recordedAt: at, directive: directive, task: task, unit: unit,
                             step: id, instant: at, text: nil,
                             idHash: EventIDSet.IDHash(high: 0, low: 0), keyHash: EventIDSet.IDHash(high: 0, low: 0))
        switch type {
        case .reminderSent:
            guard allowsOnly([.task, .unit, .step, .planned, .sent]), let step = plain(.step),
                  timestamp(.planned) != nil, let sent = timestamp(.sent) else { return nil }
            view.step = step
            view.instant = sent
        case .taskCompleted:
            guard allowsOnly([.task, .unit, .completed, .note]), let note = optionalText(.note) else { return nil }
            view.kind = .taskCompleted
            if has(.completed) {
                guard let completed = timestamp(.completed) else { return nil }
                view.instant = completed
            }
            view.text = note.span
        case .taskReopened:
            guard allowsOnly([.task, .unit, .reason]), optionalText(.reason) != nil else { return nil }
            view.kind = .taskReopened
        case .deadlineChanged:
            guard allowsOnly([.task, .unit, .due, .duePhrase, .reason]), let due = timestamp(.due),
                  let phrase = optionalText(.duePhrase), plain(.reason) != nil else { return nil }
            view.kind = .deadlineChanged
            view.instant = due
            view.text = phrase.span
        case .directiveIssued, .directiveRevoked:
            return nil
        }
        view.computeHashes()
        return view
    }

    /// A present, non-empty string without escapes.
    private func plain(_ key: Key) -> ByteSpan? {
        guard let v = values[key.rawValue], v.kind == .string, !v.escaped, v.end > v.start else { return nil }
        return span(v)
    }

    /// An optional string: `.some(nil)` when absent or null, `.some(span)` when plain, `nil` when
    /// it needs the full decoder (escaped, or not a string).
    private func optionalText(_ key: Key) -> OptionalSpan? {
        guard let v = values[key.rawValue], v.kind != .null else { return OptionalSpan(span: nil) }
        guard v.kind == .string, !v.escaped else { return nil }
        return OptionalSpan(span: span(v))
    }

    struct OptionalSpan { var span: ByteSpan? }

    private func timestamp(_ key: Key) -> Instant? {
        guard let v = values[key.rawValue], v.kind == .string, !v.escaped else { return nil }
        return Timestamp.parse(UnsafeRawBufferPointer(rebasing: scanner.bytes[v.start..<v.end]))
    }

    private func span(_ v: JSONScanner.Value) -> ByteSpan {
        ByteSpan(start: scanner.bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + v.start, count: v.end - v.start)
    }

    private func allowsOnly(_ allowed: [Key]) -> Bool { firstPresent(notIn: allowed) == nil }
}
