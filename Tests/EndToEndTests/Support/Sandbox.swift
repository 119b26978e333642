import Foundation
import Testing

/// A fresh temporary directory with its own log and config, removed when the sandbox goes away.
///
/// Every command runs the real binary with a fixed clock (`HANCHOT_NOW`), English messages
/// (`HANCHOT_LANG`), a config file inside the sandbox (`HANCHOT_CONFIG`, so nothing in
/// /etc/hanchot is read) and, unless the arguments name one, `--log` pointing at `log`.
final class Sandbox {
    static let defaultNow = "2021-12-20T09:00"

    let dir: URL
    let log: URL
    let config: URL
    var now = Sandbox.defaultNow
    var lang = "en"

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        dir = base.appendingPathComponent("hanchot-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        log = dir.appendingPathComponent("events.jsonl")
        config = dir.appendingPathComponent("hanchot.toml")
        try Data("[locale]\ntimezone = \"Asia/Ho_Chi_Minh\"\n".utf8).write(to: config)
    }

    deinit {
        try? FileManager.default.removeItem(at: dir)
    }

    /// The environment every command gets; `extra` overrides it.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HANCHOT_") }
        env["HANCHOT_NOW"] = now
        env["HANCHOT_LANG"] = lang
        env["HANCHOT_CONFIG"] = config.path
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Runs `hanchot ARGS [--log LOG]`.
    func run(_ args: [String], env: [String: String] = [:], stdin: Data? = nil) throws -> RunResult {
        var args = args
        if args.first != "config", !args.contains("--log"), !args.contains(where: { $0.hasPrefix("--log=") }) {
            args += ["--log", log.path]
        }
        return try runProcess(try Binary.path(), args, env: environment(env), stdin: stdin, workDir: dir)
    }

    /// Runs a command that must succeed; records a failure (at the caller) with its output otherwise.
    @discardableResult
    func ok(_ args: [String], env: [String: String] = [:], stdin: Data? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
        let r = try run(args, env: env, stdin: stdin)
        if r.status != 0 {
            Issue.record("`hanchot \(args.joined(separator: " "))` failed: \(r)", sourceLocation: sourceLocation)
        }
        return r
    }

    // MARK: files

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL { try write(name, Data(text.utf8)) }

    /// The log's bytes (empty when there is no log yet).
    func logData() -> Data { (try? Data(contentsOf: log)) ?? Data() }

    /// The log's lines, without newlines (a torn last line is included as is).
    func logLines() -> [Data] { Sandbox.lines(of: logData()) }

    static func lines(of data: Data) -> [Data] {
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { Data($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Every line of the log as a JSON object; records a failure for a line that is not one.
    func events(sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
        logLines().enumerated().compactMap { (i, line) in
            guard let object = Sandbox.json(line) else {
                Issue.record("line \(i + 1) of the log is not a JSON object: \(String(decoding: line, as: UTF8.self))",
                             sourceLocation: sourceLocation)
                return nil
            }
            return object
        }
    }

    static func json(_ line: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: line)) as? [String: Any]
    }

    /// The names of the files in the sandbox directory (to see that nothing appeared beside the log).
    func fileNames() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !$0.hasPrefix(".io-") })
    }

    // MARK: fixtures

    /// Directive `D1` ("1-CV", issued 15/12/2021): task 1 for U1 and U2 due by the end of
    /// 31/12/2021, task 2 for U1 only due by the end of 24/12/2021, task 3 for U2 with no deadline.
    static let standardDirective = """
        {
          "directive": "D1",
          "number": "1-CV",
          "issuer": "Đảng ủy xã",
          "issued": "2021-12-15",
          "title": "Về việc tổng kết năm 2021",
          "recipients": ["U1", "U2"],
          "tasks": [
            {"id": "1", "text": "Báo cáo tổng kết", "assignees": ["U1", "U2"], "due": "31/12/2021"},
            {"id": "2", "text": "Kiểm tra phòng dịch", "assignees": ["U1"], "due": "24/12/2021"},
            {"id": "3", "text": "Tuyên truyền", "assignees": ["U2"]}
          ]
        }
        """

    /// Issues ``standardDirective`` (recorded at 2021-12-16 08:00).
    func issueStandard(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try ok(["issue", "-"], env: ["HANCHOT_NOW": "2021-12-16T08:00"], stdin: Data(Sandbox.standardDirective.utf8),
               sourceLocation: sourceLocation)
    }
}

extension Data {
    var text: String { String(decoding: self, as: UTF8.self) }
}
