import Testing
@testable import HanchotCore

// MARK: - Golden lines (docs/events.md §9, events/sample.jsonl)

enum Golden {
    static let issued = #"{"v":1,"id":"ev-0002","type":"directive.issued","at":"2021-12-16T01:30:00Z","actor":"vanphong","directive":"22-CV/ĐU-2021","number":"22-CV/ĐU","issuer":"Ban Thường vụ Đảng ủy xã Bắc Sơn","issued":"2021-12-15","title":"Về việc chỉ đạo tổ chức hội nghị tổng kết công tác năm 2021","recipients":["Thường trực HĐND xã","Thường trực UBND xã","UBMTTQ và các Đoàn thể chính trị - xã hội xã","Các chi bộ trực thuộc"],"tasks":[{"id":"1","text":"Tổng kết thực hiện nhiệm vụ năm 2021: đánh giá kết quả các mục tiêu, nhiệm vụ năm 2021 gắn với chỉ tiêu Nghị quyết số 08-NQ/ĐU, đề ra phương hướng, nhiệm vụ, giải pháp năm 2022 (HĐND xã tổ chức kỳ họp thường lệ cuối năm 2021); tổ chức trong nội bộ, không phô trương hình thức, chấp hành nghiêm các biện pháp phòng, chống dịch Covid-19.","assignees":["Thường trực HĐND xã","Thường trực UBND xã","UBMTTQ và các đoàn thể xã","Các chi bộ trực thuộc"],"due":"2021-12-30T17:00:00Z","duePhrase":"xong trước ngày 31/12/2021"},{"id":"2","text":"Chỉ đạo tăng cường tuyên truyền, vận động Nhân dân chấp hành các quy định phòng, chống dịch Covid-19 trong dịp cuối năm (Lễ giáng sinh, Tết dương lịch); thường xuyên kiểm tra, giám sát, kịp thời chấn chỉnh, xử lý nghiêm các vi phạm.","assignees":["Thường trực UBND xã"]}]}"#
    static let completed = #"{"v":1,"id":"ev-0007","type":"task.completed","at":"2022-01-03T02:00:00Z","actor":"vanphong","directive":"22-CV/ĐU-2021","task":"1","unit":"Các chi bộ trực thuộc","completed":"2021-12-31T07:00:00Z","note":"Các chi bộ tổng kết chiều 31/12/2021, sau hạn"}"#
    static let reopened = #"{"v":1,"id":"ev-0009","type":"task.reopened","at":"2022-01-04T02:00:00Z","actor":"vanphong","directive":"22-CV/ĐU-2021","task":"1","unit":"Thường trực UBND xã","reason":"Báo cáo tổng kết còn thiếu phần phương hướng, nhiệm vụ năm 2022; trả lại để bổ sung"}"#
    static let changed = #"{"v":1,"id":"ev-0011","type":"deadline.changed","at":"2022-01-07T02:00:00Z","actor":"vanphong","directive":"TB-GB-01-2022","task":"III.1","unit":"Các đoàn thể phường","due":"2022-01-24T17:00:00Z","duePhrase":"xong trước ngày 25/01/2022","reason":"Hội Cựu chiến binh, Đoàn thanh niên phường tập trung chuẩn bị Đại hội nhiệm kỳ 2022-2027; Thường trực Đảng ủy đồng ý lùi hạn"}"#
    static let revoked = #"{"v":1,"id":"ev-0008","type":"directive.revoked","at":"2022-01-03T03:00:00Z","actor":"vanphong","directive":"TB-TU-07-2021","reason":"Chương trình công tác 6 tháng cuối năm 2021 đã kết thúc; các nhiệm vụ chuyển sang chương trình công tác năm 2022"}"#
    static let reminder = #"{"v":1,"id":"ev-0012","type":"reminder.sent","at":"2022-01-08T01:00:02Z","actor":"hanchot","directive":"TB-GB-01-2022","task":"III.1","unit":"MTTQ phường","step":"before-7d","planned":"2022-01-08T01:00:00Z","sent":"2022-01-08T01:00:02Z"}"#
    static let completedShort = #"{"v":1,"id":"ev-0013","type":"task.completed","at":"2022-01-08T09:30:00Z","actor":"vanphong","directive":"TB-GB-01-2022","task":"III.3.a","completed":"2022-01-08T09:00:00Z","note":"Đã gửi về Văn phòng Đảng ủy"}"#
    static let issuedMinimal = #"{"v":1,"id":"ev-x","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","title":"T","recipients":[],"tasks":[{"id":"1","text":"x","assignees":["U"]}]}"#
    static let reopenedMinimal = #"{"v":1,"id":"r","type":"task.reopened","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1"}"#
    static let changedAllUnits = #"{"v":1,"id":"c","type":"deadline.changed","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","task":"1","due":"2022-02-01T00:00:00Z","reason":"r"}"#

    static let issuedEvent = Event(
        id: "ev-0002", recordedAt: utc("2021-12-16T01:30:00Z"), actor: "vanphong",
        body: .directiveIssued(Directive(
            id: "22-CV/ĐU-2021", number: "22-CV/ĐU", issuer: "Ban Thường vụ Đảng ủy xã Bắc Sơn",
            issuedOn: day(2021, 12, 15), title: "Về việc chỉ đạo tổ chức hội nghị tổng kết công tác năm 2021",
            recipients: ["Thường trực HĐND xã", "Thường trực UBND xã", "UBMTTQ và các Đoàn thể chính trị - xã hội xã",
                         "Các chi bộ trực thuộc"],
            tasks: [
                Directive.Task(
                    id: "1",
                    text: "Tổng kết thực hiện nhiệm vụ năm 2021: đánh giá kết quả các mục tiêu, nhiệm vụ năm 2021 gắn với chỉ tiêu Nghị quyết số 08-NQ/ĐU, đề ra phương hướng, nhiệm vụ, giải pháp năm 2022 (HĐND xã tổ chức kỳ họp thường lệ cuối năm 2021); tổ chức trong nội bộ, không phô trương hình thức, chấp hành nghiêm các biện pháp phòng, chống dịch Covid-19.",
                    assignees: ["Thường trực HĐND xã", "Thường trực UBND xã", "UBMTTQ và các đoàn thể xã", "Các chi bộ trực thuộc"],
                    due: Due(instant: utc("2021-12-30T17:00:00Z"), phrase: "xong trước ngày 31/12/2021")),
                Directive.Task(
                    id: "2",
                    text: "Chỉ đạo tăng cường tuyên truyền, vận động Nhân dân chấp hành các quy định phòng, chống dịch Covid-19 trong dịp cuối năm (Lễ giáng sinh, Tết dương lịch); thường xuyên kiểm tra, giám sát, kịp thời chấn chỉnh, xử lý nghiêm các vi phạm.",
                    assignees: ["Thường trực UBND xã"]),
            ])))
    static let completedEvent = Event(
        id: "ev-0007", recordedAt: utc("2022-01-03T02:00:00Z"), actor: "vanphong",
        body: .taskCompleted(Completion(directive: "22-CV/ĐU-2021", task: "1", unit: "Các chi bộ trực thuộc",
                                        completedAt: utc("2021-12-31T07:00:00Z"),
                                        note: "Các chi bộ tổng kết chiều 31/12/2021, sau hạn")))
    static let reopenedEvent = Event(
        id: "ev-0009", recordedAt: utc("2022-01-04T02:00:00Z"), actor: "vanphong",
        body: .taskReopened(Reopening(directive: "22-CV/ĐU-2021", task: "1", unit: "Thường trực UBND xã",
                                      reason: "Báo cáo tổng kết còn thiếu phần phương hướng, nhiệm vụ năm 2022; trả lại để bổ sung")))
    static let changedEvent = Event(
        id: "ev-0011", recordedAt: utc("2022-01-07T02:00:00Z"), actor: "vanphong",
        body: .deadlineChanged(DeadlineChange(
            directive: "TB-GB-01-2022", task: "III.1", unit: "Các đoàn thể phường",
            due: Due(instant: utc("2022-01-24T17:00:00Z"), phrase: "xong trước ngày 25/01/2022"),
            reason: "Hội Cựu chiến binh, Đoàn thanh niên phường tập trung chuẩn bị Đại hội nhiệm kỳ 2022-2027; Thường trực Đảng ủy đồng ý lùi hạn")))
    static let revokedEvent = Event(
        id: "ev-0008", recordedAt: utc("2022-01-03T03:00:00Z"), actor: "vanphong",
        body: .directiveRevoked(Revocation(
            directive: "TB-TU-07-2021",
            reason: "Chương trình công tác 6 tháng cuối năm 2021 đã kết thúc; các nhiệm vụ chuyển sang chương trình công tác năm 2022")))
    static let reminderEvent = Event(
        id: "ev-0012", recordedAt: utc("2022-01-08T01:00:02Z"), actor: "hanchot",
        body: .reminderSent(ReminderSent(directive: "TB-GB-01-2022", task: "III.1", unit: "MTTQ phường", step: "before-7d",
                                         plannedAt: utc("2022-01-08T01:00:00Z"), sentAt: utc("2022-01-08T01:00:02Z"))))
    static let completedShortEvent = Event(
        id: "ev-0013", recordedAt: utc("2022-01-08T09:30:00Z"), actor: "vanphong",
        body: .taskCompleted(Completion(directive: "TB-GB-01-2022", task: "III.3.a", completedAt: utc("2022-01-08T09:00:00Z"),
                                        note: "Đã gửi về Văn phòng Đảng ủy")))
    static let issuedMinimalEvent = Event(
        id: "ev-x", recordedAt: utc("2022-01-01T00:00:00Z"), actor: "a",
        body: .directiveIssued(Directive(id: "D", number: "1", title: "T", tasks: [Directive.Task(id: "1", text: "x", assignees: ["U"])])))
    static let reopenedMinimalEvent = Event(
        id: "r", recordedAt: utc("2022-01-01T00:00:00Z"), actor: "a",
        body: .taskReopened(Reopening(directive: "D", task: "1")))
    static let changedAllUnitsEvent = Event(
        id: "c", recordedAt: utc("2022-01-01T00:00:00Z"), actor: "a",
        body: .deadlineChanged(DeadlineChange(directive: "D", task: "1", due: Due(instant: utc("2022-02-01T00:00:00Z")), reason: "r")))

    static let all: [(line: String, event: Event)] = [
        (issued, issuedEvent), (completed, completedEvent), (reopened, reopenedEvent), (changed, changedEvent),
        (revoked, revokedEvent), (reminder, reminderEvent), (completedShort, completedShortEvent),
        (issuedMinimal, issuedMinimalEvent), (reopenedMinimal, reopenedMinimalEvent), (changedAllUnits, changedAllUnitsEvent),
    ]
}

@Suite struct EventCodecGoldenTests {
    @Test(arguments: Golden.all.indices)
    func eachEventEncodesToItsExactGoldenLine(_ i: Int) {
        let (line, event) = Golden.all[i]
        #expect(EventCodec.encode(event) == line)
    }

    @Test(arguments: Golden.all.indices)
    func eachGoldenLineDecodesBackToItsEvent(_ i: Int) throws {
        let (line, event) = Golden.all[i]
        #expect(try EventCodec.decode(line) == event)
    }

    @Test func goldenLinesCoverEveryEventType() {
        #expect(Set(Golden.all.map(\.event.type)) == Set(EventType.allCases))
    }

    @Test func goldenLinesAreTheLinesOfTheSampleLog() throws {
        // docs/events.md says every golden line is taken from events/sample.jsonl.
        let repo = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")
        guard let sample = readText(repo + "/events/sample.jsonl") else { return }
        let lines = Set(sample.split(separator: "\n").map(String.init))
        for golden in [Golden.issued, Golden.completed, Golden.reopened, Golden.changed, Golden.revoked, Golden.reminder,
                       Golden.completedShort] {
            #expect(lines.contains(golden))
        }
        // And every line of the sample decodes and re-encodes to itself.
        for line in lines {
            let event = try EventCodec.decode(line)
            #expect(EventCodec.encode(event) == line)
        }
    }

    @Test func encodingTheSameEventTwiceGivesTheSameBytes() {
        #expect(EventCodec.encode(Golden.issuedEvent) == EventCodec.encode(Golden.issuedEvent))
    }

    @Test func optionalFieldsWithoutValueAreLeftOutAndRecipientsAlwaysWritten() {
        let line = EventCodec.encode(Golden.issuedMinimalEvent)
        #expect(!line.contains("issuer"))
        #expect(!line.contains(#""issued":"#))
        #expect(!line.contains("due"))
        #expect(line.contains(#""recipients":[]"#))
    }

    @Test func completionWithoutCompletedFieldDefaultsToRecordedAt() throws {
        let line = #"{"v":1,"id":"e","type":"task.completed","at":"2022-01-08T09:30:00Z","actor":"a","directive":"D","task":"1"}"#
        guard case .taskCompleted(let c) = try EventCodec.decode(line).body else { Issue.record("wrong body"); return }
        #expect(c.completedAt == utc("2022-01-08T09:30:00Z"))
        #expect(c.unit == nil)
        #expect(c.note == nil)
    }

    @Test func nullOnOptionalFieldsMeansAbsent() throws {
        let line = #"{"v":1,"id":"e","type":"task.completed","at":"2022-01-08T09:30:00Z","actor":"a","directive":"D","task":"1","unit":null,"note":null,"completed":null}"#
        guard case .taskCompleted(let c) = try EventCodec.decode(line).body else { Issue.record("wrong body"); return }
        #expect(c.unit == nil && c.note == nil)
        #expect(c.completedAt == utc("2022-01-08T09:30:00Z"))
    }

    @Test func missingRecipientsIsReadAsEmpty() throws {
        let line = #"{"v":1,"id":"e","type":"directive.issued","at":"2022-01-01T00:00:00Z","actor":"a","directive":"D","number":"1","title":"T","tasks":[{"id":"1","text":"x","assignees":["U"],"due":null,"duePhrase":null}]}"#
        #expect(try EventCodec.decode(line) == Golden.issuedMinimalEvent.withID("e"))
    }

    @Test func timestampsWithOffsetsAndFractionsAreReadAsUTCWholeSeconds() throws {
        let line = #"{"v":1,"id":"r","type":"task.reopened","at":"2022-01-01T07:00:00.999+07:00","actor":"a","directive":"D","task":"1"}"#
        let event = try EventCodec.decode(line)
        #expect(event == Golden.reopenedMinimalEvent)
        #expect(EventCodec.encode(event) == Golden.reopenedMinimal)
    }

    @Test func decodesFromBytesStringsAndBuffersAlike() throws {
        let bytes = Array(Golden.completed.utf8)
        #expect(try EventCodec.decode(bytes) == Golden.completedEvent)
        let viaBuffer = try bytes.withUnsafeBytes { buf in try EventCodec.decode(buf) }
        #expect(viaBuffer == Golden.completedEvent)
    }
}

extension Event {
    func withID(_ id: String) -> Event {
        var e = self
        e.id = id
        return e
    }
}

/// Reads a small text file without Foundation.
func readText(_ path: String) -> String? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, f)
        if n <= 0 { break }
        out.append(contentsOf: buf[0..<n])
    }
    return String(decoding: out, as: UTF8.self)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
