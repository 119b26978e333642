import Glibc
import HanchotCore
import Logging

/// A swift-log handler that writes the daemon's own operational logs to journald, with
/// metadata as upper-case `HANCHOTD_*` fields (journald silently drops other names).
/// Falls back to standard error when journald is not reachable.
public struct JournaldLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let writer: JournalWriter

    public init(label: String, writer: JournalWriter = JournalWriter()) {
        self.label = label
        self.writer = writer
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = metadataProvider?.get() { all.merge(extra) { _, new in new } }
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", event.message.description + (event.error.map { ": \($0)" } ?? "")),
            ("PRIORITY", String(JournaldLogHandler.priority(event.level))),
            ("SYSLOG_IDENTIFIER", "hanchotd"),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
            ("HANCHOTD_LOGGER", label),
        ]
        for (key, value) in all.sorted(by: { $0.key < $1.key }) {
            // `message_id` is journald's own MESSAGE_ID (explained by the catalog), not ours.
            let name = key == "message_id" ? "MESSAGE_ID" : "HANCHOTD_" + JournaldLogHandler.fieldName(key)
            fields.append((name, "\(value)"))
        }
        do {
            try writer.send(fields)
        } catch {
            let meta = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            StandardError.write(Terminal.visible("hanchotd[\(event.level)]: \(event.message)\(meta)") + "\n")
        }
    }

    /// `replay.events` → `REPLAY_EVENTS`.
    static func fieldName(_ key: String) -> String {
        String(key.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}

public enum StandardError {
    public static func write(_ text: String) {
        // One write(2) per message, so lines from several threads do not mix.
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
