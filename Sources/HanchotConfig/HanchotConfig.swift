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
    /// Days off (weekends, holidays, government overrides) and office hours.
    public var calendar = WorkingCalendar()
    /// A deadline on a day off moves to the end of the next working day (Civil Code art. 148).
    public var shiftDeadlines = true
    /// Reminders are delivered only in office hours on working days.
    public var officeHoursOnly = true

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
        var rules = HolidayRules.vietnam
        var opens = config.calendar.opensAt
        var closes = config.calendar.closesAt
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
                case "calendar.days_off", "calendar.working_days":
                    guard let array = item.array else {
                        throw ConfigError(file: file, line: nil, key: name, message: "expected an array of dates such as [\"2022-01-31\"]")
                    }
                    var days = Set<CivilDate>()
                    for element in array {
                        guard let text = element.string, let day = CivilDate(iso: text) else {
                            throw ConfigError(file: file, line: nil, key: name, message: "expected dates written YYYY-MM-DD, found \(element)")
                        }
                        days.insert(day)
                    }
                    if key == "days_off" { rules.extraDaysOff = days } else { rules.extraWorkingDays = days }
                case "calendar.tet_days_before", "calendar.tet_days_after":
                    guard let n = item.int, (0...10).contains(n) else {
                        throw ConfigError(file: file, line: nil, key: name, message: "expected a whole number from 0 to 10")
                    }
                    if key == "tet_days_before" { rules.tetDaysBefore = n } else { rules.tetDaysAfter = n }
                case "calendar.national_day_adjacent":
                    let text = try string()
                    guard text == "before" || text == "after" else {
                        throw ConfigError(file: file, line: nil, key: name, message: "expected \"before\" (1/9) or \"after\" (3/9)")
                    }
                    rules.nationalDayAdjacentBefore = text == "before"
                case "calendar.shift_deadlines":
                    guard let flag = item.bool else { throw ConfigError(file: file, line: nil, key: name, message: "expected true or false") }
                    config.shiftDeadlines = flag
                case "office_hours.enabled":
                    guard let flag = item.bool else { throw ConfigError(file: file, line: nil, key: name, message: "expected true or false") }
                    config.officeHoursOnly = flag
                case "office_hours.open", "office_hours.close":
                    let text = try string()
                    guard let minutes = HanchotConfig.minutes(text) else {
                        throw ConfigError(file: file, line: nil, key: name, message: "expected a time such as \"07:30\"")
                    }
                    if key == "open" { opens = minutes } else { closes = minutes }
                default:
                    throw ConfigError(file: file, line: nil, key: name,
                                      message: "unknown setting (known: log.path, locale.timezone, locale.language, "
                                          + "reminders.before, reminders.at_due, reminders.overdue_every, reminders.overdue_limit, reminders.late_after, "
                                          + "calendar.days_off, calendar.working_days, calendar.tet_days_before, calendar.tet_days_after, "
                                          + "calendar.national_day_adjacent, calendar.shift_deadlines, "
                                          + "office_hours.enabled, office_hours.open, office_hours.close)")
                }
            }
        }
        guard opens < closes else {
            throw ConfigError(file: file, line: nil, key: "office_hours", message: "open must be before close")
        }
        if rules != config.calendar.rules || opens != config.calendar.opensAt || closes != config.calendar.closesAt {
            config.calendar = WorkingCalendar(rules: rules, opensAt: opens, closesAt: closes)
        }
        return config
    }

    /// The reminder policy with the office-hours window applied when enabled.
    public var reminderPolicy: ReminderPolicy {
        var p = policy
        p.zone = zone
        p.deliveryCalendar = officeHoursOnly ? calendar : nil
        return p
    }

    /// "07:30" → 450.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m),
              h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }
}
