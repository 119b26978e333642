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
    public var policy: ReminderPolicy = .standard

    public init(logPath: String? = nil, zone: Zone = .vietnam, language: Language = .vi, policy: ReminderPolicy = .standard) {
        self.logPath = logPath
        self.zone = zone
        self.language = language
        self.policy = policy
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
                case "reminders.before":
                    guard let array = item.array else {
                        throw ConfigError(file: file, line: nil, key: name, message: "expected an array of durations such as [\"7d\", \"2h\"]")
                    }
                    var steps: [Int64] = []
                    for element in array {
                        guard let text = element.string, let seconds = Duration.parse(text), seconds > 0 else {
                            throw ConfigError(file: file, line: nil, key: name, message: "expected durations such as \"7d\", \"3d\", \"2h\", \"30m\", \"10s\"")
                        }
                        steps.append(seconds)
                    }
                    guard Set(steps).count == steps.count else {
                        throw ConfigError(file: file, line: nil, key: name, message: "a duration appears twice")
                    }
                    config.policy.before = steps
                case "reminders.at_due":
                    guard let flag = item.bool else { throw ConfigError(file: file, line: nil, key: name, message: "expected true or false") }
                    config.policy.atDue = flag
                case "reminders.overdue_every":
                    guard let text = item.string, let seconds = Duration.parse(text), seconds > 0 else {
                        throw ConfigError(file: file, line: nil, key: name, message: "expected a duration such as \"1d\"")
                    }
                    config.policy.overdueEvery = seconds
                case "reminders.overdue_limit":
                    guard let n = item.int, n >= 0, n <= 1000 else {
                        throw ConfigError(file: file, line: nil, key: name, message: "expected a whole number from 0 to 1000")
                    }
                    config.policy.overdueLimit = n
                case "reminders.late_after":
                    guard let text = item.string, let seconds = Duration.parse(text) else {
                        throw ConfigError(file: file, line: nil, key: name, message: "expected a duration such as \"1m\"")
                    }
                    config.policy.lateAfter = seconds
                default:
                    throw ConfigError(file: file, line: nil, key: name,
                                      message: "unknown setting (known: log.path, locale.timezone, locale.language, "
                                          + "reminders.before, reminders.at_due, reminders.overdue_every, reminders.overdue_limit, reminders.late_after)")
                }
            }
        }
        return config
    }
}
