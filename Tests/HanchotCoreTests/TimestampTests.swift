import Testing
@testable import HanchotCore

@Suite struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (1_640_883_600, "2021-12-30T17:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"), (-2_208_988_800, "1900-01-01T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"), (-62_135_596_800, "0001-01-01T00:00:00Z"),
    ])
    func formatsAndParsesUTC(_ seconds: Int64, _ text: String) {
        #expect(Timestamp.format(Instant(secondsSinceEpoch: seconds)) == text)
        #expect(Timestamp.parse(text) == Instant(secondsSinceEpoch: seconds))
        #expect(Instant(secondsSinceEpoch: seconds).description == text)
    }

    @Test(arguments: [
        ("2021-12-31T00:00:00+07:00", "2021-12-30T17:00:00Z"),
        ("2021-12-30T12:00:00-05:00", "2021-12-30T17:00:00Z"),
        ("2021-12-30T13:30:00-03:30", "2021-12-30T17:00:00Z"),
        ("2021-12-30T17:00:00+00:00", "2021-12-30T17:00:00Z"),
        ("2021-12-30T17:00:00-00:00", "2021-12-30T17:00:00Z"),
        ("2022-01-01T06:59:59+07:00", "2021-12-31T23:59:59Z"),
        ("2021-12-30T17:00:00.5Z", "2021-12-30T17:00:00Z"),
        ("2021-12-30T17:00:00.999999999Z", "2021-12-30T17:00:00Z"),
        ("2021-12-31T00:00:00.123+07:00", "2021-12-30T17:00:00Z"),
        ("2021-12-30 17:00:00Z", "2021-12-30T17:00:00Z"),
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
    ])
    func readsOffsetsFractionsAndTheSpaceForm(_ text: String, _ canonical: String) {
        #expect(Timestamp.parse(text) != nil, "\(text)")
        #expect(Timestamp.parse(text).map(Timestamp.format) == canonical, "\(text)")
    }

    @Test(arguments: [
        "", "2021-12-30", "2021-12-30T17:00", "2021-12-30T17:00:00", "2021-12-30T17:00:00z", "2021-12-30t17:00:00Z",
        "2021-12-30T17:00:00ZZ", "2021-12-30T17:00:00Z ", " 2021-12-30T17:00:00Z", "2021-12-30T17:00:00.Z",
        "2021-12-30T17:00:00+0700", "2021-12-30T17:00:00+07", "2021-12-30T17:00:00+7:00", "2021-12-30T17:00:00+07:00x",
        "2021-12-30T17:00:00+24:00", "2021-12-30T17:00:00+07:60", "2021-13-30T17:00:00Z", "2021-02-30T17:00:00Z",
        "2021-12-30T24:00:00Z", "2021-12-30T17:60:00Z", "2021-12-30T17:00:61Z", "21-12-30T17:00:00Z",
        "2021/12/30T17:00:00Z", "2021-12-30X17:00:00Z", "2021-1a-30T17:00:00Z", "0000-01-01T00:00:00Z",
        "２０２１-12-30T17:00:00Z", "2021-12-30T17:00:00+07:00\n", "garbage garbage garbage",
    ])
    func rejectsAnythingElse(_ text: String) {
        #expect(Timestamp.parse(text) == nil, "\(text)")
    }

    @Test func formatThenParseRoundTripsRandomInstants() {
        var rng = SplitMix64(seed: 7)
        let lo = day(1, 1, 1).daysSinceEpoch * 86_400, hi = day(9999, 12, 31).daysSinceEpoch * 86_400 + 86_399
        for _ in 0..<20_000 {
            let instant = Instant(secondsSinceEpoch: Int64.random(in: lo...hi, using: &rng))
            #expect(Timestamp.parse(Timestamp.format(instant)) == instant)
        }
    }

    @Test func instantsOrderAndAdd() {
        let a = Instant(secondsSinceEpoch: 10)
        #expect(a < a.adding(seconds: 1))
        #expect(a.adding(seconds: -10) == Instant(secondsSinceEpoch: 0))
        #expect(Instant.distantPast < a && a < Instant.distantFuture)
    }
}
