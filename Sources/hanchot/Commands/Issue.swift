import ArgumentParser
import Foundation
import HanchotCore
import HanchotLog

extension Hanchot {
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Record a directive issued, from a JSON document or from flags.",
            discussion: """
                From a document: `hanchot issue directive.json` or `… | hanchot issue -`. The document is a \
                directive.issued event (docs/events.md) that may leave out v, id and type, and must leave out at and \
                actor (hanchot records the clock's time and the OS user); a task's "due" may be a date such as \
                "31/12/2021". Giving "id" makes importing the same file twice a no-op.

                From flags: --task is repeatable and numbers tasks 1, 2, …; every --to unit is an assignee of every \
                task; --due is given once (all tasks) or once per task, in order.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: "A JSON document, or - for standard input.") var document: String?

        @Option(help: "Directive id, unique in the log (e.g. 22-CV/ĐU-2021).") var id: String?
        @Option(help: "Document number as printed (e.g. 22-CV/ĐU).") var number: String?
        @Option(help: "Title (trích yếu).") var title: String?
        @Option(help: "Issuing body.") var issuer: String?
        @Option(help: "Date of issue.") var issued: String?
        @Option(name: .customLong("recipient"), help: "An addressee (repeatable).") var recipients: [String] = []
        @Option(name: .customLong("task"), help: "A task's text (repeatable).") var tasks: [String] = []
        @Option(name: .customLong("due"), help: "Deadline: once for all tasks, or once per task.") var dues: [String] = []
        @Option(name: .customLong("to"), help: "An assignee unit of every task (repeatable).") var units: [String] = []
        @Option(name: .customLong("event-id"), help: "The event id (default: a new UUID).") var eventID: String?

        func validate() throws {
            let flagsUsed = id != nil || number != nil || title != nil || !tasks.isEmpty || !units.isEmpty || !dues.isEmpty
            if document != nil && flagsUsed {
                throw ValidationError("give either a document or flags, not both")
            }
            if document == nil {
                guard let id, !id.isEmpty else { throw ValidationError("--id is required (or give a JSON document)") }
                guard number != nil else { throw ValidationError("--number is required") }
                guard title != nil else { throw ValidationError("--title is required") }
                guard !tasks.isEmpty else { throw ValidationError("at least one --task is required") }
                guard !units.isEmpty else { throw ValidationError("at least one --to unit is required") }
                guard dues.count <= 1 || dues.count == tasks.count else {
                    throw ValidationError("--due is given \(dues.count) times for \(tasks.count) tasks: give it once, or once per task")
                }
            }
        }

        func run() throws {
            let s = try global.settings()
            let now = try Environment.now(zone: s.zone)
            let envelope = EventCodec.Envelope(id: eventID ?? Environment.newEventID(), type: .directiveIssued,
                                               recordedAt: now, actor: Environment.actor)
            let event = try document.map { try fromDocument($0, envelope: envelope, settings: s) }
                ?? fromFlags(envelope: envelope, settings: s)
            guard case .directiveIssued(let directive) = event.body else {
                throw CLIError("\(document ?? "-"): field \"type\": `hanchot issue` records directive.issued events only")
            }
            let receipt: AppendReceipt
            do { receipt = try s.store().append([event]) } catch { throw s.explain(error) }
            if receipt.written == 0 {
                say(s.vi ? "Sự kiện \(event.id) đã có trong sổ; không ghi lại." : "Event \(event.id) is already in the log; nothing written.")
                return
            }
            let count = directive.tasks.reduce(0) { $0 + $1.assignees.count }
            say(s.vi ? "Đã ghi văn bản \(directive.id) (\(directive.number)): \(directive.tasks.count) nhiệm vụ, \(count) việc giao."
                       : "Recorded directive \(directive.id) (\(directive.number)): \(directive.tasks.count) tasks, \(count) assignments.")
        }

        private func fromDocument(_ source: String, envelope: EventCodec.Envelope, settings s: Settings) throws -> Event {
            let name = source == "-" ? "<stdin>" : source
            let data: Data
            if source == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let d = FileManager.default.contents(atPath: source) else { throw CLIError("\(name): cannot read the file") }
                data = d
            }
            guard data.count <= EventCodec.maxLineBytes else {
                throw CLIError("\(name): the document is \(data.count) bytes, over the limit of \(EventCodec.maxLineBytes) bytes")
            }
            let bytes = [UInt8](data)
            do {
                // Deadlines follow the working-day rule, as for --due, inside the decoder.
                return try EventCodec.decodeDocument(bytes, envelope: envelope, zone: s.zone, calendar: s.calendar,
                                                     shiftDeadlines: s.shiftDeadlines)
            } catch {
                throw CLIError("\(name)\(position(of: error, in: bytes)): \(error.message)")
            }
        }

        /// `:LINE:COLUMN` of a syntax error, `: field "x"` of a field error, both when both are known.
        private func position(of error: CodecError, in bytes: [UInt8]) -> String {
            let field = error.field.map { ": field \"\($0)\"" } ?? ""
            guard let column = error.column else { return field }
            let before = bytes.prefix(max(0, column - 1))
            let line = before.filter { $0 == 0x0A }.count + 1
            let col = before.count - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            return ":\(line):\(col)" + field
        }

        private func fromFlags(envelope: EventCodec.Envelope, settings s: Settings) throws -> Event {
            let issuedOn = try issued.map { text -> CivilDate in
                guard case .day(let d) = try parseDate(text, option: "--issued", zone: s.zone) else {
                    throw CLIError("--issued: give a date, not a time")
                }
                return d
            }
            var list: [Directive.Task] = []
            for (i, text) in tasks.enumerated() {
                let dueText = dues.count == 1 ? dues[0] : dues.count > i ? dues[i] : nil
                // Periods and year-less dates count from the directive's date when it is given.
                let reference = issuedOn.map { DeadlineReference(date: $0, source: .document) }
                let resolved = try dueText.map { try s.deadline($0, option: "--due", now: envelope.recordedAt, reference: reference) }
                // A recurring phrase ("trước ngày 20 hằng tháng") makes a recurring task.
                list.append(Directive.Task(id: String(i + 1), text: text, assignees: units, due: resolved?.dueRecord(phrase: dueText!),
                                           recurrence: resolved?.recurrence, until: resolved?.reading.until))
            }
            let directive = Directive(id: id!, number: number!, issuer: issuer ?? "", issuedOn: issuedOn, title: title!,
                                      recipients: recipients, tasks: list)
            return Event(id: envelope.id, recordedAt: envelope.recordedAt, actor: envelope.actor, body: .directiveIssued(directive))
        }
    }
}
