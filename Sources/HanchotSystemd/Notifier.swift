import CSystemd
import Glibc

/// Talks to the service manager through `sd_notify` (a no-op when `NOTIFY_SOCKET` is unset,
/// e.g. when run from a shell).
public struct Notifier: Sendable {
    public init() {}

    /// Sends `READY=1`, `STATUS=…`, `WATCHDOG=1`, `RELOADING=1`, `STOPPING=1` (newline-separated).
    /// - Returns: whether a service manager received it.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        sd_notify(0, state) > 0
    }

    /// `RELOADING=1` must carry `MONOTONIC_USEC` for `Type=notify-reload`; harmless otherwise.
    @discardableResult
    public func reloading() -> Bool {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let usec = UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
        return notify("RELOADING=1\nMONOTONIC_USEC=\(usec)")
    }

    /// The watchdog interval the manager expects (from `WATCHDOG_USEC`), if one is set for us.
    public func watchdogInterval() -> Duration? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(usec))
    }
}
