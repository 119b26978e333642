import HanchotConfig
import HanchotCore

/// Everything the daemon runs with, resolved at start-up and again on SIGHUP.
public struct DaemonSettings: Sendable {
    public var logPath: String
    public var config: HanchotConfig
    public var sink: any ReminderSink
    /// The Unix user recorded as the actor of `reminder.sent` events.
    public var actor: String
    /// The longest wait before trying again to deliver reminders that did not get through
    /// (retries back off 1, 2, 4, … s up to this).
    public var retryDelay: Int64 = 30
    /// The longest the timer sleeps, so that clock jumps are noticed even with nothing pending.
    public var heartbeat: Int64 = 60

    public init(logPath: String, config: HanchotConfig, sink: any ReminderSink, actor: String) {
        self.logPath = logPath
        self.config = config
        self.sink = sink
        self.actor = actor
    }

    var messages: Messages { Messages(language: config.language, zone: config.zone) }
}
