import Foundation
import HanchotCore

/// Turns a configured zone name into the fixed-offset ``Zone`` the core works in.
///
/// Vietnam has kept UTC+7 without daylight saving since 1975, which is what the product needs; a
/// zone with daylight saving is taken at its standard offset (documented limitation).
public enum ZoneNames {
    public static func zone(named name: String) -> Zone? {
        switch name {
        case "Asia/Ho_Chi_Minh", "Asia/Saigon", "ICT": return .vietnam
        case "UTC", "Etc/UTC", "Z": return .utc
        default: break
        }
        if let offset = parseOffset(name) { return Zone(name: name, offsetSeconds: offset) }
        guard let tz = TimeZone(identifier: name) else { return nil }
        // Standard offset: the offset on a January day minus any daylight saving then.
        let january = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01, a fixed reference
        let seconds = tz.secondsFromGMT(for: january) - Int(tz.daylightSavingTimeOffset(for: january))
        return Zone(name: name, offsetSeconds: Int64(seconds))
    }

    /// `+07:00`, `-0330`, `+7`.
    static func parseOffset(_ text: String) -> Int64? {
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        // `H`, `HH`, `HHMM`, `H:MM` or `HH:MM`, in ASCII digits (`isNumber` alone would let "½"
        // through to a failing `Int(_:)`).
        let parts = text.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let h: Int, m: Int
        switch (parts.count, parts[0].count) {
        case (1, 1...2): h = Int(parts[0])!; m = 0
        case (1, 4): h = Int(parts[0].prefix(2))!; m = Int(parts[0].suffix(2))!
        case (2, 1...2) where parts[1].count == 2: h = Int(parts[0])!; m = Int(parts[1])!
        default: return nil
        }
        guard h <= 14, m < 60 else { return nil }
        return Int64((h * 3600 + m * 60) * (sign == "-" ? -1 : 1))
    }
}
