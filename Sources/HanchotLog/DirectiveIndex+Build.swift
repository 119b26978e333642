#if canImport(Glibc)
import Glibc
#endif
import HanchotCore
import SystemPackage

extension DirectiveIndex {
    /// Folds `log` up to `end` and writes a fresh index to `path` (through a temporary file and
    /// a rename, so readers see the old index or the new one, never half of one).
    ///
    /// Only lines that replay applies are indexed, with their ids: a line replay skips (an unknown
    /// task, an id used before) must not count for the append check either.
    /// - Returns: the number of lines indexed.
    @discardableResult
    static func rebuild(_ path: FilePath, for log: FileDescriptor, upTo end: Int64, zone: Zone = .vietnam) throws -> Int {
        // Lines by directive position (issue order), named once the fold is done.
        var linesByPosition: [[LineLocation]] = []
        var ids: [EventIDSet.IDHash] = []
        let folded = try FileEventStore.fold(log, to: end, zone: zone, file: path.string,
                                             readAhead: end >= ReadAhead.minimumSize) { location, position, idHash in
            while linesByPosition.count <= position { linesByPosition.append([]) }
            linesByPosition[position].append(location)
            ids.append(idHash)
        }
        let order = folded.ledger.order
        var lines: [String: [LineLocation]] = [:]
        for (position, locations) in linesByPosition.enumerated() where !locations.isEmpty { lines[order[position]] = locations }
        let stop = (offset: folded.end.offset, line: folded.end.line)
        ids.sort()
        let bytes = encode(lines: lines, ids: ids, log: log, covered: stop)
        try writeAtomically(bytes, to: path)
        return ids.count
    }

    /// Rebuilds the index after an append unless another process is rebuilding it right now, or
    /// the index is within `maxLag` bytes of the log's end (a rebuild may have finished since the
    /// caller looked: a queue of writers must not rebuild one after the other).
    ///
    /// Runs without the append lock: it folds up to the log's current size, and a line still
    /// being written there is not complete yet, so the index stops before it.
    /// - Returns: whether this call rebuilt the index.
    @discardableResult
    static func refresh(_ path: FilePath, for log: FileDescriptor, maxLag: Int64, zone: Zone) -> Bool {
        let rebuilt = IndexRebuildLock.ifFree(forIndex: path) { () -> Bool in
            guard let size = try? log.stat().size else { return false }
            if let index = open(path, for: log, logSize: size), size - index.coveredOffset <= maxLag { return false }
            // A cache refresh: failing it (read-only directory, full disk) costs speed, not data.
            return (try? rebuild(path, for: log, upTo: size, zone: zone)) != nil
        }
        return rebuilt ?? false
    }

    /// The index of `log`, which the caller holds the append lock on (so it stays `size` bytes);
    /// built now when none matches the log. `nil` when it cannot be built, or when another process
    /// is rebuilding it: waiting for that process under the append lock would stall every writer
    /// for as long as it takes (or forever, if it hangs), so the caller folds the whole log instead.
    static func openOrBuild(_ path: FilePath, for log: FileDescriptor, logSize size: Int64, zone: Zone) -> DirectiveIndex? {
        if let index = open(path, for: log, logSize: size) { return index }
        let built = IndexRebuildLock.ifFree(forIndex: path) { () -> DirectiveIndex? in
            // A rebuild may have finished between the first look and taking the lock.
            if let index = open(path, for: log, logSize: size) { return index }
            guard (try? rebuild(path, for: log, upTo: size, zone: zone)) != nil else { return nil }
            return open(path, for: log, logSize: size)
        }
        return built ?? nil
    }

    private static func encode(lines: [String: [LineLocation]], ids: [EventIDSet.IDHash], log: FileDescriptor,
                               covered: (offset: Int64, line: Int)) -> [UInt8] {
        var slotCount = 16
        while slotCount < lines.count * 2 { slotCount *= 2 }
        var out = [UInt8]()
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        let st = try? log.stat()
        u64(magic)
        u64(UInt64(truncatingIfNeeded: st?.deviceID.rawValue ?? 0))
        u64(UInt64(truncatingIfNeeded: st?.inode.rawValue ?? 0))
        u64(UInt64(covered.offset))
        u64(UInt64(covered.line))
        u64((try? fingerprint(of: log, before: covered.offset)) ?? 0)
        u64(UInt64(slotCount))
        u64(UInt64(ids.count))
        let slotsAt = out.count
        out.append(contentsOf: [UInt8](repeating: 0, count: slotCount * 16))
        for id in ids { u64(id.high); u64(id.low) }
        for (key, locations) in lines {
            let record = out.count
            let h = slotHash(key)
            var slot = Int(h & UInt64(slotCount - 1))
            while out.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: slotsAt + slot * 16, as: UInt64.self) }) != 0 {
                slot = (slot + 1) & (slotCount - 1)
            }
            out.withUnsafeMutableBytes {
                $0.storeBytes(of: h.littleEndian, toByteOffset: slotsAt + slot * 16, as: UInt64.self)
                $0.storeBytes(of: UInt64(record).littleEndian, toByteOffset: slotsAt + slot * 16 + 8, as: UInt64.self)
            }
            let keyBytes = Array(key.utf8)
            u32(UInt32(keyBytes.count))
            out.append(contentsOf: keyBytes)
            u32(UInt32(locations.count))
            for l in locations { u64(UInt64(l.offset)); u32(UInt32(l.length)) }
        }
        return out
    }

    private static func writeAtomically(_ bytes: [UInt8], to path: FilePath) throws {
        let temp = FilePath(path.string + ".tmp.\(getpid())")
        let mode = FileModes.beside(log: FileModes.log(ofIndex: path))
        let fd = try FileDescriptor.open(temp, .writeOnly, options: [.create, .truncate, .closeOnExec], permissions: mode)
        FileModes.set(mode, on: fd)
        do {
            try fd.closeAfter {
                _ = try fd.writeAll(bytes)
                try fd.sync()
            }
            try retryingOnInterrupt { rename(temp.string, path.string) }
        } catch {
            _ = unlink(temp.string)
            throw error
        }
    }
}
