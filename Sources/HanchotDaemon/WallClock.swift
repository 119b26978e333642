import Glibc
import HanchotCore

/// The daemon's only clocks: the wall clock (what reminders are planned on) and the monotonic
/// clock (to notice when the wall clock jumps).
enum WallClock {
    /// Seconds since the epoch, with fractions.
    static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func now() -> Instant { Instant(secondsSinceEpoch: Int64(seconds().rounded(.down))) }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
