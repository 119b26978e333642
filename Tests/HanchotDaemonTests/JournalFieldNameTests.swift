import HanchotSystemd
import Testing

@Suite("JournalWriter field names")
struct JournalFieldNameTests {
    @Test("upper-case letters, digits and underscores are accepted", arguments: [
        "MESSAGE", "MESSAGE_ID", "PRIORITY", "HANCHOT_DAYS_LEFT", "A", "X1", "CODE_LINE", String(repeating: "A", count: 64),
    ])
    func validNames(name: String) {
        #expect(JournalWriter.isValidFieldName(name))
    }

    @Test("names journald would drop silently are refused", arguments: [
        "", "message", "Hanchot_Unit", "HANCHOT-UNIT", "_PID", "__CURSOR", "1ST", "HANCHOT UNIT", "HANCHOT=X",
        "HANCHOT\nX", "ĐƠN_VỊ", String(repeating: "A", count: 65),
    ])
    func invalidNames(name: String) {
        #expect(!JournalWriter.isValidFieldName(name))
    }

    @Test("sending a field with an invalid name fails loudly before touching the socket")
    func invalidNameThrows() {
        let writer = JournalWriter(socketPath: "/nonexistent/socket")
        #expect(throws: JournalError.invalidFieldName("lower")) {
            try writer.send([("MESSAGE", "x"), ("lower", "y")])
        }
    }

    @Test("a socket nobody listens on is reported unreachable, not silently dropped")
    func unreachableSocketThrows() {
        let writer = JournalWriter(socketPath: "/nonexistent/hanchot-test/socket")
        #expect(!writer.isReachable())
        #expect(throws: JournalError.unreachable("/nonexistent/hanchot-test/socket")) {
            try writer.send([("MESSAGE", "x")])
        }
    }
}
