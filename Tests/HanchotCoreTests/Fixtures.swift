@testable import HanchotCore

// Defaulted fixture factories shared by the core tests. Every default is a valid value, so a test
// spells out only what it is about.

/// 2021-12-16T01:30:00Z.
let issueInstant = Instant(secondsSinceEpoch: 1_639_618_200)

func utc(_ text: String) -> Instant {
    guard let t = Timestamp.parse(text) else { fatalError("bad fixture timestamp \(text)") }
    return t
}

func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
    guard let d = CivilDate(year: year, month: month, day: day) else { fatalError("bad fixture date") }
    return d
}

/// 00:00 local (Vietnam) on the given day, as an exclusive deadline "trước ngày D".
func vnMidnight(_ year: Int, _ month: Int, _ d: Int) -> Instant {
    Zone.vietnam.instant(day(year, month, d))
}

func makeTask(id: String = "1", text: String = "Tổng kết công tác năm 2021",
              assignees: [String] = ["UBND xã"], due: Due? = nil) -> Directive.Task {
    Directive.Task(id: id, text: text, assignees: assignees, due: due)
}

func makeDirective(id: String = "22-CV/ĐU-2021", number: String = "22-CV/ĐU", issuer: String = "",
                   issuedOn: CivilDate? = nil, title: String = "Về việc tổng kết",
                   recipients: [String] = [], tasks: [Directive.Task] = [makeTask()]) -> Directive {
    Directive(id: id, number: number, issuer: issuer, issuedOn: issuedOn, title: title,
              recipients: recipients, tasks: tasks)
}

func makeEvent(id: String, at: Instant = issueInstant, actor: String = "vanphong", _ body: Event.Body) -> Event {
    Event(id: id, recordedAt: at, actor: actor, body: body)
}

func issueEvent(_ directive: Directive = makeDirective(), id: String? = nil, at: Instant = issueInstant) -> Event {
    makeEvent(id: id ?? "issue-\(directive.id)", at: at, .directiveIssued(directive))
}

func completeEvent(directive: String = "22-CV/ĐU-2021", task: String = "1", unit: String? = nil,
                   completedAt: Instant = issueInstant.adding(seconds: 3600), note: String? = nil,
                   id: String? = nil, at: Instant? = nil) -> Event {
    makeEvent(id: id ?? "done-\(directive)-\(task)-\(unit ?? "*")-\(completedAt.secondsSinceEpoch)",
              at: at ?? completedAt,
              .taskCompleted(Completion(directive: directive, task: task, unit: unit, completedAt: completedAt, note: note)))
}

func reopenEvent(directive: String = "22-CV/ĐU-2021", task: String = "1", unit: String? = nil,
                 reason: String? = nil, id: String, at: Instant = issueInstant.adding(seconds: 7200)) -> Event {
    makeEvent(id: id, at: at, .taskReopened(Reopening(directive: directive, task: task, unit: unit, reason: reason)))
}

func changeEvent(directive: String = "22-CV/ĐU-2021", task: String = "1", unit: String? = nil,
                 due: Due, reason: String = "Thường trực đồng ý lùi hạn", id: String,
                 at: Instant = issueInstant.adding(seconds: 7200)) -> Event {
    makeEvent(id: id, at: at, .deadlineChanged(DeadlineChange(directive: directive, task: task, unit: unit, due: due, reason: reason)))
}

func revokeEvent(directive: String = "22-CV/ĐU-2021", reason: String = "Văn bản thay thế",
                 id: String, at: Instant = issueInstant.adding(seconds: 7200)) -> Event {
    makeEvent(id: id, at: at, .directiveRevoked(Revocation(directive: directive, reason: reason)))
}

func reminderEvent(directive: String = "22-CV/ĐU-2021", task: String = "1", unit: String = "UBND xã",
                   step: String = "before-7d", plannedAt: Instant = issueInstant.adding(seconds: 100),
                   sentAt: Instant = issueInstant.adding(seconds: 102), id: String,
                   at: Instant = issueInstant.adding(seconds: 102)) -> Event {
    makeEvent(id: id, at: at, actor: "hanchot",
              .reminderSent(ReminderSent(directive: directive, task: task, unit: unit, step: step,
                                         plannedAt: plannedAt, sentAt: sentAt)))
}

/// The codec error a line gives, or `nil` when it decodes.
func decodeError(_ line: String) -> CodecError? {
    do {
        _ = try EventCodec.decode(line)
        return nil
    } catch {
        return error
    }
}

func decodeError(_ bytes: [UInt8]) -> CodecError? {
    do {
        _ = try EventCodec.decode(bytes)
        return nil
    } catch {
        return error
    }
}

/// 1-based byte column of the first occurrence of `needle` in `line`.
func column(of needle: String, in line: String) -> Int? {
    let hay = Array(line.utf8), n = Array(needle.utf8)
    guard n.count <= hay.count else { return nil }
    for i in 0...(hay.count - n.count) where Array(hay[i..<(i + n.count)]) == n { return i + 1 }
    return nil
}

