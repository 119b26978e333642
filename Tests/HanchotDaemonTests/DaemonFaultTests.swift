import Foundation
@testable import HanchotCore
@testable import HanchotDaemon
import Testing

/// The daemon (in process, on its own queue) against what an operator's shell or a full disk
/// can do to its log, and against journald going away.
@Suite("Daemon faults (in memory)")
struct DaemonFaultTests {
    func issued(id: String, dueIn seconds: Int64, units: [String] = ["UBND xã"]) -> Event {
        let now = WallClock.now()
        return Fixtures.issued(id: id, number: "22-CV/ĐU", units: units, due: now.adding(seconds: seconds),
                               at: now.adding(seconds: -3600), eventID: "issue-\(id)")
    }

    @Test("a log overwritten in place (same inode, longer than the read offset) is replayed from the start")
    func overwrittenInPlace() throws {
        // The old log: one directive far from its deadline (nothing to send).
        let env = try DaemonHarness(events: [issued(id: "OLD", dueIn: 86_400 * 5)])
        env.replayAndWake()
        #expect(env.sink.notices.isEmpty)
        // `cat other.jsonl > events.jsonl` while the daemon was not looking: a directive due now
        // at the start, a longer one after it, so the new file is longer than the old offset.
        let fresh = [issued(id: "NEW", dueIn: 0, units: ["Trạm y tế"]),
                     issued(id: "LATER", dueIn: 86_400 * 9, units: ["Công an xã", "Đoàn xã", "Hội Phụ nữ xã"])]
        let bytes = Data(fresh.map { EventCodec.encode($0) + "\n" }.joined().utf8)
        let inode = try FileManager.default.attributesOfItem(atPath: env.log.path)[.systemFileNumber] as? Int
        let handle = try FileHandle(forWritingTo: env.log)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
        #expect(try FileManager.default.attributesOfItem(atPath: env.log.path)[.systemFileNumber] as? Int == inode)

        env.onQueue { $0.logChanged() }

        // The new directive standing before the old offset is reminded; the old one is gone.
        #expect(env.sink.notices.map(\.key.directive) == ["NEW"])
        let state = env.engineSnapshot.ledger
        #expect(state.directives["OLD"] == nil)
        #expect(Set(state.directives.keys) == ["NEW", "LATER"])
        // The daemon recorded its reminder in the new file, which now reads back whole.
        #expect(try env.sentSteps() == ["due"])
    }

    @Test("an append after an in-place rewrite is still read as an append, not a rewrite")
    func appendsAreNotRewrites() throws {
        let env = try DaemonHarness(events: [issued(id: "A", dueIn: 86_400 * 5)])
        env.replayAndWake()
        try env.append(issued(id: "B", dueIn: 0, units: ["Trạm y tế"]))
        env.onQueue { $0.logChanged() }
        try env.append(issued(id: "C", dueIn: 0, units: ["Đoàn xã"]))
        env.onQueue { $0.logChanged() }
        #expect(env.sink.notices.map(\.key.directive) == ["B", "C"])
        #expect(Set(env.engineSnapshot.ledger.directives.keys) == ["A", "B", "C"])
    }

    @Test("journald down across the deadline: one catch-up at the end, at error level, naming the missed deadline")
    func outageAcrossDeadline() throws {
        // Fast policy: due 1 s ago, overdue-1 a second from now; journald refuses the first two tries.
        let env = try DaemonHarness(events: [issued(id: "OUT", dueIn: -1)], failures: 2, retryDelay: 1)
        env.replayAndWake()
        #expect(env.sink.notices.isEmpty)
        env.waitForNotices(1)
        let notices = env.sink.notices
        try #require(notices.count == 1, "\(notices.map(\.step))")
        let n = notices[0]
        #expect(n.step.hasPrefix("overdue-"), "a later step stands for the deadline: \(n.step)")
        #expect(n.missedSteps.contains("due"), "\(n.missedSteps)")
        #expect(n.priority <= .warning, "never quieter than the deadline's warning")
        #expect(n.message.contains("gồm cả lần báo đã đến hạn"), "\(n.message)")
        #expect(try env.sentSteps() == [n.step])
    }
}
