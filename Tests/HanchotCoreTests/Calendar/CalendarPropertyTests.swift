@testable import HanchotCore
import PropertyBased
import Testing

/// Random instants and lunar dates over 1950–2090.
enum CalendarGen {
    static let firstDay = Int(day(1950, 1, 1).daysSinceEpoch)
    static let lastDay = Int(day(2090, 12, 31).daysSinceEpoch)
    /// Minutes of the day that sit on the office-hours edges (07:30, 17:00) and midnight.
    static let edgeMinutes = [0, 1, 449, 450, 451, 1019, 1020, 1021, 1439]

    /// A local (UTC+7) instant: any day, and half the time a minute on an edge.
    static var instant: Generator<Instant, some SendableSequenceType> {
        zip(Gen.int(in: firstDay...lastDay), Gen.int(in: 0...1439), Gen.int(in: 0..<edgeMinutes.count),
            Gen.bool(), Gen.int(in: 0...59))
            .map { day, minute, edge, onEdge, second in
                let m = onEdge ? edgeMinutes[edge] : minute
                return Zone.vietnam.instant(CivilDate(daysSinceEpoch: Int64(day)), hour: m / 60, minute: m % 60,
                                            second: onEdge && second % 2 == 0 ? 0 : second)
            }
    }

    /// A lunar date that exists.
    static var lunarDate: Generator<LunarDate, some SendableSequenceType> {
        zip(Gen.int(in: 1950...2090), Gen.int(in: 1...12), Gen.bool(0.3), Gen.int(in: 1...30))
            .map { year, month, leap, d in LunarDate(day: d, month: month, year: year, isLeapMonth: leap) }
            .filter { LunarCalendar.solar(from: $0) != nil }
    }
}

@Suite("Calendar properties (random instants 1950–2090)")
struct CalendarPropertyTests {
    let zone = Zone.vietnam
    let opensAt = defaultWorkingCalendar.opensAt
    let closesAt = defaultWorkingCalendar.closesAt

    @Test("a shifted deadline is never earlier, never on a day off, and unmoved on a working day")
    func shiftProperties() async {
        await propertyCheck(count: 2000, input: CalendarGen.instant) { t in
            let lastDay = zone.date(of: t.adding(seconds: -1))
            let (due, movedFrom) = shifted(t)
            #expect(due >= t)
            #expect(works(zone.date(of: due.adding(seconds: -1))))
            if works(lastDay) {
                #expect(due == t && movedFrom == nil)
            } else {
                #expect(movedFrom == lastDay)
                // The end of the first working day after the last day: every day between is off.
                let newLast = zone.date(of: due.adding(seconds: -1))
                #expect(zone.timeOfDay(of: due) == (0, 0, 0))
                var d = lastDay
                while d < newLast {
                    #expect(!works(d), "\(d) is a working day before \(newLast)")
                    d = d.adding(days: 1)
                }
            }
        }
    }

    @Test("nextOpening(t) is never earlier, always in office hours on a working day, t itself when inside, and the first such moment")
    func nextOpeningProperties() async {
        await propertyCheck(count: 2000, input: CalendarGen.instant) { t in
            let r = opening(t)
            let day = zone.date(of: r)
            let clock = zone.timeOfDay(of: r)
            let minute = clock.hour * 60 + clock.minute
            #expect(r >= t)
            #expect(works(day))
            #expect(minute >= opensAt && minute < closesAt)
            let tDay = zone.date(of: t)
            let tClock = zone.timeOfDay(of: t)
            let tMinute = tClock.hour * 60 + tClock.minute
            let inside = works(tDay) && tMinute >= opensAt && tMinute < closesAt
            if inside {
                #expect(r == t)
            } else {
                // Not inside: r is an opening time, and no working day lies between t and it.
                #expect(clock == (opensAt / 60, opensAt % 60, 0))
                var d = tMinute < opensAt ? tDay : tDay.adding(days: 1)
                while d < day {
                    #expect(!works(d), "\(d) works, before \(day)")
                    d = d.adding(days: 1)
                }
            }
        }
    }

    @Test("lunar(solar(x)) == x for random valid lunar dates")
    func lunarRoundTrip() async {
        await propertyCheck(count: 1000, input: CalendarGen.lunarDate) { x in
            let s = LunarCalendar.solar(from: x)
            #expect(s.map(LunarCalendar.lunar(from:)) == x)
        }
    }

    @Test("solar(lunar(d)) == d for random solar days")
    func solarRoundTrip() async {
        await propertyCheck(count: 1000, input: Gen.int(in: CalendarGen.firstDay...CalendarGen.lastDay)) { n in
            let d = CivilDate(daysSinceEpoch: Int64(n))
            let l = LunarCalendar.lunar(from: d)
            #expect(LunarCalendar.solar(from: l) == d, "\(d) → \(l)")
            // Tết is 21/1 – 20/2, so a lunar year is the solar year or the one before.
            #expect(l.year == d.year || l.year == d.year - 1)
        }
    }
}
