import ArgumentParser
import Foundation
import HanchotCore
import HanchotLog

extension Hanchot {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history", abstract: "Show a directive's events as a timeline.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The directive id.") var directive: String

        func run() throws {
            let s = try global.settings()
            let store = s.store()
            var events: [(Event, LineLocation)] = []
            var known: [String] = []
            var problems: [LineProblem] = []
            try store.replay(from: .beginning) { item in
                switch item {
                case .event(let e, let loc):
                    if e.directiveID == directive { events.append((e, loc)) }
                    if case .directiveIssued(let d) = e.body { known.append(d.id) }
                case .problem(let p): problems.append(p)
                }
            }
            warn(about: problems, settings: s)
            guard !events.isEmpty else {
                throw CLIError(FoldProblemText.render(FoldProblem(.unknownDirective(directive, known: known)), s.language, zone: s.zone))
            }
            for (event, location) in events {
                say("\(s.zone.display(event.recordedAt))  \(event.actor.padding(toLength: 10, withPad: " ", startingAt: 0))  \(describe(event, s))  (\(store.name):\(location.line))")
            }
        }

        private func describe(_ event: Event, _ s: Settings) -> String {
            let m = s.messages
            let vi = s.vi
            switch event.body {
            case .directiveIssued(let d):
                let tasks = d.tasks.map { "\($0.id) → \($0.assignees.joined(separator: ", ")); \(m.due($0.due))" }.joined(separator: " | ")
                return (vi ? "ban hành \(d.number) \"\(d.title)\": " : "issued \(d.number) \"\(d.title)\": ") + tasks
            case .taskCompleted(let c):
                let who = c.unit ?? (vi ? "(đơn vị duy nhất)" : "(sole assignee)")
                let note = c.note.map { " — \($0)" } ?? ""
                return (vi ? "\(who) hoàn thành nhiệm vụ \(c.task) lúc \(s.zone.display(c.completedAt))"
                           : "\(who) completed task \(c.task) at \(s.zone.display(c.completedAt))") + note
            case .taskReopened(let r):
                let reason = r.reason.map { ": \($0)" } ?? ""
                return (vi ? "mở lại nhiệm vụ \(r.task)" : "reopened task \(r.task)") + (r.unit.map { " (\($0))" } ?? "") + reason
            case .deadlineChanged(let c):
                return (vi ? "đổi hạn nhiệm vụ \(c.task)" : "moved the deadline of task \(c.task)") + (c.unit.map { " (\($0))" } ?? "")
                    + ": \(m.due(c.due)): \(c.reason)"
            case .directiveRevoked(let r):
                return (vi ? "thu hồi: " : "revoked: ") + r.reason
            case .reminderSent(let r):
                return (vi ? "đã nhắc" : "reminded") + " \(r.unit), \(m.task(Assignment.Key(directive: r.directive, task: r.task, unit: r.unit))), \(r.step)"
            }
        }
    }
}
