@testable import HanchotCore
import Testing

@Suite("EventCodec: surrogate escapes")
struct EventCodecSurrogateTests {
    /// A directive line with `title` and the first task's text as given (raw JSON string contents).
    func line(title: String = "T", text: String = "x") -> String {
        #"{"v":1,"id":"e1","type":"directive.issued","at":"2021-12-16T01:30:00Z","actor":"vanphong","directive":"D","number":"1","title":"\#(title)","recipients":[],"tasks":[{"id":"1","text":"\#(text)","assignees":["U"]}]}"#
    }

    @Test("a lone surrogate escape is refused with the field named, never stored as U+FFFD",
          arguments: [
              (#"a\ud800b"#, "title"), (#"a\uDBFF"#, "title"), (#"\udc00"#, "title"), (#"\udc00\ud800"#, "title"),
              (#"\ud800\u0041"#, "title"), (#"\ud800\ud800"#, "title"),
          ])
    func loneSurrogateInTitle(_ escaped: String, _ field: String) {
        #expect(throws: CodecError.self) { try EventCodec.decode(line(title: escaped)) }
        do {
            _ = try EventCodec.decode(line(title: escaped))
        } catch {
            #expect(error.field == field, "\(error)")
            #expect(error.message.contains("lone surrogate"), "\(error)")
            #expect(error.column != nil)
        }
    }

    @Test("in a task's text, the field path names the task")
    func loneSurrogateInTask() {
        do {
            _ = try EventCodec.decode(line(text: #"ok \udfff"#))
            Issue.record("a lone low surrogate was accepted")
        } catch {
            #expect(error.field == "tasks[1].text", "\(error)")
        }
    }

    @Test("a surrogate pair spells its character, as JSON says")
    func pairDecodes() throws {
        let event = try EventCodec.decode(line(title: #"\ud83d\ude00 \uD834\uDD1E"#))
        guard case .directiveIssued(let d) = event.body else { Issue.record("not a directive"); return }
        #expect(d.title == "😀 𝄞")
        #expect(!d.title.unicodeScalars.contains("\u{FFFD}"))
    }
}
