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

    @Test("parsing with a day memo answers exactly as without, for valid and broken timestamps alike")
    func dayMemoChangesNoAnswer() {
        var rng = SplitMix64(seed: 3)
        var memo = Timestamp.DayMemo()
        var hits = 0
        var previous = "2021-12-30T17:00:00Z"
        for _ in 0..<20_000 {
            var bytes: [UInt8]
            if Int.random(in: 0..<3, using: &rng) == 0 {
                // Often the same day as before (the memo's case), with another time.
                bytes = Array(previous.utf8)
            } else {
                let seconds = Int64.random(in: -3_000_000_000...4_000_000_000, using: &rng)
                bytes = Array(Timestamp.format(Instant(secondsSinceEpoch: seconds)).utf8)
            }
            // Another time of day (60 s is read as a leap second).
            for (at, limit) in [(11, 24), (14, 60), (17, 61)] {
                let v = Int.random(in: 0..<limit, using: &rng)
                bytes[at] = UInt8(ascii: "0") + UInt8(v / 10)
                bytes[at + 1] = UInt8(ascii: "0") + UInt8(v % 10)
            }
            // Sometimes broken: a wrong separator, a letter, an hour or minute out of range.
            switch Int.random(in: 0..<12, using: &rng) {
            case 0: bytes[13] = UInt8(ascii: "-")
            case 1: bytes[Int.random(in: 11..<19, using: &rng)] = UInt8(ascii: "x")
            case 2: bytes[11] = UInt8(ascii: "2"); bytes[12] = UInt8(ascii: "7")
            case 3: bytes[16] = UInt8(ascii: ".")
            default: break
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let plain = Timestamp.parse(text)
            let memoised = bytes.withUnsafeBytes { Timestamp.parse($0, memo: &memo) }
            #expect(plain == memoised, "\(text)")
            if plain != nil { previous = text; hits += 1 }
        }
        #expect(hits > 12_000)
    }

    @Test("the time of day read as one word answers as reading it byte by byte does, for any byte anywhere")
    func timeOfDayWordMatchesBytes() {
        /// The plain reading: `HH:MM:SS`, six digits and two colons, else nil.
        func reference(_ b: [UInt8]) -> [Int]? {
            guard b[2] == UInt8(ascii: ":"), b[5] == UInt8(ascii: ":") else { return nil }
            var out: [Int] = []
            for at in [0, 3, 6] {
                guard (48...57).contains(b[at]), (48...57).contains(b[at + 1]) else { return nil }
                out.append(Int(b[at] - 48) * 10 + Int(b[at + 1] - 48))
            }
            return out
        }
        func word(_ b: [UInt8]) -> [Int]? {
            let w = b.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            return Timestamp.timeOfDay(w).map { [$0.0, $0.1, $0.2] }
        }
        var checked = 0, valid = 0
        // Every value of every pair of digits (00–99, in and out of range alike)…
        for a in 0..<100 {
            for b in 0..<100 {
                let text = Array(String(format: "%02d:%02d:%02d", a, b, (a * 7 + b) % 100).utf8)
                #expect(word(text) == reference(text))
                #expect(word(text) != nil)
                checked += 1
            }
        }
        // …and every byte value at every position of a few valid times.
        for base in ["00:00:00", "23:59:60", "19:09:90", "99:99:99"] {
            for at in 0..<8 {
                for v in 0...255 {
                    var text = Array(base.utf8)
                    text[at] = UInt8(v)
                    let expected = reference(text)
                    #expect(word(text) == expected, "\(text)")
                    if expected != nil { valid += 1 }
                    checked += 1
                }
            }
        }
        #expect(checked == 10_000 + 4 * 8 * 256)
        #expect(valid == 4 * (6 * 10 + 2))
    }

    @Test("an offset that carries an instant out of years 0001–9999 UTC is refused, so every instant read writes back")
    func offsetsStayInTheWritableRange() {
        #expect(Timestamp.parse("9999-12-31T23:59:59-01:00") == nil)
        #expect(Timestamp.parse("0001-01-01T00:00:00+01:00") == nil)
        let last = Timestamp.parse("9999-12-31T23:59:59+01:00")
        #expect(last.map { Timestamp.parse(Timestamp.format($0)) == $0 } == true)
    }
}
