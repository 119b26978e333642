/// The reminder steps already sent for one assignment, with when: a handful at most, kept as a
/// small array (a dictionary per assignment costs a hash of every step name on replay, and a
/// separate allocation per assignment).
public struct SentSteps: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [(step: String, at: Instant)] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, Instant)...) {
        for (step, at) in elements { self[step] = at }
    }

    /// Steps already known to be distinct (no two canonically equal), in the order they were sent.
    init(inOrder entries: [(String, Instant)]) {
        self.entries = entries.map { (step: $0.0, at: $0.1) }
    }

    public subscript(step: String) -> Instant? {
        get { entries.first { $0.step == step }?.at }
        set {
            if let i = entries.firstIndex(where: { $0.step == step }) {
                if let newValue { entries[i].at = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                // Room for the usual few steps at once, rather than growing one at a time.
                if entries.capacity == 0 { entries.reserveCapacity(4) }
                entries.append((step, newValue))
            }
        }
    }

    /// Forgets every step, keeping the storage (a reopened or re-dated assignment is reminded
    /// again, so it will be needed).
    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    /// Step names, in the order they were first sent.
    public var steps: [String] { entries.map(\.step) }

    public static func == (a: SentSteps, b: SentSteps) -> Bool {
        // Order does not matter, as for the dictionary this replaces.
        a.entries.count == b.entries.count && a.entries.allSatisfy { b[$0.step] == $0.at }
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, consistent with `==`.
        var combined = 0
        for e in entries {
            var h = Hasher()
            h.combine(e.step)
            h.combine(e.at)
            combined ^= h.finalize()
        }
        hasher.combine(entries.count)
        hasher.combine(combined)
    }
}
