#if canImport(Glibc)
import Glibc
#endif
import HanchotCore
import SystemPackage

/// A cache beside the log (`<log>.idx`) that lets an append check its events without replaying
/// the whole log: for each directive, where its lines are; and the hash of every event id.
///
/// The rules of the fold are per directive, so folding one directive's lines (plus the log's
/// tail past the index) gives exactly the answers a full replay would. The index is only a cache:
/// deleting it loses nothing, and one that does not match its log (other inode, shorter file,
/// different bytes before its end) is ignored and rebuilt.
///
/// File layout (little-endian):
/// ```
/// header   "HNCHIDX2" dev ino coveredOffset coveredLine fingerprint slotCount idCount   (64 bytes)
/// slots    slotCount × (keyHash u64, recordOffset u64)       open addressing, keyHash 0 = empty
/// ids      idCount × (high u64, low u64)                      sorted, for binary search
/// records  per directive: keyLength u32, key, lineCount u32, lineCount × (offset u64, length u32)
/// ```
final class DirectiveIndex {
    /// Also the format's version: "2" since the id hash changed (an index in an older format is
    /// not trusted, and is rebuilt).
    static let magic: UInt64 = 0x3258_4449_4843_4E48  // "HNCHIDX2"
    static let headerSize = 64

    private let base: UnsafeRawPointer
    private let size: Int
    let coveredOffset: Int64
    let coveredLine: Int
    private let slotCount: Int
    private let idCount: Int

    private init(base: UnsafeRawPointer, size: Int) {
        self.base = base
        self.size = size
        // Read as bit patterns: `open` checks the values before any is used (a damaged file must
        // not trap here).
        coveredOffset = Int64(bitPattern: base.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        coveredLine = Int(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
        slotCount = Int(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: 48, as: UInt64.self))
        idCount = Int(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: 56, as: UInt64.self))
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
    }

    // MARK: opening

    /// Maps the index at `path` if it describes the log open as `log` (of `logSize` bytes).
    static func open(_ path: FilePath, for log: FileDescriptor, logSize: Int64) -> DirectiveIndex? {
        guard let fd = try? FileDescriptor.open(path, .readOnly, options: [.closeOnExec]) else { return nil }
        defer { try? fd.close() }
        guard let st = try? fd.stat(), st.size >= headerSize, let logStat = try? log.stat() else { return nil }
        let size = Int(st.size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd.rawValue, 0), p != MAP_FAILED else { return nil }
        let base = UnsafeRawPointer(p)
        let index = DirectiveIndex(base: base, size: size)
        let word = { (at: Int) in base.loadUnaligned(fromByteOffset: at, as: UInt64.self) }
        guard word(0) == magic,
              word(8) == UInt64(truncatingIfNeeded: logStat.deviceID.rawValue),
              word(16) == UInt64(truncatingIfNeeded: logStat.inode.rawValue),
              index.coveredOffset >= 0, index.coveredOffset <= logSize,
              index.slotCount > 0, index.slotCount & (index.slotCount - 1) == 0, index.slotCount <= size / 16,
              index.idCount >= 0, index.idCount <= size / 16,
              headerSize + index.slotCount * 16 + index.idCount * 16 <= size,
              let fp = try? fingerprint(of: log, before: index.coveredOffset), fp == word(40)
        else { return nil }
        return index
    }

    /// A hash of the (up to) 4 KiB before `offset`: a log rewritten or replaced under the same
    /// inode no longer matches its index.
    static func fingerprint(of log: FileDescriptor, before offset: Int64) throws -> UInt64 {
        let n = Int(min(offset, 4096))
        var bytes = [UInt8](repeating: 0, count: n)
        let got = try bytes.withUnsafeMutableBytes { try log.read(fromAbsoluteOffset: offset - Int64(n), into: $0) }
        guard got == n else { return 0 }
        return fnv1a(bytes) ^ UInt64(offset)
    }

    // MARK: lookups

    /// The lines of `directive` that the index covers, in log order.
    func lines(of directive: String) -> [LineLocation] {
        // `recordOffset` has checked that the record's key lies inside the file; the rest is
        // checked here, so a damaged index reads as "no lines" rather than out of bounds.
        guard let record = recordOffset(of: directive) else { return [] }
        var at = record
        let keyLength = Int(base.loadUnaligned(fromByteOffset: at, as: UInt32.self))
        at += 4 + keyLength
        guard at <= size - 4 else { return [] }
        let count = Int(base.loadUnaligned(fromByteOffset: at, as: UInt32.self))
        at += 4
        guard count <= (size - at) / 12 else { return [] }
        return (0..<count).map { i in
            let offset = Int64(bitPattern: base.loadUnaligned(fromByteOffset: at + i * 12, as: UInt64.self))
            let length = Int(base.loadUnaligned(fromByteOffset: at + i * 12 + 8, as: UInt32.self))
            return LineLocation(line: 0, offset: offset, length: length)
        }
    }

    func contains(eventID hash: EventIDSet.IDHash) -> Bool {
        guard idCount > 0 else { return false }
        let ids = DirectiveIndex.headerSize + slotCount * 16
        func id(_ i: Int) -> EventIDSet.IDHash {
            EventIDSet.IDHash(high: base.loadUnaligned(fromByteOffset: ids + i * 16, as: UInt64.self),
                              low: base.loadUnaligned(fromByteOffset: ids + i * 16 + 8, as: UInt64.self))
        }
        // The ids are uniformly spread hashes, so one is found near where its value says. Start
        // there and widen until the range holds it, then bisect: a lookup touches a page or
        // two of the mapped file rather than the ~20 of a bisection of the whole (page faults
        // are most of the cost of a lookup in a freshly mapped index).
        let guess = min(idCount - 1, Int(Double(hash.high) / 18_446_744_073_709_551_616.0 * Double(idCount)))
        var lo = guess, hi = guess + 1
        var step = 64
        while lo > 0 && id(lo) > hash {
            lo = max(0, lo - step)
            step *= 2
        }
        step = 64
        while hi < idCount && id(hi - 1) < hash {
            hi = min(idCount, hi + step)
            step *= 2
        }
        while lo < hi {
            let mid = (lo + hi) / 2
            let h = id(mid)
            if h == hash { return true }
            if h < hash { lo = mid + 1 } else { hi = mid }
        }
        return false
    }

    /// Every directive id the index covers (for "valid choices" in error messages).
    func directiveIDs() -> [String] {
        var out: [String] = []
        for slot in 0..<slotCount {
            let at = DirectiveIndex.headerSize + slot * 16
            guard base.loadUnaligned(fromByteOffset: at, as: UInt64.self) != 0 else { continue }
            let record = Int(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
            if let key = key(at: record) { out.append(key) }
        }
        return out.sorted()
    }

    /// The key of the record at `record`, or `nil` when it does not lie inside the file.
    private func key(at record: Int) -> String? {
        guard record >= DirectiveIndex.headerSize, record <= size - 4 else { return nil }
        let n = Int(base.loadUnaligned(fromByteOffset: record, as: UInt32.self))
        guard n <= size - record - 4 else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: base + record + 4, count: n), as: UTF8.self)
    }

    private func recordOffset(of directive: String) -> Int? {
        let h = DirectiveIndex.slotHash(directive)
        var slot = Int(h & UInt64(slotCount - 1))
        for _ in 0..<slotCount {
            let at = DirectiveIndex.headerSize + slot * 16
            let stored = base.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            if stored == 0 { break }
            let record = Int(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
            if stored == h, key(at: record) == directive { return record }
            slot = (slot + 1) & (slotCount - 1)
        }
        return canonicallyEqualRecord(directive)
    }

    /// The ledger compares ids as Swift strings, by canonical equivalence ("é" precomposed and
    /// "e" + U+0301 are one directive), but slots are hashed on bytes. So a directive not found
    /// under its own bytes is looked for among the keys spelled otherwise. Two ASCII strings are
    /// equivalent only when identical, so an ASCII query skips the ASCII keys without decoding them.
    private func canonicallyEqualRecord(_ directive: String) -> Int? {
        let asciiQuery = directive.utf8.allSatisfy { $0 < 0x80 }
        for slot in 0..<slotCount {
            let at = DirectiveIndex.headerSize + slot * 16
            guard base.loadUnaligned(fromByteOffset: at, as: UInt64.self) != 0 else { continue }
            let record = Int(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
            guard record >= DirectiveIndex.headerSize, record <= size - 4 else { continue }
            let n = Int(base.loadUnaligned(fromByteOffset: record, as: UInt32.self))
            guard n <= size - record - 4 else { continue }
            let keyBytes = UnsafeRawBufferPointer(start: base + record + 4, count: n)
            if asciiQuery && !keyBytes.contains(where: { $0 >= 0x80 }) { continue }
            if String(decoding: keyBytes, as: UTF8.self) == directive { return record }
        }
        return nil
    }

    static func slotHash(_ key: String) -> UInt64 { fnv1a(Array(key.utf8)) | 1 }
}

func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
}
