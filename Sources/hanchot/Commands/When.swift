import ArgumentParser
import Foundation
import HanchotCore

extension Hanchot {
    struct When: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "when",
            abstract: "Explain what a deadline phrase means: the instant, the rule used, the reference day, any working-day shift.",
            discussion: """
                Examples: hanchot when "xong trước ngày 31/12/2021"; hanchot when "trong quý II/2022"; \
                hanchot when "trong thời hạn 10 ngày làm việc kể từ ngày ký" --from 2023-11-15; \
                hanchot when "trước ngày 25/4" --from 2023-03-01; hanchot when "trước Tết Nguyên đán 2023"; \
                hanchot when "trước ngày 20 hằng tháng" --from 2022-03-05; hanchot when eom. \
                --from is the reference day: the document's date, which periods ("kể từ ngày ký") count from \
                and year-less dates take their year from (default: today). The rules are in docs/deadlines.md.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The phrase, e.g. \"hoàn thành trong tháng 5/2022\".") var phrase: String
        @Option(help: "The reference day (the document's date): periods count from it, year-less dates take its year; relative phrases (tomorrow, +3d, recurrences) count from its start. Default: now.")
        var from: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let s = try global.settings()
            let now = try from.map { try parseDate($0, option: "--from", zone: s.zone).start(in: s.zone) } ?? Environment.now(zone: s.zone)
            let reference = from.map { _ in DeadlineReference(date: s.zone.date(of: now), source: .given) }
            let resolved = try s.deadline(phrase, option: "phrase", now: now, reference: reference)
            let reading = resolved.reading
            let lastDay: CivilDate? = {
                switch resolved.adjustment {
                case .extended(let d, _)?, .broughtForward(let d, _)?: d
                case nil: nil
                }
            }()
            if json {
                try printJSON(resolved, lastDay: lastDay, settings: s)
                return
            }
            let m = s.messages
            say("\(s.vi ? "cụm từ" : "phrase"): \(reading.phrase)")
            say("\(s.vi ? "quy tắc" : "rule"): \(reading.rule)")
            if case .recurrence = reading.meaning {
                say(s.vi ? "lặp lại; lần tới: \(m.deadline(resolved.due))" : "recurring; next: \(m.deadline(resolved.due))")
            } else {
                say("\(s.vi ? "hạn" : "due"): \(m.deadline(resolved.due))  [\(Timestamp.format(resolved.due))]")
            }
            for note in reading.notes { say("\(s.vi ? "ghi chú" : "note"): \(DeadlineText.note(note, s.language))") }
            if let a = resolved.adjustment, let lastDay {
                say(DeadlineText.adjustment(a, reason: s.calendar.dayOffReason(lastDay) ?? "", s.language))
                say("\(s.vi ? "theo văn bản" : "as written"): \(m.deadline(resolved.literal))")
            }
            // Which days off the answer rests on: the government's schedule, or the rule past it.
            let year = s.zone.date(of: resolved.due.adding(seconds: -1)).year
            if case .rule = s.calendar.source(forYear: year) {
                say(s.vi ? "lịch nghỉ: năm \(year) chưa có thông báo chính thức (có đến năm \(WorkingCalendar.latestOfficialYear)); ngày nghỉ tính theo quy tắc Bộ luật Lao động 2019"
                           : "days off: \(year) has no official schedule yet (known up to \(WorkingCalendar.latestOfficialYear)); computed by the Labour Code 2019 rule")
            }
        }

        private func printJSON(_ r: DeadlineResolution, lastDay: CivilDate?, settings s: Settings) throws {
            var object: [String: Any] = ["v": 1, "phrase": r.reading.phrase, "rule": r.reading.rule, "due": Timestamp.format(r.due),
                                         "dueLocal": s.zone.display(r.due), "zone": s.zone.name, "event": r.reading.isEvent]
            if case .recurrence(let rule) = r.reading.meaning {
                object["recurring"] = true
                object["recurrence"] = rule.code
                object["period"] = rule.period(ofDeadline: r.due, zone: s.zone)
                if let until = r.reading.until { object["until"] = until.description }
            }
            if let ref = r.reading.reference { object["reference"] = ["date": ref.date.description, "source": ref.source.rawValue] }
            if !r.reading.notes.isEmpty { object["notes"] = r.reading.notes.map { DeadlineText.note($0, s.language) } }
            if case .windowStart(let d)? = r.reading.notes.first(where: { if case .windowStart = $0 { true } else { false } }) {
                object["windowStart"] = d.description
            }
            let year = s.zone.date(of: r.due.adding(seconds: -1)).year
            switch s.calendar.source(forYear: year) {
            case .official(let documents): object["daysOff"] = ["source": "official", "year": year, "documents": documents]
            case .rule: object["daysOff"] = ["source": "rule", "year": year, "latestOfficialYear": WorkingCalendar.latestOfficialYear]
            }
            if let a = r.adjustment, let lastDay {
                switch a {
                case .extended: object["adjustment"] = "extended"
                case .broughtForward: object["adjustment"] = "brought-forward"
                }
                object["movedFrom"] = lastDay.description
                object["literalDue"] = Timestamp.format(r.literal)
                object["dayOff"] = s.calendar.dayOffReason(lastDay) ?? ""
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
