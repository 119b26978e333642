import ArgumentParser
import Foundation
import HanchotConfig
import HanchotCore
import HanchotDaemon
import HanchotSystemd
import Logging

@main
struct HanchotDaemonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hanchotd",
        abstract: "The hanchot reminder daemon: replays the log, plans and sends reminders to journald.",
        discussion: """
            Runs in the foreground (systemd Type=notify). SIGHUP re-reads the config and re-plans; \
            SIGTERM/SIGINT stop cleanly. Settings: --log > HANCHOT_LOG > config log.path > \(HanchotConfig.defaultLogPath).
            """,
        version: "0.1.0")

    @Option(help: "The config file (default: HANCHOT_CONFIG, then /etc/hanchot/hanchot.toml if present).")
    var config: String?

    @Option(help: "The event log.") var log: String?

    @Option(help: "Language of reminders: vi or en.") var lang: String?

    @Option(help: "Where reminders go: auto (journald if reachable, else standard error), journal, stderr.")
    var sink: SinkChoice = .auto

    enum SinkChoice: String, ExpressibleByArgument { case auto, journal, stderr }

    func run() throws {
        // A file size limit fails an append with EFBIG (cut back, retried) instead of killing us.
        signal(SIGXFSZ, SIG_IGN)
        let journal = JournalWriter()
        let useJournal = sink == .journal || (sink == .auto && journal.isReachable())
        let label = "hanchotd"
        LoggingSystem.bootstrap { _ in
            useJournal ? JournaldLogHandler(label: label) as any LogHandler : StreamLogHandler.standardError(label: label)
        }
        let logger = Logger(label: label)
        let options = self
        let resolve: @Sendable () throws -> DaemonSettings = { try options.settings(useJournal: useJournal) }
        let settings = try resolve()
        StandardError.write("hanchotd: log \(settings.logPath); reminders go to \(settings.sink.destination)\n")
        Daemon(settings: settings, logger: logger, reload: resolve).runForever()
    }

    /// Resolves settings in the documented order; called again on SIGHUP.
    func settings(useJournal: Bool) throws -> DaemonSettings {
        let env = ProcessInfo.processInfo.environment
        var file = HanchotConfig()
        let configPath = config ?? env["HANCHOT_CONFIG"]
            ?? (FileManager.default.fileExists(atPath: HanchotConfig.defaultConfigPath) ? HanchotConfig.defaultConfigPath : nil)
        if let configPath {
            guard let data = FileManager.default.contents(atPath: configPath), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("\(configPath): cannot read the config file")
            }
            file = try HanchotConfig.parse(text, file: configPath)
        }
        if let code = lang ?? env["HANCHOT_LANG"] {
            guard let l = Language(code: code) else { throw ValidationError("unknown language \"\(code)\" (vi or en)") }
            file.language = l
        }
        let logPath = log ?? env["HANCHOT_LOG"] ?? file.logPath ?? HanchotConfig.defaultLogPath
        let sink: any ReminderSink = useJournal ? JournalSink() : StandardErrorSink()
        return DaemonSettings(logPath: logPath, config: file, sink: sink, actor: Self.actor)
    }

    static var actor: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid-\(geteuid())"
    }
}
