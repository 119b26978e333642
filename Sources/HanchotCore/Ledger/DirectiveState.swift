/// A directive as the log has made it so far: what was issued, and each assignment's state.
public struct DirectiveState: Hashable, Sendable {
    public var directive: Directive
    public var issuedEventAt: Instant
    public var revocation: Revocation?
    /// In document order: tasks as listed, then assignees as listed.
    public var assignments: [Assignment]

    public init(directive: Directive, issuedEventAt: Instant) {
        self.directive = directive
        self.issuedEventAt = issuedEventAt
        // Each assignment is built in its place in one array sized up front: `flatMap` built an
        // array per task and copied each assignment out of it, and `append` copied it too
        // (retaining and releasing its strings), which made this the largest part of applying
        // a directive.
        let count = directive.tasks.reduce(0) { $0 + $1.assignees.count }
        self.assignments = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            for task in directive.tasks {
                let cycle = task.recurrence.flatMap { r in task.due.map { Cycle(first: $0, recurrence: r, until: task.until) } }
                for unit in task.assignees {
                    (buffer.baseAddress! + initialized).initialize(
                        to: Assignment(key: .init(directive: directive.id, task: task.id, unit: unit), due: task.due, cycle: cycle))
                    initialized += 1
                }
            }
        }
    }

    /// The first assignment of (task, unit), spelled in any Unicode normalisation. (Replay finds
    /// assignments by their bytes in the ledger's ``AssignmentTable``; this is the `String` path.)
    public func index(task: String, unit: String) -> Int? {
        assignments.firstIndex { $0.key.task == task && $0.key.unit == unit }
    }

    public func assignments(ofTask task: String) -> [Assignment] {
        assignments.filter { $0.key.task == task }
    }
}
