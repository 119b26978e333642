/// The ids of every event in the log, kept as 128-bit hashes: a million ids cost ~32 MB rather
/// than the ~80 MB of the strings, and a false match needs ~2^64 ids.
public struct EventIDSet: Sendable {
    private var hashes = HashTable()

    public struct IDHash: Hashable, Sendable, Comparable {
        public static func < (a: IDHash, b: IDHash) -> Bool { (a.high, a.low) < (b.high, b.low) }
        public init(high: UInt64, low: UInt64) { self.high = high; self.low = low }
        public var high: UInt64
        public var low: UInt64
    }

    func contains(_ id: String) -> Bool { hashes.contains(EventIDSet.hash(id)) }
    mutating func insert(_ id: String) { hashes.insert(EventIDSet.hash(id)) }
    func contains(_ hash: IDHash) -> Bool { hashes.contains(hash) }
    mutating func insert(_ hash: IDHash) { hashes.insert(hash) }
    mutating func reserveCapacity(_ n: Int) { hashes.reserveCapacity(n) }
    /// Starts loading the slot where `hash` would be (see ``Ledger/prefetch(_:)``).
    func prefetch(_ hash: IDHash) { hashes.prefetch(hash) }

    /// A set of id hashes by open addressing. The hashes are already uniformly mixed, so their
    /// low bits pick the slot directly (a `Set` would hash each one again, and again on every
    /// resize). Copy-on-write like any array.
    private struct HashTable: Sendable {
        /// Power-of-two sized; the all-zero hash marks an empty slot.
        private var slots: [IDHash] = []
        private var count = 0
        /// Whether the all-zero hash (which cannot be stored in a slot) is a member.
        private var hasZero = false

        func contains(_ h: IDHash) -> Bool {
            if h.high == 0 && h.low == 0 { return hasZero }
            return slots.withUnsafeBufferPointer { buf in
                guard !buf.isEmpty else { return false }
                let mask = buf.count - 1
                var i = Int(truncatingIfNeeded: h.low) & mask
                while true {
                    let s = buf[i]
                    if s == h { return true }
                    if s.high == 0 && s.low == 0 { return false }
                    i = (i + 1) & mask
                }
            }
        }

        mutating func insert(_ h: IDHash) {
            if h.high == 0 && h.low == 0 {
                hasZero = true
                return
            }
            if (count + 1) * 4 > slots.count * 3 { grow() }
            if HashTable.place(h, in: &slots) { count += 1 }
        }

        /// Puts `h` in its slot unless it is there; returns whether it was added.
        private static func place(_ h: IDHash, in slots: inout [IDHash]) -> Bool {
            slots.withUnsafeMutableBufferPointer { buf in
                let mask = buf.count - 1
                var i = Int(truncatingIfNeeded: h.low) & mask
                while true {
                    let s = buf[i]
                    if s == h { return false }
                    if s.high == 0 && s.low == 0 {
                        buf[i] = h
                        return true
                    }
                    i = (i + 1) & mask
                }
            }
        }

        @inline(__always)
        func prefetch(_ h: IDHash) { slots.prefetchSlot(forHash: h.low) }

        mutating func reserveCapacity(_ n: Int) {
            var size = max(16, slots.count)
            while n * 4 > size * 3 { size *= 2 }
            if size > slots.count { rehash(into: size) }
        }

        /// `size` empty slots (see ``HugePages``: a large table is read at random).
        private static func emptySlots(_ size: Int) -> [IDHash] {
            HugePages.array(repeating: IDHash(high: 0, low: 0), count: size)
        }

        private mutating func grow() { rehash(into: max(16, slots.count * 2)) }

        private mutating func rehash(into size: Int) {
            let old = slots
            slots = HashTable.emptySlots(size)
            for h in old where h.high != 0 || h.low != 0 { _ = HashTable.place(h, in: &slots) }
        }
    }

    public static func hash(_ id: String) -> IDHash {
        // Over the contiguous UTF-8 of a native string (the usual case), else over a copy.
        if let h = id.utf8.withContiguousStorageIfAvailable({ hash(bytes: $0) }) { return h }
        return Array(id.utf8).withUnsafeBufferPointer { hash(bytes: $0) }
    }

    /// The same hash, over bytes read from a line.
    ///
    /// Two lanes of multiply-rotate over 8-byte words (an id is ~36 bytes: five steps rather
    /// than 36), each finished with a full mix. The hashes are kept in the directive index, so
    /// changing this function means changing the index's format version (`DirectiveIndex.magic`).
    @inline(__always)
    public static func hash(bytes: UnsafeBufferPointer<UInt8>) -> IDHash {
        var h1: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: bytes.count)
        var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        let tail = ByteKeys.words(of: bytes) { w in
            h1 = ((h1 ^ w) &* 0xFF51_AFD7_ED55_8CCD).rotatedLeft(29)
            h2 = ((h2 &+ w) &* 0xC4CE_B9FE_1A85_EC53).rotatedLeft(31)
        }
        h1 = ((h1 ^ tail) &* 0xFF51_AFD7_ED55_8CCD).rotatedLeft(29)
        h2 = ((h2 &+ tail) &* 0xC4CE_B9FE_1A85_EC53).rotatedLeft(31)
        return IDHash(high: ByteKeys.mix(h1 &+ h2), low: ByteKeys.mix(h2 ^ h1.rotatedLeft(17)))
    }
}

extension UInt64 {
    /// `k` in 1...63. Masking shifts (`&<<`, `&>>`), so that this is one rotate instruction:
    /// Swift's `<<` also handles shifts of 64 and more, which hid the rotate from the compiler
    /// (a tenth of the hashing's instructions).
    @inline(__always)
    func rotatedLeft(_ k: UInt64) -> UInt64 { (self &<< k) | (self &>> (64 &- k)) }
}
