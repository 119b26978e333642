/// The ids of every event in the log, kept as 128-bit hashes: a million ids cost ~32 MB rather
/// than the ~80 MB of the strings, and a false match needs ~2^64 ids.
public struct EventIDSet: Sendable {
    private var hashes = Set<IDHash>()

    public struct IDHash: Hashable, Sendable, Comparable {
        public static func < (a: IDHash, b: IDHash) -> Bool { (a.high, a.low) < (b.high, b.low) }
        public init(high: UInt64, low: UInt64) { self.high = high; self.low = low }
        public var high: UInt64
        public var low: UInt64
    }

    func contains(_ id: String) -> Bool { hashes.contains(EventIDSet.hash(id)) }
    mutating func insert(_ id: String) { hashes.insert(EventIDSet.hash(id)) }

    public static func hash(_ id: String) -> IDHash {
        var h1: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        for byte in id.utf8 {
            h1 = (h1 ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            h2 = (h2 ^ UInt64(byte)) &* 0xFF51_AFD7_ED55_8CCD
            h2 = (h2 << 31) | (h2 >> 33)
        }
        h2 ^= UInt64(id.utf8.count)
        return IDHash(high: mix(h1), low: mix(h2 ^ h1))
    }

    private static func mix(_ x: UInt64) -> UInt64 {
        var k = x
        k ^= k >> 33
        k &*= 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33
        k &*= 0xC4CE_B9FE_1A85_EC53
        k ^= k >> 33
        return k
    }
}
