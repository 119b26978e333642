/// Hashing and lookup of short byte strings (directive ids, task ids, unit names) as they appear
/// in a log line, so that replay finds a directive and an assignment without making a `String`.
///
/// Lookups match exact bytes. A spelling that differs only by Unicode normalisation is not found
/// here, and the caller falls back to `String` comparison (canonical equivalence), so answers
/// never differ from the `String` path; only their cost does.
enum ByteKeys {
    /// A 64-bit hash of `bytes`, word by word.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
        var h = seed ^ UInt64(bytes.count)
        let tail = words(of: bytes) { w in h = ((h ^ w) &* 0xFF51_AFD7_ED55_8CCD).rotatedLeft(29) }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return mix(h)
    }

    /// Calls `body` with each whole 8-byte word of `bytes` (unaligned loads, in order), and
    /// returns the remaining 0–7 bytes packed little-end first into one word (0 when none).
    @inline(__always)
    static func words(of bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt64) -> Void) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            body(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        let left = n - i
        if left == 0 { return 0 }
        if n >= 8 {
            // The last 8 bytes in one load, shifted so that only the `left` unread ones remain
            // (every id and key hashed on replay has a tail: a loop here cost a branch a byte).
            return raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64(8 * (8 - left))
        }
        return tailBytes(raw, n)
    }

    /// The 1–7 bytes of a buffer shorter than a word, packed little-end first.
    @inline(__always)
    private static func tailBytes(_ raw: UnsafeRawPointer, _ n: Int) -> UInt64 {
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        for i in 0..<n {
            tail |= UInt64(raw.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
        }
        return tail
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var k = x
        k ^= k >> 33
        k &*= 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33
        k &*= 0xC4CE_B9FE_1A85_EC53
        k ^= k >> 33
        return k
    }

    /// The UTF-8 of `s` for the duration of `body`, without copying a native string.
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }
}

/// Positions by the exact bytes of keys (directive ids in the ledger, step names in its
/// ``SentTable``): open addressing over (hash, position), with the keys' bytes kept here to
/// confirm a match.
struct ByteKeyLookup: Hashable, Sendable {
    private var slots: [Slot] = []
    private var keyBytes: [UInt8] = []
    private var keyRanges: [Range<Int32>] = []

    private struct Slot: Hashable, Sendable {
        var hash: UInt64
        /// Position + 1; 0 marks an empty slot.
        var positionPlusOne: Int32
    }

    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? { find(key, hash: ByteKeys.hash(key)) }

    /// `find` with the key's hash (`ByteKeys.hash`) already computed.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { slots in
            keyBytes.withUnsafeBufferPointer { bytes in
                while true {
                    let s = slots[i]
                    if s.positionPlusOne == 0 { return nil }
                    if s.hash == h {
                        let position = Int(s.positionPlusOne - 1)
                        let r = keyRanges[position]
                        if Int(r.count) == key.count,
                           key.count == 0 || memcmpEqual(bytes.baseAddress! + Int(r.lowerBound), key.baseAddress!, key.count) {
                            return position
                        }
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Starts loading the slot where a key with hash `h` would be.
    @inline(__always)
    func prefetch(hash h: UInt64) { slots.prefetchSlot(forHash: h) }

    /// Records the key at `position` (positions are given in order: 0, 1, 2, …).
    mutating func insert(_ id: String, position: Int) {
        precondition(position == keyRanges.count, "keys are recorded in order")
        let start = Int32(keyBytes.count)
        keyBytes.append(contentsOf: id.utf8)
        keyRanges.append(start..<Int32(keyBytes.count))
        if (keyRanges.count) * 4 > slots.count * 3 { grow() } else { place(position) }
    }

    private mutating func place(_ position: Int) {
        let r = keyRanges[position]
        let h = keyBytes.withUnsafeBufferPointer { ByteKeys.hash(UnsafeBufferPointer(rebasing: $0[Int(r.lowerBound)..<Int(r.upperBound)])) }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i].positionPlusOne != 0 { i = (i + 1) & mask }
        slots[i] = Slot(hash: h, positionPlusOne: Int32(position + 1))
    }

    private mutating func grow() {
        slots = [Slot](repeating: Slot(hash: 0, positionPlusOne: 0), count: max(16, slots.count * 2))
        for position in keyRanges.indices { place(position) }
    }
}
