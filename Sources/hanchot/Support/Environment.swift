import Foundation
import HanchotCore

/// The edge where the CLI meets the machine: the clock, the user, fresh ids.
enum Environment {
    /// Now, or `HANCHOT_NOW` (a date or timestamp) so that tests and demos can fix the clock.
    static func now(zone: Zone) throws -> Instant {
        if let fixed = ProcessInfo.processInfo.environment["HANCHOT_NOW"] {
            do { return try DateInput.parse(fixed, zone: zone).start(in: zone) } catch {
                throw CLIError("HANCHOT_NOW: \(error)")
            }
        }
        return Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// The Unix user appending (the event's `actor`).
    static var actor: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        // Never $USER: the recorded actor comes from the OS, not from anything the caller sets.
        return "uid-\(geteuid())"
    }

    static func newEventID() -> String { UUID().uuidString.lowercased() }
}

/// Parses a date option, naming the option in the error.
func parseDate(_ text: String, option: String, zone: Zone) throws -> DateInput {
    do { return try DateInput.parse(text, zone: zone) } catch { throw CLIError("\(option): \(error)") }
}
