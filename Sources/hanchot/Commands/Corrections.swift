import Foundation
import ArgumentParser
import HanchotCore

extension Hanchot {
    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a completed assignment (the completion was premature).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The directive id.") var directive: String
        @Argument(help: "The task id.") var task: String
        @Option(help: "The unit (required when the task has several assignees).") var unit: String?
        @Option(help: "Why it is reopened.") var reason: String?
        @Option(help: "For a recurring task, the occurrence to reopen (default: the latest done).") var period: String?

        func run() throws {
            let s = try global.settings()
            let r = Reopening(directive: directive, task: task, unit: unit, reason: reason, period: period)
            try record(.taskReopened(r), settings: s,
                       vi: "Đã mở lại nhiệm vụ \(task) của \(directive).", en: "Reopened task \(task) of \(directive).")
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "extend", abstract: "Change a task's deadline (for every assignee, or one unit).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The directive id.") var directive: String
        @Argument(help: "The task id.") var task: String
        @Option(help: "The new deadline; a date alone means the end of that day.") var due: String
        @Option(help: "Why the deadline changes (kept in the log).") var reason: String
        @Option(help: "Only this unit's deadline.") var unit: String?

        func validate() throws {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must not be empty") }
        }

        func run() throws {
            let s = try global.settings()
            let change = DeadlineChange(directive: directive, task: task, unit: unit,
                                        due: try s.deadline(due, option: "--due", now: Environment.now(zone: s.zone)).dueRecord(phrase: due),
                                        reason: reason)
            try record(.deadlineChanged(change), settings: s,
                       vi: "Đã đổi hạn nhiệm vụ \(task) của \(directive): \(s.messages.due(change.due)).",
                       en: "Moved the deadline of task \(task) of \(directive): \(s.messages.due(change.due)).")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a whole directive; its assignments are no longer reminded.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The directive id.") var directive: String
        @Option(help: "Why it is revoked (kept in the log).") var reason: String

        func validate() throws {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must not be empty") }
        }

        func run() throws {
            let s = try global.settings()
            try record(.directiveRevoked(Revocation(directive: directive, reason: reason)), settings: s,
                       vi: "Đã thu hồi \(directive).", en: "Revoked \(directive).")
        }
    }
}

/// Appends one event made now by the current user, and says what happened.
func record(_ body: Event.Body, settings s: Settings, vi: String, en: String) throws {
    let event = Event(id: Environment.newEventID(), recordedAt: try Environment.now(zone: s.zone),
                      actor: Environment.actor, body: body)
    do {
        _ = try s.store().append([event])
    } catch {
        throw s.explain(error)
    }
    say(s.vi ? vi : en)
}
