import ArgumentParser
import Foundation
import HanchotCore

extension Hanchot {
    struct When: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "when",
            abstract: "Explain what a deadline phrase means: the instant, the rule used, any working-day shift.",
            discussion: """
                Examples: hanchot when "xong trước ngày 31/12/2021"; hanchot when "trong quý II/2022"; \
                hanchot when "trước 17 giờ ngày 15/01/2022"; hanchot when "trước ngày 20 hằng tháng" --from 2022-03-05; \
                hanchot when eom. The table of rules is in docs/deadlines.md.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The phrase, e.g. \"hoàn thành trong tháng 5/2022\".") var phrase: String
        @Option(help: "Read relative phrases (tomorrow, +3d, recurrences) from this date instead of now.") var from: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let s = try global.settings()
            let now = try from.map { try parseDate($0, option: "--from", zone: s.zone).start(in: s.zone) } ?? Environment.now(zone: s.zone)
            let (due, reading, movedFrom) = try s.deadline(phrase, option: "phrase", now: now)
            let literal = reading.instant(from: now, zone: s.zone)
            let instant = due.instant
            let m = s.messages
            if json {
                var object: [String: Any] = ["phrase": reading.phrase, "rule": reading.rule, "due": Timestamp.format(instant),
                                             "dueLocal": s.zone.display(instant), "zone": s.zone.name]
                if case .recurrence = reading.meaning { object["recurring"] = true }
                if let movedFrom {
                    object["movedFrom"] = movedFrom.description
                    object["literalDue"] = Timestamp.format(literal)
                    object["dayOff"] = s.calendar.dayOffReason(movedFrom) ?? ""
                }
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            say("\(s.vi ? "cụm từ" : "phrase"): \(reading.phrase)")
            say("\(s.vi ? "quy tắc" : "rule"): \(reading.rule)")
            if case .recurrence = reading.meaning {
                say(s.vi ? "lặp lại; lần tới: \(m.deadline(instant))" : "recurring; next: \(m.deadline(instant))")
            } else {
                say("\(s.vi ? "hạn" : "due"): \(m.deadline(instant))  [\(Timestamp.format(instant))]")
            }
            if let movedFrom {
                let reason = s.calendar.dayOffReason(movedFrom) ?? ""
                say(s.vi ? "điều chỉnh: \(movedFrom.dayMonthYear) là ngày nghỉ (\(reason)); hạn chuyển sang cuối ngày làm việc kế tiếp (BLDS 2015, Điều 148); theo văn bản: \(m.deadline(literal))"
                           : "adjusted: \(movedFrom.dayMonthYear) is a day off (\(reason)); moved to the end of the next working day (Civil Code 2015 art. 148); as written: \(m.deadline(literal))")
            }
        }
    }
}
