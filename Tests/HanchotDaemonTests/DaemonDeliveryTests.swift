import Foundation
import HanchotConfig
@testable import HanchotCore
@testable import HanchotDaemon
import HanchotSystemd
import Logging
import Testing

/// The daemon's imperative shell driven in-process, with reminders recorded in memory instead of
/// sent to journald. `start()` is not called (it installs process-wide signal handlers); the
/// tests call the phases it is made of — replay, wake-up, log change — on the daemon's queue.
@Suite("Daemon delivery (in memory)")
struct DaemonDeliveryTests {
    @Test("a reminder due at start is delivered, then recorded as reminder.sent in the log")
    func dueReminderIsDeliveredThenRecorded() throws {
        let env = try DaemonHarness(events: [issued(dueIn: -10)])
        env.replayAndWake()
        let notices = env.sink.notices
        try #require(notices.count == 1)
        // Due 10 s ago on the fast policy: overdue-3 (due + 6 s) is the latest missed step, 4 s late.
        #expect(notices[0].step == "overdue-3")
        #expect(notices[0].kind == .caughtUp)
        let sent = try env.sentSteps()
        #expect(sent == ["overdue-3"])
        // Waking again sends nothing more: the step is recorded.
        env.onQueue { $0.wake() }
        #expect(env.sink.notices.count == 1)
    }

    @Test("after a restart, a step recorded as sent is not sent again")
    func restartDoesNotResend() throws {
        let first = try DaemonHarness(events: [issued(dueIn: -10)])
        first.replayAndWake()
        #expect(first.sink.notices.count == 1)
        let second = try DaemonHarness(reusing: first)
        second.replayAndWake()
        #expect(second.sink.notices.isEmpty)
        #expect(try second.sentSteps() == ["overdue-3"])
    }

    @Test("a reminder the sink refuses is not recorded, and is retried until it gets through")
    func refusedReminderIsRetried() throws {
        let env = try DaemonHarness(events: [issued(dueIn: -10)], failures: 1, retryDelay: 1)
        env.replayAndWake()
        #expect(env.sink.attempts == 1)
        #expect(env.sink.notices.isEmpty)
        #expect(try env.sentSteps().isEmpty, "nothing may be marked sent that did not reach the sink")
        // The one timer fires again after retryDelay.
        env.waitForNotices(1)
        #expect(env.sink.notices.map(\.step) == ["overdue-3"])
        #expect(try env.sentSteps() == ["overdue-3"])
    }

    @Test("when delivery fails, the other due reminders wait too, and all get through on the retry")
    func refusalHoldsBackTheRestOfTheWakeUp() throws {
        let env = try DaemonHarness(events: [issued(dueIn: -10, units: ["UBND xã", "Công an xã", "Đoàn xã"])],
                                    failures: 1, retryDelay: 1)
        env.replayAndWake()
        #expect(env.sink.attempts == 1, "journald refused once: the next two are not hammered at it")
        #expect(try env.sentSteps().isEmpty)
        env.waitForNotices(3)
        #expect(Set(env.sink.notices.map(\.key.unit)) == ["UBND xã", "Công an xã", "Đoàn xã"])
        #expect(try env.sentSteps() == ["overdue-3", "overdue-3", "overdue-3"])
    }

    @Test("a directive appended by someone else is picked up on the next log change")
    func appendedDirectiveIsPickedUp() throws {
        let env = try DaemonHarness(events: [])
        env.replayAndWake()
        #expect(env.sink.notices.isEmpty)
        try env.append(issued(id: "7-KH/UBND", dueIn: 0, units: ["Trạm y tế"]))
        env.onQueue { $0.logChanged() }
        #expect(env.sink.notices.map(\.key.unit) == ["Trạm y tế"])
        #expect(env.sink.notices.first?.step == "due")
    }

    @Test("a completion appended by someone else stops that unit's reminders only")
    func completionStopsOneUnit() throws {
        let env = try DaemonHarness(events: [issued(dueIn: 100, units: ["UBND xã", "Công an xã"])])
        env.replayAndWake()
        #expect(env.engineSnapshot.pendingCount == 2)
        try env.append(Fixtures.completed("UBND xã", directive: "22-CV/ĐU-2021", at: WallClock.now()))
        env.onQueue { $0.logChanged() }
        #expect(env.engineSnapshot.pendingCount == 1)
        #expect(env.status.hasPrefix("1 việc đang mở, 0 quá hạn, nhắc tiếp lúc "))
    }

    @Test("a reload keeps following the log it started with, even if the config now names another")
    func reloadKeepsTheLogPath() throws {
        let env = try DaemonHarness(events: [], reload: { settings in
            var fresh = settings
            fresh.logPath = "/nonexistent/hanchot/other.jsonl"
            fresh.config.policy = ReminderPolicy(before: [], atDue: true, overdueEvery: 0, overdueLimit: 0, lateAfter: 60)
            return fresh
        })
        env.replayAndWake()
        env.onQueue { $0.reload() }
        #expect(env.daemon.queue.sync { env.daemon.settings.logPath } == env.log.path)
        #expect(env.engineSnapshot.policy.lateAfter == 60, "the rest of the new config applies")
        try env.append(issued(id: "8-KH/UBND", dueIn: 0, units: ["Trạm y tế"]))
        env.onQueue { $0.logChanged() }
        #expect(env.sink.notices.map(\.key.unit) == ["Trạm y tế"], "appends to the log are still followed after the reload")
    }

    @Test("a log renamed over between the same-file check and the read is replayed whole, with no bad line reported")
    func renameDuringTailRead() throws {
        let env = try DaemonHarness(events: [issued(dueIn: 100)])
        env.replayAndWake()
        #expect(env.engineSnapshot.pendingCount == 1)
        let oldSize = try #require(try FileManager.default.attributesOfItem(atPath: env.log.path)[.size] as? Int)
        // The replacement is longer, and the old end falls inside its first line.
        let replacement = env.dir.appendingPathComponent("replacement.jsonl")
        let lines = [issued(id: "9-KH/UBND-2022", dueIn: 100, units: ["Trạm y tế xã", "Công an xã"]),
                     issued(id: "10-KH/UBND-2022", dueIn: 100, units: ["Đoàn xã"])].map { EventCodec.encode($0) + "\n" }
        try #require(lines[0].utf8.count > oldSize)
        try Data(lines.joined().utf8).write(to: replacement)
        env.onQueue { d in
            d.beforeTailRead = { rename(replacement.path, env.log.path) }
            d.logChanged()
            d.beforeTailRead = nil
        }
        #expect(env.daemon.queue.sync { env.daemon.reportedProblems }.isEmpty,
                "the half line read from the old end is not a bad line of the log")
        let engine = env.engineSnapshot
        #expect(engine.pendingCount == 3, "the replacement's three assignments, and not the old one")
        #expect(engine.ledger.order == ["9-KH/UBND-2022", "10-KH/UBND-2022"])
    }

    @Test("the status line counts open and overdue assignments")
    func statusLineCounts() throws {
        let env = try DaemonHarness(events: [issued(dueIn: -100, units: ["A", "B"]),
                                             issued(id: "2-CV/T", dueIn: 86_400, units: ["C"])])
        env.onQueue { try? $0.replayAll() }
        #expect(env.status.hasPrefix("3 việc đang mở, 2 quá hạn"))
    }

    // MARK: helpers

    func issued(id: String = "22-CV/ĐU-2021", dueIn seconds: Int64, units: [String] = ["UBND xã"]) -> Event {
        let now = WallClock.now()
        return Fixtures.issued(id: id, number: "22-CV/ĐU", units: units, due: now.adding(seconds: seconds),
                               at: now.adding(seconds: -3600), eventID: "issue-\(id)")
    }
}

/// Records reminders in memory; fails the first `failures` deliveries.
struct RecordingSink: ReminderSink {
    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var notices: [ReminderNotice] = []
        var attempts = 0
        var failuresLeft: Int
        init(failures: Int) { failuresLeft = failures }
    }

    struct Refused: Error {}

    let box: Box
    init(failures: Int = 0) { box = Box(failures: failures) }

    func deliver(_ notice: ReminderNotice) throws {
        box.lock.lock()
        defer { box.lock.unlock() }
        box.attempts += 1
        if box.failuresLeft > 0 {
            box.failuresLeft -= 1
            throw Refused()
        }
        box.notices.append(notice)
    }

    var destination: String { "memory" }
    var notices: [ReminderNotice] { box.lock.withLock { box.notices } }
    var attempts: Int { box.lock.withLock { box.attempts } }
}

/// A daemon on a temporary log, with a recording sink and the seconds-scale policy.
final class DaemonHarness {
    /// Daemons stay alive for the rest of the run: their timer handlers hold them unowned.
    private static let kept = KeptDaemons()

    let dir: URL
    let log: URL
    let sink: RecordingSink
    let daemon: Daemon
    /// The harness whose log this one reuses (kept alive so it does not remove the directory).
    private let parent: DaemonHarness?

    init(events: [Event], failures: Int = 0, retryDelay: Int64 = 30,
         reload: (@Sendable (DaemonSettings) -> DaemonSettings)? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("hanchotd-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        log = dir.appendingPathComponent("events.jsonl")
        let text = events.map { EventCodec.encode($0) + "\n" }.joined()
        try Data(text.utf8).write(to: log)
        sink = RecordingSink(failures: failures)
        daemon = DaemonHarness.make(log: log, sink: sink, retryDelay: retryDelay, reload: reload)
        parent = nil
    }

    deinit {
        if parent == nil { try? FileManager.default.removeItem(at: dir) }
    }

    /// A second daemon on the same log (a restart).
    init(reusing other: DaemonHarness) throws {
        dir = other.dir
        log = other.log
        sink = RecordingSink()
        daemon = DaemonHarness.make(log: log, sink: sink, retryDelay: 30)
        parent = other
    }

    private static func make(log: URL, sink: RecordingSink, retryDelay: Int64,
                             reload: (@Sendable (DaemonSettings) -> DaemonSettings)? = nil) -> Daemon {
        var config = HanchotConfig(zone: .vietnam, language: .vi, policy: Fixtures.fast)
        config.officeHoursOnly = false  // second-scale policy: deliver at any hour the tests run
        var settings = DaemonSettings(logPath: log.path, config: config, sink: sink, actor: "hanchot-test")
        settings.retryDelay = retryDelay
        let fixed = settings
        let logger = Logger(label: "hanchotd-test") { _ in SwiftLogNoOpLogHandler() }
        let daemon = Daemon(settings: settings, logger: logger, reload: { reload?(fixed) ?? fixed })
        kept.add(daemon)
        return daemon
    }

    func onQueue(_ body: (Daemon) -> Void) {
        daemon.queue.sync { body(daemon) }
    }

    func replayAndWake() {
        onQueue { d in
            do { try d.replayAll() } catch { Issue.record("replay failed: \(error)") }
            d.wake()
        }
    }

    /// Waits (up to 5 s) until the sink holds `count` notices, then until the wake-up that
    /// delivered them has finished: delivery and the `reminder.sent` append happen in one block
    /// on the daemon's queue, so the log is only complete once that block is over.
    func waitForNotices(_ count: Int) {
        let deadline = Date().addingTimeInterval(5)
        while sink.notices.count < count, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        daemon.queue.sync {}
    }

    var engineSnapshot: ReminderEngine { daemon.queue.sync { daemon.engine } }
    var status: String { daemon.queue.sync { daemon.statusLine() } }

    func append(_ event: Event) throws {
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data((EventCodec.encode(event) + "\n").utf8))
    }

    /// The steps recorded by reminder.sent lines, in log order.
    func sentSteps() throws -> [String] {
        let text = try String(contentsOf: log, encoding: .utf8)
        return try text.split(separator: "\n").compactMap { line in
            guard case .reminderSent(let s) = try EventCodec.decode(String(line)).body else { return nil }
            return s.step
        }
    }
}

final class KeptDaemons: @unchecked Sendable {
    private let lock = NSLock()
    private var daemons: [Daemon] = []
    func add(_ d: Daemon) { lock.withLock { daemons.append(d) } }
}
