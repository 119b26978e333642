@testable import HanchotCore
import Testing

@Suite("Terminal: text for people's terminals")
struct TerminalTests {
    @Test("control sequences, CR, newlines and bidi overrides are shown as escapes, never passed through",
          arguments: [
              ("clear \u{1B}[2J screen", "clear \\x1B[2J screen"),
              ("title \u{1B}]0;owned\u{07}", "title \\x1B]0;owned\\x07"),
              ("a\rb", "a\\rb"),
              ("line\nforged", "line\\nforged"),
              ("tab\there", "tab\\there"),
              ("csi \u{9B}2J", "csi \\x9B2J"),
              ("del\u{7F}", "del\\x7F"),
              ("rtl \u{202E}txet", "rtl \\u202Etxet"),
              ("isolate \u{2067}x\u{2069}", "isolate \\u2067x\\u2069"),
              ("sep\u{2028}x", "sep\\u2028x"),
              ("nul\u{0}", "nul\\x00"),
          ])
    func escapes(_ input: String, _ shown: String) {
        let out = Terminal.visible(input)
        #expect(out == shown)
        #expect(!out.unicodeScalars.contains(where: Terminal.needsEscape))
    }

    @Test("Vietnamese text, decomposed marks and ordinary punctuation are unchanged")
    func plainTextUnchanged() {
        for text in ["Đã ghi văn bản 22-CV/ĐU: Tổng kết công tác năm 2021", "Thu\u{301}y", "a \\ b \"c\" — …", ""] {
            #expect(Terminal.visible(text) == text)
        }
    }
}
