import ArgumentParser
import Foundation
import HanchotCore

extension Hanchot {
    struct CalendarCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calendar",
            abstract: "Show a month as a grid: days off marked, open deadlines per day, today highlighted.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The month, e.g. 2022-01 or 01/2022 (default: this month).") var month: String?

        func run() throws {
            let s = try global.settings()
            let now = try Environment.now(zone: s.zone)
            let today = s.zone.date(of: now)
            let (year, monthNumber) = try parseMonth(month, default: today)
            let (ledger, problems, _) = try s.store().loadLedger(zone: s.zone)
            warn(about: problems, settings: s)
            // Open deadlines per day (the day of the deadline's last moment).
            var counts: [CivilDate: Int] = [:]
            for a in ledger.assignments where a.isOpen {
                guard let due = a.due else { continue }
                counts[s.zone.date(of: due.instant.adding(seconds: -1)), default: 0] += 1
            }
            let tty = isatty(STDOUT_FILENO) == 1
            let first = CivilDate(year: year, month: monthNumber, day: 1)!
            let days = CivilDate.daysIn(month: monthNumber, year: year)
            say(s.vi ? "Tháng \(monthNumber)/\(year)" : "\(first.monthName) \(year)")
            let headers = s.vi ? ["T2", "T3", "T4", "T5", "T6", "T7", "CN"] : ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
            say(headers.map { $0.padding(toLength: 6, withPad: " ", startingAt: 0) }.joined())
            var line = String(repeating: " ", count: 6 * ((first.weekday + 6) % 7))
            var notes: [String] = []
            for d in 1...days {
                let date = CivilDate(year: year, month: monthNumber, day: d)!
                let off = s.calendar.dayOffReason(date)
                var cell = (d < 10 ? " " : "") + String(d)
                cell += off != nil ? "*" : " "
                cell += counts[date].map { $0 > 9 ? "+" : String($0) } ?? " "
                cell += " "
                cell = cell.padding(toLength: 6, withPad: " ", startingAt: 0)
                if date == today && tty { cell = "\u{1B}[7m" + cell.dropLast() + "\u{1B}[0m " }
                line += cell
                if date.weekday == 0 || d == days {
                    say(line)
                    line = ""
                }
                if let off, date.weekday != 0, date.weekday != 6 { notes.append("\(date.dayMonthYear): \(off)") }
                if let n = counts[date] {
                    notes.append("\(date.dayMonthYear): " + (s.vi ? "\(n) việc đến hạn" : "\(n) deadline\(n == 1 ? "" : "s")"))
                }
            }
            say(s.vi ? "* ngày nghỉ; số: việc đang mở đến hạn trong ngày" : "* day off; number: open deadlines that day")
            notes.forEach { say("  " + $0) }
        }

        private func parseMonth(_ text: String?, default today: CivilDate) throws -> (Int, Int) {
            guard let text else { return (today.year, today.month) }
            let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
            guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else {
                throw CLIError("--month: expected a month such as 2022-01 or 01/2022, found \"\(text)\"")
            }
            let (y, m) = parts[0].count == 4 ? (a, b) : (b, a)
            guard (1...12).contains(m), (1900...2100).contains(y) else { throw CLIError("--month: there is no month \(text)") }
            return (y, m)
        }
    }
}

extension CivilDate {
    var monthName: String {
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"][month - 1]
    }
}
