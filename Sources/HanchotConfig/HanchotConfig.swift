import HanchotCore
import TOMLKit

/// Settings read from `hanchot.toml`. Every field has a default, so an empty file is valid.
public struct HanchotConfig: Sendable, Equatable {
    /// The documented default log location (the service's state directory).
    public static let defaultLogPath = "/var/lib/hanchot/events.jsonl"
    /// Where the config is looked for when neither `--config` nor `HANCHOT_CONFIG` names one.
    public static let defaultConfigPath = "/etc/hanchot/hanchot.toml"

    public var logPath: String?
    public var zone: Zone = .vietnam
    public var language: Language = .vi

    public init(logPath: String? = nil, zone: Zone = .vietnam, language: Language = .vi) {
        self.logPath = logPath
        self.zone = zone
        self.language = language
    }
}

/// A config file problem, naming the file, and the line or key concerned.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let key { place += ": [\(key)]" }
        return "\(place): \(message)"
    }
}

extension HanchotConfig {
    /// Parses TOML text; unknown tables or keys are errors (a typo must not be silently ignored).
    public static func parse(_ text: String, file: String) throws(ConfigError) -> HanchotConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, key: nil, message: error.description)
        } catch {
            throw ConfigError(file: file, line: nil, key: nil, message: "\(error)")
        }
        var config = HanchotConfig()
        for (section, value) in table {
            guard let sub = value.table else {
                throw ConfigError(file: file, line: nil, key: section, message: "expected a table such as [log] or [locale]")
            }
            for (key, item) in sub {
                let name = "\(section).\(key)"
                func string() throws(ConfigError) -> String {
                    guard let s = item.string else { throw ConfigError(file: file, line: nil, key: name, message: "expected a string") }
                    return s
                }
                switch name {
                case "log.path":
                    let path = try string()
                    guard !path.isEmpty else { throw ConfigError(file: file, line: nil, key: name, message: "must not be empty") }
                    config.logPath = path
                case "locale.timezone":
                    let zoneName = try string()
                    guard let zone = ZoneNames.zone(named: zoneName) else {
                        throw ConfigError(file: file, line: nil, key: name,
                                          message: "unknown time zone \"\(zoneName)\" (use a name such as Asia/Ho_Chi_Minh or an offset such as +07:00)")
                    }
                    config.zone = zone
                case "locale.language":
                    let code = try string()
                    guard let lang = Language(code: code) else {
                        throw ConfigError(file: file, line: nil, key: name, message: "unknown language \"\(code)\" (vi or en)")
                    }
                    config.language = lang
                default:
                    throw ConfigError(file: file, line: nil, key: name,
                                      message: "unknown setting (known: log.path, locale.timezone, locale.language)")
                }
            }
        }
        return config
    }
}
