extension EventCodec {
    /// The line for an event, without the trailing newline.
    ///
    /// Keys are written in a fixed order so the same event always gives the same bytes
    /// (golden tests hold them). Non-ASCII text is written as UTF-8, not `\u` escapes, so the log
    /// stays readable with `grep` and `less`.
    public static func encode(_ event: Event) -> String {
        var w = JSONWriter()
        w.begin()
        w.number("v", event.requiredSchema)
        w.string("id", event.id)
        w.string("type", event.type.rawValue)
        w.string("at", Timestamp.format(event.recordedAt))
        w.string("actor", event.actor)
        w.string("directive", event.directiveID)
        switch event.body {
        case .directiveIssued(let d):
            w.string("number", d.number)
            if !d.issuer.isEmpty { w.string("issuer", d.issuer) }
            if let issued = d.issuedOn { w.string("issued", issued.description) }
            w.string("title", d.title)
            w.strings("recipients", d.recipients)
            w.key("tasks")
            w.raw("[")
            for (i, task) in d.tasks.enumerated() {
                if i > 0 { w.raw(",") }
                var t = JSONWriter()
                t.begin()
                t.string("id", task.id)
                t.string("text", task.text)
                t.strings("assignees", task.assignees)
                if let due = task.due {
                    t.string("due", Timestamp.format(due.instant))
                    if let phrase = due.phrase { t.string("duePhrase", phrase) }
                }
                if let r = task.recurrence { t.string("recurrence", r.code) }
                if let until = task.until { t.string("until", until.description) }
                t.end()
                w.raw(t.output)
            }
            w.raw("]")
        case .taskCompleted(let c):
            w.string("task", c.task)
            if let unit = c.unit { w.string("unit", unit) }
            w.string("completed", Timestamp.format(c.completedAt))
            if let note = c.note { w.string("note", note) }
            if let period = c.period { w.string("period", period) }
        case .taskReopened(let r):
            w.string("task", r.task)
            if let unit = r.unit { w.string("unit", unit) }
            if let reason = r.reason { w.string("reason", reason) }
            if let period = r.period { w.string("period", period) }
        case .deadlineChanged(let c):
            w.string("task", c.task)
            if let unit = c.unit { w.string("unit", unit) }
            w.string("due", Timestamp.format(c.due.instant))
            if let phrase = c.due.phrase { w.string("duePhrase", phrase) }
            w.string("reason", c.reason)
        case .directiveRevoked(let r):
            w.string("reason", r.reason)
        case .reminderSent(let s):
            w.string("task", s.task)
            w.string("unit", s.unit)
            w.string("step", s.step)
            w.string("planned", Timestamp.format(s.plannedAt))
            w.string("sent", Timestamp.format(s.sentAt))
        }
        w.end()
        return w.output
    }
}

/// A minimal JSON object writer with RFC 8259 string escaping.
struct JSONWriter {
    var output = ""
    private var first = true

    mutating func begin() { output.append("{") }
    mutating func end() { output.append("}") }
    mutating func raw(_ s: String) { output.append(s) }

    mutating func key(_ name: String) {
        if !first { output.append(",") }
        first = false
        output.append("\"\(name)\":")
    }

    mutating func number(_ name: String, _ value: Int) {
        key(name)
        output.append(String(value))
    }

    mutating func string(_ name: String, _ value: String) {
        key(name)
        JSONWriter.appendQuoted(value, to: &output)
    }

    mutating func strings(_ name: String, _ values: [String]) {
        key(name)
        output.append("[")
        for (i, v) in values.enumerated() {
            if i > 0 { output.append(",") }
            JSONWriter.appendQuoted(v, to: &output)
        }
        output.append("]")
    }

    static func appendQuoted(_ s: String, to out: inout String) {
        out.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{2028}": out.append("\\u2028")
            case "\u{2029}": out.append("\\u2029")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
