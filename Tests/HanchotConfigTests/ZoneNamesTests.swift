@testable import HanchotConfig
import HanchotCore
import Testing

@Suite struct ZoneNamesTests {
    @Test(arguments: ["Asia/Ho_Chi_Minh", "Asia/Saigon", "ICT"])
    func vietnamNamesAreTheVietnamZone(_ name: String) {
        #expect(ZoneNames.zone(named: name) == .vietnam)
    }

    @Test(arguments: ["UTC", "Etc/UTC", "Z"])
    func utcNamesAreUTC(_ name: String) {
        #expect(ZoneNames.zone(named: name) == .utc)
    }

    @Test(arguments: [
        ("+07:00", Int64(25_200)), ("+0700", 25_200), ("+7", 25_200), ("+07", 25_200), ("-05:00", -18_000),
        ("-0330", -12_600), ("-03:30", -12_600), ("+05:45", 20_700), ("+14:00", 50_400), ("-00:00", 0), ("+0", 0),
    ])
    func offsetsAreReadWithTheirSign(_ text: String, _ seconds: Int64) {
        let zone = ZoneNames.zone(named: text)
        #expect(zone?.offsetSeconds == seconds)
        #expect(zone?.name == text)
        #expect(ZoneNames.parseOffset(text) == seconds)
    }

    @Test(arguments: ["+15", "+07:60", "+07:00:00", "+", "-", "07:00", "+7:0:0", "+07.00", "+ 7", "+0x7"])
    func malformedOffsetsAreNotOffsets(_ text: String) {
        #expect(ZoneNames.parseOffset(text) == nil)
    }

    @Test(arguments: ["+½", "+١", "-٣:٠٠", "+²"])
    func nonASCIIDigitsAreNotOffsetsAndDoNotCrash(_ text: String) {
        #expect(ZoneNames.parseOffset(text) == nil)
        #expect(ZoneNames.zone(named: text) == nil)
    }

    @Test(arguments: [
        ("Asia/Tokyo", Int64(32_400)), ("Asia/Bangkok", 25_200), ("Europe/London", 0), ("America/New_York", -18_000),
        ("Asia/Kolkata", 19_800), ("Australia/Sydney", 36_000), ("Europe/Berlin", 3600),
    ])
    func tzdatabaseNamesAreTakenAtTheirStandardOffset(_ name: String, _ seconds: Int64) {
        // Zones with daylight saving are taken at their standard offset (documented limitation);
        // Sydney is in summer time in January and still reads as +10:00.
        let zone = ZoneNames.zone(named: name)
        #expect(zone?.offsetSeconds == seconds, "\(name)")
        #expect(zone?.name == name)
    }

    @Test(arguments: ["Nowhere/Atlantis", "", "asia/tokyo "])
    func unknownNamesAreNil(_ name: String) {
        #expect(ZoneNames.zone(named: name) == nil)
    }
}
