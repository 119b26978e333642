/// Every assignment of the ledger by the bytes of its key (directive, task, unit), as replay's
/// views name them: one table for the whole ledger, so a line finds its assignment with one
/// probe (which the fold can prefetch a few lines ahead), not a directive lookup, then a lookup
/// among that directive's assignments, each confirming bytes in memory of its own.
///
/// Keys are kept as 128-bit hashes, as event ids are (``EventIDSet``): a false match needs
/// ~2^64 keys. Lookups match exact bytes; a spelling that differs only by Unicode normalisation
/// is not found, and the caller falls back to the `String` path (canonical equivalence).
struct AssignmentTable: Hashable, Sendable {
    typealias KeyHash = EventIDSet.IDHash

    /// Power-of-two sized; `directivePlusOne == 0` marks an empty slot.
    private var slots: [Slot] = []
    private var count = 0

    struct Slot: Hashable, Sendable {
        var key: KeyHash
        /// The directive's position + 1.
        var directivePlusOne: Int32
        /// The assignment's place in the ledger (see ``Ledger/assignmentBase``).
        var global: Int32
    }

    /// Where the assignment with key hash `h` is: its directive's position, and its own place in
    /// the ledger.
    @inline(__always)
    func find(_ h: KeyHash) -> (directive: Int, global: Int)? {
        slots.withUnsafeBufferPointer { slots in
            guard !slots.isEmpty else { return nil }
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h.low) & mask
            while true {
                let s = slots[i]
                if s.directivePlusOne == 0 { return nil }
                if s.key == h { return (Int(s.directivePlusOne - 1), Int(s.global)) }
                i = (i + 1) & mask
            }
        }
    }

    /// Records an assignment, unless one with the same key is recorded (the first one listed
    /// is the one a line names, as in ``DirectiveState/index(task:unit:)``).
    mutating func insert(_ h: KeyHash, directive: Int, global: Int) {
        if (count + 1) * 2 > slots.count { grow() }
        if AssignmentTable.place(Slot(key: h, directivePlusOne: Int32(directive + 1), global: Int32(global)), in: &slots) {
            count += 1
        }
    }

    /// Starts loading the slot where a key with hash `h` would be.
    @inline(__always)
    func prefetch(_ h: KeyHash) { slots.prefetchSlot(forHash: h.low) }

    private static func place(_ slot: Slot, in slots: inout [Slot]) -> Bool {
        slots.withUnsafeMutableBufferPointer { buf in
            let mask = buf.count - 1
            var i = Int(truncatingIfNeeded: slot.key.low) & mask
            while buf[i].directivePlusOne != 0 {
                if buf[i].key == slot.key { return false }
                i = (i + 1) & mask
            }
            buf[i] = slot
            return true
        }
    }

    private mutating func grow() {
        let old = slots
        slots = HugePages.array(repeating: Slot(key: KeyHash(high: 0, low: 0), directivePlusOne: 0, global: 0),
                                count: max(64, slots.count * 2))
        for s in old where s.directivePlusOne != 0 { _ = AssignmentTable.place(s, in: &slots) }
    }

    /// The key hash of (directive, task, unit) spelled in these bytes.
    ///
    /// The event-id hash's two lanes, run over the three parts in turn, then over their three
    /// lengths packed in one word (a line is at most 1 MiB: 21 bits each), so the parts cannot
    /// run into one another.
    @inline(__always)
    static func hash(directive: UnsafeBufferPointer<UInt8>, task: UnsafeBufferPointer<UInt8>,
                     unit: UnsafeBufferPointer<UInt8>) -> KeyHash {
        var h1: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        @inline(__always)
        func step(_ w: UInt64) {
            h1 = ((h1 ^ w) &* 0xFF51_AFD7_ED55_8CCD).rotatedLeft(29)
            h2 = ((h2 &+ w) &* 0xC4CE_B9FE_1A85_EC53).rotatedLeft(31)
        }
        step(ByteKeys.words(of: directive, step))
        step(ByteKeys.words(of: task, step))
        step(ByteKeys.words(of: unit, step))
        step(UInt64(truncatingIfNeeded: directive.count) | UInt64(truncatingIfNeeded: task.count) << 21
             | UInt64(truncatingIfNeeded: unit.count) << 42)
        return KeyHash(high: ByteKeys.mix(h1 &+ h2), low: ByteKeys.mix(h2 ^ h1.rotatedLeft(17)))
    }

    /// The same hash, over strings.
    static func hash(_ key: Assignment.Key) -> KeyHash {
        ByteKeys.withBytes(key.directive) { d in
            ByteKeys.withBytes(key.task) { t in
                ByteKeys.withBytes(key.unit) { u in hash(directive: d, task: t, unit: u) }
            }
        }
    }
}
