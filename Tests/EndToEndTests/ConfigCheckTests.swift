import Foundation
import Testing

@Suite("hanchot config check")
struct ConfigCheckTests {
    @Test("config check accepts a good file and shows what it resolves to")
    func goodFile() throws {
        let s = try Sandbox()
        let file = try s.write("good.toml", """
            # comment
            [log]
            path = "/srv/hanchot/events.jsonl"

            [locale]
            timezone = "Asia/Ho_Chi_Minh"
            language = "en"
            """)
        let r = try s.ok(["config", "check", file.path])
        #expect(r.stdout.contains("\(file.path): OK (log /srv/hanchot/events.jsonl, zone Asia/Ho_Chi_Minh, language en)"), "\(r)")
    }

    @Test("config check accepts an empty file (every setting has a default)")
    func emptyFile() throws {
        let s = try Sandbox()
        let file = try s.write("empty.toml", "")
        let r = try s.ok(["config", "check", file.path])
        #expect(r.stdout.contains("OK (log /var/lib/hanchot/events.jsonl, zone Asia/Ho_Chi_Minh, language vi)"), "\(r)")
    }

    @Test("config check rejects bad files and names the file and the setting or line",
          arguments: [
              ("unknown-key.toml", "[log]\npath = \"/x\"\nrotate = true\n", "[log.rotate]: unknown setting"),
              ("syntax.toml", "[log\npath = \"/x\"\n", "syntax.toml:1:"),
              ("zone.toml", "[locale]\ntimezone = \"Mars/Olympus\"\n", "[locale.timezone]: unknown time zone \"Mars/Olympus\""),
              ("lang.toml", "[locale]\nlanguage = \"fr\"\n", "[locale.language]: unknown language \"fr\""),
              ("type.toml", "[log]\npath = 5\n", "[log.path]: expected a string"),
              ("table.toml", "path = \"/x\"\n", "[path]: expected a table"),
          ])
    func badFile(name: String, text: String, expected: String) throws {
        let s = try Sandbox()
        let file = try s.write(name, text)
        let r = try s.run(["config", "check", file.path])
        #expect(r.status != 0)
        #expect(r.stderr.contains(file.path), "\(r)")
        #expect(r.stderr.contains(expected), "\(r)")
    }

    @Test("config check of a file that does not exist fails and names it")
    func missingFile() throws {
        let s = try Sandbox()
        let path = s.dir.appendingPathComponent("nope.toml").path
        let r = try s.run(["config", "check", path])
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(path): cannot read the config file"), "\(r)")
    }
}
