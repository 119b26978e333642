import ArgumentParser
import Foundation
import HanchotCore
import HanchotLog

extension Hanchot {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the log's integrity: bad lines, duplicate ids, references to unknown directives.",
            discussion: """
                Exits 0 when the log is clean, 1 when any problem is found. A repeated event id is listed but is not a \
                problem: the second copy is a no-op (docs/events.md §5.1). The log is never changed, except by --repair.
                """)

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Move an incomplete last line into a side file <log>.torn-OFFSET (never deleted).")
        var repair = false

        func run() throws {
            let s = try global.settings()
            let store = s.store()
            guard FileManager.default.fileExists(atPath: store.name) else {
                throw CLIError(s.vi ? "\(store.name): không có tệp sổ" : "\(store.name): no such log file")
            }
            if repair, let fixed = try store.repairTornTail() {
                say(s.vi ? "Đã chuyển dòng cuối dở dang (\(fixed.bytes) byte, từ byte \(fixed.offset)) sang \(fixed.sideFile)."
                           : "Moved the incomplete last line (\(fixed.bytes) bytes from byte \(fixed.offset)) to \(fixed.sideFile).")
            }
            let (ledger, found, end) = try store.loadLedger(zone: s.zone)
            for p in found { say(p.description) }
            // A repeated event id is a no-op (docs/events.md §5.1): listed, never counted as damage.
            let problems = found.filter(\.isError)
            let repeated = found.count - problems.count
            let lines = max(0, end.line - 1)
            var summary = s.vi
                ? "\(store.name): \(lines) dòng, \(ledger.eventCount) sự kiện hợp lệ, \(ledger.directives.count) văn bản, \(problems.count) vấn đề"
                : "\(store.name): \(lines) lines, \(ledger.eventCount) valid events, \(ledger.directives.count) directives, \(problems.count) problems"
            if repeated > 0 {
                summary += s.vi ? ", \(repeated) mã sự kiện lặp lại (vô hại, đã bỏ qua)" : ", \(repeated) repeated event ids (harmless, ignored)"
            }
            summary += "."
            if problems.isEmpty {
                say(summary)
            } else {
                sayError(summary)
                throw ExitCode.failure
            }
        }
    }
}
