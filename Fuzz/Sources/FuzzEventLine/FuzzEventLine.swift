// libFuzzer target: one input is one log line (without its newline).
//
// What it holds the codec to (any breach traps, so libFuzzer records the input):
//   1. `EventCodec.decode` never crashes: it answers an event or throws a `CodecError`.
//   2. The fast path agrees with it: whenever `EventCodec.view` answers a view, the full decoder
//      accepts the line and every value the view exposes is the decoder's, byte for byte
//      (the spans lie inside the line). The same with a date memo already holding the line's
//      date (as replay carries one from line to line), and for the packed view read-ahead keeps.
//   3. Round trip: a decoded event, encoded again, decodes to an equal event, and encoding that
//      gives the same bytes (the canonical form is a fixed point).
//   4. A name pool changes no answer (`decode(_:names:)`, twice with the same pool).
import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#endif
import HanchotCore

/// SwiftPM links its own `main` into an executable, so libFuzzer's is not used: this one hands
/// libFuzzer the command line (all its flags work as usual) and the function below.
@main
enum FuzzEventLineMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzEventLine(data, size) })
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventLine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let line = UnsafeRawBufferPointer(start: size == 0 ? nil : data, count: size)
    checkLine(line)
    return 0
}

func fail(_ what: String, _ line: UnsafeRawBufferPointer) -> Never {
    fatalError("\(what)\n  line: \(String(decoding: line, as: UTF8.self).debugDescription)")
}

func checkLine(_ line: UnsafeRawBufferPointer) {
    let decoded: Result<Event, CodecError>
    do throws(CodecError) {
        decoded = .success(try EventCodec.decode(line))
    } catch {
        decoded = .failure(error)
        _ = error.description  // the wording of the error runs too
    }

    // 4. A name pool (fresh, then already holding this line's names) answers the same.
    let pool = NamePool()
    for _ in 0..<2 {
        let pooled: Result<Event, CodecError>
        do throws(CodecError) { pooled = .success(try EventCodec.decode(line, names: pool)) } catch { pooled = .failure(error) }
        switch (decoded, pooled) {
        case (.success(let a), .success(let b)) where a == b && sameBytes(a, b): break
        case (.failure(let a), .failure(let b)) where a == b: break
        default: fail("decode with a name pool differs from decode without: \(decoded) vs \(pooled)", line)
        }
    }

    // 2. The view, with a fresh date memo and with one primed by a timestamp of the line.
    var fresh = Timestamp.DayMemo()
    let view = EventCodec.view(line, dates: &fresh)
    if let view { checkView(view, decoded, line, "view") }
    var primed = primedMemo(line)
    let primedView = EventCodec.view(line, dates: &primed)
    if let primedView { checkView(primedView, decoded, line, "view with a primed date memo") }
    if (view == nil) != (primedView == nil) {
        fail("the view exists with one date memo and not with another (fresh: \(view != nil))", line)
    }
    var packMemo = Timestamp.DayMemo()
    if let packed = EventCodec.packedView(line, dates: &packMemo) {
        checkView(packed.view(line: line), decoded, line, "packed view")
    } else if view != nil && line.count <= Int(UInt16.max) {
        fail("a line with a view has no packed view", line)
    }

    // 3. Round trip through the canonical form.
    guard case .success(let event) = decoded else { return }
    let encoded = EventCodec.encode(event)
    let again: Event
    do throws(CodecError) {
        again = try EventCodec.decode(encoded)
    } catch {
        fail("the encoded event does not decode: \(error)\n  encoded: \(encoded.debugDescription)", line)
    }
    guard again == event else {
        fail("round trip changed the event:\n  first:  \(event)\n  again:  \(again)\n  encoded: \(encoded.debugDescription)", line)
    }
    let reencoded = EventCodec.encode(again)
    guard Array(reencoded.utf8) == Array(encoded.utf8) else {
        fail("encoding is not stable:\n  once:  \(encoded.debugDescription)\n  twice: \(reencoded.debugDescription)", line)
    }
}

/// A memo as replay would have it after a line with the same date: filled from the first
/// canonical timestamp (`YYYY-MM-DDTHH:MM:SSZ`, 20 bytes) found between quotes in the line.
func primedMemo(_ line: UnsafeRawBufferPointer) -> Timestamp.DayMemo {
    var memo = Timestamp.DayMemo()
    guard line.count >= 22 else { return memo }
    for i in 0...(line.count - 22) where line[i] == UInt8(ascii: "\"") && line[i + 21] == UInt8(ascii: "\"")
        && line[i + 11] == UInt8(ascii: "T") && line[i + 20] == UInt8(ascii: "Z") {
        if Timestamp.parse(UnsafeRawBufferPointer(rebasing: line[(i + 1)..<(i + 21)]), memo: &memo) != nil { break }
    }
    return memo
}

/// The view must come from a line the decoder accepts, with the decoder's values.
func checkView(_ view: EventView, _ decoded: Result<Event, CodecError>, _ line: UnsafeRawBufferPointer, _ name: String) {
    let event: Event
    switch decoded {
    case .success(let e): event = e
    case .failure(let error): fail("\(name) exists but decode throws: \(error)", line)
    }
    func inside(_ s: ByteSpan, _ field: String) {
        guard let base = line.baseAddress else { fail("\(name): \(field) spans an empty line", line) }
        let start = UnsafeRawPointer(s.start) - base
        guard s.count >= 0, start >= 0, start + s.count <= line.count else {
            fail("\(name): \(field) span [\(start), +\(s.count)) is outside the line of \(line.count) bytes", line)
        }
    }
    func same(_ s: ByteSpan, _ value: String, _ field: String) {
        inside(s, field)
        guard Array(s.buffer) == Array(value.utf8) else {
            fail("\(name): \(field) is \(s.string.debugDescription), decode says \(value.debugDescription)", line)
        }
    }
    func same(_ s: ByteSpan?, _ value: String?, _ field: String) {
        switch (s, value) {
        case (nil, nil): break
        case (let s?, let v?): same(s, v, field)
        default: fail("\(name): \(field) is \(s?.string.debugDescription ?? "nil"), decode says \(value?.debugDescription ?? "nil")", line)
        }
    }
    func same(_ a: Instant, _ b: Instant, _ field: String) {
        guard a == b else { fail("\(name): \(field) is \(a.secondsSinceEpoch), decode says \(b.secondsSinceEpoch)", line) }
    }
    func kind(_ k: EventView.Kind) {
        guard view.kind == k else { fail("\(name): kind \(view.kind), decode says \(event.type.rawValue)", line) }
    }

    same(view.id, event.id, "id")
    same(view.recordedAt, event.recordedAt, "at")
    same(view.directive, event.directiveID, "directive")
    guard view.idHash == EventIDSet.hash(event.id) else { fail("\(name): idHash is not the hash of the id", line) }
    switch event.body {
    case .reminderSent(let s):
        kind(.reminderSent)
        same(view.task, s.task, "task")
        same(view.unit, s.unit, "unit")
        same(view.step, s.step, "step")
        same(view.instant, s.sentAt, "sent")
    case .taskCompleted(let c):
        kind(.taskCompleted)
        same(view.task, c.task, "task")
        same(view.unit, c.unit, "unit")
        same(view.instant, c.completedAt, "completed")
        same(view.text, c.note, "note")
    case .taskReopened(let r):
        kind(.taskReopened)
        same(view.task, r.task, "task")
        same(view.unit, r.unit, "unit")
    case .deadlineChanged(let c):
        kind(.deadlineChanged)
        same(view.task, c.task, "task")
        same(view.unit, c.unit, "unit")
        same(view.instant, c.due.instant, "due")
        same(view.text, c.due.phrase, "duePhrase")
    case .directiveIssued, .directiveRevoked:
        fail("\(name) exists for a \(event.type.rawValue) line", line)
    }
}

/// Equal events whose strings are also the same bytes: `String ==` compares canonical
/// equivalence, and a codec must not change a spelling (ids and units are compared exactly).
func sameBytes(_ a: Event, _ b: Event) -> Bool {
    EventCodec.encode(a).utf8.elementsEqual(EventCodec.encode(b).utf8)
}
