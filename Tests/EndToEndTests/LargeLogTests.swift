import Foundation
import Testing

/// Past 256 KiB (here: a log over 4 MiB) an append checks its events through the directive index (`<log>.idx`) instead of
/// folding the whole log; the rules and messages must stay the same, and the index is only a cache.
@Suite("Appending to a log larger than the index threshold")
struct LargeLogTests {
    /// About 4.5 MB of directive.issued lines in canonical form, ids `ev-G00001`…, directives `G00001`….
    static func filler(count: Int = 16_000) -> Data {
        var out = Data()
        out.reserveCapacity(count * 300)
        for i in 1...count {
            let n = String(i)
            let id = "G" + String(repeating: "0", count: 5 - n.count) + n
            let line = #"{"v":1,"id":"ev-\#(id)","type":"directive.issued","at":"2021-12-01T02:00:00Z","actor":"import","directive":"\#(id)","number":"\#(id)","title":"Văn bản số \#(n) về việc kiểm tra, đôn đốc thực hiện nhiệm vụ năm 2021","recipients":[],"tasks":[{"id":"1","text":"Báo cáo kết quả thực hiện","assignees":["Xã \#(n)"],"due":"2021-12-30T17:00:00Z"}]}"#
            out.append(Data(line.utf8))
            out.append(0x0A)
        }
        return out
    }

    @Test("a large log gives the same answers through the index, and a missing or broken index changes nothing")
    func indexedAppends() throws {
        let s = try Sandbox()
        let filler = Self.filler()
        try #require(filler.count > 4 << 20)
        try filler.write(to: s.log)
        try s.issueStandard()
        let index = URL(fileURLWithPath: s.log.path + ".idx")
        #expect(FileManager.default.fileExists(atPath: index.path), "the append should have built the index")

        // Unknown directive: refused, with the valid choices from the index.
        var before = s.logData()
        let unknown = try s.run(["done", "NOPE", "1"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown directive \"NOPE\"; valid: \"G00001\", \"G00002\""), "\(unknown)")
        #expect(unknown.stderr.contains("and 15981 more"), "\(unknown)")
        #expect(s.logData() == before)

        // A hand-written event's id, found through the index: nothing written.
        let dup = try s.ok(["done", "D1", "2", "--id", "ev-G00042"])
        #expect(dup.stdout.contains("already in the log; nothing written"), "\(dup)")
        #expect(s.logData() == before)

        // Rules per directive: a completion of a directive in the filler, then the same one again.
        try s.ok(["done", "G00042", "1", "--at", "19/12/2021"])
        before = s.logData()
        let again = try s.ok(["done", "G00042", "1"])
        #expect(again.stdout.contains("Xã 42 already completed task 1 of \"G00042\" at 19/12/2021 00:00"), "\(again)")
        #expect(s.logData() == before)

        // A deleted index is rebuilt; a garbage index is ignored.
        try FileManager.default.removeItem(at: index)
        try s.ok(["done", "D1", "2"])
        let afterTwo = s.logData()
        let redo = try s.ok(["done", "D1", "2"])
        #expect(redo.stdout.contains("U1 already completed task 2"), "\(redo)")
        #expect(s.logData() == afterTwo)
        try Data(repeating: 0xAB, count: 4096).write(to: index)
        let wrongUnit = try s.run(["done", "D1", "1", "--unit", "U9"])
        #expect(wrongUnit.status != 0)
        #expect(wrongUnit.stderr.contains("is not assigned to \"U9\"; valid: \"U1\", \"U2\""), "\(wrongUnit)")
        try s.ok(["done", "D1", "1", "--unit", "U2"])

        let verify = try s.ok(["verify"])
        #expect(verify.stdout.contains("\(16_000 + 4) lines, \(16_000 + 4) valid events, 16001 directives, 0 problems."), "\(verify)")
        #expect(try openRows(s, ["--unit", "U1"]) == ["1/U1"])
    }

    @Test("on a large log too, an append after a whole event that lacks only its newline is checked against that event")
    func wholeEventWithoutNewlineThroughTheIndex() throws {
        let s = try Sandbox()
        try Self.filler().write(to: s.log)
        try s.issueStandard()
        try s.ok(["done", "D1", "1", "--unit", "U1", "--id", "e-last"])
        var data = s.logData()
        #expect(data.last == 0x0A)
        data.removeLast()
        try data.write(to: s.log)
        let r = try s.ok(["done", "D1", "1", "--unit", "U1", "--id", "again"])
        #expect(r.stdout.contains("U1 already completed task 1 of \"D1\""), "\(r)")
        #expect(s.logData() == data)
        let dup = try s.ok(["done", "D1", "2", "--id", "e-last"])
        #expect(dup.stdout.contains("already in the log; nothing written"), "\(dup)")
        #expect(s.logData() == data)
    }
}
