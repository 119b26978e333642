/// A point on the time line: whole seconds since 1970-01-01T00:00:00Z.
///
/// The core never reads the clock; every "now" arrives as an `Instant` parameter.
public struct Instant: Hashable, Comparable, Sendable {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    public func adding(seconds: Int64) -> Instant {
        Instant(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    public static let distantPast = Instant(secondsSinceEpoch: Int64.min / 2)
    public static let distantFuture = Instant(secondsSinceEpoch: Int64.max / 2)
}

extension Instant: CustomStringConvertible {
    /// RFC 3339 in UTC, the form the log stores.
    public var description: String { Timestamp.format(self) }
}
