import Testing
@testable import HanchotCore

/// A valid `task.completed` line with `extra` spliced in before the closing brace.
private func completion(_ extra: String = "") -> String {
    #"{"v":1,"id":"e","type":"task.completed","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1""# + extra + "}"
}

/// A valid `directive.issued` line whose single task object is `task`.
private func issued(task: String = #"{"id":"1","text":"x","assignees":["U"]}"#, extra: String = "") -> String {
    #"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","title":"T","tasks":["#
        + task + "]" + extra + "}"
}

/// The bytes of `prefix`, then raw `bytes`, then `suffix`.
private func spliced(_ prefix: String, _ bytes: [UInt8], _ suffix: String) -> [UInt8] {
    Array(prefix.utf8) + bytes + Array(suffix.utf8)
}

@Suite struct EventCodecStrictnessTests {
    @Test func theBaseLinesUsedHereAreValid() throws {
        _ = try EventCodec.decode(completion())
        _ = try EventCodec.decode(issued())
    }

    // MARK: fields

    @Test func unknownFieldIsRejectedWithItsNameAndColumn() throws {
        let line = completion(#","colour":"red""#)
        let error = try #require(decodeError(line))
        #expect(error.message.contains(#"unknown field "colour""#))
        #expect(error.column == column(of: #""colour""#, in: line))
    }

    @Test func fieldOfAnotherEventTypeIsRejectedNamingTheField() throws {
        let error = try #require(decodeError(completion(#","reason":"r""#)))
        #expect(error.field == "reason")
        #expect(error.message.contains("task.completed"))
    }

    @Test func duplicateFieldIsRejectedWithFieldAndColumnOfTheSecondCopy() throws {
        let line = completion(#","task":"2""#)
        let error = try #require(decodeError(line))
        #expect(error.field == "task")
        #expect(error.message.contains("twice"))
        #expect(error.column == column(of: #""task":"2""#, in: line))
    }

    @Test func duplicateFieldWithTheSameValueIsStillRejected() throws {
        let error = try #require(decodeError(completion(#","task":"1""#)))
        #expect(error.field == "task")
    }

    @Test func escapedSpellingOfAKnownKeyIsNotThatKey() throws {
        // "\u0074ask" spells "task", but keys are compared as written.
        let error = try #require(decodeError(completion(#","\u0074ask":"1""#)))
        #expect(error.message.contains("unknown field"))
        #expect(error.column != nil)
    }

    @Test(arguments: [
        (#","note":5"#, "note"),
        (#","unit":["U"]"#, "unit"),
        (#","completed":true"#, "completed"),
        (#","completed":"yesterday""#, "completed"),
        (#","completed":"2022-01-01""#, "completed"),
    ])
    func wrongTypeIsRejectedNamingTheField(_ extra: String, _ field: String) throws {
        let error = try #require(decodeError(completion(extra)))
        #expect(error.field == field)
    }

    @Test(arguments: [
        (#"{"v":1,"id":5,"type":"task.reopened","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1"}"#, "id"),
        (#"{"v":1,"id":"e","type":7,"at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1"}"#, "type"),
        (#"{"v":1,"id":"e","type":"task.reopened","at":1640995200,"actor":"a","directive":"D","task":"1"}"#, "at"),
        (#"{"v":1,"id":"e","type":"task.reopened","at":"2022-01-01T00:00:00Z","actor":null,"directive":"D","task":"1"}"#, "actor"),
        (#"{"v":1,"id":"e","type":"task.reopened","at":"2022-01-01T00:00:00Z","actor":"a","directive":{},"task":"1"}"#, "directive"),
        (#"{"v":"1","id":"e","type":"task.reopened","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1"}"#, "v"),
        (#"{"v":1.0,"id":"e","type":"task.reopened","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1"}"#, "v"),
        (#"{"v":true,"id":"e","type":"task.reopened","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1"}"#, "v"),
    ])
    func wrongTypeInTheEnvelopeIsRejectedNamingTheField(_ line: String, _ field: String) throws {
        let error = try #require(decodeError(line))
        #expect(error.field == field)
    }

    @Test(arguments: [
        (issued(extra: #","recipients":"UBND""#), "recipients"),
        (issued(extra: #","recipients":["UBND",3]"#), "recipients"),
        (issued(extra: #","recipients":[""]"#), "recipients"),
        (issued(extra: #","issued":"2021-02-30""#), "issued"),
        (issued(extra: #","issued":"15/12/2021""#), "issued"),
        (issued(task: #"{"id":"1","text":"x","assignees":"U"}"#), "tasks[1].assignees"),
        (issued(task: #"{"id":"1","text":"x","assignees":["U",1]}"#), "tasks[1].assignees"),
        (issued(task: #"{"id":"1","text":"x","assignees":[]}"#), "tasks[1].assignees"),
        (issued(task: #"{"id":"1","text":"x","assignees":["U","U"]}"#), "tasks[1].assignees"),
        (issued(task: #"{"id":1,"text":"x","assignees":["U"]}"#), "tasks[1].id"),
        (issued(task: #"{"id":"1","text":"x","assignees":["U"],"due":"31/12/2021"}"#), "tasks[1].due"),
        (issued(task: #"{"id":"1","text":"x","assignees":["U"],"duePhrase":"trước ngày 31/12"}"#), "tasks[1].due"),
        (issued(task: #"{"id":"1","text":"x","assignees":["U"],"owner":"me"}"#), "tasks[1]"),
        (issued(task: #""1""#), "tasks[1]"),
        (issued(task: #"{"id":"1","text":"x","assignees":["U"]},{"id":"1","text":"y","assignees":["U"]}"#), "tasks[2].id"),
        (issued(task: ""), "tasks"),
    ])
    func malformedDirectiveBodyIsRejectedNamingTheField(_ line: String, _ field: String) throws {
        let error = try #require(decodeError(line))
        #expect(error.field == field, "\(error)")
    }

    @Test func tasksThatIsNotAnArrayIsRejected() throws {
        let line = #"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","title":"T","tasks":{}}"#
        #expect(try #require(decodeError(line)).field == "tasks")
    }

    @Test func repeatedKeyInsideATaskObjectIsRejected() throws {
        let error = try #require(decodeError(issued(task: #"{"id":"1","id":"2","text":"x","assignees":["U"]}"#)))
        #expect(error.field == "tasks[1].id")
        #expect(error.message.contains("twice"))
    }

    @Test func escapedTimestampInATaskDueIsRejectedLikeAnyTimestamp() throws {
        // docs/events.md §2: a timestamp must not contain JSON escapes (top-level ones are refused too).
        let top = try #require(decodeError(completion(#","completed":"2022-01-01T00:00:00\u005A""#)))
        #expect(top.field == "completed")
        let task = try #require(decodeError(issued(task: #"{"id":"1","text":"x","assignees":["U"],"due":"2022-01-01T00:00:00\u005A"}"#)))
        #expect(task.field == "tasks[1].due")
    }

    @Test(arguments: ["v", "id", "type", "at", "actor", "directive", "task"])
    func missingRequiredFieldIsRejectedNamingIt(_ field: String) throws {
        var members = [#""v":1"#, #""id":"e""#, #""type":"task.reopened""#, #""at":"2022-01-01T00:00:00Z""#,
                       #""actor":"a""#, #""directive":"D""#, #""task":"1""#]
        members.removeAll { $0.hasPrefix("\"\(field)\":") }
        let error = try #require(decodeError("{" + members.joined(separator: ",") + "}"))
        #expect(error.field == field)
        #expect(error.message.contains("missing"))
    }

    @Test(arguments: [
        (#"{"v":1,"id":"e","type":"deadline.changed","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1","due":"2022-02-01T00:00:00Z"}"#, "reason"),
        (#"{"v":1,"id":"e","type":"deadline.changed","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1","reason":"r"}"#, "due"),
        (#"{"v":1,"id":"e","type":"directive.revoked","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D"}"#, "reason"),
        (#"{"v":1,"id":"e","type":"reminder.sent","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1","step":"due","planned":"2022-01-01T00:00:00Z","sent":"2022-01-01T00:00:00Z"}"#, "unit"),
        (#"{"v":1,"id":"e","type":"reminder.sent","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1","unit":"U","step":"due","sent":"2022-01-01T00:00:00Z"}"#, "planned"),
        (#"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"]}]}"#, "number"),
        (#"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","tasks":[{"id":"1","text":"x","assignees":["U"]}]}"#, "title"),
        (#"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","title":"T"}"#, "tasks"),
        (#"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","title":"T","tasks":[{"text":"x","assignees":["U"]}]}"#, "tasks[1].id"),
        (#"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","title":"T","tasks":[{"id":"1","assignees":["U"]}]}"#, "tasks[1].text"),
        (#"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x"}]}"#, "tasks[1].assignees"),
    ])
    func missingTypeSpecificFieldIsRejectedNamingIt(_ line: String, _ field: String) throws {
        let error = try #require(decodeError(line))
        #expect(error.field == field, "\(error)")
    }

    @Test(arguments: ["id", "actor", "directive", "task"])
    func emptyRequiredStringIsRejected(_ field: String) throws {
        var members = [#""v":1"#, #""id":"e""#, #""type":"task.reopened""#, #""at":"2022-01-01T00:00:00Z""#,
                       #""actor":"a""#, #""directive":"D""#, #""task":"1""#]
        members = members.map { $0.hasPrefix("\"\(field)\":") ? "\"\(field)\":\"\"" : $0 }
        let error = try #require(decodeError("{" + members.joined(separator: ",") + "}"))
        #expect(error.field == field)
        #expect(error.message.contains("empty"))
    }

    @Test func emptyOptionalUnitIsRejectedRatherThanTreatedAsAbsent() throws {
        let error = try #require(decodeError(completion(#","unit":"""#)))
        #expect(error.field == "unit")
    }

    // MARK: schema version and type

    @Test(arguments: ["3", "0", "-1", "10", "1e0", "01", "2.0"])
    func schemaVersionOtherThanOneOrTwoIsRejected(_ v: String) throws {
        let line = #"{"v":"# + v + #","id":"e","type":"task.reopened","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1"}"#
        let error = try #require(decodeError(line))
        #expect(error.field == "v" || error.column != nil)
        if v == "3" {
            #expect(error.field == "v")
            #expect(error.message.contains("unsupported schema version"))
        }
    }

    @Test func unknownTypeIsRejectedListingTheKnownTypes() throws {
        let line = #"{"v":1,"id":"e","type":"task.deleted","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D"}"#
        let error = try #require(decodeError(line))
        #expect(error.field == "type")
        #expect(error.message.contains("task.deleted"))
        for type in EventType.allCases { #expect(error.message.contains(type.rawValue)) }
    }

    // MARK: strings and escapes

    @Test func escapesAreDecoded() throws {
        let line = completion(#","note":"a\nb\"c\\d\/e\u00e9\ud83d\ude00\t\r\b\f""#)
        guard case .taskCompleted(let c) = try EventCodec.decode(line).body else { Issue.record("wrong body"); return }
        #expect(c.note == "a\nb\"c\\d/eé😀\t\r\u{08}\u{0C}")
    }

    @Test func uppercaseHexEscapesAreDecoded() throws {
        guard case .taskCompleted(let c) = try EventCodec.decode(completion(#","note":"\u00C9\uD83D\uDE00""#)).body else { return }
        #expect(c.note == "É😀")
    }

    @Test func loneSurrogateEscapeIsRefusedNamingTheField() throws {
        // A lone \ud800 spells no character (docs/events.md §1): refused, as invalid UTF-8 is,
        // never stored as U+FFFD. hanchot never wrote one: it writes non-ASCII text as UTF-8.
        #expect(decodeError(completion(#","note":"x\ud800y\udc00""#))?.field == "note")
    }

    @Test(arguments: [#"\x"#, #"\u12G4"#, #"\u12"#, #"\'"#, #"\U0041"#])
    func invalidEscapeIsRejectedWithAColumn(_ escape: String) throws {
        let line = completion(#","note":"ab"# + escape + #"zzzz""#)
        let error = try #require(decodeError(line))
        #expect(error.column != nil)
        #expect(error.column! >= column(of: escape, in: line)!)
    }

    @Test(arguments: [UInt8(0x01), 0x09, 0x0A, 0x0D, 0x1F])
    func rawControlCharacterInAStringIsRejectedAtItsColumn(_ byte: UInt8) throws {
        let prefix = completion(#","note":"ab"#).dropLast()
        let bytes = spliced(String(prefix), [byte], #"cd"}"#)
        let error = try #require(decodeError(bytes))
        #expect(error.column == prefix.utf8.count + 1)
        #expect(error.message.contains("control character"))
    }

    @Test func rawNulInAStringIsRejectedAtItsColumn() throws {
        let prefix = String(completion(#","note":"ab"#).dropLast())
        let error = try #require(decodeError(spliced(prefix, [0], #"cd"}"#)))
        #expect(error.column == prefix.utf8.count + 1)
        #expect(error.message.contains("NUL"))
    }

    @Test func escapedNulIsRejectedNamingTheField() throws {
        let error = try #require(decodeError(completion(#","note":"a\u0000b""#)))
        #expect(error.field == "note")
        #expect(error.message.contains("NUL"))
    }

    @Test(arguments: [
        issued(task: #"{"id":"1","text":"a\u0000","assignees":["U"]}"#),
        issued(task: #"{"id":"1","text":"a","assignees":["U\u0000"]}"#),
        issued(extra: #","recipients":["\u0000"]"#),
        issued(extra: #","issuer":"\u0000""#),
    ])
    func escapedNulIsRejectedInsideDirectivesToo(_ line: String) throws {
        let error = try #require(decodeError(line))
        #expect(error.field != nil)
    }

    @Test func validMultiByteUTF8IsAccepted() throws {
        // 2-, 3- and 4-byte sequences at their range edges: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF.
        let note = "\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}"
        guard case .taskCompleted(let c) = try EventCodec.decode(completion(#","note":""# + note + "\"")).body else { return }
        #expect(c.note == note)
    }

    @Test(arguments: [
        ([UInt8(0xC0), 0x80], "overlong 2-byte NUL"),
        ([0xC1, 0xBF], "overlong 2-byte"),
        ([0x80], "lone continuation byte"),
        ([0xBF], "lone continuation byte"),
        ([0xED, 0xA0, 0x80], "UTF-8 encoded surrogate U+D800"),
        ([0xED, 0xBF, 0xBF], "UTF-8 encoded surrogate U+DFFF"),
        ([0xE0, 0x80, 0x80], "overlong 3-byte"),
        ([0xF0, 0x80, 0x80, 0x80], "overlong 4-byte"),
        ([0xF4, 0x90, 0x80, 0x80], "above U+10FFFF"),
        ([0xF5, 0x80, 0x80, 0x80], "invalid lead byte"),
        ([0xFF], "invalid byte"),
        ([0xE1, 0x80], "sequence cut short by the closing quote"),
        ([0xC3, 0x41], "continuation byte missing"),
    ] as [([UInt8], String)])
    func invalidUTF8InAStringIsRejectedAtItsColumn(_ bad: [UInt8], _ what: String) throws {
        let prefix = String(completion(#","note":"ab"#).dropLast())
        let error = try #require(decodeError(spliced(prefix, bad, #"cd"}"#)), "\(what)")
        #expect(error.column == prefix.utf8.count + 1, "\(what): \(error)")
        #expect(error.message.contains("UTF-8"), "\(what): \(error)")
    }

    @Test func truncatedUTF8SequenceAtTheEndOfTheLineIsRejected() throws {
        let prefix = String(completion(#","note":"ab"#).dropLast())
        for bad: [UInt8] in [[0xC3], [0xE1, 0x80], [0xF0, 0x9F, 0x98]] {
            let error = try #require(decodeError(spliced(prefix, bad, "")))
            #expect(error.column == prefix.utf8.count + 1)
            #expect(error.message.contains("truncated"), "\(error)")
        }
    }

    @Test func invalidUTF8OutsideStringsIsRejectedWithAColumn() throws {
        let line = spliced("{\"v\":1,", [0xC3, 0xA9], "}")
        let error = try #require(decodeError(line))
        #expect(error.column == 8)
    }

    // MARK: line shape

    @Test func lineOverTheLimitIsRejectedWithoutScanning() throws {
        let filler = String(repeating: "x", count: EventCodec.maxLineBytes)
        let error = try #require(decodeError(completion(#","note":""# + filler + "\"")))
        #expect(error.message.contains("over the limit"))
    }

    @Test func lineExactlyAtTheLimitIsAccepted() throws {
        let skeleton = completion(#","note":"""#)
        let filler = String(repeating: "é", count: (EventCodec.maxLineBytes - skeleton.utf8.count) / 2)
            + String(repeating: "x", count: (EventCodec.maxLineBytes - skeleton.utf8.count) % 2)
        let line = completion(#","note":""# + filler + "\"")
        #expect(line.utf8.count == EventCodec.maxLineBytes)
        guard case .taskCompleted(let c) = try EventCodec.decode(line).body else { return }
        #expect(c.note == filler)
    }

    @Test(arguments: [" x", "}", "{}", ",", " \"a\"", "\u{0B}"])
    func trailingGarbageIsRejectedAtItsColumn(_ garbage: String) throws {
        let base = completion()
        let error = try #require(decodeError(base + garbage))
        #expect(error.column != nil)
        #expect(error.column! > base.utf8.count)
    }

    @Test func whitespaceBetweenTokensAndAroundTheObjectIsTolerated() throws {
        let spaced = " \t{ \"v\" : 1 ,\t\"id\":\"r\" , \"type\" :\"task.reopened\",\"at\": \"2022-01-01T00:00:00Z\" ,\n\"actor\":\"a\",\r\n\"directive\":\"D\",\"task\":\"1\" } \t\r"
        #expect(try EventCodec.decode(spaced) == Golden.reopenedMinimalEvent)
    }

    @Test func aCRLFLineEndingIsToleratedAsTrailingWhitespace() throws {
        #expect(try EventCodec.decode(Golden.reopenedMinimal + "\r") == Golden.reopenedMinimalEvent)
    }

    @Test(arguments: ["", " ", "\t\r"])
    func emptyLineIsRejected(_ line: String) throws {
        #expect(try #require(decodeError(line)).message == "empty line")
    }

    @Test(arguments: [
        "[1]", "\"event\"", "1", "null", "{", "{\"v\"", "{\"v\":}", "{\"v\":1,}", "{\"v\" 1}", "{\"v\":1 \"id\":\"e\"}",
        "{v:1}", "{'v':1}", "{\"v\":01}", "{\"v\":-}", "{\"v\":1.}", "{\"v\":1e}", "{\"v\":tru}", "{\"v\":nul}",
        "{\"v\":[1,]}", "{\"v\":[1 2]}", "{\"note\":\"unterminated}", "{\"v\":1}}", "{\"v\":+1}", "{\"v\":.5}",
    ])
    func jsonSyntaxErrorsCarryAColumn(_ line: String) throws {
        let error = try #require(decodeError(line))
        #expect(error.column != nil, "\(line): \(error)")
        #expect(error.column! >= 1 && error.column! <= line.utf8.count + 1)
    }

    @Test func nestingDeeperThanTheLimitIsRejected() throws {
        let depth = JSONScanner.maxDepth + 2
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = try #require(decodeError(completion(#","note":"# + deep)))
        #expect(error.message.contains("nested"))
        #expect(error.column != nil)
    }

    @Test func errorDescriptionsNameTheFieldAndColumn() {
        #expect(CodecError("bad", column: 7, field: "at").description == #"field "at", column 7: bad"#)
        #expect(CodecError("bad", column: 7).description == "column 7: bad")
        #expect(CodecError("bad").description == "bad")
    }
}
