import HanchotCore
import Testing

@Suite("ReminderPolicy steps")
struct ReminderPolicyTests {
    @Test("the standard policy names its steps before, at and after the deadline, in time order")
    func standardStepNamesInOrder() {
        let steps = ReminderPolicy.standard.steps(due: Fixtures.due)
        #expect(steps.map(\.name) == ["before-7d", "before-3d", "before-1d", "before-2h", "due",
                                      "overdue-1", "overdue-2", "overdue-3", "overdue-4", "overdue-5", "overdue-6", "overdue-7"])
        #expect(steps.map(\.at) == steps.map(\.at).sorted())
        #expect(steps.first?.at == Fixtures.due.adding(seconds: -7 * 86_400))
        #expect(steps.first { $0.name == "due" }?.at == Fixtures.due)
        #expect(steps.last?.at == Fixtures.due.adding(seconds: 7 * 86_400))
    }

    @Test("priority rises as the deadline nears: info from 3 days out, then notice, warning at due, err overdue")
    func priorityRisesTowardsTheDeadline() {
        let byName = Dictionary(uniqueKeysWithValues: ReminderPolicy.standard.steps(due: Fixtures.due).map { ($0.name, $0.priority) })
        #expect(byName["before-7d"] == .info)
        #expect(byName["before-3d"] == .info)
        #expect(byName["before-1d"] == .notice)
        #expect(byName["before-2h"] == .notice)
        #expect(byName["due"] == .warning)
        #expect(byName["overdue-1"] == .err)
        #expect(byName["overdue-7"] == .err)
        let priorities = ReminderPolicy.standard.steps(due: Fixtures.due).map(\.priority.rawValue)
        #expect(priorities == priorities.sorted(by: >), "syslog priorities only become more urgent (smaller)")
    }

    @Test("step kinds: upcoming before the deadline, due at it, overdue after it")
    func stepKinds() {
        let kinds = ReminderPolicy.standard.steps(due: Fixtures.due).map(\.kind)
        #expect(kinds.prefix(4).allSatisfy { $0 == .upcoming })
        #expect(kinds[4] == .due)
        #expect(kinds.dropFirst(5).allSatisfy { $0 == .overdue })
    }

    @Test("before durations are sorted furthest first whatever the config order, and zero is skipped")
    func beforeDurationsAreSorted() {
        let policy = ReminderPolicy(before: [2, 0, 4, 3600], atDue: false, overdueEvery: 0, overdueLimit: 5)
        #expect(policy.steps(due: Fixtures.due).map(\.name) == ["before-1h", "before-4s", "before-2s"])
    }

    @Test("a seconds-scale test policy gives second-named steps")
    func secondsScalePolicy() {
        let steps = Fixtures.fast.steps(due: Fixtures.due)
        #expect(steps.map(\.name) == ["before-4s", "before-2s", "due", "overdue-1", "overdue-2", "overdue-3"])
        #expect(steps.map { $0.at.secondsSinceEpoch - Fixtures.due.secondsSinceEpoch } == [-4, -2, 0, 2, 4, 6])
        #expect(steps.map(\.priority) == [.notice, .notice, .warning, .err, .err, .err])
    }

    @Test("no at-due step and no overdue steps when the policy turns them off")
    func atDueAndOverdueCanBeTurnedOff() {
        let policy = ReminderPolicy(before: [86_400], atDue: false, overdueEvery: 0, overdueLimit: 7)
        #expect(policy.steps(due: Fixtures.due).map(\.name) == ["before-1d"])
        let noLimit = ReminderPolicy(before: [], atDue: true, overdueEvery: 86_400, overdueLimit: 0)
        #expect(noLimit.steps(due: Fixtures.due).map(\.name) == ["due"])
    }

    @Test("durations format and parse as written in the config", arguments: [
        ("7d", Int64(604_800)), ("2h", 7200), ("30m", 1800), ("5s", 5), ("1d12h", 129_600), ("1w", 604_800),
    ])
    func durationsParse(text: String, seconds: Int64) {
        #expect(HanchotCore.Duration.parse(text) == seconds)
    }

    @Test("malformed durations are refused", arguments: ["", "7", "d", "7x", "-1d", "1.5h", "7d3"])
    func malformedDurationsAreRefused(text: String) {
        #expect(HanchotCore.Duration.parse(text) == nil)
    }

    @Test("step names use the largest units")
    func durationFormat() {
        #expect(HanchotCore.Duration.format(604_800) == "7d")
        #expect(HanchotCore.Duration.format(129_600) == "1d12h")
        #expect(HanchotCore.Duration.format(4) == "4s")
        #expect(HanchotCore.Duration.format(0) == "0s")
    }
}
