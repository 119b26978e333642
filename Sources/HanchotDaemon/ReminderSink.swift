import HanchotCore
import HanchotSystemd

/// Where reminders go. One requirement, so tests can record them in memory and the daemon can
/// write to journald or, without one, to standard error.
public protocol ReminderSink: Sendable {
    /// Delivers one reminder; throws when it did not get through (it will be retried).
    func deliver(_ notice: ReminderNotice) throws
    /// For people: where reminders are going.
    var destination: String { get }
}

/// Reminders as journal entries with structured fields (the production sink).
public struct JournalSink: ReminderSink {
    public let writer: JournalWriter
    public init(writer: JournalWriter = JournalWriter()) { self.writer = writer }

    public func deliver(_ notice: ReminderNotice) throws {
        try writer.send(notice.journalFields)
    }

    public var destination: String { "journald (\(writer.socketPath))" }
}

/// Reminders as lines on standard error, for a foreground run where no journald listens.
public struct StandardErrorSink: ReminderSink {
    public init() {}

    public func deliver(_ notice: ReminderNotice) throws {
        // A terminal reads this: text from the log is made visible, never obeyed.
        let line = "<\(notice.priority.rawValue)>\(notice.message) "
            + "[\(notice.kind.rawValue) \(notice.key.directive)/\(notice.key.task)/\(notice.key.unit) \(notice.step)]"
        StandardError.write(Terminal.visible(line) + "\n")
    }

    public var destination: String { "standard error" }
}
