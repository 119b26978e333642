/// Reads and writes log lines. The one place that knows the line format (see `docs/events.md`).
public enum EventCodec {
    /// Longest line accepted. A directive with dozens of tasks is a few KB; anything near this
    /// limit is a mistake (or an attack) and is refused rather than buffered.
    public static let maxLineBytes = 1 << 20

    /// Decodes one line (without its newline). Names (units, issuers) come from `names` when
    /// given: a reader of many lines keeps one pool for all of them.
    public static func decode(_ line: UnsafeRawBufferPointer, names: NamePool? = nil) throws(CodecError) -> Event {
        guard line.count <= maxLineBytes else {
            throw CodecError("line is \(line.count) bytes, over the limit of \(maxLineBytes) bytes")
        }
        return try LineScan.withQuoteMap(line) { utf8Valid, quotes in
            Result { () throws(CodecError) in
                try decode(line, scanner: JSONScanner(line, utf8Checked: utf8Valid, quotes: quotes), names: names)
            }
        }.get()
    }

    /// `decode(_:)` with a given scanner (tests compare one with a quote map against one without).
    static func decode(_ line: UnsafeRawBufferPointer, scanner: JSONScanner, names: NamePool? = nil) throws(CodecError) -> Event {
        var scanner = scanner
        scanner.skipWhitespace()
        guard scanner.index < line.count else { throw CodecError("empty line") }
        guard line[scanner.index] == UInt8(ascii: "{") else {
            throw scanner.fail("an event is a JSON object and starts with '{', found \(describeByte(line[scanner.index]))")
        }
        // One pass validates the object and records its members. The first member error (an
        // unknown or repeated field) is kept and thrown only once the whole line is known to be
        // valid JSON, so errors come in the same order as validating first and reading after.
        return try Fields.with(scanner: scanner) { (fields) throws(CodecError) in
            fields.names = names
            var memberError: CodecError?
            _ = try scanner.scanObject { key, value in
                guard memberError == nil else { return }
                do throws(CodecError) { try fields.set(key, value) } catch { memberError = error }
            }
            scanner.skipWhitespace()
            guard scanner.index == line.count else { throw scanner.fail("unexpected text after the event object") }
            if let memberError { throw memberError }
            return try fields.event()
        }
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
struct Fields {
    enum Key: Int, CaseIterable {
        case v, id, type, at, actor, directive, number, issuer, issued, title, recipients, tasks
        case task, unit, completed, note, reason, due, duePhrase, step, planned, sent, period

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
            case .period: "period"
            }
        }
    }

    let scanner: JSONScanner
    var values: FieldSlots
    /// Set for documents written by people: a task's `due` may then be any phrase of the
    /// deadline grammar (`31/12/2021`, "trong 10 ngày kể từ ngày ký") rather than an RFC 3339
    /// timestamp, counted from the directive's `issued` date, with the working-day rule applied.
    var document: DocumentDeadlines?
    /// Where names (recipients, assignees, the issuer) are made into strings, when a reader of
    /// many lines keeps a pool.
    var names: NamePool?

    private init(scanner: JSONScanner, slots: UnsafeMutablePointer<JSONScanner.Value>) {
        self.scanner = scanner
        self.values = FieldSlots(spans: slots)
    }

    /// Calls `body` with empty fields over `scanner`'s bytes, their storage on the stack.
    static func with<R>(scanner: JSONScanner, _ body: (inout Fields) throws(CodecError) -> R) throws(CodecError) -> R {
        try withUnsafeTemporaryAllocation(of: JSONScanner.Value.self, capacity: Key.allCases.count) { buffer in
            Result { () throws(CodecError) -> R in
                var fields = Fields(scanner: scanner, slots: buffer.baseAddress!)
                return try body(&fields)
            }
        }.get()
    }

    /// The field a key names. Keys are matched on their raw bytes, read as little-endian words
    /// (an escaped key never matches: field names are plain ASCII).
    @inline(__always)
    func key(for k: JSONScanner.Value) -> Key? {
        let n = k.end - k.start
        guard n >= 1, n <= 10, !k.escaped, let base = scanner.bytes.baseAddress else { return nil }
        let p = base + k.start
        var lo: UInt64 = 0, hi: UInt64 = 0
        #if _endian(little)
        let wide = k.start + 8 <= scanner.bytes.count
        #else
        let wide = false
        #endif
        if wide {
            // A key is followed by at least `":` and a value, so 8 bytes are nearly always there.
            lo = p.loadUnaligned(as: UInt64.self)
            if n < 8 { lo &= (1 << UInt64(8 * n)) &- 1 }
        } else {
            for i in 0..<min(n, 8) { lo |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
        }
        for i in min(n, 8)..<n { hi |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * (i - 8)) }
        switch n {
        case 1: return lo == 0x76 ? .v : nil
        case 2: return lo == 0x6469 ? .id : lo == 0x7461 ? .at : nil
        case 3: return lo == 0x65_7564 ? .due : nil
        case 4:
            switch lo {
            case 0x6570_7974: return .type
            case 0x6B73_6174: return .task
            case 0x7469_6E75: return .unit
            case 0x6574_6F6E: return .note
            case 0x7065_7473: return .step
            case 0x746E_6573: return .sent
            default: return nil
            }
        case 5: return lo == 0x72_6F74_6361 ? .actor : lo == 0x65_6C74_6974 ? .title : lo == 0x73_6B73_6174 ? .tasks : nil
        case 6:
            switch lo {
            case 0x7265_626D_756E: return .number
            case 0x7265_7573_7369: return .issuer
            case 0x6465_7573_7369: return .issued
            case 0x6E6F_7361_6572: return .reason
            case 0x646F_6972_6570: return .period
            default: return nil
            }
        case 7: return lo == 0x64_656E_6E61_6C70 ? .planned : nil
        case 9:
            switch (lo, hi) {
            case (0x7669_7463_6572_6964, 0x65): return .directive
            case (0x6574_656C_706D_6F63, 0x64): return .completed
            case (0x7361_7268_5065_7564, 0x65): return .duePhrase
            default: return nil
            }
        case 10: return lo == 0x6E65_6970_6963_6572 && hi == 0x7374 ? .recipients : nil
        default: return nil
        }
    }

    @inline(__always)
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

    func string(_ key: Key, names: NamePool? = nil) throws(CodecError) -> String? {
        guard let v = values[key.rawValue], v.kind != .null else { return nil }
        guard v.kind == .string else { throw CodecError("expected a string", field: key.name) }
        let s = scanner.string(v, names: names)
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

    func stringArray(_ key: Key) throws(CodecError) -> [String] {
        guard let v = values[key.rawValue], v.kind != .null else { return [] }
        return try Fields.strings(v, scanner: scanner, field: key.name, names: names)
    }

    /// `field` names the field only in an error: built for every task, the name cost more
    /// than the names it was for.
    static func strings(_ v: JSONScanner.Value, scanner: JSONScanner, field: @autoclosure () -> String,
                        names: NamePool? = nil) throws(CodecError) -> [String] {
        guard v.kind == .array else { throw CodecError("expected an array of strings", field: field()) }
        var out: [String] = []
        // Sized once: grown one name at a time, the array was reallocated (and its names
        // retained and released) two or three times. A quote map counts the names at once: two
        // quotes each, as strings without escapes are all the map is made for.
        if let quotes = scanner.quotes { out.reserveCapacity(quotes.count(in: v.start..<v.end) / 2) }
        try scanner.forEachElement(of: v) { (e) throws(CodecError) in
            guard e.kind == .string else { throw CodecError("expected an array of strings", field: field()) }
            let s = scanner.string(e, names: names)
            // Only an escape can spell a NUL: the scanner refuses a raw one.
            guard !s.isEmpty, !(e.escaped && s.utf8.contains(0)) else { throw CodecError("holds an empty string or a NUL", field: field()) }
            out.append(s)
        }
        return out
    }

    /// Fields other than the common ones and `allowed` must be absent.
    func only(_ allowed: [Key], type: EventType) throws(CodecError) {
        if let key = firstPresent(notIn: allowed) {
            throw CodecError("not a field of \(type.rawValue) events", field: key.name)
        }
    }

    /// The first key (in `Key` order) that is present and neither common nor `allowed`.
    func firstPresent(notIn allowed: [Key]) -> Key? {
        var permitted: UInt32 = 0b11_1111  // v, id, type, at, actor, directive
        for key in allowed { permitted |= 1 << UInt32(key.rawValue) }
        let extra = values.present & ~permitted
        return extra == 0 ? nil : Key(rawValue: extra.trailingZeroBitCount)
    }

    // MARK: the event

    func event(defaults: EventCodec.Envelope? = nil) throws(CodecError) -> Event {
        var schema = 1
        if let v = values[Key.v.rawValue] {
            guard v.kind == .number, v.end - v.start == 1, scanner.bytes[v.start] == UInt8(ascii: "1") || scanner.bytes[v.start] == UInt8(ascii: "2") else {
                throw CodecError("unsupported schema version (this build reads versions 1 to \(Event.currentSchema))", field: "v")
            }
            schema = Int(scanner.bytes[v.start] - UInt8(ascii: "0"))
        } else if defaults == nil {
            throw CodecError("missing required field", field: "v")
        } else {
            schema = Event.currentSchema  // a document may use every field this build knows
        }
        let id = has(.id) || defaults == nil ? try required(.id) : defaults!.id
        let type: EventType
        if let v = values[Key.type.rawValue], let known = knownType(v) {
            type = known  // the common case, without making a String of the name
        } else {
            let typeName = has(.type) || defaults == nil ? try required(.type) : defaults!.type.rawValue
            guard let named = EventType(rawValue: typeName) else {
                throw CodecError("unknown event type \"\(typeName)\" (known: \(EventType.allCases.map(\.rawValue).joined(separator: ", ")))", field: "type")
            }
            type = named
        }
        // A document never says when or by whom it was recorded: the appender's clock and OS
        // user do, so that neither can be forged from the input.
        if defaults != nil {
            if has(.at) {
                throw CodecError("is the time the event is recorded, set by hanchot from the clock: leave it out of the document", field: Key.at.name)
            }
            if has(.actor) {
                throw CodecError("is the user who records the event, set by hanchot from the OS user: leave it out of the document", field: Key.actor.name)
            }
        }
        let at: Instant
        let actor: String
        if let defaults {
            at = defaults.recordedAt
            actor = defaults.actor
        } else {
            at = try requiredInstant(.at)
            actor = try required(.actor)
        }
        let directive = try required(.directive)
        let body: Event.Body
        switch type {
        case .directiveIssued:
            try only([.number, .issuer, .issued, .title, .recipients, .tasks], type: type)
            body = .directiveIssued(try directiveBody(id: directive))
        case .taskCompleted:
            try only([.task, .unit, .completed, .note, .period], type: type)
            body = .taskCompleted(Completion(
                directive: directive, task: try required(.task), unit: try optionalNonEmpty(.unit),
                completedAt: try instant(.completed) ?? at, note: try string(.note), period: try period(schema: schema)))
        case .taskReopened:
            try only([.task, .unit, .reason, .period], type: type)
            body = .taskReopened(Reopening(directive: directive, task: try required(.task),
                                           unit: try optionalNonEmpty(.unit), reason: try string(.reason),
                                           period: try period(schema: schema)))
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
        var event = Event(schema: schema, id: id, recordedAt: at, actor: actor, body: body)
        // A field of version 2 in a version 1 line: a writer that does not know the format.
        if event.requiredSchema > schema, defaults == nil {
            throw CodecError("a recurrence or a period needs schema version 2 (\"v\":2)", field: "v")
        }
        // A document without `v` is of the version its fields need, as its line will be.
        if defaults != nil, !has(.v) { event.schema = event.requiredSchema }
        return event
    }

    /// A completion's or reopening's `period` (schema 2): "2024-05", "2024-Q2", "2024-W19", "2024".
    func period(schema: Int) throws(CodecError) -> String? {
        guard let p = try optionalNonEmpty(.period) else { return nil }
        guard Recurrence.isPeriod(p) else {
            throw CodecError("expected a period such as 2024-05, 2024-Q2, 2024-W19 or 2024, found \"\(p)\"", field: "period")
        }
        return p
    }

    /// The event type a plain (unescaped) string value names exactly, if any.
    func knownType(_ v: JSONScanner.Value) -> EventType? {
        guard v.kind == .string, !v.escaped else { return nil }
        let s = scanner
        switch v.end - v.start {
        case 13: return s.key(v, is: "reminder.sent") ? .reminderSent : s.key(v, is: "task.reopened") ? .taskReopened : nil
        case 14: return s.key(v, is: "task.completed") ? .taskCompleted : nil
        case 16: return s.key(v, is: "directive.issued") ? .directiveIssued : s.key(v, is: "deadline.changed") ? .deadlineChanged : nil
        case 17: return s.key(v, is: "directive.revoked") ? .directiveRevoked : nil
        default: return nil
        }
    }

    func optionalNonEmpty(_ key: Key) throws(CodecError) -> String? {
        guard let s = try string(key) else { return nil }
        guard !s.isEmpty else { throw CodecError("must not be empty (omit it instead)", field: key.name) }
        return s
    }

    func directiveBody(id: String) throws(CodecError) -> Directive {
        var issuedOn: CivilDate?
        if let v = values[Key.issued.rawValue], v.kind != .null {
            // Read in place; a String is made only for an escaped spelling or to word an error.
            let plain = v.kind == .string && !v.escaped
            if plain, let day = CivilDate(iso: UnsafeRawBufferPointer(rebasing: scanner.bytes[v.start..<v.end])) {
                issuedOn = day
            } else {
                let text = try string(.issued) ?? ""
                guard let day = CivilDate(iso: text) else {
                    throw CodecError("expected a date such as 2021-12-15, found \"\(text)\"", field: "issued")
                }
                issuedOn = day
            }
        }
        guard let tasksValue = values[Key.tasks.rawValue], tasksValue.kind == .array else {
            throw CodecError(has(.tasks) ? "expected an array of task objects" : "missing required field", field: "tasks")
        }
        var tasks: [Directive.Task] = []
        var position = 0
        try scanner.forEachElement(of: tasksValue) { (element) throws(CodecError) in
            position += 1
            let task = try TaskFields.decode(element, scanner: scanner, position: position, document: document,
                                            reference: issuedOn.map { DeadlineReference(date: $0, source: .document) }, names: names)
            if tasks.contains(where: { $0.id == task.id }) {
                throw CodecError("task id \"\(task.id)\" appears twice", field: "tasks[\(position)].id")
            }
            tasks.append(task)
        }
        guard !tasks.isEmpty else { throw CodecError("a directive needs at least one task", field: "tasks") }
        return Directive(id: id, number: try required(.number), issuer: try string(.issuer, names: names) ?? "",
                         issuedOn: issuedOn, title: try required(.title),
                         recipients: try stringArray(.recipients), tasks: tasks)
    }
}

/// One element of `tasks`: `{"id", "text", "assignees", "due", "duePhrase"}`.
private enum TaskFields {
    /// The fields of a task, as bits (to spot one given twice without keeping names).
    enum TaskField: UInt8 {
        case id = 1, text = 2, assignees = 4, due = 8, duePhrase = 16, recurrence = 32, until = 64

        init?(_ scanner: JSONScanner, _ key: JSONScanner.Value) {
            if scanner.key(key, is: "id") { self = .id }
            else if scanner.key(key, is: "text") { self = .text }
            else if scanner.key(key, is: "assignees") { self = .assignees }
            else if scanner.key(key, is: "due") { self = .due }
            else if scanner.key(key, is: "duePhrase") { self = .duePhrase }
            else if scanner.key(key, is: "recurrence") { self = .recurrence }
            else if scanner.key(key, is: "until") { self = .until }
            else { return nil }
        }
    }

    /// Whether two names are equal (canonically, as `Set` would find): pairwise, as a task
    /// has a handful of assignees.
    static func hasDuplicate(_ names: [String]) -> Bool {
        for i in names.indices {
            for j in names.indices where j > i && names[i] == names[j] { return true }
        }
        return false
    }

    static func decode(_ object: JSONScanner.Value, scanner: JSONScanner, position: Int,
                       document: DocumentDeadlines?, reference: DeadlineReference?, names: NamePool?) throws(CodecError) -> Directive.Task {
        // Built only for an error: a directive line holds many tasks, and replay reads them all.
        var prefix: String { "tasks[\(position)]" }
        guard object.kind == .object else { throw CodecError("expected a task object", field: prefix) }
        var id: String?, text: String?, assignees: [String]?, due: Instant?, phrase: String?
        var recurrence: Recurrence?, until: CivilDate?
        var seen: UInt8 = 0
        try scanner.forEachMember(of: object) { (k, v) throws(CodecError) in
            let field = TaskField(scanner, k)
            var name: String { scanner.string(k) }
            guard let field else { throw CodecError("unknown field \"\(name)\"", field: prefix) }
            // A key that appears twice is an error here as at the top level (docs/events.md §1).
            guard seen & field.rawValue == 0 else {
                throw CodecError("field appears twice", column: k.start, field: "\(prefix).\(name)")
            }
            seen |= field.rawValue
            func str() throws(CodecError) -> String {
                guard v.kind == .string else { throw CodecError("expected a string", field: "\(prefix).\(name)") }
                let s = scanner.string(v)
                // Only an escape can spell a NUL: the scanner refuses a raw one.
                guard !(v.escaped && s.utf8.contains(0)) else { throw CodecError("contains a NUL character", field: "\(prefix).\(name)") }
                return s
            }
            switch field {
            case .id: id = try str()
            case .text: text = try str()
            case .assignees: assignees = try Fields.strings(v, scanner: scanner, field: "\(prefix).assignees", names: names)
            case .due:
                guard v.kind != .null else { break }
                if v.kind == .string, !v.escaped,
                   let t = Timestamp.parse(UnsafeRawBufferPointer(rebasing: scanner.bytes[v.start..<v.end])) {
                    due = document?.resolve(timestamp: t) ?? t
                    break
                }
                let text = try str()
                // Like every timestamp of a line, a task's `due` must not be spelled with escapes.
                if let document {
                    // A person's document may use any phrase of the deadline grammar.
                    do {
                        let resolved = try document.resolve(text, reference: reference)
                        due = resolved.due
                        // "trước ngày 20 hằng tháng": a schedule, unless the task gives its own.
                        if recurrence == nil, let r = resolved.recurrence {
                            recurrence = r
                            until = until ?? resolved.reading.until
                        }
                    } catch {
                        throw CodecError("\(error)", field: "\(prefix).due")
                    }
                    if phrase == nil { phrase = text }
                } else {
                    throw CodecError("expected an RFC 3339 timestamp such as 2021-12-30T17:00:00Z", field: "\(prefix).due")
                }
            case .duePhrase: phrase = v.kind == .null ? nil : try str()
            case .recurrence:
                guard v.kind != .null else { break }
                let code = try str()
                guard let r = Recurrence(code: code) else {
                    throw CodecError("expected a recurrence such as monthly-before:20, monthly-by:25, quarterly, weekly:5@16:00 or yearly:1, found \"\(code)\"", field: "\(prefix).recurrence")
                }
                recurrence = r
            case .until:
                guard v.kind != .null else { break }
                let text = try str()
                guard let day = CivilDate(iso: text) else {
                    throw CodecError("expected a date such as 2024-12-31, found \"\(text)\"", field: "\(prefix).until")
                }
                until = day
            }
        }
        guard let id, !id.isEmpty else { throw CodecError("missing required field", field: "\(prefix).id") }
        guard let text, !text.isEmpty else { throw CodecError("missing required field", field: "\(prefix).text") }
        guard let assignees, !assignees.isEmpty else {
            throw CodecError("a task needs at least one assignee", field: "\(prefix).assignees")
        }
        if hasDuplicate(assignees) {
            throw CodecError("an assignee appears twice", field: "\(prefix).assignees")
        }
        if phrase != nil && due == nil {
            throw CodecError("has a phrase but no instant", field: "\(prefix).due")
        }
        if recurrence != nil && due == nil {
            throw CodecError("a recurring task needs the deadline of its first occurrence", field: "\(prefix).due")
        }
        if until != nil && recurrence == nil {
            throw CodecError("\"until\" ends a recurrence, and the task has none", field: "\(prefix).until")
        }
        return Directive.Task(id: id, text: text, assignees: assignees, due: due.map { Due(instant: $0, phrase: phrase) },
                              recurrence: recurrence, until: until)
    }
}

extension CivilDate {
    /// `2021-12-15`: four digits, two, two, and nothing else.
    public init?(iso text: String) {
        var text = text
        guard let day = text.withUTF8({ CivilDate(iso: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = day
    }

    /// `2021-12-15` from bytes: read in place (split into substrings and parsed as integers, the
    /// issued day took 6% of decoding a directive line).
    init?(iso bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                n = n * 10 + Int(digit)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
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
    /// over many lines). A task's `due` may be any deadline phrase, counted from the directive's
    /// `issued` date (else `envelope.recordedAt`'s day), and moved by the working-day rule when
    /// `shiftDeadlines` (``DeadlineResolution``). Of the envelope, `v`, `id` and `type` may be left out and are then taken from `envelope`;
    /// `at` and `actor` must be left out and always come from it (the appender's clock and OS
    /// user). Giving `id` makes re-importing the same file a no-op.
    public static func decodeDocument(_ bytes: [UInt8], envelope: Envelope, zone: Zone,
                                      calendar: WorkingCalendar = WorkingCalendar(), shiftDeadlines: Bool = false) throws(CodecError) -> Event {
        try bytes.withUnsafeBytes { buf in
            Result { () throws(CodecError) -> Event in
                var scanner = JSONScanner(buf, utf8Checked: LineScan.isKnownValidUTF8(buf))
                scanner.skipWhitespace()
                guard scanner.index < buf.count, buf[scanner.index] == UInt8(ascii: "{") else {
                    throw scanner.fail("a document is one JSON object, starting with '{'")
                }
                let object = try scanner.scanValue()
                scanner.skipWhitespace()
                guard scanner.index == buf.count else { throw scanner.fail("unexpected text after the JSON object") }
                return try Fields.with(scanner: scanner) { (fields) throws(CodecError) in
                    fields.document = DocumentDeadlines(now: envelope.recordedAt, zone: zone, calendar: calendar, shift: shiftDeadlines)
                    try scanner.forEachMember(of: object) { (key, value) throws(CodecError) in try fields.set(key, value) }
                    return try fields.event(defaults: envelope)
                }
            }
        }.get()
    }
}

/// The spans of the top-level fields of one line, by `Fields.Key` raw value, in memory the caller
/// provides (decoding a line allocates nothing for them), with a bit per field present (`null`
/// counts as present).
struct FieldSlots {
    private(set) var present: UInt32 = 0
    let spans: UnsafeMutablePointer<JSONScanner.Value>

    init(spans: UnsafeMutablePointer<JSONScanner.Value>) {
        self.spans = spans
    }

    subscript(i: Int) -> JSONScanner.Value? {
        @inline(__always)
        get { present & 1 << UInt32(i) != 0 ? spans[i] : nil }
        @inline(__always)
        set {
            guard let v = newValue else {
                present &= ~(1 << UInt32(i))
                return
            }
            present |= 1 << UInt32(i)
            (spans + i).initialize(to: v)
        }
    }
}
