import HanchotCore

extension Settings {
    /// Reads a deadline typed on the command line: any phrase of the deadline grammar
    /// ("xong trước ngày 31/12/2021", "trong quý II/2022", "eom", "+3d", 15/01/2022 …), moved
    /// to the end of the next working day when it falls on a day off (if `shift_deadlines`).
    /// A recurring phrase gives its next occurrence.
    func deadline(_ text: String, option: String, now: Instant) throws -> (due: Due, reading: DeadlineReading, movedFrom: CivilDate?) {
        let reading: DeadlineReading
        do { reading = try DeadlineGrammar.read(text, now: now, zone: zone) } catch { throw CLIError("\(option): \(error)") }
        var instant = reading.instant(from: now, zone: zone)
        var movedFrom: CivilDate?
        if shiftDeadlines {
            (instant, movedFrom) = calendar.shift(deadline: instant, zone: zone)
        }
        return (Due(instant: instant, phrase: text), reading, movedFrom)
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
