/// The state of every directive and assignment: a pure fold of the log's events.
///
/// `apply` and `check` share one set of rules, so the command line refuses exactly the events
/// that replay would skip.
public struct Ledger: Sendable {
    public private(set) var directives: [String: DirectiveState] = [:]
    /// Directive ids in the order they were issued.
    public private(set) var order: [String] = []
    private var eventIDs = EventIDSet()
    public private(set) var eventCount = 0
    /// Used to turn a directive's issue date into an instant.
    public let zone: Zone

    public init(zone: Zone = .vietnam) {
        self.zone = zone
    }

    /// What `apply` did with an event.
    public enum Outcome: Hashable, Sendable {
        case applied
        /// An event with this id is already in the log: appending it again is a no-op.
        case duplicateID
        case rejected(FoldProblem)
    }

    public func contains(eventID: String) -> Bool { eventIDs.contains(eventID) }

    @discardableResult
    public mutating func apply(_ event: Event) -> Outcome {
        if eventIDs.contains(event.id) { return .duplicateID }
        if let problem = check(event) { return .rejected(problem) }
        eventIDs.insert(event.id)
        eventCount += 1
        mutate(with: event)
        return .applied
    }

    /// The rule an event breaks against the current state, if any. Pure: changes nothing.
    public func check(_ event: Event) -> FoldProblem? {
        if case .directiveIssued(let d) = event.body {
            return directives[d.id] == nil ? nil : FoldProblem(.duplicateDirective(d.id))
        }
        guard let state = directives[event.directiveID] else {
            return FoldProblem(.unknownDirective(event.directiveID, known: order))
        }
        switch event.body {
        case .directiveIssued:
            return nil
        case .directiveRevoked:
            return state.revocation == nil ? nil : FoldProblem(.directiveRevoked(state.directive.id))
        case .taskCompleted(let c):
            if state.revocation != nil { return FoldProblem(.directiveRevoked(state.directive.id)) }
            switch resolve(state, task: c.task, unit: c.unit, requireSingle: true) {
            case .failure(let p): return p
            case .success(let indices):
                let a = state.assignments[indices[0]]
                if let at = a.completedAt { return FoldProblem(.alreadyCompleted(a.key, at: at)) }
                if let issued = state.directive.issuedOn, c.completedAt < zone.instant(issued) {
                    return FoldProblem(.completedBeforeIssuance(a.key, completedAt: c.completedAt, issuedOn: issued))
                }
                return nil
            }
        case .taskReopened(let r):
            if state.revocation != nil { return FoldProblem(.directiveRevoked(state.directive.id)) }
            switch resolve(state, task: r.task, unit: r.unit, requireSingle: true) {
            case .failure(let p): return p
            case .success(let indices):
                let a = state.assignments[indices[0]]
                return a.completedAt == nil ? FoldProblem(.notCompleted(a.key)) : nil
            }
        case .deadlineChanged(let c):
            if state.revocation != nil { return FoldProblem(.directiveRevoked(state.directive.id)) }
            if case .failure(let p) = resolve(state, task: c.task, unit: c.unit, requireSingle: false) { return p }
            return nil
        case .reminderSent(let s):
            if case .failure(let p) = resolve(state, task: s.task, unit: s.unit, requireSingle: true) { return p }
            return nil
        }
    }

    private mutating func mutate(with event: Event) {
        switch event.body {
        case .directiveIssued(let d):
            directives[d.id] = DirectiveState(directive: d, issuedEventAt: event.recordedAt)
            order.append(d.id)
        case .directiveRevoked(let r):
            directives[r.directive]!.revocation = r
            for i in directives[r.directive]!.assignments.indices {
                directives[r.directive]!.assignments[i].revoked = true
            }
        case .taskCompleted(let c):
            update(c.directive, task: c.task, unit: c.unit) {
                $0.completedAt = c.completedAt
                $0.note = c.note
            }
        case .taskReopened(let r):
            update(r.directive, task: r.task, unit: r.unit) {
                $0.completedAt = nil
                $0.note = nil
                // A reopened assignment is reminded afresh.
                $0.sentSteps = [:]
            }
        case .deadlineChanged(let c):
            update(c.directive, task: c.task, unit: c.unit) {
                $0.due = c.due
                // Steps planned against the old deadline no longer count as sent.
                $0.sentSteps = [:]
            }
        case .reminderSent(let s):
            update(s.directive, task: s.task, unit: s.unit) { $0.sentSteps[s.step] = s.sentAt }
        }
    }

    private mutating func update(_ directive: String, task: String, unit: String?, _ body: (inout Assignment) -> Void) {
        guard case .success(let indices) = resolve(directives[directive]!, task: task, unit: unit, requireSingle: false)
        else { return }
        for i in indices { body(&directives[directive]!.assignments[i]) }
    }

    /// The assignments an event names: one unit, or every assignee of the task when the unit is
    /// omitted (allowed for completions only when the task has a single assignee).
    private func resolve(_ state: DirectiveState, task: String, unit: String?,
                         requireSingle: Bool) -> Result<[Int], FoldProblem> {
        guard let t = state.directive.task(task) else {
            return .failure(FoldProblem(.unknownTask(directive: state.directive.id, task: task,
                                                     known: state.directive.tasks.map(\.id))))
        }
        if let unit {
            guard let i = state.index(task: task, unit: unit) else {
                return .failure(FoldProblem(.unknownUnit(directive: state.directive.id, task: task, unit: unit,
                                                         known: t.assignees)))
            }
            return .success([i])
        }
        if requireSingle && t.assignees.count > 1 {
            return .failure(FoldProblem(.unitRequired(directive: state.directive.id, task: task, assignees: t.assignees)))
        }
        return .success(state.assignments.indices.filter { state.assignments[$0].key.task == task })
    }
}

extension Ledger {
    /// Every assignment, in issue order.
    public var assignments: [Assignment] {
        order.flatMap { directives[$0]!.assignments }
    }

    /// Folds a sequence of events; those recorded after `asOf` are left out (time travel).
    public static func fold<S: Sequence>(_ events: S, asOf: Instant? = nil, zone: Zone = .vietnam) -> Ledger
    where S.Element == Event {
        var ledger = Ledger(zone: zone)
        for event in events where asOf.map({ event.recordedAt <= $0 }) ?? true {
            ledger.apply(event)
        }
        return ledger
    }
}
