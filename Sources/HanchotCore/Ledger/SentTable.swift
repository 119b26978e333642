import CPrefetch

/// Every assignment's sent reminder steps, for the whole ledger, by the assignment's place in it
/// (see ``Ledger/assignmentBase``).
///
/// Three lines in four of a log are reminders sent, and each one changes one assignment's steps,
/// so this is where replay's fold spends most. Each assignment gets one 64-byte slot, aligned to
/// a cache line: up to 12 steps, each a step name interned to a byte (``StepNames``) and a time
/// in 32-bit seconds. Recording a step touches that one line of memory, with no string made or
/// compared; before, an array of `(String, Instant)` per assignment cost a cache miss for the
/// array and another for its buffer, and a `String` per new step.
///
/// An assignment whose steps do not fit (a 13th step, a time before 1970 or after 2106, more
/// than 255 step names in the log) moves to `overflow` as a plain ``SentSteps``, and stays there
/// until its steps are forgotten; on the benchmark's log about 1.5% of reminders go there.
struct SentTable: Sendable, Equatable {
    static let inlineSteps = 12
    static let slotBytes = 64
    // Where each part of a slot lies: 12 times, 12 step ids, the count, the overflow mark.
    private static let idsOffset = 48
    private static let countOffset = 60
    private static let overflowOffset = 61

    private var storage = SlotStorage.create(capacity: 0)
    private(set) var count = 0
    private var names = StepNames()
    private var overflow: [Int: SentSteps] = [:]

    /// Adds `n` assignments with no steps sent.
    mutating func appendEmpty(_ n: Int) {
        guard n > 0 else { return }
        let needed = count + n
        if needed > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy(count: count, capacity: needed > storage.capacity ? max(64, storage.capacity * 2, needed) : storage.capacity)
        }
        (storage.slots + count * SentTable.slotBytes).initializeMemory(as: UInt8.self, repeating: 0, count: n * SentTable.slotBytes)
        count = needed
    }

    /// Records that `step` (as spelled in a line's bytes) was sent at `instant` to assignment `g`.
    mutating func set(stepBytes: UnsafeBufferPointer<UInt8>, at instant: Instant, for g: Int) {
        makeUnique()
        let slot = storage.slots + g * SentTable.slotBytes
        if slot.load(fromByteOffset: SentTable.overflowOffset, as: Bool.self) {
            overflow[g, default: SentSteps()][String(decoding: stepBytes, as: UTF8.self)] = instant
            return
        }
        let id = names.id(bytes: stepBytes)
        store(id, at: instant, in: slot, for: g) { String(decoding: stepBytes, as: UTF8.self) }
    }

    /// Records that `step` was sent at `instant` to assignment `g`.
    mutating func set(step: String, at instant: Instant, for g: Int) {
        makeUnique()
        let slot = storage.slots + g * SentTable.slotBytes
        if slot.load(fromByteOffset: SentTable.overflowOffset, as: Bool.self) {
            overflow[g, default: SentSteps()][step] = instant
            return
        }
        store(names.id(step), at: instant, in: slot, for: g) { step }
    }

    /// Forgets every step sent to assignment `g` (it is reminded afresh).
    mutating func removeAll(for g: Int) {
        makeUnique()
        let slot = storage.slots + g * SentTable.slotBytes
        if slot.load(fromByteOffset: SentTable.overflowOffset, as: Bool.self) {
            overflow[g] = nil
            slot.storeBytes(of: false, toByteOffset: SentTable.overflowOffset, as: Bool.self)
        }
        slot.storeBytes(of: 0, toByteOffset: SentTable.countOffset, as: UInt8.self)
    }

    /// Starts loading the slot of assignment `g`.
    @inline(__always)
    func prefetch(_ g: Int) {
        guard g < count else { return }
        hanchot_prefetch(storage.slots + g * SentTable.slotBytes)
    }

    /// The steps sent to assignment `g`, in the order they were first sent.
    func steps(for g: Int) -> SentSteps {
        let slot = UnsafeRawPointer(storage.slots + g * SentTable.slotBytes)
        if slot.load(fromByteOffset: SentTable.overflowOffset, as: Bool.self) { return overflow[g] ?? SentSteps() }
        let n = Int(slot.load(fromByteOffset: SentTable.countOffset, as: UInt8.self))
        return SentSteps(inOrder: (0..<n).map { k in
            (names.name(slot.load(fromByteOffset: SentTable.idsOffset + k, as: UInt8.self)),
             Instant(secondsSinceEpoch: Int64(slot.load(fromByteOffset: 4 * k, as: UInt32.self))))
        })
    }

    /// Whether assignment `g`'s steps are kept in the overflow rather than in its slot.
    func isOverflowing(_ g: Int) -> Bool {
        UnsafeRawPointer(storage.slots + g * SentTable.slotBytes).load(fromByteOffset: SentTable.overflowOffset, as: Bool.self)
    }

    static func == (a: SentTable, b: SentTable) -> Bool {
        // By content: two tables may have interned the same names in different orders.
        a.count == b.count && (0..<a.count).allSatisfy { a.steps(for: $0) == b.steps(for: $0) }
    }

    /// Stores step `id` (nil: it has none) at `instant` in the slot of `g`, or moves `g` to the
    /// overflow when it does not fit there; `name` spells the step for the overflow.
    @inline(__always)
    private mutating func store(_ id: UInt8?, at instant: Instant, in slot: UnsafeMutableRawPointer, for g: Int,
                                name: () -> String) {
        let n = Int(slot.load(fromByteOffset: SentTable.countOffset, as: UInt8.self))
        if let id, let seconds = UInt32(exactly: instant.secondsSinceEpoch) {
            for k in 0..<n where slot.load(fromByteOffset: SentTable.idsOffset + k, as: UInt8.self) == id {
                slot.storeBytes(of: seconds, toByteOffset: 4 * k, as: UInt32.self)
                return
            }
            if n < SentTable.inlineSteps {
                slot.storeBytes(of: seconds, toByteOffset: 4 * n, as: UInt32.self)
                slot.storeBytes(of: id, toByteOffset: SentTable.idsOffset + n, as: UInt8.self)
                slot.storeBytes(of: UInt8(n + 1), toByteOffset: SentTable.countOffset, as: UInt8.self)
                return
            }
        }
        var steps = self.steps(for: g)
        steps[name()] = instant
        overflow[g] = steps
        slot.storeBytes(of: true, toByteOffset: SentTable.overflowOffset, as: Bool.self)
        slot.storeBytes(of: 0, toByteOffset: SentTable.countOffset, as: UInt8.self)
    }

    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(count: count, capacity: storage.capacity) }
    }
}

/// The slots of a ``SentTable``: raw memory aligned to a cache line, so that each slot is one
/// line (an array's elements are aligned to 16 bytes at most, and most 64-byte slots would
/// straddle two lines). Copied on write by its owner.
final class SlotStorage: @unchecked Sendable {
    let slots: UnsafeMutableRawPointer
    let capacity: Int

    private init(capacity: Int) {
        self.capacity = capacity
        slots = HugePages.allocate(byteCount: max(1, capacity) * SentTable.slotBytes, alignment: 64)
    }

    static func create(capacity: Int) -> SlotStorage { SlotStorage(capacity: capacity) }

    /// A storage of `capacity` slots holding the first `count` of these.
    func copy(count: Int, capacity: Int) -> SlotStorage {
        let new = SlotStorage(capacity: capacity)
        new.slots.copyMemory(from: slots, byteCount: count * SentTable.slotBytes)
        return new
    }

    deinit { slots.deallocate() }
}

/// Step names interned to a byte: the first spelling of each name, by id, and ids by exact bytes
/// (any spelling seen) and by `String` equality (canonical equivalence, as ``SentSteps`` compares
/// names), so that a name spelled two ways is one step, as it is in ``SentSteps``.
struct StepNames: Sendable {
    private var names: [String] = []
    private var ids: [String: UInt8] = [:]
    /// Spellings seen, by exact bytes, and the id of each.
    private var spellings = ByteKeyLookup()
    private var spellingIDs: [UInt8] = []

    /// Ids 0...254; a log with more step names keeps the rest in the overflow.
    static let maxNames = 255

    func name(_ id: UInt8) -> String { names[Int(id)] }

    /// The id of the step spelled with these bytes, interning it if new; nil once names run out.
    @inline(__always)
    mutating func id(bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        if let spelling = spellings.find(bytes) { return spellingIDs[spelling] }
        return id(String(decoding: bytes, as: UTF8.self))
    }

    /// The id of step `name`, interning it (and this spelling of it) if new; nil once names run out.
    mutating func id(_ name: String) -> UInt8? {
        let known = ByteKeys.withBytes(name) { spellings.find($0) }
        if let known { return spellingIDs[known] }
        let id: UInt8
        if let canonical = ids[name] {
            id = canonical
        } else {
            guard names.count < StepNames.maxNames else { return nil }
            id = UInt8(names.count)
            names.append(name)
            ids[name] = id
        }
        spellings.insert(name, position: spellingIDs.count)
        spellingIDs.append(id)
        return id
    }
}
