/// Reads and writes log lines. The one place that knows the line format (see `docs/events.md`).
public enum EventCodec {
    /// Longest line accepted. A directive with dozens of tasks is a few KB; anything near this
    /// limit is a mistake (or an attack) and is refused rather than buffered.
    public static let maxLineBytes = 1 << 20

    /// Decodes one line (without its newline).
    public static func decode(_ line: UnsafeRawBufferPointer) throws(CodecError) -> Event {
        guard line.count <= maxLineBytes else {
            throw CodecError("line is \(line.count) bytes, over the limit of \(maxLineBytes) bytes")
        }
        var scanner = JSONScanner(line)
        scanner.skipWhitespace()
        guard scanner.index < line.count else { throw CodecError("empty line") }
        guard line[scanner.index] == UInt8(ascii: "{") else {
            throw scanner.fail("an event is a JSON object and starts with '{', found \(describeByte(line[scanner.index]))")
        }
        let object = try scanner.scanValue()
        scanner.skipWhitespace()
        guard scanner.index == line.count else { throw scanner.fail("unexpected text after the event object") }
        var fields = Fields(scanner: scanner)
        try scanner.forEachMember(of: object) { (key, value) throws(CodecError) in
            try fields.set(key, value)
        }
        return try fields.event()
    }

    public static func decode(_ line: String) throws(CodecError) -> Event {
        var line = line
        return try line.withUTF8 { buf in Result { () throws(CodecError) in try decode(UnsafeRawBufferPointer(buf)) } }.get()
    }

    public static func decode(_ bytes: [UInt8]) throws(CodecError) -> Event {
        try bytes.withUnsafeBytes { buf in Result { () throws(CodecError) in try decode(buf) } }.get()
    }
}

/// The top-level fields of one line, found in one pass; each event type then takes what it needs.
private struct Fields {
    enum Key: Int, CaseIterable {
        case v, id, type, at, actor, directive, number, issuer, issued, title, recipients, tasks
        case task, unit, completed, note, reason, due, duePhrase, step, planned, sent

        var name: String {
            switch self {
            case .v: "v"
            case .id: "id"
            case .type: "type"
            case .at: "at"
            case .actor: "actor"
            case .directive: "directive"
            case .number: "number"
            case .issuer: "issuer"
            case .issued: "issued"
            case .title: "title"
            case .recipients: "recipients"
            case .tasks: "tasks"
            case .task: "task"
            case .unit: "unit"
            case .completed: "completed"
            case .note: "note"
            case .reason: "reason"
            case .due: "due"
            case .duePhrase: "duePhrase"
            case .step: "step"
            case .planned: "planned"
            case .sent: "sent"
            }
        }
    }

    let scanner: JSONScanner
    var values: [JSONScanner.Value?]
    /// Set for documents written by people: a task's `due` may then be a date such as
    /// `31/12/2021` (read in this zone as a deadline) rather than an RFC 3339 timestamp.
    var documentZone: Zone?

    init(scanner: JSONScanner) {
        self.scanner = scanner
        self.values = [JSONScanner.Value?](repeating: nil, count: Key.allCases.count)
    }

    func key(for k: JSONScanner.Value) -> Key? {
        let s = scanner
        switch k.end - k.start {
        case 1: return s.key(k, is: "v") ? .v : nil
        case 2: return s.key(k, is: "id") ? .id : s.key(k, is: "at") ? .at : nil
        case 3: return s.key(k, is: "due") ? .due : nil
        case 4:
            return s.key(k, is: "type") ? .type : s.key(k, is: "task") ? .task : s.key(k, is: "unit") ? .unit
                : s.key(k, is: "note") ? .note : s.key(k, is: "step") ? .step : s.key(k, is: "sent") ? .sent : nil
        case 5: return s.key(k, is: "actor") ? .actor : s.key(k, is: "title") ? .title : s.key(k, is: "tasks") ? .tasks : nil
        case 6:
            return s.key(k, is: "number") ? .number : s.key(k, is: "issuer") ? .issuer : s.key(k, is: "issued") ? .issued
                : s.key(k, is: "reason") ? .reason : nil
        case 7: return s.key(k, is: "planned") ? .planned : nil
        case 9:
            return s.key(k, is: "directive") ? .directive : s.key(k, is: "completed") ? .completed
                : s.key(k, is: "duePhrase") ? .duePhrase : nil
        case 10: return s.key(k, is: "recipients") ? .recipients : nil
        default: return nil
        }
    }

    mutating func set(_ k: JSONScanner.Value, _ v: JSONScanner.Value) throws(CodecError) {
        guard let key = key(for: k) else {
            throw CodecError("unknown field \"\(scanner.string(k))\"", column: k.start)
        }
        guard values[key.rawValue] == nil else {
            throw CodecError("field appears twice", column: k.start, field: key.name)
        }
        values[key.rawValue] = v
    }

    // MARK: typed access

    func has(_ key: Key) -> Bool { values[key.rawValue].map { $0.kind != .null } ?? false }

    func string(_ key: Key) throws(CodecError) -> String? {
        guard let v = values[key.rawValue], v.kind != .null else { return nil }
        guard v.kind == .string else { throw CodecError("expected a string", field: key.name) }
        let s = scanner.string(v)
        if v.escaped, s.utf8.contains(0) { throw CodecError("contains a NUL character", field: key.name) }
        return s
    }

    func required(_ key: Key) throws(CodecError) -> String {
        guard let s = try string(key) else { throw CodecError("missing required field", field: key.name) }
        guard !s.isEmpty else { throw CodecError("must not be empty", field: key.name) }
        return s
    }

    func instant(_ key: Key) throws(CodecError) -> Instant? {
        guard let v = values[key.rawValue], v.kind != .null else { return nil }
        guard v.kind == .string, !v.escaped,
              let t = Timestamp.parse(UnsafeRawBufferPointer(rebasing: scanner.bytes[v.start..<v.end]))
        else {
            throw CodecError("expected an RFC 3339 timestamp such as 2022-01-10T01:00:00Z", field: key.name)
        }
        return t
    }

    func requiredInstant(_ key: Key) throws(CodecError) -> Instant {
        guard let t = try instant(key) else { throw CodecError("missing required field", field: key.name) }
        return t
    }

    func stringArray(_ key: Key, in object: JSONScanner.Value? = nil) throws(CodecError) -> [String] {
        guard let v = values[key.rawValue], v.kind != .null else { return [] }
        return try Fields.strings(v, scanner: scanner, field: key.name)
    }

    static func strings(_ v: JSONScanner.Value, scanner: JSONScanner, field: String) throws(CodecError) -> [String] {
        guard v.kind == .array else { throw CodecError("expected an array of strings", field: field) }
        var out: [String] = []
        try scanner.forEachElement(of: v) { (e) throws(CodecError) in
            guard e.kind == .string else { throw CodecError("expected an array of strings", field: field) }
            let s = scanner.string(e)
            guard !s.isEmpty, !s.utf8.contains(0) else { throw CodecError("holds an empty string or a NUL", field: field) }
            out.append(s)
        }
        return out
    }

    /// Fields other than the common ones and `allowed` must be absent.
    func only(_ allowed: [Key], type: EventType) throws(CodecError) {
        let common: [Key] = [.v, .id, .type, .at, .actor, .directive]
        for key in Key.allCases where values[key.rawValue] != nil && !common.contains(key) && !allowed.contains(key) {
            throw CodecError("not a field of \(type.rawValue) events", field: key.name)
        }
    }

    // MARK: the event

    func event(defaults: EventCodec.Envelope? = nil) throws(CodecError) -> Event {
        if let v = values[Key.v.rawValue] {
            guard v.kind == .number, v.end - v.start == 1, scanner.bytes[v.start] == UInt8(ascii: "1") else {
                throw CodecError("unsupported schema version (this build reads version \(Event.currentSchema))", field: "v")
            }
        } else if defaults == nil {
            throw CodecError("missing required field", field: "v")
        }
        let id = has(.id) || defaults == nil ? try required(.id) : defaults!.id
        let typeName = has(.type) || defaults == nil ? try required(.type) : defaults!.type.rawValue
        guard let type = EventType(rawValue: typeName) else {
            throw CodecError("unknown event type \"\(typeName)\" (known: \(EventType.allCases.map(\.rawValue).joined(separator: ", ")))", field: "type")
        }
        let at = has(.at) || defaults == nil ? try requiredInstant(.at) : defaults!.recordedAt
        let actor = has(.actor) || defaults == nil ? try required(.actor) : defaults!.actor
        let directive = try required(.directive)
        let body: Event.Body
        switch type {
        case .directiveIssued:
            try only([.number, .issuer, .issued, .title, .recipients, .tasks], type: type)
            body = .directiveIssued(try directiveBody(id: directive))
        case .taskCompleted:
            try only([.task, .unit, .completed, .note], type: type)
            body = .taskCompleted(Completion(
                directive: directive, task: try required(.task), unit: try optionalNonEmpty(.unit),
                completedAt: try instant(.completed) ?? at, note: try string(.note)))
        case .taskReopened:
            try only([.task, .unit, .reason], type: type)
            body = .taskReopened(Reopening(directive: directive, task: try required(.task),
                                           unit: try optionalNonEmpty(.unit), reason: try string(.reason)))
        case .deadlineChanged:
            try only([.task, .unit, .due, .duePhrase, .reason], type: type)
            body = .deadlineChanged(DeadlineChange(
                directive: directive, task: try required(.task), unit: try optionalNonEmpty(.unit),
                due: Due(instant: try requiredInstant(.due), phrase: try string(.duePhrase)),
                reason: try required(.reason)))
        case .directiveRevoked:
            try only([.reason], type: type)
            body = .directiveRevoked(Revocation(directive: directive, reason: try required(.reason)))
        case .reminderSent:
            try only([.task, .unit, .step, .planned, .sent], type: type)
            body = .reminderSent(ReminderSent(
                directive: directive, task: try required(.task), unit: try required(.unit), step: try required(.step),
                plannedAt: try requiredInstant(.planned), sentAt: try requiredInstant(.sent)))
        }
        return Event(schema: 1, id: id, recordedAt: at, actor: actor, body: body)
    }

    func optionalNonEmpty(_ key: Key) throws(CodecError) -> String? {
        guard let s = try string(key) else { return nil }
        guard !s.isEmpty else { throw CodecError("must not be empty (omit it instead)", field: key.name) }
        return s
    }

    func directiveBody(id: String) throws(CodecError) -> Directive {
        var issuedOn: CivilDate?
        if let text = try string(.issued) {
            guard let d = CivilDate(iso: text) else {
                throw CodecError("expected a date such as 2021-12-15, found \"\(text)\"", field: "issued")
            }
            issuedOn = d
        }
        guard let tasksValue = values[Key.tasks.rawValue], tasksValue.kind == .array else {
            throw CodecError(has(.tasks) ? "expected an array of task objects" : "missing required field", field: "tasks")
        }
        var tasks: [Directive.Task] = []
        var position = 0
        try scanner.forEachElement(of: tasksValue) { (element) throws(CodecError) in
            position += 1
            let task = try TaskFields.decode(element, scanner: scanner, position: position, documentZone: documentZone)
            if tasks.contains(where: { $0.id == task.id }) {
                throw CodecError("task id \"\(task.id)\" appears twice", field: "tasks[\(position)].id")
            }
            tasks.append(task)
        }
        guard !tasks.isEmpty else { throw CodecError("a directive needs at least one task", field: "tasks") }
        return Directive(id: id, number: try required(.number), issuer: try string(.issuer) ?? "",
                         issuedOn: issuedOn, title: try required(.title),
                         recipients: try stringArray(.recipients), tasks: tasks)
    }
}

/// One element of `tasks`: `{"id", "text", "assignees", "due", "duePhrase"}`.
private enum TaskFields {
    static func decode(_ object: JSONScanner.Value, scanner: JSONScanner, position: Int,
                       documentZone: Zone?) throws(CodecError) -> Directive.Task {
        let prefix = "tasks[\(position)]"
        guard object.kind == .object else { throw CodecError("expected a task object", field: prefix) }
        var id: String?, text: String?, assignees: [String]?, due: Instant?, phrase: String?
        try scanner.forEachMember(of: object) { (k, v) throws(CodecError) in
            let name = scanner.string(k)
            func str() throws(CodecError) -> String {
                guard v.kind == .string else { throw CodecError("expected a string", field: "\(prefix).\(name)") }
                let s = scanner.string(v)
                guard !s.utf8.contains(0) else { throw CodecError("contains a NUL character", field: "\(prefix).\(name)") }
                return s
            }
            switch name {
            case "id": id = try str()
            case "text": text = try str()
            case "assignees": assignees = try Fields.strings(v, scanner: scanner, field: "\(prefix).assignees")
            case "due":
                guard v.kind != .null else { break }
                let text = try str()
                if let t = Timestamp.parse(text) {
                    due = t
                } else if let zone = documentZone {
                    do {
                        due = try DateInput.parse(text, zone: zone).deadline(in: zone)
                    } catch {
                        throw CodecError("\(error)", field: "\(prefix).due")
                    }
                    if phrase == nil { phrase = text }
                } else {
                    throw CodecError("expected an RFC 3339 timestamp such as 2021-12-30T17:00:00Z", field: "\(prefix).due")
                }
            case "duePhrase": phrase = v.kind == .null ? nil : try str()
            default: throw CodecError("unknown field \"\(name)\"", field: prefix)
            }
        }
        guard let id, !id.isEmpty else { throw CodecError("missing required field", field: "\(prefix).id") }
        guard let text, !text.isEmpty else { throw CodecError("missing required field", field: "\(prefix).text") }
        guard let assignees, !assignees.isEmpty else {
            throw CodecError("a task needs at least one assignee", field: "\(prefix).assignees")
        }
        if Set(assignees).count != assignees.count {
            throw CodecError("an assignee appears twice", field: "\(prefix).assignees")
        }
        if phrase != nil && due == nil {
            throw CodecError("has a phrase but no instant", field: "\(prefix).due")
        }
        return Directive.Task(id: id, text: text, assignees: assignees, due: due.map { Due(instant: $0, phrase: phrase) })
    }
}

extension CivilDate {
    /// `2021-12-15`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }
}

extension EventCodec {
    /// The envelope fields a hand-written document may leave out.
    public struct Envelope: Sendable {
        public var id: String
        public var type: EventType
        public var recordedAt: Instant
        public var actor: String

        public init(id: String, type: EventType, recordedAt: Instant, actor: String) {
            self.id = id
            self.type = type
            self.recordedAt = recordedAt
            self.actor = actor
        }
    }

    /// Decodes an event written by a person (e.g. a directive to import, possibly pretty-printed
    /// over many lines): `v`, `id`, `type`, `at` and `actor` may be left out and are then taken
    /// from `envelope`. Giving `id` makes re-importing the same file a no-op.
    public static func decodeDocument(_ bytes: [UInt8], envelope: Envelope, zone: Zone) throws(CodecError) -> Event {
        try bytes.withUnsafeBytes { buf in
            Result { () throws(CodecError) -> Event in
                var scanner = JSONScanner(buf)
                scanner.skipWhitespace()
                guard scanner.index < buf.count, buf[scanner.index] == UInt8(ascii: "{") else {
                    throw CodecError("a document is one JSON object, starting with '{'")
                }
                let object = try scanner.scanValue()
                scanner.skipWhitespace()
                guard scanner.index == buf.count else { throw scanner.fail("unexpected text after the JSON object") }
                var fields = Fields(scanner: scanner)
                fields.documentZone = zone
                try scanner.forEachMember(of: object) { (key, value) throws(CodecError) in try fields.set(key, value) }
                return try fields.event(defaults: envelope)
            }
        }.get()
    }
}
