import Foundation
import Testing
@testable import HanchotCore

// Helpers for the deadline grammar tests. Expected instants are written by hand as UTC RFC 3339
// strings and converted with Foundation's ISO 8601 formatter, not with the code under test.
//
// Reminder for reading the tables: Vietnam is UTC+7, so local 00:00 on day D is D-1 17:00Z.
// "the end of 15/01/2022" (= 16/01/2022 00:00 +07) is "2022-01-15T17:00:00Z";
// "before 15/01/2022" (= 15/01/2022 00:00 +07) is "2022-01-14T17:00:00Z".

/// An expected instant, from a hand-written `YYYY-MM-DDTHH:MM:SSZ`.
func dgUTC(_ text: String) -> Instant {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("bad expected timestamp \(text)") }
    return Instant(secondsSinceEpoch: Int64(date.timeIntervalSince1970))
}

/// Wednesday 12 January 2022, 10:00 in Vietnam: the fixed "now" of the named and relative tests.
let dgNow = dgUTC("2022-01-12T03:00:00Z")

func dgRead(_ phrase: String, now: Instant = dgNow) throws(DeadlineError) -> DeadlineReading {
    try DeadlineGrammar.read(phrase, now: now, zone: .vietnam)
}

/// One row of a table: the phrase, the rule expected to read it, the exclusive instant (UTC).
struct DeadlineCase: Sendable, CustomTestStringConvertible {
    var phrase: String
    var rule: String
    var due: String

    init(_ phrase: String, _ rule: String, _ due: String) {
        self.phrase = phrase
        self.rule = rule
        self.due = due
    }

    var testDescription: String { "\"\(phrase)\" → \(rule) \(due)" }
}

/// The phrase without diacritics, written independently of `DeadlineGrammar.fold`.
func dgStripDiacritics(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
        switch scalar.value {
        case 0x300...0x36F: continue
        case 0x111: out.append("d")  // đ
        case 0x110: out.append("D")  // Đ
        default: out.append(scalar)
        }
    }
    return String(out)
}

/// Exactly the scalars (String == compares canonically equivalent strings as equal).
func dgSameScalars(_ a: String, _ b: String) -> Bool {
    Array(a.unicodeScalars) == Array(b.unicodeScalars)
}
