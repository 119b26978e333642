import HanchotSystemd
import Logging

/// Tracks a run of failed deliveries (journald down or restarting): retries back off from 1 s
/// up to a ceiling, and the outage is reported once when it starts and once when it ends,
/// not once per reminder.
struct DeliveryOutage {
    private(set) var failures = 0

    /// Records a failure; returns how long to wait before trying again (1, 2, 4, … s, capped).
    mutating func failed(_ error: any Error, maxDelay: Int64) -> Int64 {
        failures += 1
        let delay = min(maxDelay, Int64(1) << Int64(min(failures - 1, 20)))
        if failures == 1 || delay == maxDelay && failures.isMultiple(of: 10) {
            StandardError.write("hanchotd: reminders not delivered (\(error)); retrying in \(delay) s\n")
        }
        return delay
    }

    /// Records a success, reporting the end of an outage if there was one.
    mutating func recovered(logger: Logger) {
        guard failures > 0 else { return }
        logger.notice("reminders are delivered again after \(failures) failed attempts")
        failures = 0
    }
}
