import CPrefetch

/// Memory for the ledger's large tables, which replay reads and writes at random: backed by
/// huge pages where the kernel allows (`hanchot_advise_huge_pages`), which saves a TLB miss per
/// access and most page faults. A first touch of a page cost this VM 1–8 µs, and a table that
/// grows by doubling touches twice its final size: on a 1M-event log the assignment table and
/// the sent steps alone came to 7,000 page faults.
enum HugePages {
    /// Tables smaller than this keep ordinary pages (a huge page is 2 MiB).
    static let threshold = 4 << 20

    /// `count` copies of `value`, advised for huge pages when large.
    static func array<T>(repeating value: T, count: Int) -> [T] {
        let bytes = count * MemoryLayout<T>.stride
        guard bytes >= threshold else { return [T](repeating: value, count: count) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            hanchot_advise_huge_pages(UnsafeMutableRawPointer(buffer.baseAddress!), bytes)
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// `bytes` of raw memory aligned to `alignment`, advised for huge pages when large (and then
    /// aligned to a huge page, so that all of it can be one).
    static func allocate(byteCount bytes: Int, alignment: Int) -> UnsafeMutableRawPointer {
        guard bytes >= threshold else { return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: alignment) }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: max(alignment, 2 << 20))
        hanchot_advise_huge_pages(memory, bytes)
        return memory
    }
}
