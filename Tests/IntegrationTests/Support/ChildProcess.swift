import Foundation
import Glibc

/// A process started with posix_spawn: standard output and error go to files (never pipes, so
/// nothing can block), signals are at their defaults and none is blocked.
///
/// Whoever starts one must end it: ``terminate()`` sends SIGTERM, then SIGKILL if it lingers.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    let name: String
    let stdoutPath: String
    let stderrPath: String
    private let lock = NSLock()
    private var exitStatus: Int32?

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    init(_ executable: String, _ args: [String], env: [String: String], outputIn dir: URL, name: String) throws {
        self.name = name
        let tag = "\(name)-\(UUID().uuidString.prefix(8))"
        stdoutPath = dir.appendingPathComponent("\(tag).out").path
        stderrPath = dir.appendingPathComponent("\(tag).err").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, s) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, &attr, argv, envp)
        guard rc == 0 else { throw SpawnError(description: "posix_spawn \(executable): \(String(cString: strerror(rc)))") }
        pid = child
    }

    deinit { terminate() }

    /// The exit status if it has exited (reaping it), else nil. Killed by a signal: 128 + signal.
    func poll() -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        guard r == pid else { return nil }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros: decode by hand.
        let signal = status & 0x7f
        exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return exitStatus
    }

    var isRunning: Bool { poll() == nil }

    /// Waits up to `timeout` seconds for the process to exit.
    @discardableResult
    func wait(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let s = poll() { return s }
            if Date() >= deadline { return nil }
            usleep(5_000)
        }
    }

    func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// SIGTERM, then SIGKILL after `grace` seconds; always reaps. Returns the exit status.
    @discardableResult
    func terminate(grace: Double = 3) -> Int32? {
        if let s = poll() { return s }
        kill(pid, SIGTERM)
        if let s = wait(timeout: grace) { return s }
        kill(pid, SIGKILL)
        return wait(timeout: 5)
    }

    /// `kill -9`, and reap.
    func killHard() {
        if isRunning { kill(pid, SIGKILL) }
        wait(timeout: 5)
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Runs to completion (killed after `timeout` seconds).
    static func run(_ executable: String, _ args: [String], env: [String: String], outputIn dir: URL, name: String,
                    timeout: Double = 30) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = try ChildProcess(executable, args, env: env, outputIn: dir, name: name)
        guard let status = p.wait(timeout: timeout) else {
            p.terminate(grace: 1)
            throw SpawnError(description: "\(name) \(args) did not finish within \(timeout) s")
        }
        let result = (status, p.stdout, p.stderr)
        try? FileManager.default.removeItem(atPath: p.stdoutPath)
        try? FileManager.default.removeItem(atPath: p.stderrPath)
        return result
    }
}
