/// The state of every directive and assignment: a pure fold of the log's events.
///
/// `apply` and `check` share one set of rules, so the command line refuses exactly the events
/// that replay would skip.
public struct Ledger: Sendable {
    /// Every directive's state, in the order they were issued. Their assignments' `sentSteps`
    /// are always empty here: sent steps are kept apart, in `sent`.
    var states: [DirectiveState] = []
    /// Each assignment's sent reminder steps, by its place in the ledger: the assignments of the
    /// directive at position `p` are at `assignmentBase[p]...`, in order. Kept apart from the
    /// directives' states so that replay's most common line (a reminder sent) changes one small
    /// entry, rather than reaching it through its directive's state and assignments.
    var sent = SentTable()
    /// The place in `sent` of each directive's first assignment.
    var assignmentBase: [Int] = []
    /// Position in `states` by id (`String` equality: canonical equivalence).
    private var positions: [String: Int] = [:]
    /// Position in `states` by the exact bytes of the id (replay's hot path).
    var lookup = ByteKeyLookup()
    /// Every assignment by the bytes of its key (replay's hot path).
    var assignmentTable = AssignmentTable()
    var eventIDs = EventIDSet()
    /// Deadline phrases and completion notes read from lines, each made into a `String` once.
    var texts = TextPool()
    public internal(set) var eventCount = 0
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

    /// Makes room for about `events` event ids at once (replay knows roughly how many lines it
    /// will read), instead of growing the id table step by step.
    public mutating func reserveCapacity(events: Int) { eventIDs.reserveCapacity(events) }

    /// The directives by id, in issue order.
    public var directives: Directives {
        Directives(states: states, positions: positions, sent: sent, assignmentBase: assignmentBase)
    }

    /// Directive ids in the order they were issued (kept, not derived: every unknown-directive
    /// problem carries it, and a log may hold many such lines).
    public private(set) var order: [String] = []

    /// A directive's place in issue order (its index in `order`), if it was issued.
    public func directivePosition(of id: String) -> Int? { position(of: id) }

    /// The position of a directive, by its exact bytes first, then by canonical equivalence.
    @inline(__always)
    func position(of id: String) -> Int? {
        if let p = ByteKeys.withBytes(id, { lookup.find($0) }) { return p }
        return positions[id]
    }

    @discardableResult
    public mutating func apply(_ event: Event) -> Outcome {
        // The same steps as `check` then `mutate`, with the id hashed once and the directive
        // looked up once (replay runs this for every line of the log).
        let idHash = EventIDSet.hash(event.id)
        if eventIDs.contains(idHash) { return .duplicateID }
        if case .directiveIssued(let d) = event.body {
            if position(of: d.id) != nil { return .rejected(FoldProblem(.duplicateDirective(d.id))) }
            eventIDs.insert(idHash)
            eventCount += 1
            positions[d.id] = states.count
            lookup.insert(d.id, position: states.count)
            let state = DirectiveState(directive: d, issuedEventAt: event.recordedAt)
            for (i, hash) in Ledger.assignmentHashes(of: d).enumerated() {
                assignmentTable.insert(hash, directive: states.count, global: sent.count + i)
            }
            states.append(state)
            assignmentBase.append(sent.count)
            sent.appendEmpty(state.assignments.count)
            order.append(d.id)
            return .applied
        }
        guard let position = position(of: event.directiveID) else {
            return .rejected(FoldProblem(.unknownDirective(event.directiveID, known: order)))
        }
        // One in-place access to the directive's state for the check and the change: reading it
        // into a parameter would copy it (a retain and a release of each of its many strings).
        let zone = self.zone
        switch Ledger.checkAndMutate(&states[position], with: event, zone: zone) {
        case .failure(let problem):
            return .rejected(problem)
        case .success(let target):
            mutateSent(with: event, target: target, position: position)
        }
        eventIDs.insert(idHash)
        eventCount += 1
        return .applied
    }

    /// The ``AssignmentTable`` hash of each assignment of `d`, in the order of its state's
    /// assignments (tasks as listed, then assignees as listed). Read from the directive's own
    /// strings, each once: hashing each assignment's key copied three strings per assignment.
    private static func assignmentHashes(of d: Directive) -> [AssignmentTable.KeyHash] {
        var hashes: [AssignmentTable.KeyHash] = []
        ByteKeys.withBytes(d.id) { directive in
            for task in d.tasks {
                ByteKeys.withBytes(task.id) { taskID in
                    for unit in task.assignees {
                        hashes.append(ByteKeys.withBytes(unit) { AssignmentTable.hash(directive: directive, task: taskID, unit: $0) })
                    }
                }
            }
        }
        return hashes
    }

    /// `rules` then, if they pass, `mutate`, on the state in place; answers what the event changed.
    private static func checkAndMutate(_ state: inout DirectiveState, with event: Event, zone: Zone) -> Result<Target, FoldProblem> {
        let result = rules(event, state, zone: zone)
        if case .success(let target) = result { mutate(&state, with: event, target: target, zone: zone) }
        return result
    }

    /// The rule an event breaks against the current state, if any. Pure: changes nothing.
    public func check(_ event: Event) -> FoldProblem? {
        if case .directiveIssued(let d) = event.body {
            return position(of: d.id) == nil ? nil : FoldProblem(.duplicateDirective(d.id))
        }
        guard let state = position(of: event.directiveID).map({ states[$0] }) else {
            return FoldProblem(.unknownDirective(event.directiveID, known: order))
        }
        if case .failure(let problem) = Ledger.rules(event, state, zone: zone) { return problem }
        return nil
    }

    /// The assignments an event names, once its directive is known.
    private enum Target {
        /// The directive itself (a revocation).
        case directive
        /// One assignment, by index.
        case one(Int)
        /// Every assignment of a task (the unit was omitted), in document order.
        case task(String)
    }

    /// The rules for an event on an issued directive: the problem, or what the event changes.
    private static func rules(_ event: Event, _ state: borrowing DirectiveState, zone: Zone) -> Result<Target, FoldProblem> {
        switch event.body {
        case .directiveIssued:
            return .success(.directive)
        case .directiveRevoked:
            return state.revocation == nil ? .success(.directive) : .failure(FoldProblem(.directiveRevoked(state.directive.id)))
        case .taskCompleted(let c):
            if state.revocation != nil { return .failure(FoldProblem(.directiveRevoked(state.directive.id))) }
            let target = resolve(state, task: c.task, unit: c.unit, requireSingle: true)
            guard case .success(let t) = target else { return target }
            let a = state.assignments[Ledger.first(t, in: state)]
            if let cycle = a.cycle {
                if let problem = Ledger.checkCompletion(of: a, cycle, period: c.period, zone: zone) { return .failure(problem) }
            } else if c.period != nil {
                return .failure(FoldProblem(.unknownPeriod(a.key, period: c.period!)))
            } else if let at = a.completedAt {
                return .failure(FoldProblem(.alreadyCompleted(a.key, at: at)))
            }
            if let issued = state.directive.issuedOn, c.completedAt < zone.instant(issued) {
                return .failure(FoldProblem(.completedBeforeIssuance(a.key, completedAt: c.completedAt, issuedOn: issued)))
            }
            return target
        case .taskReopened(let r):
            if state.revocation != nil { return .failure(FoldProblem(.directiveRevoked(state.directive.id))) }
            let target = resolve(state, task: r.task, unit: r.unit, requireSingle: true)
            guard case .success(let t) = target else { return target }
            let a = state.assignments[Ledger.first(t, in: state)]
            if a.cycle != nil {
                guard let p = r.period ?? a.periods.keys.max() else { return .failure(FoldProblem(.notCompleted(a.key))) }
                return a.periods[p] == nil ? .failure(FoldProblem(.notCompleted(a.key))) : target
            }
            if let p = r.period { return .failure(FoldProblem(.unknownPeriod(a.key, period: p))) }
            return a.completedAt == nil ? .failure(FoldProblem(.notCompleted(a.key))) : target
        case .deadlineChanged(let c):
            if state.revocation != nil { return .failure(FoldProblem(.directiveRevoked(state.directive.id))) }
            if state.directive.task(c.task)?.recurrence != nil {
                return .failure(FoldProblem(.recurringDeadline(directive: state.directive.id, task: c.task)))
            }
            return resolve(state, task: c.task, unit: c.unit, requireSingle: false)
        case .reminderSent(let s):
            return resolve(state, task: s.task, unit: s.unit, requireSingle: true)
        }
    }

    /// The first assignment a target names.
    private static func first(_ target: Target, in state: borrowing DirectiveState) -> Int {
        switch target {
        case .directive: return 0
        case .one(let i): return i
        case .task(let task): return state.assignments.firstIndex { $0.key.task == task }!
        }
    }

    /// Applies an event that passed `rules` (which gave `target`) to its directive's state.
    private static func mutate(_ state: inout DirectiveState, with event: Event, target: Target, zone: Zone) {
        switch event.body {
        case .directiveIssued:
            break
        case .directiveRevoked(let r):
            state.revocation = r
            for i in state.assignments.indices {
                state.assignments[i].revoked = true
            }
        case .taskCompleted(let c):
            update(&state, target) {
                if let cycle = $0.cycle {
                    let p = c.period ?? $0.due.map { cycle.period(of: $0.instant, zone: zone) } ?? ""
                    $0.periods[p] = c.completedAt
                    Ledger.advance(&$0, cycle, zone: zone, lastDone: c.completedAt)
                } else {
                    $0.completedAt = c.completedAt
                }
                $0.note = c.note
            }
        case .taskReopened(let r):
            update(&state, target) {
                if let cycle = $0.cycle {
                    if let p = r.period ?? $0.periods.keys.max() { $0.periods[p] = nil }
                    Ledger.advance(&$0, cycle, zone: zone, lastDone: nil)
                } else {
                    $0.completedAt = nil
                }
                $0.note = nil
            }
        case .deadlineChanged(let c):
            update(&state, target) { $0.due = c.due }
        case .reminderSent:
            break
        }
    }

    /// The part of `mutate` that changes sent steps (kept apart, in `sent`).
    private mutating func mutateSent(with event: Event, target: Target, position: Int) {
        let base = assignmentBase[position]
        switch event.body {
        case .directiveIssued, .directiveRevoked, .taskCompleted:
            break
        case .taskReopened, .deadlineChanged:
            // A reopened assignment is reminded afresh; steps planned against an old deadline
            // no longer count as sent. A recurring one keeps them: they name their occurrence.
            for i in Ledger.indices(target, in: states[position]) where states[position].assignments[i].cycle == nil {
                sent.removeAll(for: base + i)
            }
        case .reminderSent(let s):
            for i in Ledger.indices(target, in: states[position]) { sent.set(step: s.step, at: s.sentAt, for: base + i) }
        }
    }

    private static func update(_ state: inout DirectiveState, _ target: Target, _ body: (inout Assignment) -> Void) {
        for i in indices(target, in: state) { body(&state.assignments[i]) }
    }

    /// The indices of the assignments a target names.
    private static func indices(_ target: Target, in state: borrowing DirectiveState) -> [Int] {
        switch target {
        case .directive: return []
        case .one(let i): return [i]
        case .task(let task): return state.assignments.indices.filter { state.assignments[$0].key.task == task }
        }
    }

    /// The assignments an event names: one unit, or every assignee of the task when the unit is
    /// omitted (allowed for completions only when the task has a single assignee).
    private static func resolve(_ state: borrowing DirectiveState, task: String, unit: String?,
                         requireSingle: Bool) -> Result<Target, FoldProblem> {
        guard let t = state.directive.task(task) else {
            return .failure(FoldProblem(.unknownTask(directive: state.directive.id, task: task,
                                                     known: state.directive.tasks.map(\.id))))
        }
        if let unit {
            guard let i = state.index(task: task, unit: unit) else {
                return .failure(FoldProblem(.unknownUnit(directive: state.directive.id, task: task, unit: unit,
                                                         known: t.assignees)))
            }
            return .success(.one(i))
        }
        if requireSingle && t.assignees.count > 1 {
            return .failure(FoldProblem(.unitRequired(directive: state.directive.id, task: task, assignees: t.assignees)))
        }
        return .success(.task(task))
    }
}

extension Ledger {
    /// Every assignment, in issue order.
    public var assignments: [Assignment] {
        var all = states.flatMap(\.assignments)
        for g in all.indices { all[g].sentSteps = sent.steps(for: g) }
        return all
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

extension Ledger {
    /// The rules of a completion of a recurring assignment: the period (given, or the oldest
    /// open one) must be one of the schedule's occurrences and not done yet.
    static func checkCompletion(of a: Assignment, _ cycle: Cycle, period: String?, zone: Zone) -> FoldProblem? {
        guard let period else {
            // The oldest open occurrence; none left means everything up to the end is done.
            return a.due == nil || a.completedAt != nil ? FoldProblem(.alreadyCompleted(a.key, at: a.completedAt ?? .distantPast)) : nil
        }
        if let at = a.periods[period] { return FoldProblem(.periodAlreadyCompleted(a.key, period: period, at: at)) }
        guard cycle.deadline(ofPeriod: period, zone: zone) != nil else { return FoldProblem(.unknownPeriod(a.key, period: period)) }
        return nil
    }

    /// Moves a recurring assignment's `due` to its oldest open occurrence; once none is left
    /// (a schedule with an end, all done), it is complete, at its last completion.
    static func advance(_ a: inout Assignment, _ cycle: Cycle, zone: Zone, lastDone: Instant?) {
        if let open = cycle.oldestOpen(done: a.periods, zone: zone) {
            a.due = open == cycle.first.instant ? cycle.first : Due(instant: open, phrase: cycle.first.phrase)
            a.completedAt = nil
        } else {
            a.completedAt = lastDone ?? a.periods.values.max()
        }
    }
}

extension Ledger {
    /// `event` with the period the fold would give it, when it is a completion or reopening of
    /// one recurring assignment that names none: the oldest occurrence not done, or the latest
    /// done. Anything else comes back as it is. Writers record the explicit form, so the log says
    /// which occurrence each completion was.
    public func withExplicitPeriod(_ event: Event) -> Event {
        guard let state = directives[event.directiveID] else { return event }
        func single(_ task: String, _ unit: String?) -> Assignment? {
            let mine = state.assignments.filter { $0.key.task == task && (unit == nil || $0.key.unit == unit) }
            return mine.count == 1 ? mine[0] : nil
        }
        var e = event
        switch event.body {
        case .taskCompleted(var c) where c.period == nil:
            guard let a = single(c.task, c.unit), let cycle = a.cycle, a.isOpen, let due = a.due else { return event }
            c.period = cycle.period(of: due.instant, zone: zone)
            e.body = .taskCompleted(c)
        case .taskReopened(var r) where r.period == nil:
            guard let a = single(r.task, r.unit), a.cycle != nil, let latest = a.periods.keys.max() else { return event }
            r.period = latest
            e.body = .taskReopened(r)
        default:
            return event
        }
        return e
    }
}
