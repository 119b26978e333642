import Foundation
import Glibc
import Testing

/// A temporary directory with a log and a seconds-scale config, and the real binaries run on them
/// with the real clock. Directive ids are made unique per sandbox so that tests sharing one
/// journald never see each other's entries.
final class IntegrationSandbox {
    let dir: URL
    let log: String
    let config: String
    /// Prefixed to directive ids: unique per sandbox.
    let tag = String(UUID().uuidString.prefix(8)).lowercased()
    private var started: [ChildProcess] = []

    /// A policy of hour-long steps: a reminder an hour before, at the deadline, once an hour
    /// after (once), and late after a minute. Most tests want "due now, nothing else soon".
    static let hourly = """
        before = ["1h"]
        at_due = true
        overdue_every = "1h"
        overdue_limit = 1
        late_after = "1m"
        """

    /// - Parameter reminders: the body of the config's `[reminders]` table.
    init(reminders: String) throws {
        dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("hanchot-integ-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        log = dir.appendingPathComponent("events.jsonl").path
        config = dir.appendingPathComponent("hanchot.toml").path
        let text = """
            [locale]
            timezone = "Asia/Ho_Chi_Minh"
            language = "vi"

            [office_hours]
            # Second-scale policies must fire at any hour of the day the tests run.
            enabled = false

            [calendar]
            # Deadlines seconds away must stay where they are, even on a weekend.
            shift_deadlines = false

            [reminders]
            \(reminders)

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: config))
    }

    deinit {
        // A backstop: tests end their processes in `defer`, this catches anything left.
        for p in started { p.terminate(grace: 1) }
        try? FileManager.default.removeItem(at: dir)
    }

    /// A directive id unique to this sandbox.
    func id(_ name: String) -> String { "IT-\(tag)-\(name)" }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("HANCHOT_") && !key.hasPrefix("WATCHDOG_") && !key.hasPrefix("LISTEN_") && key != "NOTIFY_SOCKET"
        }
        env["HANCHOT_CONFIG"] = config
        return env
    }

    // MARK: the CLI

    /// Runs `hanchot ARGS --log LOG`; a failure is recorded at the caller with the output.
    @discardableResult
    func hanchot(_ args: [String], log: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        let r = try ChildProcess.run(try Binaries.hanchot(), args + ["--log", log ?? self.log], env: environment,
                                     outputIn: dir, name: "hanchot-\(args.first ?? "")")
        if r.status != 0 {
            Issue.record("`hanchot \(args.joined(separator: " "))` exited \(r.status)\n\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        }
        return r.status
    }

    /// `hanchot issue` of a one-task directive due at `due` (seconds since the epoch, given to
    /// the CLI in Asia/Ho_Chi_Minh local time as an operator would type it).
    func issue(_ id: String, due: Int64, units: [String], task: String = "Báo cáo kết quả rà soát", number: String = "22-CV/ĐU",
               log: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var args = ["issue", "--id", id, "--number", number, "--title", "Về việc rà soát", "--task", task,
                    "--due", IntegrationSandbox.localTime(due)]
        for u in units { args += ["--to", u] }
        try hanchot(args, log: log, sourceLocation: sourceLocation)
    }

    func done(_ id: String, unit: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try hanchot(["done", id, "1", "--unit", unit], sourceLocation: sourceLocation)
    }

    // MARK: the daemon

    /// Starts `hanchotd --log LOG --config CONFIG --sink SINK`, talking to `notify` if given.
    /// The caller ends it (`defer { daemon.terminate() }`).
    func startDaemon(sink: String = "journal", notify: NotifySocket? = nil, watchdogUSec: Int? = nil,
                     extraEnv: [String: String] = [:]) throws -> ChildProcess {
        var env = environment
        if let notify { env["NOTIFY_SOCKET"] = notify.path }
        if let watchdogUSec { env["WATCHDOG_USEC"] = String(watchdogUSec) }
        for (k, v) in extraEnv { env[k] = v }
        let p = try ChildProcess(try Binaries.hanchotd(), ["--log", log, "--config", config, "--sink", sink],
                                 env: env, outputIn: dir, name: "hanchotd")
        started.append(p)
        return p
    }

    /// Starts the daemon and waits for READY=1 on a fresh notify socket.
    func startReadyDaemon(notify: NotifySocket, sourceLocation: SourceLocation = #_sourceLocation) throws -> ChildProcess {
        let before = notify.messages.count - 1
        let daemon = try startDaemon(notify: notify)
        guard notify.wait(for: "READY=1", after: before, timeout: 10) != nil else {
            Issue.record("hanchotd did not send READY=1 within 10 s; stderr:\n\(daemon.stderr)", sourceLocation: sourceLocation)
            daemon.terminate()
            throw ChildProcess.SpawnError(description: "hanchotd not ready")
        }
        return daemon
    }

    /// The log's events as JSON objects, in order.
    func logEvents(_ path: String? = nil) -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: path ?? log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
    }

    /// The `reminder.sent` lines of the log, as (directive, unit, step).
    func sentInLog(_ path: String? = nil) -> [(directive: String, unit: String, step: String)] {
        logEvents(path).filter { $0["type"] as? String == "reminder.sent" }.map {
            (($0["directive"] as? String) ?? "?", ($0["unit"] as? String) ?? "?", ($0["step"] as? String) ?? "?")
        }
    }

    // MARK: time

    static func wallClock() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The current whole second.
    static func nowSecond() -> Int64 { Int64(wallClock().rounded(.down)) }

    /// Sleeps until the wall clock reads `t` (seconds since the epoch).
    /// Blocking sleeps, on purpose: a test's timeline must not wait for a free thread of the
    /// shared pool, which other (long, synchronous) tests may be holding.
    static func sleep(until t: Double) {
        let left = t - wallClock()
        if left > 0 { usleep(UInt32(left * 1e6)) }
    }

    static func sleep(seconds: Double) {
        usleep(UInt32(seconds * 1e6))
    }

    /// `2026-11-22T21:21:15`: the instant as local time in Asia/Ho_Chi_Minh (UTC+7, no DST).
    static func localTime(_ epochSeconds: Int64) -> String {
        var t = time_t(epochSeconds + 7 * 3600)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// `2026-11-22T14:21:15Z`: the log's and HANCHOT_DUE's form.
    static func utcTimestamp(_ epochSeconds: Int64) -> String {
        var t = time_t(epochSeconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

/// Formats milliseconds for the measurements the tests print.
func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
