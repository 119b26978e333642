/// The directives of a ``Ledger``, read-only: by id, or in the order they were issued.
public struct Directives: Equatable, Sendable, Sequence {
    let states: [DirectiveState]
    let positions: [String: Int]

    public subscript(id: String) -> DirectiveState? {
        positions[id].map { states[$0] }
    }

    public var count: Int { states.count }
    public var isEmpty: Bool { states.isEmpty }
    /// In issue order.
    public var values: [DirectiveState] { states }
    /// In issue order.
    public var keys: [String] { states.map(\.directive.id) }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: DirectiveState)> {
        states.lazy.map { (key: $0.directive.id, value: $0) }.makeIterator()
    }
}
