import CPrefetch

extension EventView {
    /// A view as a batch of read-ahead lines keeps it until the fold gets to it: its spans as
    /// 16-bit offsets into its line, rather than addresses. A view is written on one thread and
    /// read on another, so its size is memory traffic between the two cores on every line:
    /// this is about half of the view's.
    public struct Packed: Sendable {
        var idHash: EventIDSet.IDHash
        var keyHash: EventIDSet.IDHash
        var recordedAt: Instant
        var instant: Instant
        var id: Span16
        var directive: Span16
        var task: Span16
        var unit: Span16
        var step: Span16
        var text: Span16
        var kind: Kind
        var hasUnit: Bool
        var hasText: Bool

        /// Offset and length within the line.
        struct Span16: Sendable {
            var offset: UInt16
            var count: UInt16
        }

        /// Packs a view of `line`; nil when the line is too long for 16-bit offsets (such a
        /// line is rare, and is decoded in full instead).
        @inline(__always)
        public init?(_ view: EventView, line: UnsafeRawBufferPointer) {
            guard line.count <= Int(UInt16.max), let base = line.baseAddress else { return nil }
            let start = base.assumingMemoryBound(to: UInt8.self)
            @inline(__always)
            func span(_ s: ByteSpan) -> Span16 { Span16(offset: UInt16(truncatingIfNeeded: s.start - start), count: UInt16(truncatingIfNeeded: s.count)) }
            idHash = view.idHash
            keyHash = view.keyHash
            recordedAt = view.recordedAt
            instant = view.instant
            id = span(view.id)
            directive = span(view.directive)
            task = span(view.task)
            unit = view.unit.map(span) ?? Span16(offset: 0, count: 0)
            step = span(view.step)
            text = view.text.map(span) ?? Span16(offset: 0, count: 0)
            kind = view.kind
            hasUnit = view.unit != nil
            hasText = view.text != nil
        }

        /// The view again, over the same `line`.
        @inline(__always)
        public func view(line: UnsafeRawBufferPointer) -> EventView {
            let start = line.baseAddress!.assumingMemoryBound(to: UInt8.self)
            @inline(__always)
            func span(_ s: Span16) -> ByteSpan { ByteSpan(start: start + Int(s.offset), count: Int(s.count)) }
            return EventView(kind: kind, id: span(id), recordedAt: recordedAt, directive: span(directive), task: span(task),
                             unit: hasUnit ? span(unit) : nil, step: span(step), instant: instant,
                             text: hasText ? span(text) : nil, idHash: idHash, keyHash: keyHash)
        }

        public var prefetchHint: PrefetchHint { PrefetchHint(idHash: idHash, keyHash: keyHash, hasUnit: hasUnit) }

        /// Starts loading the step name of a reminder sent, in `line`: the only bytes of a line
        /// the fold reads, and they were written by the reading thread, on another core.
        @inline(__always)
        public func prefetchStep(in line: UnsafeRawBufferPointer) {
            guard kind == .reminderSent, let base = line.baseAddress else { return }
            hanchot_prefetch(base + Int(step.offset))
        }
    }
}

extension EventCodec {
    /// ``view(_:dates:)``, packed as read-ahead keeps it; nil when the line gets no view or is
    /// too long to pack (either way, it is then decoded in full).
    ///
    /// One function from bytes to the packed view, with the reading inlined into it: the view
    /// in between (152 bytes) is never copied whole, as it was when returned on its own (about
    /// a twelfth of decoding went to that copy).
    public static func packedView(_ line: UnsafeRawBufferPointer, dates: inout Timestamp.DayMemo) -> EventView.Packed? {
        guard line.count <= Int(UInt16.max), let view = view(line, dates: &dates) else { return nil }
        return EventView.Packed(view, line: line)
    }
}
