import Foundation
import Testing

@Suite("Concurrent appends")
struct ConcurrentAppendTests {
    static let processes = 8
    static let perProcess = 500
    // 250 directives × 2 tasks = 500 tasks, each assigned to the 8 units: 4000 assignments. Small
    // directives keep each fold cheap (a completion is matched by a linear search of its directive's
    // assignments), which matters with 4000 debug-build processes each folding the whole log.
    static let directives = 250
    static let tasksPerDirective = 2

    static func directiveID(_ d: Int) -> String { "C" + String(repeating: "0", count: 3 - String(d).count) + String(d) }

    @Test("8 processes × 500 `hanchot done` each: every event lands exactly once, on its own valid line",
          .timeLimit(.minutes(90)))
    func eightTimesFiveHundred() throws {
        #expect(Self.directives * Self.tasksPerDirective == Self.perProcess)
        let s = try Sandbox()
        let clock = ContinuousClock()
        let setupStart = clock.now
        let units = (1...Self.processes).map { "U\($0)" }
        for d in 1...Self.directives {
            let tasks = (1...Self.tasksPerDirective).map { t in
                #"{"id":"\#(t)","text":"việc \#(t)","assignees":[\#(units.map { "\"\($0)\"" }.joined(separator: ","))],"due":"31/12/2021"}"#
            }.joined(separator: ",")
            let doc = #"{"directive":"\#(Self.directiveID(d))","number":"\#(d)-CV","title":"Tải \#(d)","tasks":[\#(tasks)]}"#
            try s.ok(["issue", "-"], stdin: Data(doc.utf8))
        }
        try #require(s.logLines().count == Self.directives)
        print("EndToEnd concurrency: issuing \(Self.directives) directives took \(clock.now - setupStart)")

        // Each process is a shell loop of 500 sequential `done` invocations for its unit.
        let bin = try Binary.path().path
        let pairs = (1...Self.directives).flatMap { d in (1...Self.tasksPerDirective).map { "\(Self.directiveID(d)):\($0)" } }
        let script = """
            bin="$1"; log="$2"; unit="$3"; fails=0
            for pair in \(pairs.joined(separator: " ")); do
              d="${pair%%:*}"; t="${pair##*:}"
              if ! "$bin" done "$d" "$t" --unit "$unit" --id "c-$unit-$d-$t" --log "$log" >/dev/null; then
                fails=$((fails + 1)); echo "FAILED $unit $d $t" >&2
              fi
            done
            echo "$unit: $fails failures"
            [ "$fails" -eq 0 ]
            """
        let start = clock.now
        let running = try units.map { unit in
            try RunningProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script, "sh", bin, s.log.path, unit],
                               env: s.environment(), workDir: s.dir)
        }
        let results = try running.map { try $0.finish() }
        let elapsed = clock.now - start
        print("EndToEnd concurrency: \(Self.processes) × \(Self.perProcess) `hanchot done` took \(elapsed)")
        for (unit, r) in zip(units, results) {
            #expect(r.status == 0, "\(unit): \(r)")
        }

        // Every line is a whole JSON object: no two writes interleaved.
        let lines = s.logLines()
        #expect(s.logData().last == 0x0A)
        #expect(lines.count == Self.directives + Self.processes * Self.perProcess)
        var completions: [String: Int] = [:]
        var badLines = 0
        for line in lines {
            guard let e = Sandbox.json(line) else { badLines += 1; continue }
            if e["type"] as? String == "task.completed", let id = e["id"] as? String { completions[id, default: 0] += 1 }
        }
        #expect(badLines == 0)
        let expected = Set(units.flatMap { u in pairs.map { p in "c-\(u)-\(p.replacingOccurrences(of: ":", with: "-"))" } })
        #expect(expected.count == 4000)
        #expect(Set(completions.keys) == expected)
        #expect(completions.values.allSatisfy { $0 == 1 }, "some completion was written more than once")

        let verify = try s.ok(["verify"])
        #expect(verify.stdout.contains("4250 lines, 4250 valid events, 250 directives, 0 problems."), "\(verify)")
        #expect(try s.ok(["status"]).stdout.contains("Nothing is open."))
    }
}
