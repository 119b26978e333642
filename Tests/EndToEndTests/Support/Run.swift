import Foundation

/// What a finished process left behind.
struct RunResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// A started process. Standard input, output and error go through temporary files, not pipes,
/// so large inputs and outputs cannot deadlock.
final class RunningProcess {
    private let process = Process()
    private let io: URL
    private var handles: [FileHandle] = []

    init(_ executable: URL, _ args: [String], env: [String: String], stdin: Data? = nil, workDir: URL) throws {
        io = workDir.appendingPathComponent(".io-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: io, withIntermediateDirectories: true)
        let inURL = io.appendingPathComponent("in")
        try (stdin ?? Data()).write(to: inURL)
        _ = fm.createFile(atPath: io.appendingPathComponent("out").path, contents: nil)
        _ = fm.createFile(atPath: io.appendingPathComponent("err").path, contents: nil)
        let input = try FileHandle(forReadingFrom: inURL)
        let output = try FileHandle(forWritingTo: io.appendingPathComponent("out"))
        let error = try FileHandle(forWritingTo: io.appendingPathComponent("err"))
        handles = [input, output, error]
        process.executableURL = executable
        process.arguments = args
        process.environment = env
        process.currentDirectoryURL = workDir
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            cleanUp()
            throw error
        }
    }

    /// Waits for the process to exit and collects what it wrote.
    func finish() throws -> RunResult {
        process.waitUntilExit()
        defer { cleanUp() }
        let out = try Data(contentsOf: io.appendingPathComponent("out"))
        let err = try Data(contentsOf: io.appendingPathComponent("err"))
        return RunResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                         stderr: String(decoding: err, as: UTF8.self), stdoutData: out)
    }

    private func cleanUp() {
        for h in handles { try? h.close() }
        handles = []
        try? FileManager.default.removeItem(at: io)
    }
}

/// Runs `executable` with `args` to completion.
func runProcess(_ executable: URL, _ args: [String], env: [String: String], stdin: Data? = nil,
                workDir: URL) throws -> RunResult {
    try RunningProcess(executable, args, env: env, stdin: stdin, workDir: workDir).finish()
}
