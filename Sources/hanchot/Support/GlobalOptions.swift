import ArgumentParser
import HanchotConfig
import HanchotCore
import HanchotLog
import Foundation

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The event log (overrides HANCHOT_LOG and the config file).")
    var log: String?

    @Option(name: .long, help: "The config file (default: HANCHOT_CONFIG, then /etc/hanchot/hanchot.toml if present).")
    var config: String?

    @Option(name: .long, help: "Language of messages: vi or en (default: HANCHOT_LANG, then the config file, then vi).")
    var lang: String?

    /// Resolves the settings in the documented order: flag, environment, config file, default.
    func settings() throws -> Settings {
        let env = ProcessInfo.processInfo.environment
        var file = HanchotConfig()
        if let path = config ?? env["HANCHOT_CONFIG"] {
            file = try Settings.loadConfig(path)
        } else if FileManager.default.fileExists(atPath: HanchotConfig.defaultConfigPath) {
            file = try Settings.loadConfig(HanchotConfig.defaultConfigPath)
        }
        var language = file.language
        if let code = lang ?? env["HANCHOT_LANG"] {
            guard let l = Language(code: code) else { throw CLIError("unknown language \"\(code)\" (use vi or en)") }
            language = l
        }
        let logPath = log ?? env["HANCHOT_LOG"] ?? file.logPath ?? HanchotConfig.defaultLogPath
        return Settings(logPath: logPath, zone: file.zone, language: language, calendar: file.calendar,
                        shiftDeadlines: file.shiftDeadlines)
    }
}

/// The settings a command runs with, once resolved.
struct Settings {
    static let defaultLogPath = HanchotConfig.defaultLogPath

    var logPath: String
    var zone: Zone
    var language: Language
    var calendar = WorkingCalendar()
    var shiftDeadlines = true

    var messages: Messages { Messages(language: language, zone: zone) }
    var vi: Bool { language == .vi }

    func store() -> FileEventStore { FileEventStore(path: .init(logPath), zone: zone) }

    static func loadConfig(_ path: String) throws -> HanchotConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): cannot read the config file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError("\(path): not UTF-8 text") }
        return try HanchotConfig.parse(text, file: path)
    }
}
