/// A directive as the log has made it so far: what was issued, and each assignment's state.
public struct DirectiveState: Hashable, Sendable {
    public var directive: Directive
    public var issuedEventAt: Instant
    public var revocation: Revocation?
    /// In document order: tasks as listed, then assignees as listed.
    public var assignments: [Assignment]
    /// (task, unit) → index in `assignments`, by bytes (replay's hot path).
    let lookup: AssignmentLookup

    public init(directive: Directive, issuedEventAt: Instant) {
        self.directive = directive
        self.issuedEventAt = issuedEventAt
        self.assignments = directive.tasks.flatMap { task in
            task.assignees.map { unit in
                Assignment(key: .init(directive: directive.id, task: task.id, unit: unit), due: task.due)
            }
        }
        lookup = AssignmentLookup(assignments.map(\.key))
    }

    public func index(task: String, unit: String) -> Int? {
        let exact = ByteKeys.withBytes(task) { t in ByteKeys.withBytes(unit) { u in lookup.index(task: t, unit: u) } }
        if let exact { return exact }
        // A spelling that differs only in Unicode normalisation still names the same assignment.
        return assignments.firstIndex { $0.key.task == task && $0.key.unit == unit }
    }

    public func assignments(ofTask task: String) -> [Assignment] {
        assignments.filter { $0.key.task == task }
    }
}
