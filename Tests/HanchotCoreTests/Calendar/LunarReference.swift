import Foundation
@testable import HanchotCore

/// The reference tables in `Calendar/Reference/`, written by `scripts/make-lunar-reference.py`
/// from astronomy-engine (high-precision new moons and solar terms read in UTC+7): independent
/// of the simplified series `LunarCalendar` uses.
enum LunarReference {
    struct Year: Sendable, CustomStringConvertible {
        var year: Int
        var tet: CivilDate
        var gioTo: CivilDate
        var description: String { "\(year)" }
    }

    struct Month: Sendable, CustomStringConvertible {
        var lunarYear: Int
        var month: Int
        var isLeap: Bool
        var start: CivilDate
        var days: Int
        /// `false` when a new moon or solar term deciding this month lies within two minutes of
        /// local midnight: closer than the models (and ΔT, for future years) can settle.
        var certain: Bool
        var description: String { "\(month)\(isLeap ? " nhuận" : "")/\(lunarYear) from \(start)" }
    }

    static let years: [Year] = rows("tet-giotoo-1900-2100", columns: ["year", "tet", "gio_to"]).map {
        Year(year: Int($0[0])!, tet: date($0[1]), gioTo: date($0[2]))
    }

    static let months: [Month] = rows("months-1900-2100", columns: ["lunar_year", "month", "leap", "start", "days", "certain"]).map {
        Month(lunarYear: Int($0[0])!, month: Int($0[1])!, isLeap: $0[2] == "1", start: date($0[3]),
              days: Int($0[4])!, certain: $0[5] == "1")
    }

    /// The data rows of a TSV file (comment lines `#…` and the header skipped).
    static func rows(_ name: String, columns: [String]) -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Reference"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("missing test resource Reference/\(name).tsv") }
        var lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        guard lines.first?.split(separator: "\t").map(String.init) == columns else {
            fatalError("Reference/\(name).tsv: header is not \(columns)")
        }
        lines.removeFirst()
        return lines.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == columns.count else { fatalError("Reference/\(name).tsv: bad line \(line)") }
            return fields
        }
    }

    static func date(_ iso: String) -> CivilDate {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, let d = CivilDate(year: p[0], month: p[1], day: p[2]) else { fatalError("bad date \(iso)") }
        return d
    }
}
