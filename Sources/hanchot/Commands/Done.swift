import ArgumentParser
import HanchotCore
import HanchotLog

extension Hanchot {
    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done",
            abstract: "Record that a unit has completed a task.",
            discussion: "Completing an assignment that is already done is reported and not recorded twice.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The directive id, e.g. 22-CV/ĐU-2021.") var directive: String
        @Argument(help: "The task id, e.g. 1 or 2.a.") var task: String
        @Option(help: "The unit that completed it (required when the task has several assignees).") var unit: String?
        @Option(help: "When the work was finished (default: now).") var at: String?
        @Option(help: "A note to keep with the completion.") var note: String?
        @Option(help: "For a recurring task, the occurrence done: 2024-05 (month), 2024-Q2, 2024-W19 or 2024 (default: the oldest not yet done).")
        var period: String?
        @Option(help: "The event id (default: a new UUID); appending an id already in the log is a no-op.") var id: String?

        func run() throws {
            let s = try global.settings()
            let now = try Environment.now(zone: s.zone)
            let completedAt = try at.map { try s.pointInTime($0, option: "--at", now: now, start: true) } ?? now
            if completedAt > now.adding(seconds: 60) {
                throw CLIError(s.vi ? "--at: thời điểm hoàn thành \(s.zone.display(completedAt)) ở tương lai"
                                    : "--at: the completion time \(s.zone.display(completedAt)) is in the future")
            }
            if let period, !Recurrence.isPeriod(period) {
                throw CLIError("--period: \"\(period)\" is not a period (2024-05, 2024-Q2, 2024-W19 or 2024)")
            }
            let completion = Completion(directive: directive, task: task, unit: unit, completedAt: completedAt, note: note, period: period)
            let event = Event(id: id ?? Environment.newEventID(), recordedAt: now, actor: Environment.actor,
                              body: .taskCompleted(completion))
            let receipt: AppendReceipt
            do {
                receipt = try s.store().append([event])
            } catch AppendError.rejected(_, let problem) where problem.code == "already-completed" {
                // Reported, not duplicated; not an error for a script that runs `done` twice.
                say(FoldProblemText.render(problem, s.language, zone: s.zone))
                return
            } catch {
                throw s.explain(error)
            }
            guard receipt.written == 1 else {
                say(s.vi ? "Sự kiện \(event.id) đã có trong sổ; không ghi lại." : "Event \(event.id) is already in the log; nothing written.")
                return
            }
            let m = s.messages
            let mine = receipt.state.directives[directive]?.assignments.filter { $0.key.task == task && (unit == nil || $0.key.unit == unit) } ?? []
            // A recurring task: say which occurrence was recorded, and what is open next.
            let recorded: String? = {
                if case .taskCompleted(let c)? = receipt.recorded.first?.body { return c.period }
                return nil
            }()
            if let a = mine.first(where: { $0.cycle != nil }), let p = recorded {
                let next = a.due.map { m.due($0) } ?? (s.vi ? "không còn kỳ nào" : "no occurrence left")
                say(s.vi ? "Đã ghi: \(a.key.unit) hoàn thành \(m.task(a.key)) kỳ \(p) của \(directive) lúc \(s.zone.display(completedAt)); kỳ tiếp theo: \(next)."
                           : "Recorded: \(a.key.unit) completed \(m.task(a.key)), period \(p), of \(directive) at \(s.zone.display(completedAt)); next: \(next).")
                return
            }
            let done = mine.first { $0.completedAt == completedAt }
            if let a = done {
                say(s.vi ? "Đã ghi: \(a.key.unit) hoàn thành \(m.task(a.key)) của \(directive) lúc \(s.zone.display(completedAt)) — \(m.status(a.status))."
                           : "Recorded: \(a.key.unit) completed \(m.task(a.key)) of \(directive) at \(s.zone.display(completedAt)) — \(m.status(a.status)).")
            }
        }
    }
}
