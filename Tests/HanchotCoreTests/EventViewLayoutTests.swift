@testable import HanchotCore
import Testing

/// `EventCodec.view` first tries `viewOfEncodedLayout`, which reads a line against the exact
/// layout `encode` writes. These tests hold it to the generic reader (`viewOfAnyLayout`): on
/// every line it answers, it answers the same view; and it does answer the lines `encode` writes.
@Suite("The encoded-layout view agrees with the generic one")
struct EventViewLayoutTests {
    static let t0 = Instant(secondsSinceEpoch: 1_640_000_000)
    static let units = ["UBND xã", "Chi bộ thôn 2", "Đoàn Thanh niên", "Văn phòng Đảng ủy"]
    /// Makes a line longer than the line scan maps quotes for (`LineScan.mappedBytes`), so that
    /// the layout reader also reads strings by scanning them.
    static let longNote = String(repeating: "Đã nộp báo cáo tổng kết; ", count: 20)

    /// A random event of a kind that has a view (or sometimes not: a directive revoked).
    static func randomEvent(_ n: Int, _ rng: inout SplitMix64) -> Event {
        func pick<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }
        func maybe(_ s: String) -> String? { Bool.random(using: &rng) ? s : nil }
        let at = t0.adding(seconds: Int64(n * 61))
        let directive = pick(["22-CV/ĐU-2021", "5-KH/UBND", "x"])
        let task = pick(["1", "2.a", "10"])
        let unit = pick(units)
        let body: Event.Body
        switch Int.random(in: 0..<9, using: &rng) {
        case 0, 1, 2:
            body = .reminderSent(ReminderSent(directive: directive, task: task, unit: unit, step: pick(["due", "overdue-1", "before-7d"]),
                                              plannedAt: at, sentAt: at.adding(seconds: 3)))
        case 3, 4:
            body = .taskCompleted(Completion(directive: directive, task: task, unit: Int.random(in: 0..<6, using: &rng) == 0 ? nil : unit,
                                             completedAt: at.adding(seconds: -60),
                                             note: maybe(pick(["xong", "", "đã nộp báo cáo", longNote]))))
        case 5:
            body = .taskReopened(Reopening(directive: directive, task: task, unit: unit, reason: maybe(pick(["thiếu", ""]))))
        case 6, 7:
            body = .deadlineChanged(DeadlineChange(directive: directive, task: task, unit: maybe(unit),
                                                   due: Due(instant: at.adding(seconds: 86_400), phrase: maybe(pick(["trước ngày 5/1/2022", ""]))),
                                                   reason: "gia hạn"))
        default:
            body = .directiveRevoked(Revocation(directive: directive, reason: "thay thế"))
        }
        return Event(id: "e-\(n)", recordedAt: at, actor: pick(["vanphong", "hanchotd"]), body: body)
    }

    /// `line` changed in one of the ways a person or a broken disk could change it.
    static func perturbed(_ line: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = line
        let at = Int.random(in: 1..<b.count - 1, using: &rng)
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: b.insert(0x20, at: at)                      // a space anywhere
        case 1: b.remove(at: at)                            // a byte gone
        case 2: b[at] = 0xC3                                // a stray UTF-8 lead byte
        case 3: b[at] = 0x01                                // a control character
        case 4: b.append(0x20)                              // trailing space (still valid JSON)
        case 5: b[at] = UInt8(ascii: "\\")                  // an escape (often invalid)
        case 6: b = Array(String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\"v\":1", with: "\"v\":1.0").utf8)
        case 7: b = Array(String(decoding: b, as: UTF8.self).replacingOccurrences(of: ",\"actor\":", with: " , \"actor\" : ").utf8)
        case 8: b = Array(String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\"task\":\"", with: "\"task\":\"\\u0031").utf8)
        default: b = Array(String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\"unit\":\"", with: "\"unit\":null,\"x\":\"").utf8)
        }
        return b
    }

    /// Every value of two views, as comparable text.
    static func fields(_ v: EventView) -> [String] {
        ["\(v.kind)", v.id.string, "\(v.recordedAt)", v.directive.string, v.task.string, v.unit?.string ?? "<nil>",
         v.step.string, "\(v.instant)", v.text?.string ?? "<nil>", "\(v.idHash)", "\(v.keyHash)"]
    }

    @Test("lines written by encode are read by the layout reader, with the generic reader's values")
    func encodedLinesAgree() {
        var rng = SplitMix64(seed: 7)
        var read = 0, viewable = 0
        var dates = Timestamp.DayMemo()  // carried from line to line, as replay does
        for n in 0..<3_000 {
            let event = EventViewLayoutTests.randomEvent(n, &rng)
            let line = Array(EventCodec.encode(event).utf8)
            line.withUnsafeBytes { buf in
                let generic = EventCodec.viewOfAnyLayout(buf)
                let layout = EventCodec.viewOfEncodedLayout(buf, dates: &dates)
                if generic != nil { viewable += 1 }
                if let layout {
                    read += 1
                    #expect(generic.map(EventViewLayoutTests.fields) == EventViewLayoutTests.fields(layout), "\(String(decoding: line, as: UTF8.self))")
                } else if generic != nil {
                    Issue.record("the layout reader left an encoded line to the generic one: \(String(decoding: line, as: UTF8.self))")
                }
            }
        }
        #expect(viewable > 2_000)
        #expect(read == viewable)
        #expect(EventViewLayoutTests.longNote.utf8.count > LineScan.mappedBytes, "some lines are read without a quote map")
    }

    @Test("on changed lines the layout reader answers nil or exactly the generic view", arguments: [1, 2, 3] as [UInt64])
    func perturbedLinesAgree(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var agreed = 0, declined = 0
        var dates = Timestamp.DayMemo()
        for n in 0..<4_000 {
            let line = EventViewLayoutTests.perturbed(Array(EventCodec.encode(EventViewLayoutTests.randomEvent(n, &rng)).utf8), &rng)
            line.withUnsafeBytes { buf in
                guard let layout = EventCodec.viewOfEncodedLayout(buf, dates: &dates) else {
                    declined += 1
                    return
                }
                let generic = EventCodec.viewOfAnyLayout(buf)
                #expect(generic.map(EventViewLayoutTests.fields) == EventViewLayoutTests.fields(layout), "\(String(decoding: line, as: UTF8.self))")
                agreed += 1
            }
        }
        // Both outcomes happen, so both branches were exercised.
        #expect(agreed > 100 && declined > 1_000)
    }

    @Test("a packed view (as read-ahead keeps it) unpacks to the same view; a line too long for it is refused")
    func packedViewsRoundTrip() {
        var rng = SplitMix64(seed: 12)
        var packed = 0
        var dates = Timestamp.DayMemo()
        for n in 0..<2_000 {
            var line = Array(EventCodec.encode(EventViewLayoutTests.randomEvent(n, &rng)).utf8)
            if n % 3 == 0 { line = EventViewLayoutTests.perturbed(line, &rng) }
            line.withUnsafeBytes { buf in
                // Read-ahead packs in one step: a view exactly when the line has one.
                let direct = EventCodec.packedView(buf, dates: &dates)
                guard let view = EventCodec.view(buf) else {
                    #expect(direct == nil)
                    return
                }
                let p = EventView.Packed(view, line: buf)
                #expect(p != nil)
                guard let p, let direct else {
                    Issue.record("no packed view of a line that has a view")
                    return
                }
                packed += 1
                #expect(EventViewLayoutTests.fields(p.view(line: buf)) == EventViewLayoutTests.fields(view))
                #expect(EventViewLayoutTests.fields(direct.view(line: buf)) == EventViewLayoutTests.fields(view))
            }
        }
        #expect(packed > 1_000)
        let note = String(repeating: "đ", count: 40_000)  // 80,000 bytes: past 16-bit offsets
        let long = Event(id: "long", recordedAt: EventViewLayoutTests.t0, actor: "a",
                         body: .taskCompleted(Completion(directive: "D", task: "1", unit: "U", completedAt: EventViewLayoutTests.t0, note: note)))
        Array(EventCodec.encode(long).utf8).withUnsafeBytes { buf in
            let view = EventCodec.view(buf)
            #expect(view != nil)
            #expect(view.flatMap { EventView.Packed($0, line: buf) } == nil)
            var dates = Timestamp.DayMemo()
            #expect(EventCodec.packedView(buf, dates: &dates) == nil)
        }
    }
}
