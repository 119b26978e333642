// libFuzzer target: the deadline grammar (`DeadlineGrammar.read`) and command-line dates
// (`DateInput.parse`).
//
// Input layout:
//   bytes 0..<4  "now": little-endian UInt32, seconds after 1990-01-01T00:00:00Z, modulo the
//                span up to 2101-01-01 (so now lies in 1990–2100)
//   byte  4      the zone: low two bits 0–2 → Asia/Ho_Chi_Minh, 3 → a fixed offset of
//                (byte >> 2) − 32 half hours, clamped to ±14 h
//   bytes 5...   the phrase, as UTF-8 (`String(decoding:as:)`, so invalid bytes become U+FFFD)
// A shorter input is padded with zero bytes (now = 1990-01-01, Vietnam, empty phrase).
//
// What it holds them to (any breach traps, so libFuzzer records the input):
//   - neither crashes: each answers a value or throws its error (whose wording runs too);
//   - a reading's deadline exists: for a recurrence, its next occurrence after now is later than now;
//   - reading the phrase a reading gives back (NFC, trimmed) gives the same reading;
//   - a day read by DateInput starts before it ends, and ends before its deadline.
import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#endif
import HanchotCore

/// SwiftPM links its own `main` into an executable, so libFuzzer's is not used: this one hands
/// libFuzzer the command line (all its flags work as usual) and the function below.
@main
enum FuzzDeadlineMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzDeadline(data, size) })
    }
}

let epoch1990 = Zone.utc.instant(CivilDate(year: 1990, month: 1, day: 1)!)
let epoch2101 = Zone.utc.instant(CivilDate(year: 2101, month: 1, day: 1)!)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeadline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: size == 0 ? nil : data, count: size)
    func byte(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
    let raw = UInt32(byte(0)) | UInt32(byte(1)) << 8 | UInt32(byte(2)) << 16 | UInt32(byte(3)) << 24
    let span = UInt64(epoch2101.secondsSinceEpoch - epoch1990.secondsSinceEpoch)
    let now = epoch1990.adding(seconds: Int64(UInt64(raw) % span))
    let z = byte(4)
    let zone: Zone
    if z & 3 != 3 {
        zone = .vietnam
    } else {
        let halfHours = max(-28, min(28, Int64(z >> 2) - 32))
        zone = Zone(name: "UTC\(halfHours >= 0 ? "+" : "")\(halfHours * 30)m", offsetSeconds: halfHours * 1800)
    }
    let phrase = bytes.count > 5 ? String(decoding: UnsafeBufferPointer(rebasing: bytes[5...]), as: UTF8.self) : ""
    checkDeadline(phrase, now: now, zone: zone)
    checkDateInput(phrase, zone: zone)
    return 0
}

func fail(_ what: String, _ phrase: String, now: Instant, zone: Zone) -> Never {
    fatalError("\(what)\n  phrase: \(phrase.debugDescription)\n  now: \(now) zone: \(zone.name) (\(zone.offsetSeconds) s)")
}

func checkDeadline(_ phrase: String, now: Instant, zone: Zone) {
    let reading: DeadlineReading
    do throws(DeadlineError) {
        reading = try DeadlineGrammar.read(phrase, now: now, zone: zone)
    } catch {
        _ = error.description
        return
    }
    let due = reading.instant(from: now, zone: zone)
    if case .recurrence = reading.meaning, due <= now {
        fail("the recurrence's next deadline \(due) is not after now", phrase, now: now, zone: zone)
    }
    let again: DeadlineReading
    do throws(DeadlineError) {
        again = try DeadlineGrammar.read(reading.phrase, now: now, zone: zone)
    } catch {
        fail("the phrase read back (\(reading.phrase.debugDescription)) no longer reads: \(error)", phrase, now: now, zone: zone)
    }
    guard again.rule == reading.rule, again.meaning == reading.meaning else {
        fail("the phrase read back reads differently: \(reading.rule) \(reading.meaning) vs \(again.rule) \(again.meaning)",
             phrase, now: now, zone: zone)
    }
}

func checkDateInput(_ text: String, zone: Zone) {
    let input: DateInput
    do throws(DateInputError) {
        input = try DateInput.parse(text, zone: zone)
    } catch {
        _ = error.description
        return
    }
    let start = input.start(in: zone), end = input.end(in: zone), deadline = input.deadline(in: zone)
    switch input {
    case .day:
        guard start < end, end < deadline else {
            fail("a day read from the input has start \(start), end \(end), deadline \(deadline)", text, now: start, zone: zone)
        }
    case .instant(let t):
        guard start == t, end == t, deadline == t else {
            fail("an instant read from the input has start \(start), end \(end), deadline \(deadline)", text, now: t, zone: zone)
        }
    }
}
