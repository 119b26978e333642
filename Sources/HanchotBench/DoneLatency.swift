#if canImport(Glibc)
import Glibc
#endif
import HanchotCore
import HanchotLog

/// End-to-end latency of the real `hanchot done` binary on a large log: process start to exit,
/// each run completing a different open assignment (so every run writes and fsyncs a line).
struct DoneLatencyBench {
    struct Result {
        var logEvents = 0
        var logBytes: Int64 = 0
        var first = 0.0
        var firstCPU = 0.0
        var runs: [Double] = []
        /// CPU time (user + system) of each timed run.
        var cpu: [Double] = []
        var loadBefore = ""
        var startupFloor: [Double] = []
        var indexBytes: Int64 = 0
        var verified = false
        var verifyNote = ""

        var stats: Stats { Stats(runs) }
    }

    var log: String
    var hanchot: String
    var runs = 200
    /// Where the copy of the log goes.
    var workDir: String

    func run() -> Result {
        var r = Result()
        let copy = workDir + "/done-latency.jsonl"
        let index = copy + ".idx"
        let out = workDir + "/done-latency.out"
        heading("done latency: \(hanchot) done … (\(runs) runs + 1 first run)")
        copyFile(log, copy)
        removeFile(index)
        defer { removeFile(copy); removeFile(index); removeFile(out) }
        r.logBytes = fileSize(copy) ?? 0

        // Distinct open assignments, spread over the whole log (old and new directives alike).
        let before = ReplayBench.fold(copy)
        r.logEvents = before.ledger.eventCount
        let open = before.ledger.assignments.filter { $0.isOpen }
        guard open.count >= runs + 1 else { fail("the log has only \(open.count) open assignments; need \(runs + 1)") }
        var targets: [Assignment.Key] = []
        let stride = Double(open.count) / Double(runs + 1)
        for i in 0...runs { targets.append(open[Int(Double(i) * stride)].key) }
        line("log copy", "\(mib(r.logBytes)), \(grouped(r.logEvents)) events applied, \(grouped(open.count)) open assignments")

        // The cost of starting the binary at all, for reference.
        for _ in 0..<20 {
            let (status, t, _) = HanchotBenchSupport.run(hanchot, ["--version"], output: out)
            guard status == 0 else { fail("\(hanchot) --version exited \(status): \(readText(out))") }
            r.startupFloor.append(t)
        }

        func done(_ key: Assignment.Key) -> (Double, Double) {
            let args = ["done", key.directive, key.task, "--unit", key.unit, "--log", copy, "--lang", "en"]
            let (status, t, cpu) = HanchotBenchSupport.run(hanchot, args, output: out)
            let text = readText(out)
            guard status == 0, text.hasPrefix("Recorded:") else {
                fail("hanchot \(args.joined(separator: " ")) exited \(status): \(text)")
            }
            return (t, cpu)
        }
        r.loadBefore = loadAverage()
        (r.first, r.firstCPU) = done(targets[0])
        r.indexBytes = fileSize(index) ?? 0
        line("first run (builds \(index.split(separator: "/").last!))", "\(ms(r.first))  (index: \(mib(r.indexBytes)))")
        for key in targets.dropFirst() {
            let (t, cpu) = done(key)
            r.runs.append(t)
            r.cpu.append(cpu)
        }

        // Every run's completion is in the log, once, and replay still reads it cleanly.
        let after = ReplayBench.fold(copy)
        let recorded = targets.filter { key in
            after.ledger.directives[key.directive]?.assignments.contains { $0.key == key && $0.completedAt != nil } ?? false
        }.count
        let newProblems = after.problems.count - before.problems.count
        r.verified = after.ledger.eventCount == before.ledger.eventCount + runs + 1 && recorded == runs + 1 && newProblems == 0
        r.verifyNote = "\(grouped(after.ledger.eventCount - before.ledger.eventCount)) events added, \(recorded)/\(runs + 1) completions recorded, \(newProblems) new problems"
        DoneLatencyBench.print(r)
        return r
    }

    static func print(_ r: Result) {
        let s = r.stats
        line("hanchot --version (start floor)", "median \(ms(Stats(r.startupFloor).median))")
        line("first run (may rebuild .idx)", "\(ms(r.first)) (CPU \(ms(r.firstCPU)))")
        line("done: median", "\(ms(s.median))   [target ≤ 10 ms]")
        line("done: p90 / p99 / max", "\(ms(s.percentile(90))) / \(ms(s.percentile(99))) / \(ms(s.max))")
        line("done: min / mean", "\(ms(s.min)) / \(ms(s.mean))  (\(s.sorted.count) runs)")
        let c = Stats(r.cpu)
        line("done: CPU time median / p99", "\(ms(c.median)) / \(ms(c.percentile(99)))  (user+sys of the child; load average before: \(r.loadBefore))")
        line("verified", (r.verified ? "yes: " : "NO: ") + r.verifyNote)
    }
}
