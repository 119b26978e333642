import Foundation
import Glibc
import Testing

/// The daemon against a stand-in service manager: a real AF_UNIX datagram socket as NOTIFY_SOCKET.
@Suite("sd_notify protocol")
struct NotifyProtocolTests {
    @Test("READY after replay with a status, watchdog pings at half WATCHDOG_USEC, RELOADING then READY on SIGHUP, STOPPING and exit 0 on SIGTERM")
    func notifyLifecycle() throws {
        let box = try IntegrationSandbox(reminders: IntegrationSandbox.hourly)
        try box.issue(box.id("open"), due: IntegrationSandbox.nowSecond() + 86_400, units: ["UBND xã"])
        let notify = try NotifySocket()
        defer { notify.close() }
        let daemon = try box.startDaemon(sink: "stderr", notify: notify, watchdogUSec: 400_000)
        defer { daemon.terminate() }

        // READY=1 comes with the status of the replayed log: the directive issued before start is counted.
        let firstReady = notify.wait(for: "READY=1", timeout: 10)
        let ready = try #require(firstReady, "no READY=1: \(notify.messages)\n\(daemon.stderr)")
        let status = ready.message.lines.first { $0.hasPrefix("STATUS=") }
        #expect(status?.contains("việc đang mở") == true, "READY=1 carries a STATUS: \(ready.message)")
        #expect(status?.hasPrefix("STATUS=1 việc đang mở, 0 quá hạn") == true, "\(ready.message)")

        // Watchdog: WATCHDOG_USEC=400000 → a ping every 200 ms.
        IntegrationSandbox.sleep(seconds: 1.3)
        let pings = notify.messages.filter { $0.lines.contains("WATCHDOG=1") }.map(\.receivedAt)
        let gaps = zip(pings.dropFirst(), pings).map { $0 - $1 }
        print("[measure] watchdog: \(pings.count) pings, gaps \(gaps.map { ms($0) })")
        #expect(pings.count >= 4, "expected a WATCHDOG=1 every 200 ms, got \(pings.count) in 1.3 s")
        #expect(gaps.allSatisfy { $0 < 0.4 }, "a watchdog gap reached the 400 ms limit: \(gaps)")

        // SIGHUP: RELOADING=1 (with MONOTONIC_USEC, for Type=notify-reload), then READY=1 again.
        let mark = notify.messages.count - 1
        daemon.send(SIGHUP)
        let reloadingMessage = notify.wait(for: "RELOADING=1", after: mark, timeout: 5)
        let reloading = try #require(reloadingMessage, "no RELOADING=1 after SIGHUP")
        #expect(reloading.message.lines.contains { $0.hasPrefix("MONOTONIC_USEC=") })
        let readyAgain = notify.wait(for: "READY=1", after: reloading.index, timeout: 5)
        #expect(readyAgain != nil, "no READY=1 after RELOADING=1")

        // A broken config on reload keeps the daemon running on the old one.
        try Data("[reminders]\nbefore = [\"soon\"]\n".utf8).write(to: URL(fileURLWithPath: box.config))
        let mark2 = notify.messages.count - 1
        daemon.send(SIGHUP)
        let reloading2Message = notify.wait(for: "RELOADING=1", after: mark2, timeout: 5)
        let reloading2 = try #require(reloading2Message, "no RELOADING=1 after the second SIGHUP")
        let readyAfterBadConfig = notify.wait(for: "READY=1", after: reloading2.index, timeout: 5)
        #expect(readyAfterBadConfig != nil, "no READY=1 after a reload with a bad config")
        #expect(daemon.isRunning, "a bad config on reload must not stop the daemon: \(daemon.stderr)")

        // SIGTERM: STOPPING=1 and a clean exit.
        let mark3 = notify.messages.count - 1
        daemon.send(SIGTERM)
        let stopping = notify.wait(for: "STOPPING=1", after: mark3, timeout: 5)
        #expect(stopping != nil, "no STOPPING=1 after SIGTERM")
        let exit = daemon.wait(timeout: 5)
        #expect(exit == 0, "hanchotd exited \(exit.map(String.init) ?? "not at all") on SIGTERM; stderr:\n\(daemon.stderr)")
    }
}
