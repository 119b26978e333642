import CPrefetch

extension Array {
    /// Starts loading the slot of an open-addressing table of power-of-two size where an entry
    /// with `hash` would be (its low bits pick the slot), as the id and directive tables do.
    @inline(__always)
    func prefetchSlot(forHash hash: UInt64) {
        withUnsafeBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            hanchot_prefetch(base + (Int(truncatingIfNeeded: hash) & (slots.count - 1)))
        }
    }
}
