import HanchotCore

/// Where a replay stopped, to resume from later (the daemon follows the log this way).
///
/// Opaque to the core: for the file store it is a byte offset and a line number; a database
/// store would keep a sequence number here.
public struct LogCursor: Hashable, Sendable {
    public var offset: Int64
    /// The number of the next line (1-based), or 0 when unknown.
    public var line: Int

    public init(offset: Int64, line: Int) {
        self.offset = offset
        self.line = line
    }

    public static let beginning = LogCursor(offset: 0, line: 1)
}

/// What replay hands out, in log order.
public enum ReplayItem: Sendable {
    case event(Event, LineLocation)
    case problem(LineProblem)
}

/// What an append did with each event it was given.
public struct AppendReceipt: Sendable {
    /// One per event, in order: `.applied` (written) or `.duplicateID` (already in the log).
    public var outcomes: [Ledger.Outcome]
    public var end: LogCursor
    /// The state of the directives the batch touched, after the batch.
    public var state: Ledger
    /// The events written, as written (a completion of a recurring task names its period).
    public var recorded: [Event] = []

    public var written: Int { outcomes.filter { $0 == .applied }.count }
}

/// Why an append wrote nothing.
public enum AppendError: Error, Sendable {
    /// Event `index` of the batch breaks a rule; no event of the batch was written.
    case rejected(index: Int, FoldProblem)
    /// An event's line is not acceptable (too long, for instance).
    case unencodable(index: Int, CodecError)
    /// The write failed part-way and cutting the log back to its length before the write failed
    /// too: the end of the log may hold part of a line (`verify --repair` moves it aside).
    case partialWrite(write: any Error, cleanup: any Error)
    /// The lines were written but flushing them to disk failed: they may or may not be in the
    /// log after a crash. Appending the same events again is safe (same ids: no-ops).
    case notDurable(any Error)
}

/// The log of events: durable, append-only, replayable.
///
/// Kept small on purpose (two requirements, like `LogHandler`): the local file is the embedded
/// default; a store shared by several offices on a database engine can stand behind the same
/// protocol without the core knowing.
public protocol EventStore: AnyObject {
    /// A name for people: the file path, or the database and table.
    var name: String { get }

    /// Streams every event from `cursor` to the current end, in order; bad lines arrive as
    /// `.problem` and are skipped. Returns the cursor to resume from.
    @discardableResult
    func replay(from cursor: LogCursor, _ visit: (ReplayItem) throws -> Void) throws -> LogCursor

    /// Appends a batch atomically: under exclusive access, checks each event against the current
    /// state (the same rules as replay), skips those whose id is already there, writes the rest
    /// and returns only once they are durable. A batch with a rejected event writes nothing. A
    /// completion or reopening of a recurring task without a period is written with the period
    /// the state gives it (``Ledger/withExplicitPeriod(_:)``).
    func append(_ events: [Event]) throws -> AppendReceipt

    /// The ledger as of `asOf` (or now), with every problem met on the way. The default folds
    /// what `replay` hands out; a store may do the same faster (the file store does).
    func loadLedger(asOf: Instant?, zone: Zone) throws -> (ledger: Ledger, problems: [LineProblem], end: LogCursor)
}

extension EventStore {
    public func loadLedger(zone: Zone) throws -> (ledger: Ledger, problems: [LineProblem], end: LogCursor) {
        try loadLedger(asOf: nil, zone: zone)
    }

    public func loadLedger(asOf: Instant?, zone: Zone) throws -> (ledger: Ledger, problems: [LineProblem], end: LogCursor) {
        try foldReplay(asOf: asOf, zone: zone)
    }

    /// Folds every event `replay` hands out.
    public func foldReplay(asOf: Instant? = nil, zone: Zone) throws -> (ledger: Ledger, problems: [LineProblem], end: LogCursor) {
        var ledger = Ledger(zone: zone)
        var problems: [LineProblem] = []
        let end = try replay(from: .beginning) { item in
            switch item {
            case .problem(let p):
                problems.append(p)
            case .event(let event, let location):
                if let asOf, event.recordedAt > asOf { return }
                if let problem = ledger.applyReporting(event, at: location, file: name) { problems.append(problem) }
            }
        }
        return (ledger, problems, end)
    }
}

extension Ledger {
    /// Applies `event`; returns the problem a replay reports for it, if any.
    mutating func applyReporting(_ event: Event, at location: LineLocation, file: String) -> LineProblem? {
        switch apply(event) {
        case .applied: return nil
        case .duplicateID: return LineProblem(file: file, location: location, kind: .duplicateID(event.id))
        case .rejected(let p): return LineProblem(file: file, location: location, kind: .rejected(p))
        }
    }
}
