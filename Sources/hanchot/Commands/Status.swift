import ArgumentParser
import Foundation
import HanchotCore
import HanchotLog

extension Hanchot {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show open assignments grouped by unit, soonest due first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Fold only events recorded up to this time, and count days from it (a date means its end).")
        var asOf: String?
        @Option(help: "Only this unit.") var unit: String?
        @Flag(help: "Only assignments past their deadline.") var overdue = false
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() throws {
            let s = try global.settings()
            let clock = try Environment.now(zone: s.zone)
            let now = try asOf.map { try s.pointInTime($0, option: "--as-of", now: clock, start: false) } ?? clock
            let (ledger, problems, _) = try s.store().loadLedger(asOf: asOf == nil ? nil : now, zone: s.zone)
            warn(about: problems, settings: s)
            if let unit, !ledger.assignments.contains(where: { $0.key.unit == unit }) {
                let units = Set(ledger.assignments.map(\.key.unit)).sorted()
                throw CLIError((s.vi ? "không có đơn vị \"\(unit)\"; có: " : "no unit \"\(unit)\"; valid: ")
                               + units.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            let report = StatusReport(ledger: ledger, now: now, zone: s.zone, unit: unit, overdueOnly: overdue)
            if json {
                try printJSON(report, settings: s)
            } else {
                printText(report, settings: s)
            }
        }

        private func printText(_ report: StatusReport, settings s: Settings) {
            let m = s.messages
            guard !report.groups.isEmpty else {
                say(m.nothingOpen)
                return
            }
            for group in report.groups {
                say(group.unit)
                for row in group.rows {
                    let a = row.assignment
                    let when = a.due == nil ? m.due(nil) : "\(m.countdown(daysLeft: row.daysLeft, overdue: row.isOverdue)), \(m.due(a.due))"
                    var which = ""
                    if let period = row.period {
                        which = s.vi ? " kỳ \(period)" : ", period \(period)"
                        if row.overduePeriods > 1 {
                            which += s.vi ? " (\(row.overduePeriods) kỳ quá hạn chưa xong)" : " (\(row.overduePeriods) overdue periods not done)"
                        }
                    }
                    say("  [\(row.directiveNumber)] \(m.task(a.key))\(which) — \(when)")
                    say("      \(a.key.directive): \(String(row.taskText.prefix(100)))")
                }
            }
            say(m.summary(open: report.openCount, overdue: report.overdueCount))
        }

        private func printJSON(_ report: StatusReport, settings s: Settings) throws {
            struct Row: Encodable {
                var directive, number, task, unit, text: String
                var due: String?
                var duePhrase: String?
                var daysLeft: Int?
                var overdue: Bool
                var period: String?
                var overduePeriods: Int?
            }
            let rows = report.groups.flatMap { g in
                g.rows.map { r in
                    Row(directive: r.assignment.key.directive, number: r.directiveNumber, task: r.assignment.key.task,
                        unit: g.unit, text: r.taskText, due: r.assignment.due.map { Timestamp.format($0.instant) },
                        duePhrase: r.assignment.due?.phrase, daysLeft: r.daysLeft, overdue: r.isOverdue,
                        period: r.period, overduePeriods: r.period == nil ? nil : r.overduePeriods)
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        }
    }
}

/// Bad lines do not stop a report: they are counted on standard error, and `verify` lists them.
func warn(about problems: [LineProblem], settings s: Settings) {
    let errors = problems.filter(\.isError)
    guard !errors.isEmpty else { return }
    for p in errors.prefix(3) { sayError("\(s.vi ? "cảnh báo" : "warning"): \(p)") }
    if errors.count > 3 {
        sayError(s.vi ? "… và \(errors.count - 3) dòng lỗi khác; xem `hanchot verify`"
                      : "… and \(errors.count - 3) more bad lines; see `hanchot verify`")
    }
}
