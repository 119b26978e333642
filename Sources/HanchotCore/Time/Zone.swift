/// The time zone that civil dates and wall-clock times are read and shown in.
///
/// A fixed UTC offset covers the product's home (Asia/Ho_Chi_Minh has been UTC+7 without daylight
/// saving since 1975) and keeps conversions pure and cheap. The config layer maps zone names to it.
public struct Zone: Hashable, Sendable {
    public var name: String
    public var offsetSeconds: Int64

    public init(name: String, offsetSeconds: Int64) {
        self.name = name
        self.offsetSeconds = offsetSeconds
    }

    public static let vietnam = Zone(name: "Asia/Ho_Chi_Minh", offsetSeconds: 7 * 3600)
    public static let utc = Zone(name: "UTC", offsetSeconds: 0)

    /// The instant at which the given local wall-clock time occurs.
    public func instant(_ date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Instant {
        let local = date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Instant(secondsSinceEpoch: local - offsetSeconds)
    }

    /// The local calendar day an instant falls on.
    public func date(of instant: Instant) -> CivilDate {
        CivilDate(daysSinceEpoch: floorDiv(instant.secondsSinceEpoch + offsetSeconds, 86_400))
    }

    /// Local (hour, minute, second) of an instant.
    public func timeOfDay(of instant: Instant) -> (hour: Int, minute: Int, second: Int) {
        let s = floorMod(instant.secondsSinceEpoch + offsetSeconds, 86_400)
        return (Int(s / 3600), Int(s % 3600 / 60), Int(s % 60))
    }

    /// `31/12/2021 17:00` in this zone.
    public func display(_ instant: Instant) -> String {
        let t = timeOfDay(of: instant)
        return "\(date(of: instant).dayMonthYear) \(Pad.two(t.hour)):\(Pad.two(t.minute))"
    }
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
    a - floorDiv(a, b) * b
}
