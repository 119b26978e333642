import Foundation
import Testing

/// One bad command: it must exit non-zero, say what is wrong, and leave the log byte for byte as it was.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    /// Commands that must succeed first (after the standard directive is issued and D1/2 is done).
    var setup: [[String]] = []
    /// `{doc}` is replaced by the path of a file holding `document`; `{dir}` by the sandbox directory.
    var args: [String]
    var document: Data?
    var stdin: Data?
    var env: [String: String] = [:]
    /// Substrings that standard error must contain.
    var expected: [String]

    var testDescription: String { name }

    init(_ name: String, setup: [[String]] = [], _ args: [String], document: String? = nil, documentBytes: Data? = nil,
         stdin: Data? = nil, env: [String: String] = [:], expect expected: String...) {
        self.name = name
        self.setup = setup
        self.args = args
        self.document = documentBytes ?? document.map { Data($0.utf8) }
        self.stdin = stdin
        self.env = env
        self.expected = expected
    }
}

/// A directive document with `title` and the first task's extra members spliced in.
private func doc(title: String = "\"T\"", top: String = "", task: String = "") -> String {
    #"{"directive":"D2","number":"2-CV",\#(top)"title":\#(title),"tasks":[{"id":"1","text":"x","assignees":["U1"]\#(task)}]}"#
}

private let tenMegabytes: Data = {
    var d = Data(#"{"directive":"BIG","number":"1","title":""#.utf8)
    d.append(Data(repeating: UInt8(ascii: "a"), count: 10 << 20))
    d.append(Data(#"","tasks":[{"id":"1","text":"x","assignees":["U1"]}]}"#.utf8))
    return d
}()

private let cases: [BadInput] = [
    // Documents
    BadInput("bad JSON syntax in a pretty-printed document names line:column", ["issue", "{doc}"], document: """
        {
          "directive": "D2",
          "number": "2-CV",
          "title": "x",
          "tasks": [
            {"id": "1", "text": "a", "assignees": ["U1"]},
          ]
        }
        """, expect: "doc.json:7:3:", "expected a value, found ']'"),
    BadInput("a document cut short", ["issue", "-"], stdin: Data(#"{"directive":"D2","number":"2","#.utf8),
             expect: "<stdin>:1:", "unexpected end"),
    BadInput("an empty document", ["issue", "-"], stdin: Data(), expect: "<stdin>", "one JSON object"),
    BadInput("unknown event type", ["issue", "{doc}"], document: doc(top: #""type":"task.done","#),
             expect: "field \"type\"", "unknown event type \"task.done\"", "directive.issued"),
    BadInput("a document of another event type", ["issue", "{doc}"],
             document: #"{"type":"task.completed","directive":"D1","task":"1","unit":"U1"}"#,
             expect: "directive.issued events only"),
    BadInput("missing title", ["issue", "{doc}"],
             document: #"{"directive":"D2","number":"2","tasks":[{"id":"1","text":"x","assignees":["U1"]}]}"#,
             expect: "field \"title\": missing required field"),
    BadInput("missing tasks[2].assignees", ["issue", "{doc}"],
             document: #"{"directive":"D2","number":"2","title":"T","tasks":[{"id":"1","text":"x","assignees":["U1"]},{"id":"2","text":"y"}]}"#,
             expect: "field \"tasks[2].assignees\""),
    BadInput("unknown top-level field", ["issue", "{doc}"], document: doc(top: #""priority":1,"#),
             expect: "doc.json:1:", "unknown field \"priority\""),
    BadInput("unknown task field", ["issue", "{doc}"], document: doc(task: #","owner":"U1""#),
             expect: "tasks[1]", "unknown field \"owner\""),
    BadInput("an assignee listed twice", ["issue", "{doc}"],
             document: #"{"directive":"D2","number":"2","title":"T","tasks":[{"id":"1","text":"x","assignees":["U1","U1"]}]}"#,
             expect: "tasks[1].assignees", "appears twice"),
    BadInput("impossible due date 31/02/2022 in a document", ["issue", "{doc}"], document: doc(task: #","due":"31/02/2022""#),
             expect: "field \"tasks[1].due\"", "31/02/2022"),
    BadInput("impossible issue date in a document", ["issue", "{doc}"], document: doc(top: #""issued":"2021-02-30","#),
             expect: "field \"issued\"", "2021-02-30"),
    BadInput("unsupported schema version", ["issue", "{doc}"], document: doc(top: #""v":3,"#),
             expect: "field \"v\"", "unsupported schema version"),
    BadInput("non-UTF-8 bytes in a document", ["issue", "{doc}"],
             documentBytes: Data(doc().utf8).replacing(Data("\"T\"".utf8), with: Data([0x22, 0x54, 0xFF, 0xFE, 0x22])),
             expect: "doc.json:1:", "UTF-8"),
    BadInput("a raw NUL byte in a document", ["issue", "{doc}"],
             documentBytes: Data(doc().utf8).replacing(Data("\"T\"".utf8), with: Data([0x22, 0x54, 0x00, 0x22])),
             expect: "doc.json:1:", "NUL"),
    BadInput("an escaped NUL in a document", ["issue", "{doc}"], document: doc(title: #""T\u0000""#),
             expect: "field \"title\"", "NUL"),
    BadInput("a 10 MB document on standard input", ["issue", "-"], stdin: tenMegabytes,
             expect: "<stdin>: the document is \(tenMegabytes.count) bytes, over the limit of 1048576 bytes"),
    BadInput("a 10 MB document file", ["issue", "{doc}"], documentBytes: tenMegabytes,
             expect: "doc.json: the document is \(tenMegabytes.count) bytes, over the limit"),
    BadInput("a document file that does not exist", ["issue", "{dir}/missing.json"], expect: "missing.json: cannot read the file"),
    BadInput("a document path that cannot be read (a directory)", ["issue", "{dir}"], expect: "cannot read the file"),
    BadInput("a document and flags together", ["issue", "{doc}", "--title", "T"], document: doc(),
             expect: "either a document or flags, not both"),
    BadInput("duplicate directive id from a document", ["issue", "{doc}"],
             document: #"{"directive":"D1","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U1"]}]}"#,
             expect: "directive \"D1\" is already in the log"),
    BadInput("duplicate directive id from flags",
             ["issue", "--id", "D1", "--number", "1", "--title", "T", "--task", "x", "--to", "U1"],
             expect: "directive \"D1\" is already in the log"),
    BadInput("issue flags without a title", ["issue", "--id", "D3", "--number", "3", "--task", "x", "--to", "U1"],
             expect: "--title is required"),
    BadInput("--due given twice for three tasks",
             ["issue", "--id", "D3", "--number", "3", "--title", "T", "--task", "a", "--task", "b", "--task", "c",
              "--to", "U1", "--due", "31/12/2021", "--due", "01/01/2022"],
             expect: "--due is given 2 times for 3 tasks"),
    BadInput("impossible --due 31/02/2022 in issue flags",
             ["issue", "--id", "D3", "--number", "3", "--title", "T", "--task", "x", "--to", "U1", "--due", "31/02/2022"],
             expect: "--due", "31/02/2022"),

    // References that do not exist
    BadInput("unknown directive lists the valid ones", ["done", "NOPE", "1"],
             expect: "unknown directive \"NOPE\"; valid: \"D1\"", "the log is unchanged"),
    BadInput("unknown task lists the valid task ids", ["done", "D1", "9", "--unit", "U1"],
             expect: "directive \"D1\" has no task \"9\"; valid: \"1\", \"2\", \"3\""),
    BadInput("unknown unit lists the valid units", ["done", "D1", "1", "--unit", "U9"],
             expect: "task 1 of \"D1\" is not assigned to \"U9\"; valid: \"U1\", \"U2\""),
    BadInput("a unit is required when the task has several assignees", ["done", "D1", "1"],
             expect: "--unit is required", "\"U1\", \"U2\""),
    BadInput("an empty --unit", ["done", "D1", "1", "--unit", ""], expect: "field \"unit\"", "must not be empty"),
    BadInput("an empty --id", ["done", "D1", "1", "--unit", "U1", "--id", ""], expect: "field \"id\"", "must not be empty"),
    BadInput("extend on an unknown task", ["extend", "D1", "9", "--due", "10/01/2022", "--reason", "r"],
             expect: "has no task \"9\"; valid: \"1\", \"2\", \"3\""),
    BadInput("extend for a unit not assigned", ["extend", "D1", "2", "--unit", "U2", "--due", "10/01/2022", "--reason", "r"],
             expect: "task 2 of \"D1\" is not assigned to \"U2\"; valid: \"U1\""),
    BadInput("status --unit of an unknown unit lists the valid ones", ["status", "--unit", "U9"],
             expect: "no unit \"U9\"; valid: \"U1\", \"U2\""),

    // Dates
    BadInput("impossible --at 31/02/2022", ["done", "D1", "1", "--unit", "U1", "--at", "31/02/2022"],
             expect: "--at: cannot read the deadline \"31/02/2022\": there is no day 31 in month 2 of 2022"),
    BadInput("--at in month 13", ["done", "D1", "1", "--unit", "U1", "--at", "15/13/2021"], expect: "--at", "month 13"),
    BadInput("impossible --due 31/02/2022 in extend", ["extend", "D1", "1", "--due", "31/02/2022", "--reason", "r"],
             expect: "--due: cannot read the deadline \"31/02/2022\""),
    BadInput("--due in month 13 in extend", ["extend", "D1", "1", "--due", "2022-13-01", "--reason", "r"],
             expect: "--due", "month 13"),
    BadInput("a --due time that does not exist", ["extend", "D1", "1", "--due", "10/01/2022 25:00", "--reason", "r"],
             expect: "--due", "there is no time 25:00"),
    BadInput("completion before issuance", ["done", "D1", "1", "--unit", "U1", "--at", "14/12/2021"],
             expect: "is before \"D1\" was issued on 15/12/2021"),
    BadInput("a future --at", ["done", "D1", "1", "--unit", "U1", "--at", "21/12/2021"],
             expect: "--at: the completion time 21/12/2021 00:00 is in the future"),
    BadInput("bad --as-of", ["status", "--as-of", "32/12/2021"], expect: "--as-of", "32/12/2021"),
    BadInput("--as-of that is not a date", ["status", "--as-of", "hôm qua"], expect: "--as-of", "hôm qua"),
    BadInput("bad HANCHOT_NOW", ["done", "D1", "1", "--unit", "U1"], env: ["HANCHOT_NOW": "31/02/2022"],
             expect: "HANCHOT_NOW", "31/02/2022"),

    // Text that is not text, and fields a document may not set (issue 11)
    BadInput("a lone high surrogate in the title", ["issue", "{doc}"], document: doc(title: #""a\ud800b""#),
             expect: "field \"title\"", "lone surrogate"),
    BadInput("a lone low surrogate in a task's text", ["issue", "{doc}"],
             document: #"{"directive":"D2","number":"2","title":"T","tasks":[{"id":"1","text":"x\udc00","assignees":["U1"]}]}"#,
             expect: "field \"tasks[1].text\"", "lone surrogate"),
    BadInput("a surrogate pair in the wrong order", ["issue", "{doc}"], document: doc(title: #""\udc00\ud800""#),
             expect: "field \"title\"", "lone surrogate"),
    BadInput("a forged actor", ["issue", "-"], stdin: Data(doc(top: #""actor":"giamdoc","#).utf8),
             expect: "field \"actor\"", "OS user"),
    BadInput("a forged recording time", ["issue", "-"], stdin: Data(doc(top: #""at":"1970-01-01T00:00:00Z","#).utf8),
             expect: "field \"at\"", "clock"),

    // Corrections that do not apply
    BadInput("empty --reason for revoke", ["revoke", "D1", "--reason", ""], expect: "--reason must not be empty"),
    BadInput("blank --reason for extend", ["extend", "D1", "1", "--due", "10/01/2022", "--reason", "   "],
             expect: "--reason must not be empty"),
    BadInput("reopen of an open task", ["reopen", "D1", "1", "--unit", "U1"], expect: "is open; nothing to reopen"),
    BadInput("revoke twice", setup: [["revoke", "D1", "--reason", "nhầm"]], ["revoke", "D1", "--reason", "lần nữa"],
             expect: "directive \"D1\" has been revoked"),
    BadInput("done on a revoked directive", setup: [["revoke", "D1", "--reason", "nhầm"]], ["done", "D1", "1", "--unit", "U1"],
             expect: "directive \"D1\" has been revoked"),

    // Settings
    BadInput("--lang xx", ["done", "D1", "1", "--unit", "U1", "--lang", "xx"], expect: "unknown language \"xx\""),
    BadInput("HANCHOT_LANG xx", ["status"], env: ["HANCHOT_LANG": "xx"], expect: "unknown language \"xx\""),
    BadInput("a config file with an unknown key", ["done", "D1", "1", "--unit", "U1", "--config", "{doc}"],
             document: "[log]\nrotate = true\n", expect: "[log.rotate]: unknown setting"),
    BadInput("HANCHOT_CONFIG naming a file that does not exist", ["status"], env: ["HANCHOT_CONFIG": "/nonexistent/hanchot.toml"],
             expect: "/nonexistent/hanchot.toml: cannot read the config file"),
]

@Suite("Bad input is refused and leaves the log unchanged")
struct BadInputTests {
    @Test("at least 20 kinds of bad input are covered")
    func enoughCases() {
        #expect(cases.count >= 20)
        #expect(Set(cases.map(\.name)).count == cases.count)
    }

    @Test("bad input: exit status non-zero, stderr names the problem, the log is byte-identical", arguments: cases)
    func refused(_ bad: BadInput) throws {
        let s = try Sandbox()
        try s.issueStandard()
        try s.ok(["done", "D1", "2"])
        for command in bad.setup { try s.ok(command) }
        let docURL = s.dir.appendingPathComponent("doc.json")
        if let document = bad.document { try document.write(to: docURL) }
        let args = bad.args.map {
            $0.replacingOccurrences(of: "{doc}", with: docURL.path).replacingOccurrences(of: "{dir}", with: s.dir.path)
        }
        let before = s.logData()
        let filesBefore = s.fileNames()

        let r = try s.run(args, env: bad.env, stdin: bad.stdin)

        #expect(r.status != 0, "\(r)")
        for text in bad.expected {
            #expect(r.stderr.contains(text), "stderr should contain \(text.debugDescription): \(r)")
        }
        #expect(s.logData() == before, "the log changed")
        #expect(s.fileNames() == filesBefore, "files appeared or vanished beside the log")
    }
}
