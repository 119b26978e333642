/// A date or time as typed on the command line, before it is given a meaning.
///
/// `--due 15/01/2022` means "by the end of 15/01", `--at 15/01/2022` means "on 15/01" (its
/// start), `--as-of 15/01/2022` means "everything recorded by the end of 15/01": the same words,
/// a different instant, so parsing and meaning are kept apart. The Vietnamese deadline grammar
/// (a later stage) returns the same type.
public enum DateInput: Hashable, Sendable {
    /// A whole day.
    case day(CivilDate)
    /// An exact instant, possibly with the phrase it came from.
    case instant(Instant)

    /// The exclusive deadline: a day means its end (the next day's 00:00).
    public func deadline(in zone: Zone) -> Instant {
        switch self {
        case .day(let d): return zone.instant(d.adding(days: 1))
        case .instant(let t): return t
        }
    }

    /// A point in time: a day means its start.
    public func start(in zone: Zone) -> Instant {
        switch self {
        case .day(let d): return zone.instant(d)
        case .instant(let t): return t
        }
    }

    /// The last moment covered: a day means its last second.
    public func end(in zone: Zone) -> Instant {
        switch self {
        case .day(let d): return zone.instant(d.adding(days: 1)).adding(seconds: -1)
        case .instant(let t): return t
        }
    }
}

/// Why a date could not be read; quotes what was typed.
public struct DateInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var input: String
    public var reason: String

    public var description: String { "cannot read the date \"\(input)\": \(reason)" }
}

extension DateInput {
    /// Reads `2022-01-15`, `2022-01-15T17:00`, `2022-01-15 17:00:30`, RFC 3339 timestamps,
    /// `15/01/2022`, `15-1-2022` and `15/01/2022 17:00`, in `zone`.
    public static func parse(_ raw: String, zone: Zone) throws(DateInputError) -> DateInput {
        let text = raw.trimmingSpaces
        guard !text.isEmpty else { throw DateInputError(input: raw, reason: "it is empty") }
        if let t = Timestamp.parse(text) { return .instant(t) }
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        var dateText = parts[0]
        var timeText = parts.count > 1 ? parts[1] : nil
        if timeText == nil, let t = dateText.firstIndex(of: "T") {
            timeText = String(dateText[dateText.index(after: t)...])
            dateText = String(dateText[..<t])
        }
        let date = try civilDate(dateText, raw: raw)
        guard let timeText else { return .day(date) }
        let fields = timeText.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCIIDigit) }) else {
            throw DateInputError(input: raw, reason: "the time \"\(timeText)\" is not HH:MM or HH:MM:SS")
        }
        let h = Int(fields[0])!, m = Int(fields[1])!, s = fields.count == 3 ? Int(fields[2])! : 0
        guard h < 24, m < 60, s < 60 else { throw DateInputError(input: raw, reason: "there is no time \(timeText)") }
        return .instant(zone.instant(date, hour: h, minute: m, second: s))
    }

    static func civilDate(_ text: String, raw: String) throws(DateInputError) -> CivilDate {
        let iso = text.split(separator: "-", omittingEmptySubsequences: false)
        let numbers: (y: Int, m: Int, d: Int)
        if iso.count == 3, iso[0].count == 4 {
            guard let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) else {
                throw DateInputError(input: raw, reason: "expected YYYY-MM-DD")
            }
            numbers = (y, m, d)
        } else {
            let sep: Character = text.contains("/") ? "/" : "-"
            let p = text.split(separator: sep, omittingEmptySubsequences: false)
            guard p.count == 3, p[2].count == 4, p.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
                  let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2])
            else {
                throw DateInputError(input: raw, reason: "expected a date such as 2022-01-15 or 15/01/2022")
            }
            numbers = (y, m, d)
        }
        guard let date = CivilDate(year: numbers.y, month: numbers.m, day: numbers.d) else {
            throw DateInputError(input: raw, reason: "there is no day \(numbers.d) in month \(numbers.m) of \(numbers.y)")
        }
        return date
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
