import Testing
@testable import HanchotCore

/// Random valid events, from a seed: every string the codec must carry (quotes, backslashes, control
/// characters, line separators, Vietnamese, astral emoji, arbitrary scalars) shows up.
struct RandomEvents {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    private static let pieces: [String] = [
        "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "/", "\\u0041", "\\n",
        "Đảng ủy", "Thường trực HĐND xã", "ư", "ờ", "e\u{301}", "\u{301}", "😀", "👨‍👩‍👧", "🇻🇳", "中文", "\u{FFFD}", "\u{FEFF}",
        "\u{10FFFF}", "\u{E000}", " ", "{", "}", "[", "]", ":", ",", "null", "true", "0",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func scalar() -> Unicode.Scalar {
        while true {
            let v: UInt32
            switch int(0...3) {
            case 0: v = UInt32(int(1...0x7F))
            case 1: v = UInt32(int(0x80...0x7FF))
            case 2: v = UInt32(int(0x800...0xFFFF))
            default: v = UInt32(int(0x10000...0x10FFFF))
            }
            if let s = Unicode.Scalar(v) { return s }  // skips surrogates
        }
    }

    /// Any text without NUL; `nonEmpty` for required fields.
    mutating func text(nonEmpty: Bool = true, maxPieces: Int = 6) -> String {
        var s = ""
        for _ in 0..<int((nonEmpty ? 1 : 0)...maxPieces) {
            if chance(0.5) {
                s += RandomEvents.pieces[int(0...(RandomEvents.pieces.count - 1))]
            } else {
                for _ in 0..<int(1...4) { s.unicodeScalars.append(scalar()) }
            }
        }
        return s
    }

    mutating func optionalText() -> String? { chance(0.4) ? nil : text(nonEmpty: false) }
    mutating func optionalNonEmpty() -> String? { chance(0.4) ? nil : text() }

    /// Any instant the log can write: years 0001 to 9999.
    mutating func instant() -> Instant {
        let lo = day(1, 1, 1).daysSinceEpoch * 86_400
        let hi = day(9999, 12, 31).daysSinceEpoch * 86_400 + 86_399
        return Instant(secondsSinceEpoch: Int64.random(in: lo...hi, using: &rng))
    }

    mutating func distinctTexts(_ count: Int) -> [String] {
        var out: [String] = []
        while out.count < count {
            let t = text()
            if !out.contains(t) { out.append(t) }  // == is canonical equivalence, as the codec checks
        }
        return out
    }

    mutating func directive(id: String) -> Directive {
        let taskIDs = distinctTexts(int(1...4))
        let tasks = taskIDs.map { tid in
            Directive.Task(id: tid, text: text(), assignees: distinctTexts(int(1...3)),
                           due: chance(0.3) ? nil : Due(instant: instant(), phrase: optionalText()))
        }
        return Directive(id: id, number: text(), issuer: chance(0.5) ? "" : text(),
                         issuedOn: chance(0.5) ? nil : CivilDate(daysSinceEpoch: Int64(int(-719_162...2_932_896))),
                         title: text(), recipients: (0..<int(0...3)).map { _ in text() }, tasks: tasks)
    }

    mutating func event() -> Event {
        let directive = text()
        let body: Event.Body
        switch int(0...5) {
        case 0: body = .directiveIssued(self.directive(id: directive))
        case 1: body = .taskCompleted(Completion(directive: directive, task: text(), unit: optionalNonEmpty(),
                                                 completedAt: instant(), note: optionalText()))
        case 2: body = .taskReopened(Reopening(directive: directive, task: text(), unit: optionalNonEmpty(), reason: optionalText()))
        case 3: body = .deadlineChanged(DeadlineChange(directive: directive, task: text(), unit: optionalNonEmpty(),
                                                       due: Due(instant: instant(), phrase: optionalText()), reason: text()))
        case 4: body = .directiveRevoked(Revocation(directive: directive, reason: text()))
        default: body = .reminderSent(ReminderSent(directive: directive, task: text(), unit: text(), step: text(),
                                                   plannedAt: instant(), sentAt: instant()))
        }
        return Event(id: text(), recordedAt: instant(), actor: text(), body: body)
    }
}

@Suite struct EventCodecRoundTripTests {
    @Test(arguments: [UInt64(1), 42, 0xDEAD_BEEF])
    func randomEventsSurviveEncodeThenDecode(seed: UInt64) throws {
        var gen = RandomEvents(seed: seed)
        for n in 0..<1500 {
            let event = gen.event()
            let line = EventCodec.encode(event)
            #expect(!line.utf8.contains(0x0A), "a line must never hold a raw newline (seed \(seed), event \(n))")
            let decoded: Event
            do {
                decoded = try EventCodec.decode(line)
            } catch {
                Issue.record("seed \(seed), event \(n): \(error)\n\(line)")
                continue
            }
            #expect(decoded == event, "seed \(seed), event \(n)")
            // Byte-exact too (String == is canonical equivalence, not byte equality).
            #expect(EventCodec.encode(decoded) == line, "seed \(seed), event \(n)")
            #expect(Array(decoded.id.utf8) == Array(event.id.utf8))
        }
    }

    @Test func everyControlCharacterRoundTripsThroughItsEscape() throws {
        let all = String(String.UnicodeScalarView((1..<0x20).map { Unicode.Scalar($0)! })) + "\u{7F}\u{2028}\u{2029}"
        let event = completeEvent(note: all, id: "ctl")
        let line = EventCodec.encode(event)
        #expect(line.utf8.allSatisfy { $0 >= 0x20 }, "no raw control byte in a line")
        #expect(line.contains(#"\u0001"#) && line.contains(#"\u001f"#) && line.contains(#"\n"#) && line.contains(#"\u2028"#))
        #expect(try EventCodec.decode(line) == event)
    }

    @Test func nonASCIITextIsWrittenAsRawUTF8NotEscapes() {
        let line = EventCodec.encode(completeEvent(note: "Đã gửi 😀", id: "x"))
        #expect(line.contains("Đã gửi 😀"))
        #expect(!line.contains(#"\u"#))
    }
}

@Suite struct NamePoolDecodeTests {
    @Test("decoding with a shared name pool answers exactly what decoding without one does")
    func sharedPoolChangesNothing() throws {
        var gen = RandomEvents(seed: 77)
        let names = NamePool()
        var lines: [[UInt8]] = []
        for _ in 0..<1500 { lines.append(Array(EventCodec.encode(gen.event()).utf8)) }
        // Random names are mostly escaped (and so never pooled); these are all plain.
        var rng = SplitMix64(seed: 78)
        for n in 0..<300 { lines.append(Array(EventCodec.encode(QuoteMapDecodeTests.plainEvent(&rng, n)).utf8)) }
        // Each line twice: the second time, its names come from the pool.
        for (n, line) in (lines + lines).enumerated() {
            let pooled = try line.withUnsafeBytes { try EventCodec.decode($0, names: names) }
            let plain = try line.withUnsafeBytes { try EventCodec.decode($0) }
            #expect(pooled == plain, "line \(n)")
            #expect(EventCodec.encode(pooled) == EventCodec.encode(plain), "line \(n): byte-exact too")
        }
        #expect(names.count > 100, "directive lines put their names in the pool")
    }
}
