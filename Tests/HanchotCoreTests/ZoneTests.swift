import Testing
@testable import HanchotCore

@Suite struct ZoneTests {
    @Test func vietnamMidnightIsSeventeenHundredUTCTheDayBefore() {
        #expect(Zone.vietnam.instant(day(2021, 12, 31)) == utc("2021-12-30T17:00:00Z"))
        #expect(Zone.vietnam.instant(day(2021, 12, 31), hour: 17, minute: 30, second: 15) == utc("2021-12-31T10:30:15Z"))
        #expect(Zone.utc.instant(day(1970, 1, 1)) == Instant(secondsSinceEpoch: 0))
    }

    @Test func dateAndTimeOfDayAroundTheEpochIncludingNegativeInstants() {
        let cases: [(Int64, Zone, CivilDate, (Int, Int, Int))] = [
            (0, .utc, day(1970, 1, 1), (0, 0, 0)),
            (-1, .utc, day(1969, 12, 31), (23, 59, 59)),
            (-86_400, .utc, day(1969, 12, 31), (0, 0, 0)),
            (-86_401, .utc, day(1969, 12, 30), (23, 59, 59)),
            (-1, .vietnam, day(1970, 1, 1), (6, 59, 59)),
            (-25_200, .vietnam, day(1970, 1, 1), (0, 0, 0)),
            (-25_201, .vietnam, day(1969, 12, 31), (23, 59, 59)),
            (-2_208_988_800, .utc, day(1900, 1, 1), (0, 0, 0)),
            (-2_208_988_801, .vietnam, day(1900, 1, 1), (6, 59, 59)),
        ]
        for (seconds, zone, date, time) in cases {
            let instant = Instant(secondsSinceEpoch: seconds)
            #expect(zone.date(of: instant) == date, "\(seconds) in \(zone.name)")
            let t = zone.timeOfDay(of: instant)
            #expect(t.hour == time.0 && t.minute == time.1 && t.second == time.2, "\(seconds) in \(zone.name)")
        }
    }

    @Test func negativeOffsetZones() {
        let newYork = Zone(name: "-05:00", offsetSeconds: -5 * 3600)
        let instant = utc("2022-01-01T03:00:00Z")
        #expect(newYork.date(of: instant) == day(2021, 12, 31))
        #expect(newYork.timeOfDay(of: instant).hour == 22)
        #expect(newYork.instant(day(2021, 12, 31), hour: 22) == instant)
    }

    @Test func instantThenDateAndTimeRoundTripsEveryHourOfAYear() {
        for zone in [Zone.vietnam, .utc, Zone(name: "-03:30", offsetSeconds: -12_600)] {
            var date = day(1969, 6, 1)
            for _ in 0..<400 {
                for hour in [0, 1, 6, 7, 12, 16, 17, 23] {
                    let instant = zone.instant(date, hour: hour, minute: 59, second: 58)
                    #expect(zone.date(of: instant) == date)
                    let t = zone.timeOfDay(of: instant)
                    #expect(t.hour == hour && t.minute == 59 && t.second == 58)
                }
                date = date.adding(days: 1)
            }
        }
    }

    @Test func displaysDayMonthYearAndClockInTheZone() {
        #expect(Zone.vietnam.display(utc("2021-12-30T17:00:00Z")) == "31/12/2021 00:00")
        #expect(Zone.utc.display(utc("2021-12-30T17:05:59Z")) == "30/12/2021 17:05")
    }

    @Test func floorDivisionRoundsTowardsNegativeInfinity() {
        #expect(floorDiv(7, 2) == 3)
        #expect(floorDiv(-7, 2) == -4)
        #expect(floorDiv(-8, 2) == -4)
        #expect(floorMod(-1, 86_400) == 86_399)
        #expect(floorMod(86_400, 86_400) == 0)
    }
}
