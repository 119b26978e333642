import Dispatch
import Foundation
import HanchotCore
import HanchotLog
import HanchotSystemd
import Logging
import SystemPackage

/// The reminder daemon: replays the log, plans, fires reminders on one wall-clock timer,
/// follows the log, and talks to systemd.
///
/// Phases, in order: ``start()`` (replay → plan → follow → READY=1), then events on one serial
/// queue (timer, log changes, signals), then ``stop()`` (STOPPING=1). All mutable state is
/// confined to that queue; the core (``ReminderEngine``) decides, this class only does I/O.
public final class Daemon: @unchecked Sendable {
    let queue = DispatchQueue(label: "hanchotd")
    private(set) var settings: DaemonSettings
    private let reloadSettings: @Sendable () throws -> DaemonSettings
    let store: FileEventStore
    var engine: ReminderEngine
    var cursor = LogCursor.beginning
    var identity: FileIdentity?
    let logger: Logger
    let notifier = Notifier()

    private var timer: (any DispatchSourceTimer)?
    /// Wakes the daemon every `heartbeat` seconds by the monotonic clock. The reminder timer is a
    /// wall-clock one, and the kernel fires a wall-clock deadline only when the clock reaches it:
    /// after the clock steps back an hour, nothing on the wall clock fires for an hour, so the
    /// jump would go unnoticed. Monotonic time does not step.
    private var pulse: (any DispatchSourceTimer)?
    private var watchdog: (any DispatchSourceTimer)?
    private var follower: LogFollower?
    private var signalSources: [any DispatchSourceSignal] = []
    /// When the timer was armed, by both clocks, to detect wall-clock jumps on wake-up.
    private var armedAt: (wall: Double, monotonic: Double)?
    var reportedProblems = Set<Int64>()
    /// The bytes of the log the state was folded from (its start and the bytes before `cursor`):
    /// a log rewritten in place no longer holds them.
    var applied: LogFingerprint?
    /// `reminder.sent` events of reminders that reached the journal but could not be appended
    /// (full disk, I/O error): retried with back-off while the daemon runs, never only at restart.
    var unrecorded: [Event] = []
    private var recordFailures = 0
    private var nextRecordAttempt: Instant?
    private var lastStatus = ""
    private var deliveryOutage = DeliveryOutage()
    /// Called after each wake-up and log change (tests observe the daemon through it).
    public var onIdle: (@Sendable (Daemon) -> Void)?
    /// Runs between the check that the log is the same file and the read of its new tail: where
    /// a rename can land. Tests put one there.
    var beforeTailRead: (() -> Void)?

    public init(settings: DaemonSettings, logger: Logger,
                reload: @escaping @Sendable () throws -> DaemonSettings) {
        self.settings = settings
        self.reloadSettings = reload
        self.logger = logger
        store = FileEventStore(path: FilePath(settings.logPath), zone: settings.config.zone)
        engine = ReminderEngine(ledger: Ledger(zone: settings.config.zone), policy: settings.config.reminderPolicy)
    }

    /// Starts on the daemon's queue and serves until SIGTERM/SIGINT; never returns.
    public func runForever() -> Never {
        queue.async {
            do {
                try self.start()
            } catch {
                self.logger.critical("cannot start: \(error)")
                self.notifier.notify("STATUS=cannot start: \(error)")
                exit(1)
            }
        }
        dispatchMain()
    }

    // MARK: phases

    /// Replay, plan, follow, then tell systemd we are ready.
    public func start() throws {
        dispatchPrecondition(condition: .onQueue(queue))
        let began = WallClock.monotonic()
        try replayAll()
        let replayMS = Int((WallClock.monotonic() - began) * 1000)
        follower = try LogFollower(path: settings.logPath, queue: queue) { [unowned self] in self.logChanged() }
        installSignals()
        startWatchdog()
        startPulse()
        logger.info("replayed \(engine.ledger.eventCount) events in \(replayMS) ms; reminders go to \(settings.sink.destination)",
                    metadata: ["events": "\(engine.ledger.eventCount)", "replay_ms": "\(replayMS)", "log": "\(settings.logPath)"])
        wake()
        notifier.notify("READY=1\nSTATUS=\(statusLine())")
    }

    /// Clean shutdown on SIGTERM/SIGINT.
    public func stop() {
        dispatchPrecondition(condition: .onQueue(queue))
        notifier.notify("STOPPING=1\nSTATUS=stopping")
        logger.info("stopping")
        if !unrecorded.isEmpty { record([], now: WallClock.now()) }
        timer?.cancel()
        pulse?.cancel()
        watchdog?.cancel()
        follower?.cancel()
        signalSources.forEach { $0.cancel() }
        exit(0)
    }

    /// SIGHUP: re-read the config and re-plan everything; a bad config keeps the old one.
    func reload() {
        dispatchPrecondition(condition: .onQueue(queue))
        notifier.reloading()
        do {
            var fresh = try reloadSettings()
            // The store and the follower are bound to the log opened at start: a new log path
            // takes a restart. Taking it here would stop following the log without a word.
            if fresh.logPath != settings.logPath {
                logger.warning("the config now names the log \(fresh.logPath); restart hanchotd to follow it. Still following \(settings.logPath)")
                fresh.logPath = settings.logPath
            }
            settings = fresh
            engine.replace(policy: fresh.config.reminderPolicy, now: WallClock.now())
            logger.info("reloaded the configuration; \(engine.pendingCount) reminders planned")
        } catch {
            logger.error("reload failed, keeping the previous configuration: \(error)")
        }
        wake()
        notifier.notify("READY=1\nSTATUS=\(statusLine())")
    }

    // MARK: the timer

    /// Sends what is due, then re-arms the one timer for the earliest pending reminder.
    func wake() {
        dispatchPrecondition(condition: .onQueue(queue))
        let wall = WallClock.seconds()
        if let armed = armedAt {
            let expected = armed.wall + (WallClock.monotonic() - armed.monotonic)
            if abs(wall - expected) > 2 {
                logger.notice("the wall clock jumped by \(Int(wall - expected)) s; re-planning every reminder")
                engine.replanAll(now: WallClock.now())
            }
        }
        let now = WallClock.now()
        if !unrecorded.isEmpty, let at = nextRecordAttempt, now >= at { record([], now: now) }
        deliverDue(now: now)
        arm()
        // Only changes are sent: a busy daemon wakes many times a second.
        let status = statusLine()
        if status != lastStatus {
            notifier.notify("STATUS=\(status)")
            lastStatus = status
        }
        onIdle?(self)
    }

    private func arm() {
        let now = WallClock.now()
        let heartbeat = now.adding(seconds: settings.heartbeat)
        var next = min(engine.nextWake() ?? heartbeat, heartbeat)
        if !unrecorded.isEmpty, let retry = nextRecordAttempt { next = min(next, retry) }
        if timer == nil {
            let t = DispatchSource.makeTimerSource(queue: queue)
            t.setEventHandler { [unowned self] in self.wake() }
            t.resume()
            timer = t
        }
        let when = DispatchWallTime(timespec: timespec(tv_sec: Int(max(next.secondsSinceEpoch, now.secondsSinceEpoch)), tv_nsec: 0))
        timer?.schedule(wallDeadline: when, repeating: .never, leeway: .milliseconds(1))
        armedAt = (WallClock.seconds(), WallClock.monotonic())
    }

    private func deliverDue(now: Instant) {
        let due = engine.takeDue(now: now)
        guard !due.isEmpty else { return }
        var sent: [Event] = []
        let messages = settings.messages
        for (i, reminder) in due.enumerated() {
            guard let state = engine.ledger.directives[reminder.key.directive] else { continue }
            let late = ReminderPlanner.isLate(reminder, now: now, policy: engine.policy)
            let notice = ReminderNotice(reminder: reminder, number: state.directive.number,
                                        taskText: state.directive.task(reminder.key.task)?.text ?? "",
                                        late: late, now: now, messages: messages)
            do {
                try settings.sink.deliver(notice)
                sent.append(engine.sent(reminder, at: now, eventID: UUID().uuidString.lowercased(), actor: settings.actor))
                deliveryOutage.recovered(logger: logger)
            } catch {
                // Not marked sent: this and every remaining due step are tried again later
                // (journald down is seldom down for one entry only).
                let delay = deliveryOutage.failed(error, maxDelay: settings.retryDelay)
                for r in due[i...] { engine.retry(r, at: now.adding(seconds: delay)) }
                break
            }
        }
        record(sent, now: now)
    }

    /// Appends `sent` after whatever is still unrecorded, in one append (one fsync) for the
    /// whole wake-up. If we crash between the journal and this line, these steps are sent once
    /// more after restart: at most one duplicate each. The follower reads these lines back; the
    /// engine already has them (same ids: no-ops). A failed append (the store cut it back) is
    /// retried after 1, 2, 4 … s up to the retry ceiling; the steps are not sent again meanwhile.
    func record(_ sent: [Event], now: Instant) {
        let batch = unrecorded + sent
        guard !batch.isEmpty else { return }
        do {
            _ = try store.append(batch)
            if recordFailures > 0 {
                logger.notice("recorded \(batch.count) sent reminders in the log after \(recordFailures) failed attempts")
            }
            unrecorded = []
            recordFailures = 0
            nextRecordAttempt = nil
        } catch AppendError.rejected(let index, let problem) {
            // Not a passing failure: the log no longer has what these reminders were for (it was
            // replaced meanwhile). Retrying would fail forever; replay re-plans from the new log.
            logger.error("dropped \(batch.count) sent-reminder records the log refuses (event \(index + 1): \(FoldProblemText.english(problem)))")
            unrecorded = []
            recordFailures = 0
            nextRecordAttempt = nil
        } catch {
            unrecorded = batch
            recordFailures += 1
            let delay = min(settings.retryDelay, Int64(1) << Int64(min(recordFailures - 1, 20)))
            nextRecordAttempt = now.adding(seconds: delay)
            if recordFailures == 1 || recordFailures.isMultiple(of: 10) {
                logger.error("could not record \(batch.count) sent reminders in the log (\(error)); retrying in \(delay) s",
                             metadata: ["message_id": "\(ReminderNotice.Kind.logProblem.messageID)"])
            }
        }
    }

    // MARK: signals and watchdog

    private func installSignals() {
        for (sig, action) in [(SIGTERM, "stop"), (SIGINT, "stop"), (SIGHUP, "reload")] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [unowned self] in
                if action == "stop" { self.stop() } else { self.reload() }
            }
            source.resume()
            signalSources.append(source)
        }
    }

    private func startPulse() {
        let t = DispatchSource.makeTimerSource(queue: queue)
        let every = DispatchTimeInterval.seconds(Int(max(1, settings.heartbeat)))
        t.schedule(deadline: .now() + every, repeating: every, leeway: .seconds(1))
        t.setEventHandler { [unowned self] in self.wake() }
        t.resume()
        pulse = t
    }

    private func startWatchdog() {
        guard let interval = notifier.watchdogInterval() else { return }
        let half = interval / 2
        let usec = Int(half.components.seconds * 1_000_000 + half.components.attoseconds / 1_000_000_000_000)
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now(), repeating: .microseconds(usec), leeway: .milliseconds(10))
        // Pinged from the daemon's own queue: a hung queue stops the pings, and systemd restarts us.
        t.setEventHandler { [unowned self] in self.notifier.notify("WATCHDOG=1") }
        t.resume()
        watchdog = t
        logger.info("watchdog every \(usec / 1000) ms")
    }

    // MARK: status

    /// "312 việc đang mở, 5 quá hạn, nhắc tiếp lúc 14/01/2022 07:30".
    public func statusLine() -> String {
        let now = WallClock.now()
        var open = 0, overdue = 0
        for (_, state) in engine.ledger.directives {
            for a in state.assignments where a.isOpen {
                open += 1
                if let due = a.due, now >= due.instant { overdue += 1 }
            }
        }
        let m = settings.messages
        var line = m.summary(open: open, overdue: overdue)
        if let next = engine.nextWake() {
            line += m.language == .vi ? ", nhắc tiếp lúc \(m.zone.display(next))" : ", next reminder at \(m.zone.display(next))"
        }
        return line
    }
}
