extension Ledger {
    /// Applies a line read as an ``EventView`` (replay's hot path) when it certainly applies.
    ///
    /// Returns `false`, having changed nothing, whenever the outcome could be anything else (a
    /// duplicate id, an unknown or differently normalised name, a broken rule): the caller then
    /// decodes the line in full and applies the ``Event``, which decides and words the problem.
    /// So both paths always reach the same state.
    @discardableResult
    public mutating func apply(_ view: EventView) -> Bool { applyReturningPosition(view) != nil }

    /// ``apply(_:)-(EventView)``, answering the applied event's directive position (see
    /// ``directivePosition(of:)``) instead of `true`.
    public mutating func applyReturningPosition(_ view: EventView) -> Int? {
        let idHash = view.idHash
        if eventIDs.contains(idHash) { return nil }
        let position: Int
        if view.unit != nil {
            guard let found = assignmentTable.find(view.keyHash) else { return nil }
            position = found.directive
            if view.kind == .reminderSent {
                // Only the sent steps change: the directive's state is not touched.
                sent.set(stepBytes: view.step.buffer, at: view.instant, for: found.global)
            } else {
                let zone = self.zone
                let i = found.global - assignmentBase[position]
                guard Ledger.apply(view, to: &states[position], at: i, zone: zone, texts: &texts) else { return nil }
                if view.kind != .taskCompleted { sent.removeAll(for: found.global) }
            }
        } else {
            guard let found = lookup.find(view.directive.buffer, hash: view.keyHash.low),
                  Ledger.applyToTask(view, to: &states[found], sent: &sent, base: assignmentBase[found], texts: &texts)
            else { return nil }
            position = found
        }
        eventIDs.insert(idHash)
        eventCount += 1
        return position
    }

    /// Starts loading the memory that applying a view will read first (its id's slot in the id
    /// table, its directive's slot in the directive table), so that a caller holding lines in a
    /// batch can ask for it a few lines ahead: the id table is far larger than the caches, and
    /// waiting for that slot was the largest single cost of replay.
    @inline(__always)
    public func prefetch(_ hint: EventView.PrefetchHint) {
        eventIDs.prefetch(hint.idHash)
        if hint.hasUnit { assignmentTable.prefetch(hint.keyHash) } else { lookup.prefetch(hash: hint.keyHash.low) }
    }

    /// ``prefetch(_:)`` for one line (`ahead`), and the second step for a line a few lines
    /// nearer (`near`, prefetched that way a few lines ago): its assignment's slot in the table
    /// has arrived, so its sent steps can be asked for now (their place is in that slot, so not
    /// sooner). Every reminder sent writes there.
    @inline(__always)
    public func prefetch(_ ahead: EventView.PrefetchHint?, sentStepsOf near: EventView.PrefetchHint?) {
        if let ahead { prefetch(ahead) }
        if let near, near.hasUnit, let found = assignmentTable.find(near.keyHash) { sent.prefetch(found.global) }
    }

    /// The rules of `rules(_:_:zone:)` and the changes of `mutate(_:with:target:)`, for the
    /// assignment the view names (index `i` of the state's assignments).
    private static func apply(_ view: EventView, to state: inout DirectiveState, at i: Int, zone: Zone,
                              texts: inout TextPool) -> Bool {
        // The caller changes sent steps (kept apart): a reminder changes nothing else, and a
        // reopening or a new deadline forgets them.
        // A recurring assignment's completions name periods: the full event decides.
        if view.kind != .reminderSent, state.assignments[i].cycle != nil { return false }
        switch view.kind {
        case .reminderSent:
            break
        case .taskCompleted:
            guard state.revocation == nil, state.assignments[i].completedAt == nil else { return false }
            if let issued = state.directive.issuedOn, view.instant < zone.instant(issued) { return false }
            state.assignments[i].completedAt = view.instant
            state.assignments[i].note = view.text.map { texts.string($0) }
        case .taskReopened:
            guard state.revocation == nil, state.assignments[i].completedAt != nil else { return false }
            state.assignments[i].completedAt = nil
            state.assignments[i].note = nil
        case .deadlineChanged:
            guard state.revocation == nil else { return false }
            state.assignments[i].due = Due(instant: view.instant, phrase: view.text.map { texts.string($0) })
        }
        return true
    }

    /// A deadline change without a unit: every assignee of the task (the view allows no other
    /// event without a unit), whose sent steps (at `base + i` in `sent`) are forgotten. Answers
    /// false, having changed nothing, when it does not certainly apply.
    private static func applyToTask(_ view: EventView, to state: inout DirectiveState,
                                    sent: inout SentTable, base: Int, texts: inout TextPool) -> Bool {
        guard view.kind == .deadlineChanged, state.revocation == nil,
              !state.assignments.contains(where: { $0.cycle != nil }) else { return false }
        // Every assignment of a task holds the same task id string, so matching bytes find them all.
        guard let first = state.assignments.firstIndex(where: { view.task.bytesEqual($0.key.task) }) else { return false }
        let due = Due(instant: view.instant, phrase: view.text.map { texts.string($0) })
        for i in first..<state.assignments.count where view.task.bytesEqual(state.assignments[i].key.task) {
            state.assignments[i].due = due
            sent.removeAll(for: base + i)
        }
        return true
    }
}
