/// The directives of a ``Ledger``, read-only: by id, or in the order they were issued.
public struct Directives: Equatable, Sendable, Sequence {
    let states: [DirectiveState]
    let positions: [String: Int]
    /// The ledger's sent steps, kept apart from `states` (see ``Ledger``): each state read
    /// through here gets its assignments' steps back.
    let sent: SentTable
    let assignmentBase: [Int]

    public subscript(id: String) -> DirectiveState? {
        positions[id].map { state(at: $0) }
    }

    public var count: Int { states.count }
    public var isEmpty: Bool { states.isEmpty }
    /// In issue order.
    public var values: [DirectiveState] { states.indices.map(state(at:)) }
    /// In issue order.
    public var keys: [String] { states.map(\.directive.id) }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: DirectiveState)> {
        states.indices.lazy.map { (key: states[$0].directive.id, value: state(at: $0)) }.makeIterator()
    }

    /// The state at `position`, with its assignments' sent steps.
    private func state(at position: Int) -> DirectiveState {
        var state = states[position]
        let base = assignmentBase[position]
        for i in state.assignments.indices { state.assignments[i].sentSteps = sent.steps(for: base + i) }
        return state
    }
}
