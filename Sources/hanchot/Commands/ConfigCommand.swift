import ArgumentParser
import HanchotConfig

extension Hanchot {
    struct ConfigCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config", abstract: "Work with the config file.", subcommands: [Check.self])

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate a config file; errors name the file and setting.")

            @Argument(help: "The file (default: /etc/hanchot/hanchot.toml).") var file: String = HanchotConfig.defaultConfigPath

            func run() throws {
                let config = try Settings.loadConfig(file)
                say("\(file): OK (log \(config.logPath ?? HanchotConfig.defaultLogPath), zone \(config.zone.name), language \(config.language.rawValue))")
            }
        }
    }
}
