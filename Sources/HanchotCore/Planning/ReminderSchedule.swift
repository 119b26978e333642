import HeapModule

/// The pending reminders, earliest first: a min-heap with one live entry per assignment.
///
/// Re-planning an assignment does not search the heap: it bumps the assignment's generation,
/// and entries of older generations are dropped when they reach the top.
/// - Complexity: `plan` and `popDue` are O(log n) per entry.
public struct ReminderSchedule: Sendable {
    struct Entry: Comparable, Sendable {
        var at: Instant
        var key: Assignment.Key
        var generation: UInt64

        static func < (a: Entry, b: Entry) -> Bool { a.at < b.at }
        static func == (a: Entry, b: Entry) -> Bool { a.at == b.at && a.key == b.key && a.generation == b.generation }
    }

    private var heap = Heap<Entry>()
    private var live: [Assignment.Key: UInt64] = [:]
    private var nextGeneration: UInt64 = 0

    public init() {}

    /// Number of assignments with a pending reminder.
    public var count: Int { live.count }

    /// Plans (or re-plans) `key` for `at`; `nil` removes it.
    public mutating func plan(_ key: Assignment.Key, at: Instant?) {
        guard let at else {
            live[key] = nil
            return
        }
        nextGeneration += 1
        live[key] = nextGeneration
        heap.insert(Entry(at: at, key: key, generation: nextGeneration))
        // Stale entries cost memory only; compact when they outnumber the live ones.
        if heap.count > 1024 && heap.count > 3 * live.count { compact() }
    }

    /// The earliest pending time.
    public mutating func nextWake() -> Instant? {
        dropStale()
        return heap.min?.at
    }

    /// Removes and returns every assignment whose time is at or before `now`.
    public mutating func popDue(now: Instant) -> [Assignment.Key] {
        var due: [Assignment.Key] = []
        while true {
            dropStale()
            guard let top = heap.min, top.at <= now else { break }
            heap.removeMin()
            live[top.key] = nil
            due.append(top.key)
        }
        return due
    }

    private mutating func dropStale() {
        while let top = heap.min, live[top.key] != top.generation { heap.removeMin() }
    }

    private mutating func compact() {
        heap = Heap(heap.unordered.filter { live[$0.key] == $0.generation })
    }
}
