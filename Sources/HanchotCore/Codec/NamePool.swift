/// Names that directive lines repeat (units, issuers), each made into a `String` once.
///
/// A directive line lists its recipients and each task's assignees, and the same few dozen units
/// appear in nearly every directive of an office: decoding a log made and validated the same
/// names tens of thousands of times. One pool serves one thread (replay's reader, or its fold).
/// Bounded like ``TextPool``, which it wraps: answers never depend on it, only their cost.
public final class NamePool {
    // One thread uses a pool, so its accesses are not checked at run time (a check per name).
    @exclusivity(unchecked) private var pool = TextPool()

    public init() {}

    /// The name spelled with these bytes (valid UTF-8, as a scanned string is).
    func string(_ bytes: UnsafeRawBufferPointer) -> String {
        guard let base = bytes.baseAddress else { return "" }
        return pool.string(ByteSpan(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count))
    }

    /// How many names are kept.
    var count: Int { pool.count }
}
