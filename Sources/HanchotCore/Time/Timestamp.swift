/// The log's timestamp form: RFC 3339, `2022-01-10T01:00:00Z`; `±HH:MM` offsets and fractional
/// seconds are read too (fractions are dropped: the log works in whole seconds).
public enum Timestamp {
    public static func format(_ instant: Instant) -> String {
        let date = Zone.utc.date(of: instant)
        let t = Zone.utc.timeOfDay(of: instant)
        return "\(date)T\(Pad.two(t.hour)):\(Pad.two(t.minute)):\(Pad.two(t.second))Z"
    }

    public static func parse(_ text: String) -> Instant? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Byte-level parser used by the replay hot path; no allocation.
    public static func parse(_ b: UnsafeRawBufferPointer) -> Instant? {
        if b.count == 20, let instant = parseCanonical(b) { return instant }
        // YYYY-MM-DDTHH:MM:SS then optional .fff then Z or ±HH:MM
        guard b.count >= 20 else { return nil }
        func digits(_ at: Int, _ n: Int) -> Int? {
            var v = 0
            for i in at..<(at + n) {
                let c = b[i] &- 48
                guard c < 10 else { return nil }
                v = v * 10 + Int(c)
            }
            return v
        }
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2),
              let h = digits(11, 2), let mi = digits(14, 2), let s = digits(17, 2),
              h < 24, mi < 60, s < 61,
              let date = CivilDate(year: y, month: mo, day: d)
        else { return nil }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] &- 48 < 10 { i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 <= b.count, b[i + 3] == UInt8(ascii: ":"),
                  let oh = digits(i + 1, 2), let om = digits(i + 4, 2), oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let local = date.daysSinceEpoch * 86_400 + Int64(h * 3600 + mi * 60 + min(s, 59))
        let utc = local - Int64(offset)
        // An offset can carry the instant out of years 0001–9999 UTC, which the canonical form
        // (`YYYY-…Z`) cannot write: refused, so every instant read writes back (found by the fuzzer).
        guard utc >= Timestamp.firstSecond, utc < Timestamp.endSecond else { return nil }
        return Instant(secondsSinceEpoch: utc)
    }

    static let firstSecond = CivilDate(year: 1, month: 1, day: 1)!.daysSinceEpoch * 86_400
    static let endSecond = (CivilDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch + 1) * 86_400

    /// The last date read in the canonical form, so that a run of timestamps on the same day
    /// (most of a log's lines, and the several timestamps of one line) skips the calendar
    /// arithmetic. Replay keeps one per reading thread.
    public struct DayMemo: Sendable {
        /// `YYYY-MM-DD` as read, little-endian: 8 bytes and 2 more; all zero when empty.
        fileprivate var head: UInt64 = 0
        fileprivate var rest: UInt16 = 0
        fileprivate var days: Int64 = 0

        public init() {}

        fileprivate init(head: UInt64, rest: UInt16, days: Int64) {
            self.head = head
            self.rest = rest
            self.days = days
        }
    }

    /// ``parse(_:)-(UnsafeRawBufferPointer)`` that remembers the last canonical date in `memo`:
    /// always the same answer, in fewer steps when the date is the one before.
    @inline(__always)
    public static func parse(_ b: UnsafeRawBufferPointer, memo: inout DayMemo) -> Instant? {
        guard b.count == 20, let base = b.baseAddress, b[10] == UInt8(ascii: "T"), b[19] == UInt8(ascii: "Z") else { return parse(b) }
        let head = base.loadUnaligned(as: UInt64.self)
        let rest = base.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        guard head == memo.head, rest == memo.rest, memo.head != 0 else {
            guard let instant = parse(b) else { return nil }
            // The canonical form has no offset and a time of day under 86,400 s.
            let s = instant.secondsSinceEpoch
            memo = DayMemo(head: head, rest: rest, days: s >= 0 ? s / 86_400 : (s - 86_399) / 86_400)
            return instant
        }
        guard let (h, mi, sec) = timeOfDay(base.loadUnaligned(fromByteOffset: 11, as: UInt64.self)),
              h < 24, mi < 60, sec < 61 else { return nil }
        return Instant(secondsSinceEpoch: memo.days * 86_400 + Int64(h * 3600 + mi * 60 + min(sec, 59)))
    }

    /// `HH:MM:SS` read as one little-endian word: the three numbers, or nil unless the word is
    /// six digits with colons between the pairs. All eight bytes at once rather than one by one
    /// (three timestamps on most lines of a log).
    @inline(__always)
    static func timeOfDay(_ w: UInt64) -> (Int, Int, Int)? {
        // Colons at bytes 2 and 5; every other byte a digit: its high nibble 3, and adding 6
        // does not carry it out of 3 (so the low nibble is at most 9).
        let colons: UInt64 = 0x0000_3A00_003A_0000
        let digitMask: UInt64 = 0xFFFF_00FF_FF00_FFFF
        guard w & ~digitMask == colons else { return nil }
        let digits = w & digitMask
        guard digits & 0xF0F0_00F0_F000_F0F0 == 0x3030_0030_3000_3030,
              (digits &+ 0x0606_0006_0600_0606) & 0xF0F0_00F0_F000_F0F0 == 0x3030_0030_3000_3030
        else { return nil }
        let d = digits & 0x0F0F_000F_0F00_0F0F
        // Each pair's value (tens * 10 + ones) lands in the byte of its tens digit, all three at once.
        let pairs = (d &* 10 &+ (d &>> 8)) & 0x00FF_0000_FF00_00FF
        return (Int(pairs & 0xFF), Int((pairs &>> 24) & 0xFF), Int(pairs &>> 48))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly (20 bytes), the form the log is written in: the same result
    /// as the general parser, in fewer steps. `nil` sends the text to the general parser.
    @inline(__always)
    private static func parseCanonical(_ b: UnsafeRawBufferPointer) -> Instant? {
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "Z")
        else { return nil }
        var invalid = false
        func two(_ at: Int) -> Int {
            let hi = b[at] &- 48, lo = b[at + 1] &- 48
            invalid = invalid || hi > 9 || lo > 9
            return Int(hi) * 10 + Int(lo)
        }
        let y = two(0) * 100 + two(2), mo = two(5), d = two(8), h = two(11), mi = two(14), s = two(17)
        guard !invalid, h < 24, mi < 60, s < 61, let date = CivilDate(year: y, month: mo, day: d) else { return nil }
        return Instant(secondsSinceEpoch: date.daysSinceEpoch * 86_400 + Int64(h * 3600 + mi * 60 + min(s, 59)))
    }
}
