#if canImport(Glibc)
import Glibc
#endif
import HanchotCore
import HanchotLog

/// Concurrent appends from several processes into one log, through `FileEventStore.append`
/// (the same path `hanchot done` takes), then a check that every event is there exactly once.
struct AppendBench {
    struct Result {
        var label = ""
        var writers = 0
        var perWriter = 0
        var seconds = 0.0
        var startBytes: Int64 = 0
        var endBytes: Int64 = 0
        var indexRebuild: Double?
        var latencies: [Double] = []   // every append of every worker, seconds
        var errors = 0
        var verified = false
        var verifyNote = ""

        var total: Int { writers * perWriter }
        var rate: Double { Double(total) / seconds }
    }

    /// Each bench directive has this many tasks of `unitsPerTask` units: 40 open assignments.
    static let tasksPerDirective = 10
    static let unitsPerTask = 4

    var dir: String
    var writers = 4
    var perWriter = 2000
    /// Copied to start from (e.g. the 1M-event log, so that appends go through the index).
    var baseLog: String?
    var label: String

    static func directiveID(worker: Int, number: Int) -> String { "BENCH-\(worker)-\(number)/ĐU-2024" }

    static func assignees(worker: Int, number: Int, task: Int) -> [String] {
        let units = LogGenerator.units
        let first = (worker * 7 + number * 3 + task) % units.count
        return (0..<unitsPerTask).map { units[(first + $0) % units.count] }
    }

    /// The `j`-th completion of `worker`: directive, task, unit.
    static func target(worker: Int, j: Int) -> (directive: String, task: String, unit: String) {
        let perDirective = tasksPerDirective * unitsPerTask
        let number = j / perDirective
        let task = (j % perDirective) / unitsPerTask
        let unit = assignees(worker: worker, number: number, task: task)[j % unitsPerTask]
        return (directiveID(worker: worker, number: number), "\(task + 1)", unit)
    }

    static func eventID(worker: Int, j: Int) -> String { "bench-append-w\(worker)-\(j)" }

    static let issuedAt = Instant(secondsSinceEpoch: 1_717_200_000)  // 2024-06-01

    func run() -> Result {
        var r = Result(label: label, writers: writers, perWriter: perWriter)
        let log = "\(dir)/append-\(label).jsonl"
        let index = log + ".idx"
        removeFile(log)
        removeFile(index)
        heading("append throughput (\(label)): \(writers) writer processes × \(grouped(perWriter)) appends")
        if let baseLog { copyFile(baseLog, log) }

        // The directives the workers complete, written directly (nothing else writes the log yet).
        let perDirective = AppendBench.tasksPerDirective * AppendBench.unitsPerTask
        var lines: [String] = []
        let zone = LogGenerator.zone
        for w in 0..<writers {
            for n in 0..<((perWriter + perDirective - 1) / perDirective) {
                let tasks = (0..<AppendBench.tasksPerDirective).map { t in
                    Directive.Task(id: "\(t + 1)", text: LogGenerator.sentences[t % LogGenerator.sentences.count] + ".",
                                   assignees: AppendBench.assignees(worker: w, number: n, task: t),
                                   due: Due(instant: AppendBench.issuedAt.adding(seconds: 30 * 86_400), phrase: nil))
                }
                let d = Directive(id: AppendBench.directiveID(worker: w, number: n), number: "\(n + 1)-CV/ĐU",
                                  issuer: "Ban Thường vụ Đảng ủy xã Bắc Sơn",
                                  issuedOn: zone.date(of: AppendBench.issuedAt), title: "Văn bản kiểm thử hiệu năng số \(n + 1)",
                                  recipients: [], tasks: tasks)
                lines.append(EventCodec.encode(Event(id: "bench-directive-w\(w)-\(n)", recordedAt: AppendBench.issuedAt,
                                                     actor: "vanphong", body: .directiveIssued(d))))
            }
        }
        appendLines(lines, to: log)
        r.startBytes = fileSize(log) ?? 0
        let store = FileEventStore(path: .init(log), zone: .vietnam)
        if r.startBytes >= store.indexThreshold {
            let start = nowNanos()
            do { try store.rebuildIndex() } catch { fail("index rebuild failed: \(error)") }
            r.indexRebuild = seconds(since: start)
            line("index rebuild before start", "\(ms(r.indexRebuild!)) (\(mib(fileSize(index) ?? 0)))")
        }
        line("log at start", "\(mib(r.startBytes)) (\(r.startBytes >= store.indexThreshold ? "≥" : "<") index threshold \(mib(store.indexThreshold)): "
             + (r.startBytes >= store.indexThreshold ? "appends check via the .idx + tail)" : "appends fold the whole log)"))
        let before = ReplayBench.fold(log)

        // Start the workers; they wait at a barrier (a file) so that all start together.
        let go = "\(dir)/append-\(label).go"
        removeFile(go)
        var pids: [pid_t] = []
        var outputs: [String] = []
        for w in 0..<writers {
            let out = "\(dir)/append-\(label).worker\(w).out"
            outputs.append(out)
            pids.append(spawn(selfExecutable(), ["append-worker", "--log", log, "--worker", "\(w)", "--count", "\(perWriter)",
                                                 "--go", go, "--ready", "\(out).ready"], output: out))
        }
        let deadline = nowNanos() + 60_000_000_000
        while outputs.contains(where: { fileSize("\($0).ready") == nil }) {
            if nowNanos() > deadline { for p in pids { kill(p, SIGTERM) }; fail("append workers did not start") }
            usleep(1000)
        }
        let start = nowNanos()
        appendLines([], to: go)
        var failed: [String] = []
        for (w, pid) in pids.enumerated() {
            let status = waitFor(pid)
            if status != 0 { failed.append("worker \(w) exited \(status): \(readText(outputs[w]))") }
        }
        r.seconds = seconds(since: start)
        for f in failed { printError("hanchot-bench: \(f)") }
        for out in outputs {
            let text = readText(out)
            let v = reportValues(text)
            r.errors += Int(v["errors"] ?? "") ?? 0
            for l in text.split(separator: "\n") where l.hasPrefix("latencies_us=") {
                r.latencies += l.dropFirst("latencies_us=".count).split(separator: ",").compactMap { Double($0).map { $0 / 1e6 } }
            }
            removeFile(out)
            removeFile("\(out).ready")
        }
        removeFile(go)
        r.endBytes = fileSize(log) ?? 0

        // Verify: every line a whole event, every appended id exactly once, replay clean.
        var counts: [String: Int] = [:]
        var malformed = 0
        var total = 0
        let leftover = forEachRawLine(log) { bytes in
            total += 1
            guard let event = try? EventCodec.decode(bytes) else { malformed += 1; return }
            if event.id.hasPrefix("bench-append-") { counts[event.id, default: 0] += 1 }
        }
        var missing = 0, repeated = 0
        for w in 0..<writers {
            for j in 0..<perWriter {
                switch counts[AppendBench.eventID(worker: w, j: j)] ?? 0 {
                case 0: missing += 1
                case 1: break
                default: repeated += 1
                }
            }
        }
        let after = ReplayBench.fold(log)
        let newProblems = after.problems.count - before.problems.count
        r.verified = failed.isEmpty && r.errors == 0 && malformed == 0 && leftover == 0 && missing == 0 && repeated == 0
            && counts.count == r.total && newProblems == 0 && after.ledger.eventCount == before.ledger.eventCount + r.total
        r.verifyNote = "\(grouped(total)) lines, \(malformed) malformed/interleaved, \(leftover) bytes unterminated, "
            + "\(grouped(counts.count)) of \(grouped(r.total)) appended ids present, \(missing) missing, \(repeated) repeated, "
            + "\(newProblems) new replay problems"
        AppendBench.print(r)
        removeFile(log)
        removeFile(index)
        return r
    }

    static func print(_ r: Result) {
        let s = Stats(r.latencies)
        line("appends", "\(grouped(r.total)) in \(fmt(r.seconds, 2)) s")
        line("throughput", "\(grouped(Int(r.rate))) appends/s (all writers)")
        line("per-append latency", "median \(ms(s.median)), p99 \(ms(s.percentile(99))), max \(ms(s.max))")
        line("log grew", "\(mib(r.startBytes)) → \(mib(r.endBytes))")
        line("verified", (r.verified ? "yes: " : "NO: ") + r.verifyNote)
    }
}

/// One writer process of the append benchmark.
struct AppendWorkerRun {
    var log: String
    var worker: Int
    var count: Int
    var go: String
    var ready: String

    func run() {
        let store = FileEventStore(path: .init(log), zone: .vietnam)
        let completedAt = AppendBench.issuedAt.adding(seconds: 3600)
        let events: [Event] = (0..<count).map { j in
            let t = AppendBench.target(worker: worker, j: j)
            return Event(id: AppendBench.eventID(worker: worker, j: j), recordedAt: completedAt.adding(seconds: Int64(j)),
                         actor: "bench-w\(worker)",
                         body: .taskCompleted(Completion(directive: t.directive, task: t.task, unit: t.unit, completedAt: completedAt)))
        }
        appendLines([], to: ready)
        while fileSize(go) == nil {
            if getppid() == 1 { fail("parent gone") }
            usleep(200)
        }
        var latencies: [UInt64] = []
        latencies.reserveCapacity(count)
        var errors = 0
        let start = nowNanos()
        for event in events {
            let t0 = nowNanos()
            do {
                let receipt = try store.append([event])
                if receipt.written != 1 { errors += 1; print("not written: \(event.id)") }
            } catch {
                errors += 1
                print("append \(event.id) failed: \(error)")
            }
            latencies.append(nowNanos() - t0)
        }
        let total = seconds(since: start)
        print("worker=\(worker) appends=\(count) seconds=\(total) errors=\(errors)")
        print("latencies_us=" + latencies.map { String($0 / 1000) }.joined(separator: ","))
    }
}
