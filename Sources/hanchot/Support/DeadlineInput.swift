import HanchotCore

extension Settings {
    /// Reads a deadline typed on the command line: any phrase of the deadline grammar
    /// ("xong trước ngày 31/12/2021", "trong quý II/2022", "trong 10 ngày làm việc kể từ ngày
    /// ký", "eom", "+3d", 15/01/2022 …), counted from `reference` (the directive's date when
    /// known, else today), with the working-day rule applied when `shift_deadlines` is on
    /// (``DeadlineResolution``). A recurring phrase gives its next occurrence.
    func deadline(_ text: String, option: String, now: Instant, reference: DeadlineReference? = nil) throws -> DeadlineResolution {
        do {
            return try DeadlineGrammar.resolve(text, now: now, zone: zone, reference: reference, calendar: calendar, shift: shiftDeadlines)
        } catch {
            throw CLIError("\(option): \(error)")
        }
    }

    /// A point in time typed on the command line (`--as-of`, `--at`, `--from`): the grammar's
    /// instant for phrases; for a bare date, its start (`start: true`) or its end.
    func pointInTime(_ text: String, option: String, now: Instant, start: Bool) throws -> Instant {
        if let input = try? DateInput.parse(text, zone: zone) {
            return start ? input.start(in: zone) : input.end(in: zone)
        }
        do {
            // Phrases name deadlines (exclusive instants): the point just before is the last moment.
            let t = try DeadlineGrammar.read(text, now: now, zone: zone).instant(from: now, zone: zone)
            return start ? t : t.adding(seconds: -1)
        } catch {
            throw CLIError("\(option): \(error)")
        }
    }
}
