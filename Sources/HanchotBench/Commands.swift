#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import HanchotCore
import HanchotLog

struct HanchotBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hanchot-bench",
        abstract: "Benchmarks for hanchot: replay, `hanchot done` latency, concurrent appends.",
        discussion: "Build in release mode first; scripts/bench.sh does everything in one command.",
        subcommands: [Generate.self, Replay.self, DoneLatency.self, AppendThroughput.self, All.self,
                      AppendWorker.self, ReplayOnce.self, DecodeOnce.self]
    )
}

/// The default `hanchot` binary: the one built beside this executable.
func defaultHanchot() -> String { directoryOf(selfExecutable()) + "/hanchot" }

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write a realistic generated event log.")

    @Option(help: "Number of events (lines).") var events = 1_000_000
    @Option(help: "Number of directives (default: events / 100).") var directives: Int?
    @Option(help: "Share of deliberately invalid events (replay rejects them).") var rejectRate = 0.0005
    @Option(help: "The log file to write (overwritten).") var out: String

    func run() {
        _ = Generate.generate(events: events, directives: directives, rejectRate: rejectRate, out: out)
    }

    static func generate(events: Int, directives: Int?, rejectRate: Double, out: String) -> LogGenerator.Report {
        var g = LogGenerator(totalEvents: events, directives: directives)
        g.rejectRate = rejectRate
        heading("generate: \(out)")
        let r = g.write(to: out)
        line("events written", "\(grouped(r.events)) in \(fmt(r.seconds, 2)) s (\(grouped(Int(Double(r.events) / r.seconds))) events/s)")
        line("directives / assignments", "\(grouped(r.directives)) / \(grouped(r.assignments)) (\(g.tasksPerDirective) tasks, 2–4 units each)")
        for type in EventType.allCases {
            line("  \(type.rawValue)", grouped(r.byType[type] ?? 0))
        }
        line("applied by the fold / rejected", "\(grouped(r.applied)) / \(grouped(r.rejected)) (deliberate: reject rate \(rejectRate))")
        line("revoked directives", grouped(r.revoked))
        line("open assignments at the end", grouped(r.openAtEnd))
        line("file size", "\(mib(r.bytes)) (\(grouped(r.bytes)) bytes, \(grouped(Int(r.bytes) / max(1, r.events))) bytes/line)")
        return r
    }
}

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Time replay+fold against a raw newline count.")

    @Option(help: "The log to replay.") var log: String
    @Option(help: "Timed runs of each pass.") var runs = 3

    func run() { _ = ReplayBench(log: log, runs: runs).run() }
}

struct DoneLatency: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done-latency", abstract: "Time the real `hanchot done` on a copy of a large log.")

    @Option(help: "The log to copy and append to.") var log: String
    @Option(help: "The hanchot binary (default: the one beside this executable).") var hanchot: String?
    @Option(help: "Timed runs (after one first run).") var runs = 200
    @Option(help: "Where the copy goes (default: beside the log).") var dir: String?

    func run() {
        _ = DoneLatencyBench(log: log, hanchot: hanchot ?? defaultHanchot(), runs: runs, workDir: dir ?? directoryOf(log)).run()
    }
}

struct AppendThroughput: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "append-throughput", abstract: "Concurrent appends from several processes into one log.")

    @Option(help: "Scratch directory.") var dir: String
    @Option(help: "Writer processes.") var writers = 4
    @Option(help: "Appends per writer (one event each).") var appendsPerWriter = 2000
    @Option(help: "Start from a copy of this log (e.g. a 1M-event log, to go through the index).") var baseLog: String?

    func run() {
        makeDirectory(dir)
        _ = AppendBench(dir: dir, writers: writers, perWriter: appendsPerWriter, baseLog: baseLog,
                        label: baseLog == nil ? "small" : "indexed").run()
    }
}

struct AppendWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "append-worker", abstract: "(internal) One writer process of append-throughput.",
                                                    shouldDisplay: false)

    @Option var log: String
    @Option var worker: Int
    @Option var count: Int
    @Option var go: String
    @Option var ready: String

    func run() { AppendWorkerRun(log: log, worker: worker, count: count, go: go, ready: ready).run() }
}

struct DecodeOnce: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decode-once", abstract: "(internal) Time decoding alone, once: for comparing decoders.",
                                                    shouldDisplay: false)

    @Option var log: String

    func run() {
        let start = nowNanos()
        let cpuStart = cpuNanos()
        let views = ReplayBench.decodeOnly(log)
        print("decode_ms=\(seconds(since: start) * 1000) cpu_ms=\(Double(cpuNanos() - cpuStart) / 1e6) views=\(views)")
    }
}

struct ReplayOnce: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay-once", abstract: "(internal) One loadLedger, then print the peak RSS and its times (wall, CPU, the fold thread's CPU).",
                                                    shouldDisplay: false)

    @Option var log: String
    @Flag(help: "Do not replay: report the process's own floor.") var skip = false

    func run() {
        var events = 0
        var timing = ""
        if !skip {
            let foldStart = threadCPUNanos()
            let r = ReplayBench.fold(log)
            events = r.ledger.eventCount
            // The calling thread folds; the rest of the CPU time is the reading thread's.
            let fold = Double(threadCPUNanos() - foldStart) / 1e6
            timing = String(format: " wall_ms=%.1f cpu_ms=%.1f fold_cpu_ms=%.1f", r.seconds * 1e3, r.cpu * 1e3, fold)
        }
        print("events=\(events) vmhwm_kib=\(peakRSSKiB())\(timing)")
    }
}

struct All: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "all", abstract: "generate + replay + done-latency + append-throughput, then a summary.")

    @Option(help: "Events in the generated log.") var events = 1_000_000
    @Option(help: "Scratch directory (files are left there: remove it afterwards).") var dir: String
    @Option(help: "The hanchot binary (default: the one beside this executable).") var hanchot: String?
    @Option(help: "Timed `hanchot done` runs.") var runs = 200
    // Five, not three: this VM's speed swings from one run to the next (see the README).
    @Option(help: "Timed runs of each replay pass (raw read, decode only, replay+fold).") var replayRuns = 5
    @Option(help: "Writer processes.") var writers = 4
    @Option(help: "Appends per writer.") var appendsPerWriter = 2000
    @Flag(help: "Skip the append run against the large (indexed) log.") var skipIndexedAppend = false

    func run() {
        makeDirectory(dir)
        let log = dir + "/events.jsonl"
        let gen = Generate.generate(events: events, directives: nil, rejectRate: 0.0005, out: log)
        let replay = ReplayBench(log: log, runs: replayRuns).run()
        let done = DoneLatencyBench(log: log, hanchot: hanchot ?? defaultHanchot(), runs: runs, workDir: dir).run()
        let small = AppendBench(dir: dir, writers: writers, perWriter: appendsPerWriter, baseLog: nil, label: "small").run()
        let indexed = skipIndexedAppend ? nil
            : AppendBench(dir: dir, writers: writers, perWriter: appendsPerWriter, baseLog: log, label: "indexed").run()
        removeFile(log)
        All.summary(gen: gen, replay: replay, done: done, small: small, indexed: indexed)
    }

    static func summary(gen: LogGenerator.Report, replay r: ReplayBench.Result, done d: DoneLatencyBench.Result,
                        small: AppendBench.Result, indexed: AppendBench.Result?) {
        var uts = utsname()
        uname(&uts)
        let kernel = withUnsafeBytes(of: &uts.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        let ds = d.stats
        let dc = Stats(d.cpu)
        func pass(_ ok: Bool) -> String { ok ? "PASS" : "FAIL" }
        print("")
        print("==== hanchot benchmark summary " + String(repeating: "=", count: 48))
        print("machine: \(cores) cores, Linux \(kernel); release build; page cache warm; load average at the end \(loadAverage())")
        print("  (wall-clock numbers include waiting for a core when other work runs; CPU-time numbers do not)")
        print("log: \(grouped(gen.events)) events (\(grouped(gen.directives)) directives, \(grouped(gen.assignments)) assignments), "
              + "\(mib(gen.bytes)), written in \(fmt(gen.seconds, 1)) s; fold applied \(grouped(r.applied)), skipped \(grouped(r.problemCount)) (deliberate bad events)")
        print("  mix: " + EventType.allCases.map { "\($0.rawValue) \(grouped(gen.byType[$0] ?? 0))" }.joined(separator: ", "))
        print("replay (a) raw 4 MiB read+memchr: best \(ms(r.rawBest)), median \(ms(r.rawMedian))")
        print("replay (b) loadLedger: best \(ms(r.foldBest)) = \(fmt(r.bestRate / 1e6, 2))M events/s, "
              + "median \(ms(r.foldMedian)) = \(fmt(r.medianRate / 1e6, 2))M events/s; "
              + "CPU \(ms(r.foldCPUBest)) = \(fmt(r.cpuRate / 1e6, 2))M events per CPU-second")
        print("replay (b)/(a): best \(fmt(r.ratioBest, 2))×, median \(fmt(r.ratioMedian, 2))×; "
              + "peak RSS \(fmt(Double(r.rssKiB) / 1024, 1)) MiB (process floor \(fmt(Double(r.floorRSSKiB) / 1024, 1)) MiB)")
        print("hanchot done on a copy of the log: first run \(ms(d.first)) (builds .idx, \(mib(d.indexBytes))); "
              + "median \(ms(ds.median)), p99 \(ms(ds.percentile(99))), max \(ms(ds.max)) over \(ds.sorted.count) runs "
              + "(CPU median \(ms(dc.median)), p99 \(ms(dc.percentile(99)))); `hanchot --version` start \(ms(Stats(d.startupFloor).median)); "
              + "verified: \(d.verified ? "yes" : "NO")")
        for a in [small] + (indexed.map { [$0] } ?? []) {
            let s = Stats(a.latencies)
            print("append, \(a.label) log (\(mib(a.startBytes)) → \(mib(a.endBytes))): \(a.writers) processes × \(grouped(a.perWriter)) = "
                  + "\(grouped(Int(a.rate))) appends/s; per append median \(ms(s.median)), p99 \(ms(s.percentile(99))), max \(ms(s.max)); "
                  + "every event exactly once, no interleaving: \(a.verified ? "yes" : "NO")")
        }
        // The target is wall time. Replay reads on one thread and folds on another, so its CPU
        // time is up to twice its wall time; events per CPU-second is printed above, not judged.
        print("targets: replay ≥ 2M events/s: \(pass(r.bestRate >= 2_000_000)); "
              + "ratio ≤ 6×: \(pass(r.ratioBest <= 6)); done median ≤ 10 ms: \(pass(ds.median <= 0.010)) (CPU: \(pass(dc.median <= 0.010)))")
        print(String(repeating: "=", count: 79))
    }
}
