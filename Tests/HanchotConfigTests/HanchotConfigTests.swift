#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import HanchotConfig
import HanchotCore
import Testing

/// The repository's `config/hanchot.toml`, read without Foundation.
private func repoConfigText() -> String? {
    let repo = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
    guard let f = fopen(repo + "/config/hanchot.toml", "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out.append(contentsOf: buf[0..<n])
    }
    return String(decoding: out, as: UTF8.self)
}

private func parse(_ text: String) throws(ConfigError) -> HanchotConfig {
    try HanchotConfig.parse(text, file: "test.toml")
}

private func parseError(_ text: String) -> ConfigError? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return error
    }
}

@Suite struct HanchotConfigTests {
    @Test func theShippedConfigFileParsesToItsDocumentedValues() throws {
        let text = try #require(repoConfigText(), "config/hanchot.toml not found")
        let config = try HanchotConfig.parse(text, file: "config/hanchot.toml")
        #expect(config.logPath == "/var/lib/hanchot/events.jsonl")
        #expect(config.logPath == HanchotConfig.defaultLogPath)
        #expect(config.zone == .vietnam)
        #expect(config.language == .vi)
        #expect(config.policy == .standard, "the shipped [reminders] restate the defaults")
    }

    @Test func anEmptyFileGivesTheDefaults() throws {
        let config = try parse("")
        #expect(config == HanchotConfig())
        #expect(config.logPath == nil)
        #expect(config.zone == .vietnam && config.language == .vi)
        #expect(try parse("# only a comment\n\n") == HanchotConfig())
        #expect(try parse("[log]\n[locale]\n") == HanchotConfig())
    }

    @Test func everySettingIsRead() throws {
        let config = try parse("""
        [log]
        path = "/srv/hanchot/log.jsonl"
        [locale]
        timezone = "UTC"
        language = "en_US.UTF-8"
        [reminders]
        before = ["2d", "12h"]
        at_due = false
        overdue_every = "12h"
        overdue_limit = 3
        late_after = "5m"
        """)
        #expect(config.logPath == "/srv/hanchot/log.jsonl")
        #expect(config.zone == .utc)
        #expect(config.language == .en)
        #expect(config.policy == ReminderPolicy(before: [2 * 86_400, 12 * 3600], atDue: false, overdueEvery: 12 * 3600,
                                                overdueLimit: 3, lateAfter: 300))
    }

    @Test func inlineTablesAndDottedKeysAreTheSameSettings() throws {
        #expect(try parse(#"log = { path = "/a" }"#).logPath == "/a")
        #expect(try parse(#"log.path = "/b""#).logPath == "/b")
    }

    @Test func anOffsetTimeZoneIsAccepted() throws {
        let config = try parse("[locale]\ntimezone = \"+07:00\"")
        #expect(config.zone.offsetSeconds == 7 * 3600)
    }

    // MARK: errors

    @Test(arguments: [
        ("[log]\nsize = 3", "log.size"),
        ("[log]\npaht = \"/x\"", "log.paht"),
        ("[locale]\ntz = \"UTC\"", "locale.tz"),
        ("[logs]\npath = \"/x\"", "logs.path"),
        ("[reminders]\nevery = \"1d\"", "reminders.every"),
    ])
    func anUnknownKeyIsAnErrorNamingIt(_ text: String, _ key: String) throws {
        let error = try #require(parseError(text))
        #expect(error.key == key)
        #expect(error.file == "test.toml")
        #expect(error.message.contains("unknown setting"))
        #expect(error.message.contains("log.path"), "lists the known settings")
        #expect(error.description.contains("[\(key)]"))
    }

    @Test func aTopLevelValueIsAnErrorNamingIt() throws {
        let error = try #require(parseError("path = \"/x\""))
        #expect(error.key == "path")
        #expect(error.message.contains("expected a table"))
    }

    @Test(arguments: [
        ("[log]\npath = 3", "log.path"),
        ("[log]\npath = [\"/x\"]", "log.path"),
        ("[log]\npath = \"\"", "log.path"),
        ("[locale]\ntimezone = 7", "locale.timezone"),
        ("[locale]\nlanguage = true", "locale.language"),
        ("[reminders]\nbefore = \"7d\"", "reminders.before"),
        ("[reminders]\nbefore = [\"7x\"]", "reminders.before"),
        ("[reminders]\nbefore = [7]", "reminders.before"),
        ("[reminders]\nbefore = [\"1d\", \"24h\"]", "reminders.before"),
        ("[reminders]\nat_due = \"yes\"", "reminders.at_due"),
        ("[reminders]\noverdue_every = \"0s\"", "reminders.overdue_every"),
        ("[reminders]\noverdue_limit = -1", "reminders.overdue_limit"),
        ("[reminders]\noverdue_limit = 1.5", "reminders.overdue_limit"),
        ("[reminders]\nlate_after = 60", "reminders.late_after"),
    ])
    func aValueOfTheWrongTypeIsAnErrorNamingTheKey(_ text: String, _ key: String) throws {
        let error = try #require(parseError(text))
        #expect(error.key == key, "\(error)")
    }

    @Test(arguments: ["Mars/Olympus_Mons", "Asia/Hanoi ", "asia/ho_chi_minh", "+25:00", "GMT+7:00:00", ""])
    func anUnknownTimeZoneIsAnErrorQuotingIt(_ zone: String) throws {
        let error = try #require(parseError("[locale]\ntimezone = \"\(zone)\""))
        #expect(error.key == "locale.timezone")
        #expect(error.message.contains("\"\(zone)\""))
    }

    @Test(arguments: ["fr", "", "C", "de_DE.UTF-8"])
    func anUnknownLanguageIsAnErrorQuotingIt(_ language: String) throws {
        let error = try #require(parseError("[locale]\nlanguage = \"\(language)\""))
        #expect(error.key == "locale.language")
        #expect(error.message.contains("\"\(language)\""))
        #expect(error.message.contains("vi or en"))
    }

    @Test func aLanguageCodeStartingWithVietnameseOrEnglishIsAccepted() throws {
        // Documented leniency: any code starting "vi" or "en" is read (like a locale name).
        #expect(try parse("[locale]\nlanguage = \"vi_VN\"").language == .vi)
        #expect(try parse("[locale]\nlanguage = \"EN\"").language == .en)
    }

    @Test(arguments: [
        ("[log]\npath = ", 2),
        ("[log\npath = \"/x\"", 1),
        ("# comment\n\n[log]\npath = \"/x\n", 4),
        ("[log]\npath = \"/x\"\npath = \"/y\"", 3),
        ("[locale]\nlanguage = vi", 2),
        ("[log]\n[log]", 2),
    ])
    func aTOMLSyntaxErrorNamesTheLine(_ text: String, _ line: Int) throws {
        let error = try #require(parseError(text))
        #expect(error.line == line, "\(error)")
        #expect(error.key == nil)
        #expect(error.description.hasPrefix("test.toml:\(line): "), "\(error)")
    }

    @Test func errorDescriptionsNameTheFileLineAndKey() {
        #expect(ConfigError(file: "f.toml", line: 3, key: nil, message: "bad").description == "f.toml:3: bad")
        #expect(ConfigError(file: "f.toml", line: nil, key: "log.path", message: "bad").description == "f.toml: [log.path]: bad")
        #expect(ConfigError(file: "f.toml", line: nil, key: nil, message: "bad").description == "f.toml: bad")
    }

    @Test func theDocumentedDefaultPaths() {
        #expect(HanchotConfig.defaultLogPath == "/var/lib/hanchot/events.jsonl")
        #expect(HanchotConfig.defaultConfigPath == "/etc/hanchot/hanchot.toml")
    }
}
