import HanchotCore
import HanchotLog
import Logging
import SystemPackage

/// Which file the daemon is following: a different inode means the log was replaced.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
}

extension Daemon {
    /// Replays the whole log into a fresh ledger and re-plans everything.
    func replayAll() throws {
        identity = currentIdentity()
        // The store's own fold (the fast one for a file), then one plan of every assignment.
        let loaded = try store.loadLedger(asOf: nil, zone: settings.config.zone)
        for problem in loaded.problems {
            // A repeated id is harmless (e.g. a reminder recorded twice across a crash): not a problem to report.
            if case .duplicateID = problem.kind { continue }
            report(problem)
        }
        cursor = loaded.end
        applied = try? store.fingerprint(upTo: cursor.offset)
        // Records of reminders sent from the old history do not belong to this one: its replay
        // re-plans every step (at most one duplicate each, as after a crash).
        unrecorded = []
        engine.replace(ledger: loaded.ledger, now: WallClock.now())
    }

    /// The log changed on disk: read what was appended, or start over if it was replaced.
    func logChanged() {
        let now = WallClock.now()
        let size = (try? FilePath(settings.logPath).stat().size) ?? -1
        let id = currentIdentity()
        if id == nil {
            if identity != nil { logger.warning("the log \(settings.logPath) disappeared; keeping the last known state") }
            identity = nil
            return
        }
        if id != identity || size < cursor.offset {
            replayReplacedLog()
        } else if let applied, !store.stillHolds(applied) {
            // Same file, long enough, other bytes: overwritten in place (`cat other > log`).
            replayReplacedLog()
        } else {
            // Problems wait until the file is known to be the same one: if it was renamed over
            // between the check above and the read, the read started mid-way into another file.
            var problems: [LineProblem] = []
            beforeTailRead?()
            do {
                cursor = try store.replay(from: cursor) { item in
                    switch item {
                    case .event(let event, let location):
                        if case .rejected(let p) = engine.apply(event, now: now) {
                            problems.append(LineProblem(file: store.name, location: location, kind: .rejected(p)))
                        }
                    case .problem(let p):
                        // An unterminated tail may be a write in progress; it is re-read next time.
                        if case .tornTail = p.kind { return }
                        problems.append(p)
                    }
                }
            } catch {
                logger.error("reading the log failed: \(error)")
            }
            switch currentIdentity() {
            case identity:
                // Overwritten in place while we read: the bytes we had applied are gone.
                if let applied, !store.stillHolds(applied) {
                    replayReplacedLog()
                } else {
                    problems.forEach(report)
                    applied = try? store.fingerprint(upTo: cursor.offset)
                }
            case nil: break  // deleted meanwhile: the next change event says so
            default: replayReplacedLog()
            }
        }
        wake()
    }

    private func replayReplacedLog() {
        logger.warning("the log \(settings.logPath) was replaced, truncated or rewritten; replaying it from the start",
                       metadata: ["message_id": "\(ReminderNotice.Kind.logProblem.messageID)"])
        reportedProblems = []
        do { try replayAll() } catch { logger.error("replay failed: \(error)") }
    }

    /// Reports a bad line once, as a "log problem" journal entry.
    func report(_ problem: LineProblem) {
        guard problem.isError, reportedProblems.insert(problem.location.offset).inserted else { return }
        // People read this (journalctl, or a terminal in the foreground): log text made visible.
        logger.warning("\(Terminal.visible(problem.description))", metadata: [
            "message_id": "\(ReminderNotice.Kind.logProblem.messageID)",
            "line": "\(problem.location.line)", "offset": "\(problem.location.offset)",
        ])
    }

    func currentIdentity() -> FileIdentity? {
        guard let st = try? FilePath(settings.logPath).stat() else { return nil }
        return FileIdentity(device: UInt64(truncatingIfNeeded: st.deviceID.rawValue), inode: UInt64(truncatingIfNeeded: st.inode.rawValue))
    }
}
