#if canImport(Glibc)
import Glibc
#endif
import HanchotCore
import HanchotLog

/// Replay measured against the cheapest possible pass over the same bytes.
struct ReplayBench {
    struct Result {
        var bytes: Int64 = 0
        var lines = 0
        var rawRuns: [Double] = []
        /// Decoding alone, on one thread: the reading thread's share of replay.
        var decodeRuns: [Double] = []
        var foldRuns: [Double] = []
        /// CPU seconds of each replay+fold run (immune to other processes competing for the cores).
        var foldCPURuns: [Double] = []
        var rawCPURuns: [Double] = []
        var loadBefore = ""
        var applied = 0
        var problems: [String: Int] = [:]
        var directives = 0
        var assignments = 0
        var rssKiB = 0
        var floorRSSKiB = 0

        var rawBest: Double { Stats(rawRuns).min }
        var rawMedian: Double { Stats(rawRuns).median }
        var foldBest: Double { Stats(foldRuns).min }
        var foldMedian: Double { Stats(foldRuns).median }
        var foldCPUBest: Double { Stats(foldCPURuns).min }
        var rawCPUBest: Double { Stats(rawCPURuns).min }
        var cpuRate: Double { Double(lines) / foldCPUBest }
        var bestRate: Double { Double(lines) / foldBest }
        var medianRate: Double { Double(lines) / foldMedian }
        var ratioBest: Double { foldBest / rawBest }
        var ratioMedian: Double { foldMedian / rawMedian }
        var problemCount: Int { problems.values.reduce(0, +) }
    }

    var log: String
    var runs = 3

    /// Reads the file in 4 MiB chunks and counts newlines with memchr.
    static func countNewlines(_ path: String) -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { fail("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let size = 4 << 20
        let buf = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buf.deallocate() }
        var count = 0
        while true {
            let n = read(fd, buf, size)
            if n < 0 { if errno == EINTR { continue }; fail("read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { return count }
            var p = UnsafeRawPointer(buf)
            let end = p + n
            while p < end, let nl = memchr(p, 0x0A, end - p) {
                count += 1
                p = UnsafeRawPointer(nl) + 1
            }
        }
    }

    /// Reads the file (see `forEachRawLine`) and decodes every line as replay's reading thread
    /// does (a packed view, or the full decoder for the lines that get none), folding nothing:
    /// the reading thread's part of replay, on this one. Answers how many lines had a view.
    static func decodeOnly(_ path: String) -> Int {
        var dates = Timestamp.DayMemo()
        var views = 0
        forEachRawLine(path) { line in
            if EventCodec.packedView(line, dates: &dates) != nil {
                views += 1
            } else {
                _ = try? EventCodec.decode(line)
            }
        }
        return views
    }

    /// One timed `loadLedger` of the whole log.
    static func fold(_ path: String) -> (seconds: Double, ledger: Ledger, problems: [LineProblem], cpu: Double) {
        let store = FileEventStore(path: .init(path), zone: .vietnam)
        let start = nowNanos()
        let cpuStart = cpuNanos()
        do {
            let r = try store.loadLedger(zone: .vietnam)
            return (seconds(since: start), r.ledger, r.problems, Double(cpuNanos() - cpuStart) / 1e9)
        } catch {
            fail("replay of \(path) failed: \(error)")
        }
    }

    func run(verbose: Bool = true) -> Result {
        var r = Result()
        r.bytes = fileSize(log) ?? 0
        if verbose {
            heading("replay: \(log)")
            line("file", "\(mib(r.bytes)) (page cache warm: the file was read just before)")
        }
        // Warm the page cache so that both passes measure CPU, not the disk.
        _ = ReplayBench.countNewlines(log)
        r.loadBefore = loadAverage()
        for i in 0..<runs {
            let start = nowNanos()
            let cpuStart = cpuNanos()
            r.lines = ReplayBench.countNewlines(log)
            r.rawRuns.append(seconds(since: start))
            r.rawCPURuns.append(Double(cpuNanos() - cpuStart) / 1e9)
            if verbose { line("raw read+memchr, run \(i + 1)", "\(ms(r.rawRuns.last!))  (\(grouped(r.lines)) lines)") }
        }
        for i in 0..<runs {
            let start = nowNanos()
            let views = ReplayBench.decodeOnly(log)
            r.decodeRuns.append(seconds(since: start))
            if verbose { line("decode only, one thread, run \(i + 1)", "\(ms(r.decodeRuns.last!))  (\(grouped(views)) views)") }
        }
        for i in 0..<runs {
            let (t, ledger, problems, cpu) = ReplayBench.fold(log)
            r.foldRuns.append(t)
            r.foldCPURuns.append(cpu)
            if i == 0 {
                r.applied = ledger.eventCount
                r.directives = ledger.directives.count
                r.assignments = ledger.directives.values.reduce(0) { $0 + $1.assignments.count }
                for p in problems {
                    let key: String
                    switch p.kind {
                    case .malformed: key = "malformed"
                    case .tornTail: key = "torn tail"
                    case .rejected(let f): key = "rejected (\(f.code))"
                    case .duplicateID: key = "duplicate id"
                    }
                    r.problems[key, default: 0] += 1
                }
            }
            if verbose {
                line("replay+fold (loadLedger), run \(i + 1)",
                     "\(ms(t))  (\(fmt(Double(r.lines) / t / 1e6, 2))M events/s; CPU \(ms(cpu)))")
            }
        }
        // Peak RSS in fresh processes: one that replays, one that only starts (the floor).
        r.rssKiB = ReplayBench.childRSS(log: log, skip: false)
        r.floorRSSKiB = ReplayBench.childRSS(log: log, skip: true)
        if verbose { ReplayBench.print(r) }
        return r
    }

    static func childRSS(log: String, skip: Bool) -> Int {
        let out = "\(log).rss.\(getpid()).txt"
        defer { removeFile(out) }
        let (status, _, _) = HanchotBenchSupport.run(selfExecutable(), ["replay-once", "--log", log] + (skip ? ["--skip"] : []), output: out)
        let text = readText(out)
        guard status == 0, let kib = reportValues(text)["vmhwm_kib"].flatMap({ Int($0) }) else {
            fail("replay-once exited \(status): \(text)")
        }
        return kib
    }

    static func print(_ r: Result) {
        heading("replay results")
        line("lines", grouped(r.lines))
        line("applied by the fold", "\(grouped(r.applied))  (\(grouped(r.directives)) directives, \(grouped(r.assignments)) assignments)")
        line("skipped (reported problems)", "\(grouped(r.problemCount))"
             + (r.problems.isEmpty ? "" : "  " + r.problems.sorted { $0.key < $1.key }.map { "\($0.key): \(grouped($0.value))" }.joined(separator: ", ")))
        line("(a) raw 4 MiB read + memchr", "best \(ms(r.rawBest)), median \(ms(r.rawMedian))  (\(fmt(Double(r.bytes) / r.rawBest / 1_073_741_824, 2)) GiB/s)")
        line("decode only (reading thread's work)", "best \(ms(Stats(r.decodeRuns).min)), median \(ms(Stats(r.decodeRuns).median))  (one thread, nothing folded)")
        line("(b) replay+fold (loadLedger)", "best \(ms(r.foldBest)), median \(ms(r.foldMedian))")
        line("(b) events/s", "best \(grouped(Int(r.bestRate))), median \(grouped(Int(r.medianRate)))   [target ≥ 2,000,000]")
        line("(b) events per CPU-second", "\(grouped(Int(r.cpuRate)))  (best CPU time \(ms(r.foldCPUBest)); load average before: \(r.loadBefore))")
        line("(b)/(a) ratio", "best \(fmt(r.ratioBest, 2))×, median \(fmt(r.ratioMedian, 2))×   [target ≤ 6×]")
        line("peak RSS, replay process", "\(fmt(Double(r.rssKiB) / 1024, 1)) MiB VmHWM (fresh process, one loadLedger)")
        line("peak RSS, process floor", "\(fmt(Double(r.floorRSSKiB) / 1024, 1)) MiB VmHWM (same binary, no replay)")
    }
}

/// Namespaced so that `run` in a struct above does not shadow the free function.
enum HanchotBenchSupport {
    /// Runs a process to completion: its exit status, the wall time from spawn to reaped, and
    /// the CPU time it used.
    static func run(_ path: String, _ arguments: [String], output: String) -> (status: Int32, seconds: Double, cpu: Double) {
        let start = nowNanos()
        let pid = spawn(path, arguments, output: output)
        let (status, cpu) = waitForWithCPU(pid)
        return (status, seconds(since: start), cpu)
    }
}
