import ArgumentParser
import Foundation
import HanchotCore

extension Hanchot {
    struct CalendarCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calendar",
            abstract: "Show a month as a grid: days off marked, open deadlines per day, today highlighted.",
            discussion: """
                With --holidays YEAR: list the year's days off (date, weekday, reason, source) and the \
                Saturdays worked in exchange ("làm bù"), from the official schedule for its years and the \
                computed rule after them; [calendar] in the config still adds or removes days.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "The month, e.g. 2022-01 or 01/2022 (default: this month).") var month: String?
        @Option(help: "List the days off of this year, e.g. 2024, with their reason and source.") var holidays: String?
        @Flag(help: "With --holidays: print JSON.") var json = false

        func run() throws {
            let s = try global.settings()
            if let holidays {
                guard month == nil else { throw CLIError("--holidays and --month: give one of them") }
                try listHolidays(year: parseYear(holidays), settings: s)
                return
            }
            guard !json else { throw CLIError("--json: only with --holidays") }
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

        private func parseYear(_ text: String) throws -> Int {
            guard text.count == 4, text.allSatisfy(\.isASCII), let year = Int(text), (1900...2100).contains(year) else {
                throw CLIError("--holidays: expected a year from 1900 to 2100, such as 2024, found \"\(text)\"")
            }
            return year
        }

        /// `--holidays YEAR`: the year's days off and weekend days worked, each with its reason and
        /// source, and whether they are the official schedule or the computed rule.
        private func listHolidays(year: Int, settings s: Settings) throws {
            let calendar = s.calendar
            let days = calendar.listedDays(inYear: year)
            let off = days.filter { $0.kind == .dayOff }
            let worked = days.filter { $0.kind != .dayOff }
            let source = calendar.source(forYear: year)
            let latest = WorkingCalendar.latestOfficialYear
            if json {
                func line(_ d: ListedDay) -> [String: Any] {
                    var o: [String: Any] = ["date": d.date.description, "weekday": Self.englishWeekdays[d.date.weekday],
                                            "reason": d.reason, "source": d.source]
                    if case .workingDay(let paysBack?) = d.kind { o["paysBack"] = paysBack.description }
                    return o
                }
                var object: [String: Any] = ["year": year, "latestOfficialYear": latest,
                                             "daysOff": off.map(line), "workingDays": worked.map(line)]
                switch source {
                case .official(let notices): object["schedule"] = "official"; object["sources"] = notices
                case .rule: object["schedule"] = "rule"
                }
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            let weekdays = s.vi ? ["CN", "T2", "T3", "T4", "T5", "T6", "T7"] : Self.englishWeekdays
            // The sources once, numbered; each day refers to its source by number.
            var sources: [String] = []
            for d in days where !sources.contains(d.source) { sources.append(d.source) }
            func show(_ d: ListedDay) {
                let n = (sources.firstIndex(of: d.source) ?? 0) + 1
                say("  \(d.date.dayMonthYear)  \(weekdays[d.date.weekday].padding(toLength: 3, withPad: " ", startingAt: 0)) \(d.reason)  [\(n)]")
            }
            switch source {
            case .official:
                say(s.vi ? "Ngày nghỉ năm \(year) theo lịch chính thức" : "Days off in \(year), official schedule")
            case .rule:
                say(s.vi ? "Ngày nghỉ năm \(year) tính theo quy tắc" : "Days off in \(year), computed by the rule")
                if !calendar.rules.officialSchedule {
                    say(s.vi ? "Lịch chính thức đang tắt: mọi năm đều tính theo Bộ luật Lao động 2019 (Điều 112; nghỉ bù theo Điều 111 khoản 3)."
                             : "The official schedule is turned off: every year is computed by the Labour Code 2019 (art. 112; make-up days by art. 111.3).")
                } else {
                    say(s.vi ? "Năm \(year) không có trong lịch chính thức (có từ năm \(OfficialDaysOff.firstYear) đến hết năm \(latest)): các ngày dưới đây tính theo Bộ luật Lao động 2019 (Điều 112; nghỉ bù theo Điều 111 khoản 3), thông báo của Chính phủ có thể khác."
                             : "\(year) is not in the official schedule (\(OfficialDaysOff.firstYear) to \(latest)): these days are computed by the Labour Code 2019 (art. 112; make-up days by art. 111.3), and the government's notice may differ.")
                }
            }
            off.forEach(show)
            if !worked.isEmpty {
                say(s.vi ? "Ngày làm bù (cuối tuần đi làm):" : "Weekend days worked (làm bù):")
                worked.forEach(show)
            }
            say(s.vi ? "Nguồn:" : "Sources:")
            for (i, source) in sources.enumerated() { say("  [\(i + 1)] \(source)") }
            let weekdaysOff = off.filter { $0.date.weekday != 0 && $0.date.weekday != 6 }.count
            say(s.vi ? "Cộng: \(weekdaysOff) ngày nghỉ vào ngày thường, \(worked.count) ngày cuối tuần đi làm."
                     : "In all: \(weekdaysOff) weekday\(weekdaysOff == 1 ? "" : "s") off, \(worked.count) weekend day\(worked.count == 1 ? "" : "s") worked.")
        }

        static let englishWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

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
