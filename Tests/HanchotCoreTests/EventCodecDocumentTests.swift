import Testing
@testable import HanchotCore

private let envelope = EventCodec.Envelope(id: "import-1", type: .directiveIssued,
                                           recordedAt: utc("2022-01-05T02:00:00Z"), actor: "vanphong")

private func document(_ text: String, envelope: EventCodec.Envelope = envelope, zone: Zone = .vietnam) throws(CodecError) -> Event {
    try EventCodec.decodeDocument(Array(text.utf8), envelope: envelope, zone: zone)
}

@Suite struct EventCodecDocumentTests {
    @Test func missingEnvelopeFieldsAreFilledFromTheEnvelope() throws {
        let event = try document("""
        {
          "directive": "TB-GB-01-2022",
          "number": "TB-GB/01",
          "title": "Thông báo giao ban",
          "tasks": [
            {"id": "1", "text": "Báo cáo", "assignees": ["MTTQ phường"], "due": "2022-01-24T17:00:00Z"}
          ]
        }
        """)
        #expect(event.schema == 1)
        #expect(event.id == "import-1")
        #expect(event.type == .directiveIssued)
        #expect(event.recordedAt == utc("2022-01-05T02:00:00Z"))
        #expect(event.actor == "vanphong")
        guard case .directiveIssued(let d) = event.body else { Issue.record("wrong body"); return }
        #expect(d.id == "TB-GB-01-2022")
        #expect(d.tasks[0].due == Due(instant: utc("2022-01-24T17:00:00Z")))
    }

    @Test func idAndTypeGivenInTheDocumentWin() throws {
        let event = try document("""
        {"v":1,"id":"given","type":"task.completed","directive":"D","task":"1"}
        """)
        #expect(event.id == "given")
        #expect(event.type == .taskCompleted)
        #expect(event.recordedAt == utc("2022-01-05T02:00:00Z"))
        #expect(event.actor == "vanphong")
    }

    /// The recording time and the actor come from the appender (clock, OS user), never from the
    /// document: a document cannot backdate an event or sign it in someone else's name.
    @Test(arguments: [(#""at":"1970-01-01T00:00:00Z","#, "at"), (#""actor":"giamdoc","#, "actor")])
    func atAndActorInADocumentAreRefused(_ member: String, _ field: String) {
        let text = #"{"# + member + #""directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"]}]}"#
        do {
            let event = try document(text)
            Issue.record("accepted, recorded at \(event.recordedAt) by \(event.actor)")
        } catch {
            #expect(error.field == field, "\(error)")
        }
    }

    @Test func nullEnvelopeFieldsAreFilledToo() throws {
        // `null` means absent (docs/events.md §1), so a null actor is not a forged one.
        let event = try document(#"{"id":null,"actor":null,"at":null,"directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"]}]}"#)
        #expect(event.id == "import-1")
        #expect(event.actor == "vanphong")
    }

    @Test func aDayMonthYearDueIsReadAsTheEndOfThatDayInTheZone() throws {
        let event = try document(#"{"directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"],"due":"31/12/2021"}]}"#)
        guard case .directiveIssued(let d) = event.body else { Issue.record("wrong body"); return }
        // End of 31/12/2021 in Vietnam = 2022-01-01 00:00 +07 = 2021-12-31T17:00:00Z; the words are kept.
        #expect(d.tasks[0].due == Due(instant: utc("2021-12-31T17:00:00Z"), phrase: "31/12/2021"))
    }

    @Test func aDueDateIsReadInTheGivenZone() throws {
        let event = try document(#"{"directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"],"due":"31/12/2021"}]}"#,
                                 zone: .utc)
        guard case .directiveIssued(let d) = event.body else { return }
        #expect(d.tasks[0].due?.instant == utc("2022-01-01T00:00:00Z"))
    }

    @Test func anExplicitDuePhraseIsKeptOverTheDateText() throws {
        for order in [#""due":"31/12/2021","duePhrase":"xong trong năm 2021""#, #""duePhrase":"xong trong năm 2021","due":"31/12/2021""#] {
            let event = try document(#"{"directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"],"# + order + "}]}")
            guard case .directiveIssued(let d) = event.body else { return }
            #expect(d.tasks[0].due == Due(instant: utc("2021-12-31T17:00:00Z"), phrase: "xong trong năm 2021"))
        }
    }

    @Test func aDueDateWithATimeIsReadInTheZone() throws {
        let event = try document(#"{"directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"],"due":"31/12/2021 17:00"}]}"#)
        guard case .directiveIssued(let d) = event.body else { return }
        #expect(d.tasks[0].due?.instant == utc("2021-12-31T10:00:00Z"))
    }

    @Test func anImpossibleDueDateInADocumentNamesTheTask() throws {
        do {
            _ = try document(#"{"directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"],"due":"31/02/2022"}]}"#)
            Issue.record("accepted 31/02/2022")
        } catch {
            #expect(error.field == "tasks[1].due")
            #expect(error.message.contains("31/02/2022"))
        }
    }

    @Test func documentsAreStillStrict() throws {
        for (text, field) in [
            (#"{"v":3,"directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"]}]}"#, "v"),
            (#"{"directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"]}],"extra":1}"#, nil),
            (#"{"number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"]}]}"#, "directive"),
            (#"{"type":"task.done","directive":"D"}"#, "type"),
        ] as [(String, String?)] {
            do {
                _ = try document(text)
                Issue.record("accepted \(text)")
            } catch {
                if let field { #expect(error.field == field, "\(error)") } else { #expect(error.column != nil, "\(error)") }
            }
        }
    }

    @Test(arguments: ["", "   ", "[]", "\"x\"", "{} x", "{\"directive\":"])
    func somethingOtherThanOneObjectIsRejectedWithAColumn(_ text: String) throws {
        do {
            _ = try document(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.column != nil, "\(error)")
        }
    }

    @Test func aLineDoesNotAcceptDateDueThatADocumentAccepts() {
        let line = #"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"],"due":"31/12/2021"}]}"#
        #expect(decodeError(line)?.field == "tasks[1].due")
        let doc = line.replacingOccurrences(of: #""at":"2022-01-01T00:00:00Z","actor":"a","#, with: "")
        #expect((try? EventCodec.decodeDocument(Array(doc.utf8), envelope: envelope, zone: .vietnam)) != nil)
    }
}
