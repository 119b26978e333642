#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HanchotCore
@testable import HanchotLog
import SystemPackage

// MARK: - temporary directories and raw file access

/// A fresh directory under /tmp, removed (with its files) when the test is done with it.
final class TempDir {
    let path: String

    init() {
        var template = Array("/tmp/hanchot-logtests-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func store(_ name: String = "events.jsonl", zone: Zone = .vietnam) -> FileEventStore {
        FileEventStore(path: FilePath(file(name)), zone: zone)
    }

    /// Names of the files in the directory, sorted.
    func entries() -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    deinit {
        for name in entries() { unlink(file(name)) }
        rmdir(path)
    }
}

func readBytes(_ path: String) -> [UInt8] {
    guard let fd = try? FileDescriptor.open(FilePath(path), .readOnly) else { return [] }
    defer { try? fd.close() }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = (try? chunk.withUnsafeMutableBytes { try fd.read(into: $0) }) ?? 0
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}

func writeBytes(_ path: String, _ bytes: [UInt8]) {
    let fd = try! FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .truncate],
                                      permissions: [.ownerReadWrite])
    _ = try! fd.closeAfter { try fd.writeAll(bytes) }
}

func appendBytes(_ path: String, _ bytes: [UInt8]) {
    let fd = try! FileDescriptor.open(FilePath(path), .writeOnly, options: [.create, .append],
                                      permissions: [.ownerReadWrite])
    _ = try! fd.closeAfter { try fd.writeAll(bytes) }
}

func appendText(_ path: String, _ text: String) { appendBytes(path, Array(text.utf8)) }

func fileSize(_ path: String) -> Int64 {
    (try? FilePath(path).stat().size) ?? -1
}

extension FileEventStore {
    /// `append`, for tests that look at the log rather than the receipt.
    @discardableResult
    func add(_ events: [Event]) throws -> AppendReceipt { try append(events) }
}

// MARK: - events

let t0 = Instant(secondsSinceEpoch: 1_639_618_200)  // 2021-12-16T01:30:00Z

func makeTask(id: String = "1", text: String = "Tổng kết", assignees: [String] = ["UBND"], due: Due? = nil) -> Directive.Task {
    Directive.Task(id: id, text: text, assignees: assignees, due: due)
}

func makeDirective(id: String = "D1", number: String = "1-CV", issuedOn: CivilDate? = nil,
                   tasks: [Directive.Task] = [makeTask(id: "1", assignees: ["UBND", "HĐND"]), makeTask(id: "2")]) -> Directive {
    Directive(id: id, number: number, issuedOn: issuedOn, title: "Về việc \(id)", tasks: tasks)
}

func issueEvent(_ directive: Directive = makeDirective(), id: String? = nil, at: Instant = t0) -> Event {
    Event(id: id ?? "issue-\(directive.id)", recordedAt: at, actor: "vanphong", body: .directiveIssued(directive))
}

func completeEvent(directive: String = "D1", task: String = "1", unit: String? = "UBND", id: String,
                   at: Instant = t0.adding(seconds: 3600), note: String? = nil) -> Event {
    Event(id: id, recordedAt: at, actor: "vanphong",
          body: .taskCompleted(Completion(directive: directive, task: task, unit: unit, completedAt: at, note: note)))
}

func reopenEvent(directive: String = "D1", task: String = "1", unit: String? = "UBND", id: String,
                 at: Instant = t0.adding(seconds: 7200)) -> Event {
    Event(id: id, recordedAt: at, actor: "vanphong", body: .taskReopened(Reopening(directive: directive, task: task, unit: unit)))
}

func revokeEvent(directive: String = "D1", id: String, at: Instant = t0.adding(seconds: 9000)) -> Event {
    Event(id: id, recordedAt: at, actor: "vanphong", body: .directiveRevoked(Revocation(directive: directive, reason: "thay thế")))
}

func line(_ event: Event) -> [UInt8] { Array(EventCodec.encode(event).utf8) + [0x0A] }

// MARK: - replay helpers

struct Replayed {
    var events: [(Event, LineLocation)] = []
    var problems: [LineProblem] = []
    var end = LogCursor.beginning
}

func replayAll(_ store: FileEventStore, from cursor: LogCursor = .beginning) throws -> Replayed {
    var r = Replayed()
    r.end = try store.replay(from: cursor) { item in
        switch item {
        case .event(let e, let l): r.events.append((e, l))
        case .problem(let p): r.problems.append(p)
        }
    }
    return r
}

/// What an append did, as comparable text: outcomes, or the error.
func outcomeText(_ result: Result<AppendReceipt, any Error>) -> String {
    switch result {
    case .success(let r):
        return r.outcomes.map { o -> String in
            switch o {
            case .applied: return "applied"
            case .duplicateID: return "duplicate"
            case .rejected(let p): return "rejected:\(p.code)"
            }
        }.joined(separator: ",")
    case .failure(AppendError.rejected(let index, let p)):
        return "refused[\(index)]:\(p.code)"
    case .failure(AppendError.unencodable(let index, _)):
        return "unencodable[\(index)]"
    case .failure(let error):
        return "error:\(error)"
    }
}

func append(_ store: FileEventStore, _ events: [Event]) -> Result<AppendReceipt, any Error> {
    Result { try store.append(events) }
}

/// A store that always goes through the directive index, refreshing it once the log has grown `lag` bytes.
func indexedStore(_ dir: TempDir, _ name: String = "events.jsonl", lag: Int64 = 0) -> FileEventStore {
    let store = dir.store(name)
    store.indexThreshold = 0
    store.maxIndexLag = lag
    return store
}
