import Foundation

/// What a deadline phrase means, and which rule read it (for `hanchot when`).
public struct DeadlineReading: Hashable, Sendable {
    public enum Meaning: Hashable, Sendable {
        /// The exclusive instant by which the work is due.
        case instant(Instant)
        case recurrence(Recurrence)
    }

    /// The phrase as given (NFC).
    public var phrase: String
    /// A stable name of the rule (the table in docs/deadlines.md).
    public var rule: String
    public var meaning: Meaning
    /// The reference day, when the phrase counted from it or took its year from it.
    public var reference: DeadlineReference?
    /// The choices the reading made that the phrase did not spell out, in order.
    public var notes: [DeadlineNote] = []
    /// For a recurrence, the last day an occurrence may fall on ("… đến hết năm 2024").
    public var until: CivilDate?

    /// Whether the deadline is an event (Tết, a holiday, a meeting): never extended past it.
    public var isEvent: Bool {
        notes.contains { if case .anchoredOnEvent = $0 { return true } else { return false } }
    }

    /// The deadline itself, or for a recurrence its first occurrence after `from`.
    public func instant(from: Instant, zone: Zone) -> Instant {
        switch meaning {
        case .instant(let t): return t
        case .recurrence(let r): return r.next(after: from, zone: zone)
        }
    }
}

/// Why a phrase could not be read. Quotes the phrase; never guesses.
public struct DeadlineError: Error, Hashable, Sendable, CustomStringConvertible {
    public var phrase: String
    public var reason: String

    public var description: String { "cannot read the deadline \"\(phrase)\": \(reason)" }
}

/// The deadline grammar: Vietnamese phrases as directives write them ("xong trước ngày
/// 31/12/2021", "trong quý II/2022", "trước 17 giờ ngày 15/01/2022", "trước ngày 20 hằng
/// tháng"), ISO 8601 and dd/mm/yyyy dates, and Taskwarrior-style named and relative dates
/// (`eom`, `tomorrow`, `monday`, `+3d`). Pure: "now" and the zone are parameters.
///
/// Matching is on a folded form (NFC, lower case, diacritics and đ removed, spaces collapsed), so
/// composed, decomposed and unaccented spellings all read the same. A phrase must match a rule
/// as a whole (after optional lead words such as "thời gian", "hoàn thành"): anything else is an
/// error, never a guess.
public enum DeadlineGrammar {
    /// Reads `raw`.
    ///
    /// - Parameters:
    ///   - now: the instant relative phrases ("+3d", recurrences) count from.
    ///   - reference: the day periods ("trong 10 ngày kể từ ngày ký") count from and year-less
    ///     dates ("trước ngày 25/4") take their year from; the directive's date when reading a
    ///     directive. Default: the day of `now` (``DeadlineReference/Source/today``).
    ///   - calendar: which days are working days, for periods in working days.
    public static func read(_ raw: String, now: Instant, zone: Zone, reference: DeadlineReference? = nil,
                            calendar: WorkingCalendar = WorkingCalendar()) throws(DeadlineError) -> DeadlineReading {
        let phrase = raw.precomposedStringWithCanonicalMapping.trimmingSpaces
        let text = fold(phrase)
        guard !text.isEmpty else { throw DeadlineError(phrase: raw, reason: "it is empty") }
        let reference = reference ?? DeadlineReference(date: zone.date(of: now), source: .today)
        func reading(_ rule: String, _ meaning: DeadlineReading.Meaning) -> DeadlineReading {
            DeadlineReading(phrase: phrase, rule: rule, meaning: meaning)
        }
        // RFC 3339 allows a lower-case "t" and "z" (§5.6): upper-casing only changes those.
        if let t = Timestamp.parse(phrase) ?? Timestamp.parse(phrase.uppercased()) { return reading("timestamp", .instant(t)) }
        if phrase.contains("T") || phrase.contains(":"), let input = try? DateInput.parse(phrase, zone: zone),
           case .instant(let t) = input {
            return reading("date-time", .instant(t))
        }
        // "trước ngày 20 hằng tháng đến hết năm 2024": a recurrence, then its end.
        if let (head, until) = splitUntil(text, zone: zone) {
            var r: DeadlineReading
            do { r = try read(head, now: now, zone: zone, reference: reference, calendar: calendar) } catch {
                throw DeadlineError(phrase: raw, reason: error.reason)
            }
            guard case .recurrence = r.meaning else {
                throw DeadlineError(phrase: raw, reason: "only a recurring deadline has an end (\"đến hết …\"); \"\(head)\" happens once")
            }
            r.phrase = phrase
            r.until = until
            return r
        }
        var context = Context(phrase: raw, now: now, zone: zone, reference: reference, calendar: calendar)
        // Periods and windows first: they count from the reference, or hold two dates.
        if let found = try readPeriodOrWindow(text, &context) {
            var r = reading(found.rule, found.meaning)
            r.reference = found.usedReference ? reference : nil
            r.notes = context.notes
            return r
        }
        let normalised = try dropCheckedWeekdays(addYears(normalise(text), &context), context)
        for rule in rules {
            guard let match = normalised.wholeMatch(of: rule.regex) else { continue }
            let groups = match.output.dropFirst().map { $0.substring.map(String.init) }
            var r = reading(rule.name, try rule.meaning(groups, context))
            if rule.isEvent { context.notes.append(.anchoredOnEvent(rule.name)) }
            r.notes = context.notes
            if r.notes.contains(where: { if case .yearFromReference = $0 { return true } else { return false } }) {
                r.reference = reference
            }
            return r
        }
        throw DeadlineError(phrase: raw, reason: hint(for: text, normalised: normalised))
    }

    struct Context {
        var phrase: String
        var now: Instant
        var zone: Zone
        var reference: DeadlineReference
        var calendar: WorkingCalendar
        var notes: [DeadlineNote] = []

        func fail(_ reason: String) -> DeadlineError { DeadlineError(phrase: phrase, reason: reason) }

        func date(_ d: String?, _ m: String?, _ y: String?) throws(DeadlineError) -> CivilDate {
            guard let d, let m, let y, let dn = Int(d), let mn = Int(m), let yn = Int(y) else { throw fail("incomplete date") }
            guard (1...12).contains(mn) else { throw fail("there is no month \(mn)") }
            guard let date = CivilDate(year: yn, month: mn, day: dn) else {
                throw fail("there is no day \(dn) in month \(mn) of \(yn)")
            }
            return date
        }

        func month(_ m: String?, _ y: String?) throws(DeadlineError) -> (Int, Int) {
            guard let m, let y, let mn = Int(m), let yn = Int(y) else { throw fail("incomplete month") }
            guard (1...12).contains(mn) else { throw fail("there is no month \(mn)") }
            guard (1...9998).contains(yn) else { throw fail("there is no year \(yn)") }
            return (yn, mn)
        }
    }

    struct Rule {
        var name: String
        var regex: Regex<AnyRegexOutput>
        var meaning: ([String?], Context) throws(DeadlineError) -> DeadlineReading.Meaning
        /// The deadline is the start of an event, never extended past it.
        var isEvent = false
    }

    // MARK: folding

    /// NFC → NFD, drop combining marks, đ → d, lower case, punctuation at the ends dropped
    /// (`.`, `,`, `;`, `!`, brackets, quotes, and the `*` / `_` of Markdown emphasis such as
    /// `**Thời gian xong trước ngày 15/01/2022.**`) and a leading list bullet (`+ `, `- `, `• `
    /// before a word), spaces collapsed.
    public static func fold(_ s: String) -> String {
        var out = ""
        var lastSpace = true
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            // Any other mark, joiner or format character is dropped too: one after a digit makes
            // the two a single Character that the rules' `\d` still matches but `Int` cannot read
            // ("20ً22" crashed the grammar: found by the fuzzer).
            if scalar.value >= 0x80 {
                let p = scalar.properties
                if p.isGraphemeExtend || p.isEmojiModifier || p.generalCategory == .spacingMark || p.generalCategory == .format {
                    continue
                }
            }
            var c = Character(scalar)
            if c == "đ" || c == "Đ" { c = "d" }
            // Every decimal digit becomes its ASCII form ("٢٠" and full-width "２０" → "20"): the
            // rules' `\d` matches any script's digits, and their numbers are read as ASCII.
            // Other numerals (superscript "²", "½", "Ⅻ") are not digits of a date: "#", which no rule
            // reads (Swift's `\d` matches some of them too).
            if scalar.value >= 0x80, scalar.properties.numericType != nil {
                if scalar.properties.numericType == .decimal, let v = scalar.properties.numericValue {
                    c = Character(Unicode.Scalar(UInt8(48 + Int(v))))
                } else {
                    c = "#"
                }
            }
            if c.isWhitespace {
                if !lastSpace { out.append(" ") }
                lastSpace = true
                continue
            }
            out.append(contentsOf: c.lowercased())
            lastSpace = false
        }
        while let last = out.last, " .,;!)*_\"\u{201C}\u{201D}".contains(last) { out.removeLast() }
        while let first = out.first, " (*_\"\u{201C}\u{201D}".contains(first) { out.removeFirst() }
        // A list bullet ("+ Định kỳ …", "- xong trước …"), but not the sign of "+ 3 ngày".
        if out.count > 2, "+-\u{2022}".contains(out.first!), out.dropFirst().first == " ",
           let third = out.dropFirst(2).first, !third.isNumber {
            out.removeFirst(2)
        }
        return out
    }

    // MARK: helpers shared with recurrences

    static func endOfMonth(year: Int, month: Int, zone: Zone) -> Instant {
        let (y, m) = CivilDate.addMonths(year: year, month: month, 1)
        return zone.instant(CivilDate(year: y, month: m, day: 1)!)
    }

    static func endOfDay(_ d: CivilDate, zone: Zone) -> Instant { zone.instant(d.adding(days: 1)) }

    /// Splits "… đến hết năm 2024" (or "đến hết ngày 30/6/2024", "đến hết tháng 6/2024") off a
    /// folded phrase that names a recurrence: the rest, and the last day it names.
    static func splitUntil(_ folded: String, zone: Zone) -> (String, CivilDate)? {
        guard folded.contains("hang ") || folded.contains("moi ") || folded.contains("dinh ky") else { return nil }
        let text = normalise(folded)
        guard let m = text.wholeMatch(of: try! Regex(#"(.+?),? (?:den het|cho den het|den|toi het|cho den) (?:(?:nam (\d{4}))|(?:ngay (\d{1,2})/(\d{1,2})/(\d{4}))|(?:thang (\d{1,2})/(\d{4})))"#)) else { return nil }
        let g = m.output.dropFirst().map { $0.substring.map(String.init) }
        let head = g[0]!
        if let y = g[1].flatMap({ Int($0) }), let d = CivilDate(year: y, month: 12, day: 31) { return (head, d) }
        if let d = g[2].flatMap({ Int($0) }), let mo = g[3].flatMap({ Int($0) }), let y = g[4].flatMap({ Int($0) }),
           let day = CivilDate(year: y, month: mo, day: d) { return (head, day) }
        if let mo = g[5].flatMap({ Int($0) }), let y = g[6].flatMap({ Int($0) }), (1...12).contains(mo) {
            return (head, CivilDate(year: y, month: mo, day: CivilDate.daysIn(month: mo, year: y))!)
        }
        return nil
    }
}
