import HanchotConfig
import HanchotCore

/// Everything the daemon runs with, resolved at start-up and again on SIGHUP.
public struct DaemonSettings: Sendable {
    public var logPath: String
    public var config: HanchotConfig
    public var sink: any ReminderSink
    /// The Unix user recorded as the actor of `reminder.sent` events.
    public var actor: String
    /// How long to wait before trying again to deliver a reminder that did not get through.
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
