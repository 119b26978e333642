import HanchotCore

/// Where a line sits in a log file.
public struct LineLocation: Hashable, Sendable {
    /// 1-based; 0 when unknown (a replay that started mid-file from a cache).
    public var line: Int
    /// Byte offset of the line's first byte.
    public var offset: Int64
    /// Bytes in the line, without its newline.
    public var length: Int

    public init(line: Int, offset: Int64, length: Int) {
        self.line = line
        self.offset = offset
        self.length = length
    }
}

/// A line of the log that replay skipped, and why. Nothing in the log is ever changed because
/// of one: `hanchot verify` lists them, `hanchot verify --repair` moves a torn tail aside.
public struct LineProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Not a valid event line.
        case malformed(CodecError)
        /// The last line has no newline: a write was cut short (crash, full disk).
        case tornTail
        /// A valid event that breaks a rule of the fold (e.g. completes an unknown task).
        case rejected(FoldProblem)
        /// An event id seen earlier in the log (harmless: the second copy is ignored).
        case duplicateID(String)
    }

    public var file: String
    public var location: LineLocation
    public var kind: Kind

    public init(file: String, location: LineLocation, kind: Kind) {
        self.file = file
        self.location = location
        self.kind = kind
    }

    /// Duplicates are expected (idempotent appends from tools); everything else is damage.
    public var isError: Bool {
        if case .duplicateID = kind { return false }
        return true
    }

    public var description: String {
        let place = location.line > 0
            ? "\(file):\(location.line) (byte \(location.offset))"
            : "\(file) (byte \(location.offset))"
        switch kind {
        case .malformed(let e): return "\(place): \(e)"
        case .tornTail: return "\(place): incomplete last line (\(location.length) bytes, no newline): a write was cut short"
        case .rejected(let p): return "\(place): \(FoldProblemText.english(p))"
        case .duplicateID(let id): return "\(place): event id \"\(id)\" already appeared earlier; ignored"
        }
    }
}
