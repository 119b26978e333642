/// Open assignments grouped by unit, soonest due first: what `hanchot status` shows.
public struct StatusReport: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var assignment: Assignment
        public var directiveNumber: String
        public var taskText: String
        /// Calendar days from `now` to the last day before the due instant, in the report's zone:
        /// positive = days left, 0 = due today, negative = days overdue. `nil`: no deadline.
        public var daysLeft: Int?
        public var isOverdue: Bool
        /// For a recurring task: the occurrence shown (the oldest not done), and how many
        /// occurrences not done have passed their deadline (it included).
        public var period: String?
        public var overduePeriods: Int = 0
    }

    public struct Group: Hashable, Sendable {
        public var unit: String
        public var rows: [Row]
    }

    public var now: Instant
    public var groups: [Group]

    public var openCount: Int { groups.reduce(0) { $0 + $1.rows.count } }
    public var overdueCount: Int { groups.reduce(0) { $0 + $1.rows.filter(\.isOverdue).count } }

    /// - Parameters:
    ///   - unit: only this unit's assignments.
    ///   - overdueOnly: only assignments whose deadline has passed.
    public init(ledger: Ledger, now: Instant, zone: Zone, unit: String? = nil, overdueOnly: Bool = false) {
        self.now = now
        var byUnit: [String: [Row]] = [:]
        var unitOrder: [String] = []
        for id in ledger.order {
            let state = ledger.directives[id]!
            for a in state.assignments where a.isOpen {
                if let unit, a.key.unit != unit { continue }
                let overdue = a.due.map { now >= $0.instant } ?? false
                if overdueOnly && !overdue { continue }
                var row = Row(assignment: a, directiveNumber: state.directive.number,
                              taskText: state.directive.task(a.key.task)?.text ?? "",
                              daysLeft: a.due.map { StatusReport.daysLeft(until: $0.instant, now: now, zone: zone) },
                              isOverdue: overdue)
                if let cycle = a.cycle, let due = a.due {
                    row.period = cycle.period(of: due.instant, zone: zone)
                    row.overduePeriods = cycle.deadlines(zone: zone) { $0 <= now }
                        .filter { a.periods[cycle.period(of: $0, zone: zone)] == nil }.count
                }
                if byUnit[a.key.unit] == nil { unitOrder.append(a.key.unit) }
                byUnit[a.key.unit, default: []].append(row)
            }
        }
        groups = unitOrder.map { unit in
            Group(unit: unit, rows: byUnit[unit]!.sorted(by: StatusReport.soonestFirst))
        }.sorted { a, b in
            // Units with the most pressing work first; ties by name for a stable order.
            let da = a.rows.first?.assignment.due?.instant ?? .distantFuture
            let db = b.rows.first?.assignment.due?.instant ?? .distantFuture
            return da != db ? da < db : a.unit < b.unit
        }
    }

    static func soonestFirst(_ a: Row, _ b: Row) -> Bool {
        let da = a.assignment.due?.instant ?? .distantFuture
        let db = b.assignment.due?.instant ?? .distantFuture
        if da != db { return da < db }
        return (a.assignment.key.directive, a.assignment.key.task) < (b.assignment.key.directive, b.assignment.key.task)
    }

    /// Days between today and the deadline's last day ("trước ngày 31/12" → last day 30/12).
    public static func daysLeft(until due: Instant, now: Instant, zone: Zone) -> Int {
        let lastDay = zone.date(of: due.adding(seconds: -1))
        return Int(lastDay.daysSinceEpoch - zone.date(of: now).daysSinceEpoch)
    }
}
