import Foundation
import Testing

/// One journal entry as `journalctl -o json` shows it. A field may hold several values (it was
/// sent more than once), so every field maps to a list.
struct JournalEntry: CustomStringConvertible {
    var fields: [String: [String]]

    /// The single value of a field (nil when absent).
    subscript(_ name: String) -> String? { fields[name]?.first }

    /// When journald received it (`__REALTIME_TIMESTAMP`), in seconds since the epoch.
    var receivedAt: Double { Double(self["__REALTIME_TIMESTAMP"] ?? "0").map { $0 / 1e6 } ?? 0 }

    var unit: String { self["HANCHOT_UNIT"] ?? "?" }
    var step: String { self["HANCHOT_STEP"] ?? "?" }

    var description: String {
        let names = ["HANCHOT_UNIT", "HANCHOT_STEP", "HANCHOT_KIND", "PRIORITY", "MESSAGE_ID"]
        return "{" + names.map { "\($0)=\(fields[$0].map { "\($0)" } ?? "-")" }.joined(separator: " ")
            + " at=\(String(format: "%.3f", receivedAt))}"
    }
}

/// Reads journald back with `journalctl`, and insists that journald is really there.
enum Journal {
    static let socket = "/run/systemd/journal/socket"

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "journald is not running: \(Journal.socket) does not exist. These integration tests need a real journald; "
                + "run them through scripts/test.sh (which starts a standalone /lib/systemd/systemd-journald as root), "
                + "or start one: /lib/systemd/systemd-journald </dev/null >/tmp/jd.log 2>&1 &"
        }
    }

    /// Fails the test (loudly, not silently passing) when no journald listens.
    static func require() throws {
        var st = stat()
        guard stat(socket, &st) == 0, (st.st_mode & S_IFMT) == S_IFSOCK else {
            Issue.record("\(Missing())")
            throw Missing()
        }
    }

    /// Entries matching `matches` (journalctl's FIELD=value arguments), oldest first; with
    /// `since`, only those journald received at or after it (seconds since the epoch).
    static func entries(_ matches: [String], dir: URL, since: Double? = nil) throws -> [JournalEntry] {
        let r = try ChildProcess.run("/usr/bin/env", ["journalctl", "-o", "json", "--all", "--no-pager", "-q"] + matches,
                                     env: ProcessInfo.processInfo.environment, outputIn: dir, name: "journalctl")
        guard r.status == 0 else {
            throw Missing.Query(description: "journalctl \(matches) failed (\(r.status)): \(r.stderr)")
        }
        var out: [JournalEntry] = []
        for line in r.stdout.split(separator: "\n") where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            var fields: [String: [String]] = [:]
            for (name, value) in object { fields[name] = values(value) }
            let entry = JournalEntry(fields: fields)
            if let since, entry.receivedAt < since { continue }
            out.append(entry)
        }
        return out.sorted { $0.receivedAt < $1.receivedAt }
    }

    /// journalctl writes a value as a string, as an array of bytes (not printable UTF-8), or, for a
    /// field sent several times, as an array of those.
    private static func values(_ value: Any) -> [String] {
        if let s = value as? String { return [s] }
        if let n = value as? NSNumber { return [n.stringValue] }
        if let array = value as? [Any] {
            if !array.isEmpty, array.allSatisfy({ $0 is NSNumber }) {
                return [String(decoding: array.map { ($0 as! NSNumber).uint8Value }, as: UTF8.self)]
            }
            return array.flatMap { values($0) }
        }
        return value is NSNull ? ["<null>"] : ["\(value)"]
    }

    /// Polls until `done` holds for the entries (or `timeout` passes); returns the last read.
    static func wait(for matches: [String], dir: URL, since: Double? = nil, timeout: Double,
                     until done: ([JournalEntry]) -> Bool) throws -> [JournalEntry] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let found = try entries(matches, dir: dir, since: since)
            if done(found) || Date() >= deadline { return found }
            usleep(50_000)
        }
    }
}

extension Journal.Missing {
    struct Query: Error, CustomStringConvertible { var description: String }
}
