import ArgumentParser
import Glibc

@main
struct Hanchot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hanchot",
        abstract: "Deadline reminders for directives: record, inspect and verify the event log.",
        discussion: """
            The log is found from --log, then HANCHOT_LOG, then log.path in the config file \
            (--config, HANCHOT_CONFIG, or /etc/hanchot/hanchot.toml), then \(Settings.defaultLogPath).
            Dates: 2022-01-15, 2022-01-15T17:00, 15/01/2022 or 15/01/2022 17:00, in the configured time zone.
            """,
        version: "0.1.0",
        subcommands: [Issue.self, Done.self, Reopen.self, Extend.self, Revoke.self,
                      Status.self, History.self, Verify.self, When.self, CalendarCommand.self, ConfigCommand.self]
    )

    static func main() {
        // A file size limit (ulimit -f) must fail a write with EFBIG, which the append cuts back
        // cleanly, not kill the process mid-write with SIGXFSZ and leave part of a line.
        signal(SIGXFSZ, SIG_IGN)
        main(nil)
    }
}
