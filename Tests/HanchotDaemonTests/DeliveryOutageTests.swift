@testable import HanchotDaemon
import Logging
import Testing

@Suite("Retry back-off while journald is unreachable")
struct DeliveryOutageTests {
    struct Refused: Error {}

    @Test("retries wait 1, 2, 4, 8, 16 s, then stay at the ceiling")
    func backsOffToTheCeiling() {
        var outage = DeliveryOutage()
        let delays = (0..<8).map { _ in outage.failed(Refused(), maxDelay: 30) }
        #expect(delays == [1, 2, 4, 8, 16, 30, 30, 30])
        #expect(outage.failures == 8)
    }

    @Test("a success ends the outage: the next failure starts again at 1 s")
    func successResets() {
        var outage = DeliveryOutage()
        _ = outage.failed(Refused(), maxDelay: 30)
        _ = outage.failed(Refused(), maxDelay: 30)
        outage.recovered(logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        #expect(outage.failures == 0)
        #expect(outage.failed(Refused(), maxDelay: 30) == 1)
    }
}
