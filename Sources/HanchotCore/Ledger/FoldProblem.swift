/// Why an event cannot apply to the state: the same rules guard the command line before an
/// append and replay after one (an event that breaks them is reported and skipped).
public struct FoldProblem: Error, Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case duplicateDirective(String)
        case unknownDirective(String, known: [String])
        case unknownTask(directive: String, task: String, known: [String])
        case unknownUnit(directive: String, task: String, unit: String, known: [String])
        case unitRequired(directive: String, task: String, assignees: [String])
        case alreadyCompleted(Assignment.Key, at: Instant)
        /// An occurrence of a recurring task already done.
        case periodAlreadyCompleted(Assignment.Key, period: String, at: Instant)
        case notCompleted(Assignment.Key)
        case completedBeforeIssuance(Assignment.Key, completedAt: Instant, issuedOn: CivilDate)
        case directiveRevoked(String)
        /// A recurring task has no occurrence named `period` (or the period is of another kind).
        case unknownPeriod(Assignment.Key, period: String)
        /// A recurring task's deadlines follow its schedule: `deadline.changed` does not apply.
        case recurringDeadline(directive: String, task: String)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }
}

extension FoldProblem {
    /// A short, stable name for the kind of problem (used in `--json` output and tests).
    public var code: String {
        switch kind {
        case .duplicateDirective: "duplicate-directive"
        case .unknownDirective: "unknown-directive"
        case .unknownTask: "unknown-task"
        case .unknownUnit: "unknown-unit"
        case .unitRequired: "unit-required"
        case .alreadyCompleted, .periodAlreadyCompleted: "already-completed"
        case .notCompleted: "not-completed"
        case .completedBeforeIssuance: "completed-before-issuance"
        case .directiveRevoked: "directive-revoked"
        case .unknownPeriod: "unknown-period"
        case .recurringDeadline: "recurring-deadline"
        }
    }
}
