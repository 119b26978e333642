@testable import HanchotCore
import Testing

/// Decoding a line in full looks each string's end up in a quote map when the line allows it
/// (valid UTF-8, no backslash, no control byte). These tests hold that path to the byte-by-byte
/// scanner: the same event for a good line, the same error (message, column, field) for a bad one.
@Suite("Full decoding with a quote map agrees with the byte-by-byte scanner")
struct QuoteMapDecodeTests {
    /// Texts without quotes, backslashes or control characters: lines built from them get a map.
    static let plainPieces = ["Đảng ủy", "Thường trực HĐND xã", "ư", "ờ", "e\u{301}", "😀", "中文", " ", "{", "}", "[",
                              "]", ":", ",", "null", "0", "a", "Chi bộ thôn 8", "/", "\u{7F}"]  // (U+2028 is written escaped)

    static func plainText(_ rng: inout SplitMix64) -> String {
        (0..<Int.random(in: 1...5, using: &rng)).map { _ in plainPieces[Int.random(in: 0..<plainPieces.count, using: &rng)] }.joined()
    }

    static func plainEvent(_ rng: inout SplitMix64, _ n: Int) -> Event {
        let at = Instant(secondsSinceEpoch: Int64.random(in: 0...4_000_000_000, using: &rng))
        let body: Event.Body
        if n % 2 == 0 {
            let tasks = (1...Int.random(in: 1...4, using: &rng)).map { i in
                Directive.Task(id: "\(i)", text: plainText(&rng),
                               assignees: (1...Int.random(in: 1...3, using: &rng)).map { "Chi bộ \($0) \(plainText(&rng))" },
                               due: Due(instant: at, phrase: plainText(&rng)))
            }
            body = .directiveIssued(Directive(id: "D\(n)", number: plainText(&rng), issuer: plainText(&rng),
                                              issuedOn: CivilDate(year: 2022, month: 1 + n % 12, day: 1 + n % 28),
                                              title: plainText(&rng), recipients: [plainText(&rng), plainText(&rng)], tasks: tasks))
        } else {
            body = .taskCompleted(Completion(directive: "D\(n)", task: "1", unit: plainText(&rng), completedAt: at, note: plainText(&rng)))
        }
        return Event(id: "e\(n)", recordedAt: at, actor: "lan", body: body)
    }

    /// The decoded event or the error, as the codec answers it with or without a quote map.
    static func answers(_ line: [UInt8]) -> (mapped: Result<Event, CodecError>, reference: Result<Event, CodecError>, tookMap: Bool) {
        line.withUnsafeBytes { bytes in
            let tookMap = LineScan.withQuoteMap(bytes) { _, quotes in quotes != nil }
            let mapped = Result { () throws(CodecError) in try EventCodec.decode(bytes) }
            let reference = Result { () throws(CodecError) in try EventCodec.decode(bytes, scanner: JSONScanner(bytes)) }
            return (mapped, reference, tookMap)
        }
    }

    @Test("good lines: the same event, and the line took the map")
    func goodLines() throws {
        var rng = SplitMix64(seed: 7)
        for n in 0..<300 {
            let event = QuoteMapDecodeTests.plainEvent(&rng, n)
            let line = Array(EventCodec.encode(event).utf8)
            let (mapped, reference, tookMap) = QuoteMapDecodeTests.answers(line)
            #expect(tookMap == LineScanTests.fast, "event \(n)")
            #expect(try mapped.get() == event, "event \(n)")
            #expect(try reference.get() == event, "event \(n)")
        }
    }

    @Test("broken lines: the same error, whether or not the map was taken")
    func brokenLines() {
        var rng = SplitMix64(seed: 8)
        let inserts: [[UInt8]] = ["\"", "{", "}", "[", "]", ",", ":", " ", "\\", "ư"].map { Array($0.utf8) } + [[0x0A], [0xC3], [0x80]]
        var mappedErrors = 0, mappedEvents = 0
        for n in 0..<300 {
            let line = Array(EventCodec.encode(QuoteMapDecodeTests.plainEvent(&rng, n)).utf8)
            for _ in 0..<20 {
                var broken = line
                let at = Int.random(in: 0..<broken.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: broken.remove(at: at)
                case 1: broken.insert(contentsOf: inserts[Int.random(in: 0..<inserts.count, using: &rng)], at: at)
                case 2: broken[at] = UInt8(ascii: "\"")
                default: broken = Array(broken.prefix(at))
                }
                let (mapped, reference, tookMap) = QuoteMapDecodeTests.answers(broken)
                switch (mapped, reference) {
                case (.success(let a), .success(let b)):
                    #expect(a == b, "event \(n): \(String(decoding: broken, as: UTF8.self))")
                    if tookMap { mappedEvents += 1 }
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "event \(n): \(String(decoding: broken, as: UTF8.self))")
                    if tookMap { mappedErrors += 1 }
                default:
                    Issue.record("event \(n): \(mapped) vs \(reference) for \(String(decoding: broken, as: UTF8.self))")
                }
            }
        }
        if LineScanTests.fast {
            #expect(mappedErrors > 1000, "most broken lines took the map and failed")
            #expect(mappedEvents > 50, "some broken lines took the map and still decoded (a space, a byte of a name)")
        }
    }
}
