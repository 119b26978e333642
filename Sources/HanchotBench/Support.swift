#if canImport(Glibc)
import Glibc
#endif
import HanchotCore

// Small helpers shared by the benchmark commands: a monotonic clock, statistics, formatting,
// spawning child processes (posix_spawn, so that the timing is not blurred by Foundation's
// run loop), and reading this process's peak RSS.

/// Nanoseconds on the monotonic clock.
func nowNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Nanoseconds of CPU time this process has used (user + system, all threads).
func cpuNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Nanoseconds of CPU time the calling thread has used (replay folds on the calling thread, so
/// this is the fold's share of a replay).
func threadCPUNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// The 1-minute load average (how busy the machine was: other work skews wall-clock times).
func loadAverage() -> String {
    String(readText("/proc/loadavg").split(separator: " ").first ?? "?")
}

/// Seconds since `start` (from ``nowNanos()``).
func seconds(since start: UInt64) -> Double { Double(nowNanos() - start) / 1e9 }

struct Stats {
    var sorted: [Double]

    init(_ values: [Double]) { sorted = values.sorted() }

    var min: Double { sorted.first ?? .nan }
    var max: Double { sorted.last ?? .nan }
    var median: Double { percentile(50) }
    var mean: Double { sorted.isEmpty ? .nan : sorted.reduce(0, +) / Double(sorted.count) }

    /// Nearest-rank percentile.
    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        if p == 50, sorted.count % 2 == 0 {
            return (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}

/// `1234567` → `1,234,567`.
func grouped<T: BinaryInteger>(_ n: T) -> String {
    let s = String(n.magnitude)
    var out = ""
    for (i, c) in s.enumerated() {
        if i > 0, (s.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

/// Fixed-point formatting without Foundation.
func fmt(_ x: Double, _ decimals: Int = 2) -> String {
    guard x.isFinite else { return "\(x)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (abs(x) * scale).rounded()
    let whole = Int64(r / scale)
    let frac = Int64(r - Double(whole) * scale)
    var fracText = String(frac)
    while fracText.count < decimals { fracText = "0" + fracText }
    let sign = x < 0 && r != 0 ? "-" : ""
    return decimals == 0 ? "\(sign)\(grouped(whole))" : "\(sign)\(grouped(whole)).\(fracText)"
}

func mib(_ bytes: Int64) -> String { fmt(Double(bytes) / 1_048_576, 1) + " MiB" }
func ms(_ seconds: Double) -> String { fmt(seconds * 1000, 2) + " ms" }

/// A label padded to a column, for aligned reports.
func line(_ label: String, _ value: String) {
    let pad = Swift.max(0, 34 - label.count)
    print("  " + label + String(repeating: " ", count: pad) + value)
}

func heading(_ text: String) {
    print("")
    print("== " + text + " " + String(repeating: "=", count: Swift.max(0, 70 - text.count)))
}

/// Writes a line to standard error.
func printError(_ text: String) {
    var bytes = Array((text + "\n").utf8)
    bytes.withUnsafeMutableBytes { _ = write(2, $0.baseAddress!, $0.count) }
}

func fail(_ message: String) -> Never {
    printError("hanchot-bench: error: \(message)")
    exit(1)
}

// MARK: files

/// The size of a file, or nil.
func fileSize(_ path: String) -> Int64? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return Int64(st.st_size)
}

func removeFile(_ path: String) { _ = unlink(path) }

func makeDirectory(_ path: String) {
    if mkdir(path, 0o755) != 0, errno != EEXIST { fail("cannot create \(path): \(String(cString: strerror(errno)))") }
}

/// Copies a file (fully, then fsync-free: the copies are scratch data).
func copyFile(_ from: String, _ to: String) {
    let src = open(from, O_RDONLY | O_CLOEXEC)
    guard src >= 0 else { fail("cannot open \(from): \(String(cString: strerror(errno)))") }
    defer { close(src) }
    let dst = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard dst >= 0 else { fail("cannot create \(to): \(String(cString: strerror(errno)))") }
    defer { close(dst) }
    let size = 4 << 20
    let buf = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    defer { buf.deallocate() }
    while true {
        let n = read(src, buf, size)
        if n < 0 { if errno == EINTR { continue }; fail("read \(from): \(String(cString: strerror(errno)))") }
        if n == 0 { break }
        writeAll(dst, UnsafeRawBufferPointer(start: buf, count: n), path: to)
    }
}

func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) {
    var done = 0
    while done < bytes.count {
        let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
        if n < 0 { if errno == EINTR { continue }; fail("write \(path): \(String(cString: strerror(errno)))") }
        done += n
    }
}

/// Appends raw lines to a file (no locking: used only while nothing else writes the file).
func appendLines(_ lines: [String], to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { fail("cannot open \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var data = [UInt8]()
    for l in lines { data.append(contentsOf: l.utf8); data.append(0x0A) }
    data.withUnsafeBytes { writeAll(fd, $0, path: path) }
}

/// Calls `body` with each line of the file (without its newline); the bytes are valid only
/// during the call. Returns the number of bytes after the last newline.
@discardableResult
func forEachRawLine(_ path: String, _ body: (UnsafeRawBufferPointer) -> Void) -> Int {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { fail("cannot open \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    let capacity = 8 << 20
    let buf = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buf.deallocate() }
    var filled = 0
    while true {
        let n = read(fd, buf + filled, capacity - filled)
        if n < 0 { if errno == EINTR { continue }; fail("read \(path): \(String(cString: strerror(errno)))") }
        if n == 0 { return filled }
        filled += n
        var start = 0
        while start < filled, let nl = memchr(buf + start, 0x0A, filled - start) {
            let end = UnsafeRawPointer(nl) - UnsafeRawPointer(buf)
            body(UnsafeRawBufferPointer(start: buf + start, count: end - start))
            start = end + 1
        }
        if start == 0, filled == capacity { fail("\(path): a line longer than \(capacity) bytes") }
        memmove(buf, buf + start, filled - start)
        filled -= start
    }
}

// MARK: processes

/// This executable's path.
func selfExecutable() -> String {
    var buf = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buf, buf.count - 1)
    guard n > 0 else { fail("cannot read /proc/self/exe") }
    buf[n] = 0
    return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func directoryOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return String(path[..<slash])
}

/// Starts `path` with `arguments`; stdout and stderr go to `output` (a file, truncated).
func spawn(_ path: String, _ arguments: [String], output: String) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
    guard rc == 0 else { fail("cannot start \(path): \(String(cString: strerror(rc)))") }
    return pid
}

/// Waits for `pid`; returns its exit status (or 128 + signal).
func waitFor(_ pid: pid_t) -> Int32 { waitForWithCPU(pid).status }

/// Waits for `pid`; returns its exit status (or 128 + signal) and the CPU time it used (user +
/// system), which other processes competing for the cores do not inflate.
func waitForWithCPU(_ pid: pid_t) -> (status: Int32, cpu: Double) {
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        if errno != EINTR { fail("wait4: \(String(cString: strerror(errno)))") }
    }
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    // WIFEXITED / WEXITSTATUS / WTERMSIG are macros; decode by hand.
    if status & 0x7F == 0 { return ((status >> 8) & 0xFF, cpu) }
    return (128 + (status & 0x7F), cpu)
}

func readText(_ path: String) -> String {
    var bytes = [UInt8]()
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return "" }
    defer { close(fd) }
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// `key=value` pairs from a child's report lines.
func reportValues(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    for l in text.split(separator: "\n") {
        for part in l.split(separator: " ") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            out[String(part[..<eq])] = String(part[part.index(after: eq)...])
        }
    }
    return out
}

/// This process's peak resident set size (VmHWM), in KiB.
func peakRSSKiB() -> Int {
    for l in readText("/proc/self/status").split(separator: "\n") where l.hasPrefix("VmHWM:") {
        return Int(l.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }
    return 0
}

// MARK: deterministic randomness

/// The generator of generated logs, with the two draws the generator needs.
typealias SplitMix = SplitMix64

extension SplitMix64 {
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// A random (version 4) UUID in lowercase, the form `hanchot` writes.
    mutating func uuid() -> String {
        let a = next(), b = next()
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        var bits = [UInt8](repeating: 0, count: 32)
        for i in 0..<16 { bits[i] = UInt8((a >> (UInt64(i) * 4)) & 0xF); bits[16 + i] = UInt8((b >> (UInt64(i) * 4)) & 0xF) }
        bits[12] = 4
        bits[16] = 8 | (bits[16] & 3)
        for i in 0..<32 {
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(bits[i])])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
